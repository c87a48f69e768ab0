/**
 * Abbreviations people type for words news spells out, and the reverse: "who's the ceo" is asked
 * of articles that say "chief executive", "chief executive" of ones that say "CEO". Used where a
 * question's words are looked up in the articles: a form no article has is read as the other form
 * when the articles have that, instead of being a word "none of the articles mentions".
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ceo: 'chief executive',
  cfo: 'chief financial officer',
  coo: 'chief operating officer',
  cto: 'chief technology officer',
  pm: 'prime minister',
  fm: 'foreign minister',
  mp: 'member of parliament',
  mps: 'members of parliament',
  govt: 'government',
  gov: 'government',
  dept: 'department',
  uni: 'university',
  intl: 'international',
  natl: 'national',
  mgr: 'manager',
  exec: 'executive',
  execs: 'executives',
  pres: 'president',
  rep: 'representative',
  reps: 'representatives',
  ref: 'referee',
  refs: 'referees',
  approx: 'approximately',
  yr: 'year',
  yrs: 'years',
  mins: 'minutes',
  hr: 'hour',
  hrs: 'hours',
  info: 'information',
  ppl: 'people',
  mil: 'million',
  bn: 'billion',
  rd: 'road',
  ave: 'avenue',
};

const LONG_FORMS = Object.entries(ABBREVIATIONS).map(([short, long]) => ({ short, long, re: new RegExp(`\\b${long}\\b`, 'i') }));

/**
 * The text with each abbreviation the articles lack spelled out when they have every word of the
 * long form, and each long form they lack abbreviated when they have the abbreviation.
 * `known(word)`: whether any article has the (lower-case) word.
 */
export function inCorpusForms(text: string, known: (word: string) => boolean): string {
  // Whole tokens only: the "rd" of "3rd" is no road.
  // Nor after a number: "3 pm" is a time, "2 mil" a sum, whatever the articles lack.
  let out = text.replace(/[\p{L}\p{N}]+/gu, (w, at: number) => {
    const long = /^\p{L}+$/u.test(w) && !/\d\s*$/.test(text.slice(0, at)) ? ABBREVIATIONS[w.toLowerCase()] : undefined;
    return long && !known(w.toLowerCase()) && long.split(' ').every((part) => part === 'of' || known(part)) ? long : w;
  });
  for (const { short, long, re } of LONG_FORMS)
    if (re.test(out) && known(short) && long.split(' ').some((part) => part !== 'of' && !known(part))) out = out.replace(new RegExp(re.source, 'gi'), short);
  return out;
}

/** The words `inCorpusForms` may ask about for a text: both forms of each abbreviation or long form in it. */
export function abbreviationWords(text: string): string[] {
  const out: string[] = [];
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const long = ABBREVIATIONS[w];
    if (long) out.push(w, ...long.split(' '));
  }
  for (const { short, long, re } of LONG_FORMS) if (re.test(text)) out.push(short, ...long.split(' '));
  return out;
}
