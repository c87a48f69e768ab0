import { nlp } from '../text/nlp.js';

/**
 * What a capitalised word sequence is, by compromise's lexicon (first names with their gender,
 * family names, honorifics, countries, cities, organisations). Its guesses are cached: the
 * same names recur in every article about a story.
 */
export interface NameFacts {
  person: boolean;
  /** A place by compromise's guess (often from the word's ending: "Fenwick", "Marsh"). */
  place: boolean;
  /** A country, city or region compromise's lexicon knows ("Ukraine", "Kyiv", "Washington"). */
  knownPlace: boolean;
  organization: boolean;
  /** The first word is a first name compromise knows ("Eric" in "Eric Hill"). */
  firstName: boolean;
  gender?: 'male' | 'female';
}

const cache = new Map<string, NameFacts>();

export function nameFacts(text: string): NameFacts {
  let facts = cache.get(text);
  if (facts) return facts;
  const doc = nlp(text);
  const first = nlp(text.split(/\s+/)[0] ?? '');
  facts = {
    person: doc.has('#Person') || doc.has('#Honorific'),
    place: doc.has('#Place') || doc.has('#Country') || doc.has('#City'),
    knownPlace: doc.has('#Country') || doc.has('#City') || doc.has('#Region'),
    organization: doc.has('#Organization'),
    firstName: first.has('#FirstName') || first.has('#MaleName') || first.has('#FemaleName'),
    ...(first.has('#FemaleName') ? { gender: 'female' as const } : first.has('#MaleName') ? { gender: 'male' as const } : {}),
  };
  if (cache.size > 10_000) cache.clear();
  cache.set(text, facts);
  return facts;
}

/**
 * A key under which spellings of one family name meet: lower case, accents off, the endings
 * -y/-yy/-iy/-ij/-i (transliterations of -ий) made one: Zelensky, Zelenskyy and Zelenskiy share it.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/[^\p{L}\s-]/gu, '')
    .replace(/(?:iy|yy|ij|ii|yi|y|i)$/u, 'y')
    .trim();
}

/** The family name of a full name (its last word). */
export const surnameOf = (fullName: string): string => fullName.trim().split(/\s+/).pop() ?? fullName;
