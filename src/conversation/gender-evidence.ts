import type { Entity } from '../types.js';

type Gender = 'male' | 'female';

/**
 * Whether "he" or "she" can mean a person, from how the articles themselves write about them —
 * for names whose first name the lexicon doesn't know ("Hanne Lindqvist", "Odette Fairlie-Nwosu").
 * Only unambiguous evidence counts: an honorific or a gendered role word right before the name
 * ("Ms Okafor", "chairwoman Ada Brandt"), a gendered noun said of the name ("Lindqvist becomes the
 * first woman …"), "<Name> said he / she …", and a sentence opening with "He" / "She" right after
 * one whose subject is the name. Keyed by the name's last word, lower-cased.
 */
export function genderEvidence(texts: readonly string[]): Map<string, Gender> {
  const votes = new Map<string, { male: number; female: number }>();
  const vote = (name: string | undefined, gender: Gender | undefined, weight = 1) => {
    if (!name || !gender) return;
    const key = nameKey(name);
    if (NOT_NAMES.has(key)) return;
    const v = votes.get(key) ?? { male: 0, female: 0 };
    v[gender] += weight;
    votes.set(key, v);
  };
  for (const text of texts) {
    for (const m of text.matchAll(HONORIFIC)) vote(m[2], HONORIFICS[m[1]!.toLowerCase()], 2);
    for (const m of text.matchAll(ROLE_BEFORE)) vote(m[2], GENDERED_NOUNS[m[1]!.toLowerCase()]);
    for (const m of text.matchAll(NOUN_AFTER)) vote(m[1], GENDERED_NOUNS[m[2]!.toLowerCase()]);
    for (const m of text.matchAll(SAID_PRONOUN)) vote(m[1], PRONOUNS[m[2]!.toLowerCase()]);
    const sentences = text.split(SENTENCE_END);
    sentences.forEach((s, i) => {
      const next = sentences[i + 1]?.match(/^(?:[“"]?)(He|She)\b/);
      if (!next) return;
      vote(subjectOf(s), PRONOUNS[next[1]!.toLowerCase()]);
    });
  }
  const out = new Map<string, Gender>();
  for (const [name, { male, female }] of votes) {
    if (male > 0 && female * 3 <= male) out.set(name, 'male');
    else if (female > 0 && male * 3 <= female) out.set(name, 'female');
  }
  return out;
}

/** The entity with the gender the articles give its name, when the lexicon gave none (a name so evidenced is a person). */
export function withGenderEvidence<E extends Entity>(entity: E, evidence: ReadonlyMap<string, Gender>): E {
  if (entity.gender || (entity.kind !== 'person' && entity.kind !== 'name')) return entity;
  const last = entity.text.split(/\s+/).pop();
  const gender = last ? evidence.get(nameKey(last)) : undefined;
  return gender ? { ...entity, kind: 'person', gender } : entity;
}

/** How a name is keyed: its last word, lower-cased, without a possessive "'s". */
const nameKey = (word: string) => word.toLowerCase().replace(/[’']s$/, '');
/** Capitalised words that open sentences and are nobody's name. */
const NOT_NAMES = new Set("he she it we they i i’m i'm you the a an this that there but and so in on at after before when while if as".split(' '));
const NAME = String.raw`\p{Lu}[\p{L}'’-]+`;
const HONORIFICS: Record<string, Gender> = {
  mr: 'male',
  mrs: 'female',
  ms: 'female',
  miss: 'female',
  sir: 'male',
  dame: 'female',
  lord: 'male',
  lady: 'female',
  'her honour': 'female',
  'her honor': 'female',
  'his honour': 'male',
  'his honor': 'male',
};
/** "Mr. Reyna", "Ms Okafor", "Sir Alan Pike", "Her Honour Judge Philippa Crane" (the last capitalised word is the name). */
const HONORIFIC = new RegExp(String.raw`\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|H(?:er|is) Honou?r)\.?\s+(?:${NAME}\s+|\p{Lu}\.\s+){0,2}(${NAME})`, 'gu');
const GENDERED_NOUNS: Record<string, Gender> = Object.fromEntries([
  ...'woman mother wife daughter sister grandmother aunt niece widow girl chairwoman spokeswoman businesswoman congresswoman sportswoman actress'
    .split(' ')
    .map((w) => [w, 'female'] as const),
  ...'man father husband son brother grandfather uncle nephew widower boy chairman spokesman businessman congressman sportsman actor'
    .split(' ')
    .map((w) => [w, 'male'] as const),
]);
const NOUNS = Object.keys(GENDERED_NOUNS).join('|');
/** "Chairwoman Ada Brandt", "spokesman Dmitry Peskov": a gendered role right before the name. */
const ROLE_BEFORE = new RegExp(String.raw`\b((?:[Cc]hair|[Ss]pokes|[Bb]usiness|[Cc]ongress)(?:wo)?man)\s+(?:${NAME}\s+|\p{Lu}\.\s+){0,2}(${NAME})`, 'gu');
/** "Lindqvist becomes the first woman …", "Reyna, the son of …": a gendered noun said of the name. */
const NOUN_AFTER = new RegExp(String.raw`(${NAME}),?\s+(?:is|was|becomes|became|,)?\s*(?:the|a|an)\s+(?:[\p{Ll}-]+\s+){0,2}?(${NOUNS})\b`, 'gu');
const PRONOUNS: Record<string, Gender> = { he: 'male', his: 'male', him: 'male', she: 'female', her: 'female' };
/** "Fahr said he was sorry", "Solberg told analysts that she …", "Falk has said she will not stand". */
const SAID_PRONOUN = new RegExp(
  String.raw`(${NAME})\s+(?:(?:has|had|have|also|later|then|has\s+also|had\s+already|has\s+already)\s+)?(?:said|says|told\s+[\p{L}\s]{1,30}?|added|insisted|admitted|confirmed|explained|argued|wrote|announced)\s+(?:that\s+)?(he|she)\b`,
  'gu',
);
const SENTENCE_END = /(?<=[.!?][”"]?)\s+(?=[“"]?\p{Lu})/u;
const PREPOSITION = /^(?:in|at|on|from|to|of|for|by|with|near|into|across|outside|inside|than|and|or)$/i;
const NAME_RUN = new RegExp(String.raw`(?:${NAME}|\p{Lu}\.)(?:\s+(?:${NAME}|\p{Lu}\.))*`, 'gu');

/**
 * The person a sentence opens with (its subject, in news style): the first run of capitalised
 * words that is a full name ("Striker Tomás Reyna put …", "Rovers manager Hanne Lindqvist …"), or
 * a single name after a lower-case word ("manager Lindqvist"); its last word. A lone capitalised
 * first word ("The", "Marcus", "Rovers") is not taken: it can't be told from a sentence's opening.
 */
function subjectOf(sentence: string): string | undefined {
  for (const m of sentence.slice(0, 80).matchAll(NAME_RUN)) {
    const parts = m[0].split(/\s+/);
    const before = sentence.slice(0, m.index).trim().split(/\s+/).filter(Boolean);
    if (before.length > 4) return undefined;
    if (parts.length >= 2 || (before.length > 0 && !PREPOSITION.test(before[before.length - 1]!))) return parts[parts.length - 1];
  }
  return undefined;
}
