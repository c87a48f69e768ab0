/**
 * Word handling shared by keyword search and answer composition, so both agree
 * on what a "term" is.
 */

// Function words and question scaffolding: they match everything and mean nothing here.
export const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him himself his
  how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out
  over own same she should so some such than that the their theirs them themselves then there these they this those through to
  too under until up very was we were what when where which while who whom why will with would you your yours yourself
  yourselves s t don doesn didn isn wasn aren weren wouldn shouldn ve ll re d m according said say says tell told
  mr mrs ms dr us happen happened happens
  don't doesn't didn't isn't wasn't aren't weren't won't wouldn't can't couldn't shouldn't haven't hasn't hadn't`
    .split(/\s+/)
    .flatMap((w) => [w, w.replace("'", '’')]),
);

const WORD = /[\p{L}\p{N}]+(?:[’'.,\-‐‑][\p{L}\p{N}]+)*/gu;
const HYPHEN = /[-‐‑]/;

/**
 * Lower-cased words of a text, with possessive 's dropped. Tokens with digits or inner dots stay
 * whole (Q1, G7, U.S., R.Politik, 600,000, 3.5); a hyphenated compound gives itself and its parts
 * ("COVID-19" → covid-19, covid, 19), so "covid 19" and "war crimes" still match.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(WORD)) {
    let w = m[0].toLowerCase().replace(/[’']s$/, '');
    // Commas inside a word belong to numbers only (600,000).
    if (/^[\d.,]+$/.test(w) === false) w = w.replace(/[,]/g, '');
    if (!w) continue;
    out.push(w);
    if (HYPHEN.test(w)) for (const part of w.split(HYPHEN)) if (part) out.push(part);
  }
  return out;
}

/** Content terms: words that are not stop words. */
export const contentTerms = (text: string): string[] => words(text).filter((w) => !STOPWORDS.has(w));

/**
 * A light suffix stemmer (English plurals and verb endings) for comparing
 * sentences; "giving" and "give", "troops" and "troop" meet.
 */
const stems = new Map<string, string>();

export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = computeStem(word);
    // Bounded: a long-running bot sees an open-ended vocabulary.
    if (stems.size > 50_000) stems.clear();
    stems.set(word, s);
  }
  return s;
}

function computeStem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  return word
    .replace(/(?:ies)$/, 'y')
    .replace(/(?:ing|ed|es|s|e|ly)$/, '')
    .replace(/(.)\1$/, '$1');
}
