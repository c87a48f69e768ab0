/**
 * Words news writes interchangeably for what people ask about: "was anyone hurt" is answered by
 * "no one was injured", "who got sacked" by "has dismissed its principal conductor". Each group
 * lists the forms as written (inflections included where the stemmer does not join them).
 * Small on purpose: only words that mean the same in a news report, whatever the story.
 */
const GROUPS: readonly (readonly string[])[] = [
  ['hurt', 'injured', 'injuries', 'injury', 'wounded'],
  ['sacked', 'fired', 'dismissed', 'ousted'],
  ['quit', 'quits', 'resigned', 'resigns', 'resignation'],
  ['jailed', 'imprisoned'],
  ['bought', 'buys', 'acquired', 'acquires', 'purchased'],
  ['hired', 'appointed', 'recruited'],
  ['ill', 'sick', 'illness', 'illnesses', 'sickness'],
  ['arrested', 'detained'],
  ['shut', 'closed', 'closes', 'closure'],
  ['scrapped', 'cancelled', 'canceled', 'axed'],
  ['died', 'killed', 'dead', 'deaths'],
  ['drafted', 'conscripted', 'mobilised', 'mobilized'],
  ['cut', 'cuts', 'cutting', 'axing', 'axe', 'slash', 'slashed', 'slashing'],
  // "the airline boss" is its chief executive (or chief operating officer, chief of police …).
  ['boss', 'bosses', 'chief', 'chiefs'],
];

const BY_WORD = new Map<string, readonly string[]>(GROUPS.flatMap((group) => group.map((w) => [w, group.filter((x) => x !== w)] as const)));

/** The other words of a word's group ("hurt" → injured, injuries, injury, wounded); none for other words. */
export function synonymsOf(word: string): readonly string[] {
  return BY_WORD.get(word.toLowerCase()) ?? [];
}
