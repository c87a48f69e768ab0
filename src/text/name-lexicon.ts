import { DEMONYMS, GIVEN_NAMES, PLACE_NAMES, PROPER_NAMES } from './lexicon-data.js';

/**
 * Proper names compromise's lexicon knows, by kind: given names (about 3,000, from many languages:
 * "Renata", "Volodymyr", "Abdoulaye") and places, countries, organisations and surnames
 * ("australia", "gaza", "nato"). Loaded on first use; lookups only (running compromise's tagger on
 * every candidate sentence was measured at 2.5 ms a sentence), from the lists scripts/lexicon-data.ts
 * took from its lexicon at build time: loading compromise itself costs 30–45 MB.
 */
interface NameLexicon {
  given: ReadonlySet<string>;
  proper: ReadonlySet<string>;
  places: ReadonlySet<string>;
  demonyms: ReadonlySet<string>;
}
let lexicon: NameLexicon | undefined;

/**
 * Whether a word is a given name: a run of capitalised words that opens with one is a person
 * ("Renata Solberg"); most that don't are places, products or bodies ("Kingsmere Transit").
 */
export function isFirstName(word: string): boolean {
  return (lexicon ??= load()).given.has(word.toLowerCase());
}

/**
 * Whether a word names a place, country, organisation or person's surname even when typed in lower
 * case ("capital of australia", "gaza ceasefire"): a question about one the articles never mention
 * is about something else.
 */
export function isKnownProperName(word: string): boolean {
  return (lexicon ??= load()).proper.has(word.toLowerCase());
}

/** Whether a word names a country, city or region ("uk", "gaza"), not an organisation or a surname. */
export function isKnownPlace(word: string): boolean {
  return (lexicon ??= load()).places.has(word.toLowerCase());
}

/** Whether a word is a demonym ("Ukrainian", "French"): capitalised, yet it names nothing by itself. */
export function isDemonym(word: string): boolean {
  return (lexicon ??= load()).demonyms.has(word.toLowerCase());
}

function load(): NameLexicon {
  const lines = (list: string) => new Set(list.split('\n'));
  return { given: lines(GIVEN_NAMES), proper: lines(PROPER_NAMES), places: lines(PLACE_NAMES), demonyms: lines(DEMONYMS) };
}
