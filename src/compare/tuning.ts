/**
 * Tunables of side-by-side coverage (`/compare`, `npm run compare`), in one place. Cosines are
 * between stored sentence embeddings (bge-small, no query instruction). Chosen by reading the
 * sentence-by-sentence cosines of the five seed articles on "written guarantee", "peace plan" and
 * "elections", and checked on the second corpus (test/fixtures/corpora/second: the cup final, the
 * museum theft): see README "Side-by-side coverage".
 */
export const COMPARE_TUNING = {
  /**
   * The topic's seed sentences are those with all of its content words (else at least this share
   * of them). Their mean embedding stands for the topic: a two-word topic embeds poorly, while
   * whole sentences about it embed well, and paraphrases without its words ("put on paper" for
   * "written guarantee") come close to them.
   */
  seedWordShare: 0.5,
  /** Seed sentences at most (the best by the topic's embedding), so one long article does not decide. */
  maxSeeds: 12,
  /**
   * An article covers the topic when it has a seed, or a sentence at this cosine to the seeds' mean
   * counted below the seeds' own average cosine to it (0.95 with two seeds; lower when many seeds
   * average out), and never below `coverCosine`. On "written guarantee" the paraphrases and
   * reactions score 0.71–0.82, other remarks of the same press conference up to 0.72.
   */
  coverBelowSeeds: 0.22,
  coverCosine: 0.7,
  /** The seeds' own cosine to their mean is counted at most this (a single seed is its own mean: 1.0). */
  maxSeedLevel: 0.92,
  /**
   * Sentences besides the seeds that anchor an article's claims (with the rest of their
   * paragraphs): at least this cosine to the seeds' mean (and `coverBelowSeeds` below the seeds).
   * Lower, and with many seeds the same press conference's other remarks (0.72–0.76) come in.
   */
  onTopicCosine: 0.76,
  /** Sentences shorter than this (in words) are not claims ("No question."). */
  minClaimWords: 6,
  /** Two sentences of different articles report the same thing at this cosine or above… */
  sameClaimCosine: 0.78,
  /**
   * …or when their content words overlap this much (claimSimilarity of the answer layer:
   * containment in the shorter one tempered by Jaccard; Zelenskiy/Zelenskyy count as one word),
   * the other sentence having at least `sameClaimMinStems` content words.
   */
  sameClaimWords: 0.62,
  sameClaimMinStems: 4,
  /**
   * "Only in" needs a clear difference: no sentence of any other article at this cosine or above.
   * Between this and `sameClaimCosine` a claim is neither "only in" nor shared (a paraphrase inside
   * a longer sentence scores 0.74–0.77 and must not be reported as missing elsewhere).
   */
  distinctClaimCosine: 0.72,
  /** …nor a sentence at this cosine that also shares this much of its words (claimSimilarity): "such a withdrawal would open the way" / "any such withdrawal would effectively open a direct path" (0.69, 0.37). */
  relatedClaimCosine: 0.64,
  relatedClaimWords: 0.3,
  /**
   * …and at least this share of the claim's word weight (topic words aside; a word weighs by its
   * rarity in the index) in no other article considered. Sentence embeddings alone cannot tell a
   * paraphrase split over two clauses from a new claim (both score 0.65–0.72 on the seeds):
   * "Kiev insists it cannot hold elections … under martial law" is carried by "Kyiv maintains
   * that conducting elections under martial law … is unfeasible" at cosine 0.71, but its words
   * are all elsewhere.
   */
  onlyInNovelWords: 0.3,
  /** "Only in" lines shown at most, and at most this many per outlet. */
  maxOnlyIn: 4,
  maxOnlyInPerSource: 2,
  maxShared: 3,
  /** Articles considered: those retrieval finds on the topic's words plus those nearest its seed sentences. */
  candidatePassages: 40,
} as const;

export type CompareTuning = typeof COMPARE_TUNING;
