/**
 * Every weight and threshold of the answer layer, in one documented table (MiniSearch's
 * `defaultSearchOptions` is the model). `Engine.ask(q, { tuning: { answer: {…} } })` and
 * `npm run eval -- --tuning file.json` override any of them without editing code.
 *
 * Sentence choice and the answer-or-abstain decision are linear scores over the features listed
 * in `CandidateFeatures` (src/answer/candidates.ts); the weights were fit on our dev sets
 * (`npm run fit-answers`, see README "How answers are built") and checked on corpora not fit on.
 */
export interface AnswerTuning {
  /** Retrieved passages whose sentences are candidates. */
  passages: number;
  /** Most distinct claims in one answer. */
  maxClaims: number;
  /** A further claim is added only when its score is within this margin of the best one. */
  claimMargin: number;
  /** "How did the outlets differ": an article's claim is shown when within this margin of the best. */
  compareMargin: number;
  /** Two sentences whose embeddings are at least this similar (cosine) report the same claim. */
  sameClaimCosine: number;
  /** …or whose content words overlap this much (claimSimilarity, 0–1), e.g. one quote translated twice. */
  sameClaimWords: number;
  /** Weights of the sentence-choice score: feature name → weight. */
  select: Record<SelectFeature, number>;
  /** Weights of the answerability score (a logistic model): feature name → weight, plus `bias`. */
  answerable: Record<AnswerableFeature | 'bias', number>;
  /** Answer when the answerability probability is at least this. */
  answerThreshold: number;
}

/** Features of one candidate sentence used to choose the answer. */
export type SelectFeature =
  /** Cosine similarity of the sentence to the question. */
  | 'similarity'
  /** Its passage's cosine similarity to the question. */
  | 'passageSimilarity'
  /** Share of the question's (IDF-weighted) words in the sentence. */
  | 'coverage'
  /** …in the sentence and its neighbours in the same passage. */
  | 'contextCoverage'
  /** Share of the question's names in the sentence or the one before it (quotes are attributed there). */
  | 'names'
  /** 1 when the sentence supplies the asked-for kind of answer beyond the question's own words. */
  | 'supplies'
  /** Share of the sentence's words already in the question (1 = it only restates the question). */
  | 'restatement'
  /** 1 for an article's title, a headline or a byline. */
  | 'heading'
  /** 1 / (1 + retrieval rank of its passage). */
  | 'rank';

/** Features of a question and its best candidate used to decide whether to answer. */
export type AnswerableFeature =
  | 'similarity'
  | 'coverage'
  | 'contextCoverage'
  | 'names'
  | 'supplies'
  /** 1 when none of the question's names is missing from the best sentence's passage. */
  | 'namesInPassage'
  /** Question words that look like names and that no article has ("Macron"). */
  | 'unknownNames'
  /** Share of the question's other words that no article has ("inflation", "weather"; chat words are ignored). */
  | 'unknownTerms'
  /** Best passage similarity. */
  | 'passageSimilarity';

export const defaultAnswerTuning: AnswerTuning = {
  passages: 10,
  maxClaims: 3,
  claimMargin: 0.08,
  compareMargin: 0.5,
  sameClaimCosine: 0.9,
  sameClaimWords: 0.62,
  select: {
    similarity: 2,
    passageSimilarity: 0.5,
    coverage: 0.6,
    contextCoverage: 0.3,
    names: 0.4,
    supplies: 0.35,
    restatement: -0.5,
    heading: -0.5,
    rank: 0.2,
  },
  answerable: {
    bias: -14,
    similarity: 12,
    coverage: 2,
    contextCoverage: 1,
    names: 1,
    supplies: 1,
    namesInPassage: 2,
    unknownNames: -3,
    unknownTerms: -2,
    passageSimilarity: 4,
  },
  answerThreshold: 0.5,
};
