import nlp from 'compromise';

/**
 * Proper names compromise's lexicon knows, by kind: given names (about 3,000, from many languages:
 * "Renata", "Volodymyr", "Abdoulaye") and places, countries, organisations and surnames
 * ("australia", "gaza", "nato"). Loaded on first use; lookups only (running compromise's tagger on
 * every candidate sentence was measured at 2.5 ms a sentence).
 */
let lexicon: { given: ReadonlySet<string>; proper: ReadonlySet<string>; places: ReadonlySet<string> } | undefined;

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

const GIVEN = new Set(['FirstName', 'MaleName', 'FemaleName']);
const PLACES = new Set(['Country', 'City', 'Region', 'Place']);
const PROPER = new Set(['Country', 'City', 'Region', 'Place', 'Organization', 'LastName']);

function load(): { given: ReadonlySet<string>; proper: ReadonlySet<string>; places: ReadonlySet<string> } {
  const model = nlp.model() as { one?: { lexicon?: Record<string, string | string[]> } };
  const given = new Set<string>();
  const proper = new Set<string>();
  const places = new Set<string>();
  for (const [word, tags] of Object.entries(model.one?.lexicon ?? {})) {
    const list = Array.isArray(tags) ? tags : [tags];
    if (list.some((t) => GIVEN.has(t))) given.add(word);
    if (list.some((t) => PROPER.has(t))) proper.add(word);
    if (list.some((t) => PLACES.has(t))) places.add(word);
  }
  return { given, proper, places };
}
