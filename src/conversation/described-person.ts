import { nlp } from '../text/nlp.js';
import { GROUP_HEADS, ORG_WORDS, isPersonNoun, namesIn } from './entities.js';
import { withGenderEvidence } from './gender-evidence.js';
import type { Entity } from '../types.js';
import type { ConversationTuning } from './tuning.js';
import type { NameLookup } from './types.js';

/** What goes before a claim's own words: a live blog's time ("10:25", "11:20 p.m.") or an agency dateline ("HALSBERG, Sept 27 (NPA) - "). */
const LEAD = /^(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s+|\p{Lu}[\p{Lu}\s.'’-]+,[^-–—]{1,60}?\s[-–—]\s+)/u;

/** The claim without its time or dateline. */
export const claimBody = (claim: string) => claim.replace(LEAD, '');

/** "He …", "She …", "“…,” she said": a claim whose person is only a pronoun (its gender in group 1 or 2). */
const PRONOUN_OPENING = /^(?:(He|She)\b|[“"][^”"]{1,400}[,.!?…][”"]\s+(he|she)\s+(?:said|says|added|adds|told|tells|wrote|writes|insisted|insists)\b)/u;

/**
 * Whether a claim may open with a description of someone ("The big keeper …", "The 52-year-old …")
 * or only a pronoun ("He …", "“…,” she said"): a cheap test, without the tagger, for whether reading
 * further is worth it (and its cited passage's lead-in worth fetching).
 */
export const mayOpenWithDescription = (claim: string) => /^[Tt]he\s+[\p{Ll}\d]/u.test(claimBody(claim)) || PRONOUN_OPENING.test(claimBody(claim));

/**
 * The description a claim opens with instead of a name, as news writing varies its words for
 * someone named just before ("The hero was Idris Mbeki. The big keeper guessed right twice …"):
 * "the" and lower-case words, one person (not "the court", "the winners"), or a pronoun. With the
 * gender the claim gives it ("… at his own bar", "She …"). Undefined otherwise.
 */
export function openingDescription(claim: string, tuning: ConversationTuning): { text: string; gender?: 'male' | 'female'; personal?: boolean } | undefined {
  if (!tuning.useCompromise || !mayOpenWithDescription(claim)) return undefined;
  const body = claimBody(claim);
  const pronoun = PRONOUN_OPENING.exec(body);
  if (pronoun) {
    const word = (pronoun[1] ?? pronoun[2]!).toLowerCase();
    return { text: word, gender: word === 'he' ? 'male' : 'female', personal: true };
  }
  const np = (nlp(body).nouns().json() as { text: string; noun?: { isPlural?: boolean } }[])[0];
  const text = np?.text.replace(/[,;:]+$/, '').trim();
  if (!text || !body.startsWith(text) || /\p{Lu}/u.test(text.slice(1)) || text.split(/\s+/).length > 5) return undefined;
  // "The dissenting judge, Justice Ole Varden, said …", "The trial judge is Her Honour Judge
  // Philippa Crane" name their person right away.
  if (/^\s*,?\s+(?:(?:is|was|will be|has been)\s+)?\p{Lu}/u.test(body.slice(text.length))) return undefined;
  const head = text.split(/\s+/).pop()!;
  if (np!.noun?.isPlural || ORG_WORDS.test(head) || GROUP_HEADS.test(head)) return undefined;
  const gender = pronounGender(body);
  // A word for someone ("the keeper", "the 52-year-old"), as against any noun ("the ribbon").
  const personal = isPersonNoun(head) || /^\d+-year-old$/i.test(head);
  return { text, ...(gender && { gender }), ...(personal && { personal }) };
}

/** "he" or "she" said of the description in its own sentence ("… at his own bar"). */
function pronounGender(claim: string): 'male' | 'female' | undefined {
  const male = /\b(?:he|him|his|himself)\b/i.test(claim);
  const female = /\b(?:she|her|hers|herself)\b/i.test(claim);
  return male === female ? undefined : male ? 'male' : 'female';
}

/**
 * The person a description stands for: the last person named before it (in its passage, and the
 * article's text before the passage), leaving out whoever the question named and anyone of the
 * other gender than the claim's "he" or "she"; one known to be of that gender first ("The 52-year-old
 * … at his own bar": the man named before, not "City Hall"). Undefined when nobody is, and with
 * `onlyPersonal` when the opening is no word for a person ("The ribbon was cut by Ruby Dunn", whose
 * claim names its person itself).
 */
export function describedPerson(
  claim: string,
  passages: readonly { passage?: string; before?: string }[],
  exclude: (e: Entity) => boolean,
  names: NameLookup,
  tuning: ConversationTuning,
  genders: ReadonlyMap<string, 'male' | 'female'>,
  onlyPersonal = false,
): Entity | undefined {
  const description = openingDescription(claim, tuning);
  if (!description || (onlyPersonal && !description.personal)) return undefined;
  const start = claimBody(claim).slice(0, 40);
  const gender = description.gender;
  for (const p of passages) {
    const at = p.passage?.indexOf(start) ?? -1;
    if (at < 0) continue;
    const people = [p.before ?? '', p.passage!.slice(0, at)]
      .flatMap((text) => namesIn(text, names, tuning))
      .map((e) => withGenderEvidence(e, genders))
      .filter((e) => (e.kind === 'person' || e.kind === 'name') && !e.owner && !exclude(e) && !(gender && e.gender && e.gender !== gender));
    const hit = people.filter((e) => gender && e.gender === gender).pop() ?? people.pop();
    // A name the lexicon gave no gender has the one the claim gives it ("She …").
    const g = hit?.gender ?? gender;
    if (hit) return { text: hit.text, kind: 'person', ...(g && { gender: g }) };
  }
  return undefined;
}
