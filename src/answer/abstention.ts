/**
 * When to say "the coverage doesn't say". Calibrated on the shared in-scope
 * questions against our own out-of-scope ones (test/fixtures/out-of-scope.jsonl);
 * the README's "Abstention" section gives the measured margins.
 */
export const ABSTAIN_BELOW = {
  /** Share of the question's term weight in the best sentence. */
  coverage: 0.5,
};

export interface AbstentionSignals {
  sourceCount: number;
  bestSimilarity: number;
  /** The model's "far" cosine (ModelProfile.abstainSimilarity). */
  similarityFloor: number;
  bestCoverage: number;
  /** Names in the question (capitalised words) that no article contains. */
  unknownEntities: readonly string[];
  /** Other content words of the question that no article contains. */
  unknownTerms: readonly string[];
  /** Number of content words in the question. */
  termCount: number;
  /** The question asks for a quantity ("how many", "how old") but no good sentence has a number. */
  missingNumber?: boolean;
}

/** Returns the reason to abstain (completing "The coverage doesn't say…"), or undefined to answer. */
export function abstentionReason(s: AbstentionSignals): string | undefined {
  const quote = (xs: readonly string[]) => xs.map((e) => `"${e}"`).join(' or ');
  // A name no article mentions: whatever the rest matches, it is about someone/something else.
  if (s.unknownEntities.length) return `: none of the ${s.sourceCount} articles mentions ${quote(s.unknownEntities)}`;
  // A topic word no article has, carrying a good part of a question nothing matches well.
  if (s.unknownTerms.length && s.unknownTerms.length / Math.max(1, s.termCount) >= 1 / 3 && s.bestCoverage < 0.3) {
    return `: none of the ${s.sourceCount} articles mentions ${quote(s.unknownTerms)}`;
  }
  // "How old is X?" answered with a sentence that merely names X would be a non-answer.
  if (s.missingNumber) return ' how many or how much: no passage that matches gives a number for it';
  if (s.bestSimilarity < s.similarityFloor && s.bestCoverage < ABSTAIN_BELOW.coverage) return ' anything that answers this';
  return undefined;
}
