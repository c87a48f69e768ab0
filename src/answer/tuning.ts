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
  /**
   * When every claim so far is a lede (an article's first sentence, which sums up the story and
   * opens each report of it alike), the best sentence that is not one is added when its score is
   * within this margin of the best: the asked detail is usually further down the report.
   */
  detailMargin: number;
  /**
   * When the best sentence lacks the asked-for shape (no date for "when"), a sentence of the same
   * article within this score margin that has it is the answer instead.
   */
  supplyMargin: number;
  /**
   * When the question asks how something turned out ("in the end", "final score"): subtracted from
   * the score of a sentence reporting a provisional state (an early estimate, an expectation, a
   * half-time score), added to one reporting it settled ("a total of", "full-time", "was appointed").
   */
  outcomeWeight: number;
  /**
   * "How many got sick in the end", "when does it happen now": added to the score of a sentence of
   * the most recently published report (of those that have the question's names and the asked kind
   * of answer), when at least two such reports are dated.
   */
  recencyWeight: number;
  /**
   * "What else was taken besides the brooch": added to the score of a sentence that adds to what it
   * goes on from ("Also taken were …", "The deal also limits …"), which the model rates below
   * sentences about the thing already known.
   */
  additionWeight: number;
  /**
   * "How many tickets were sent out by mistake": taken from the score of a sentence whose only
   * numbers are counts with no figure ("Thousands of drivers were fined"), so a report that gives
   * the figure ("11,384 fines") comes first when one does.
   */
  vagueCountWeight: number;
  /**
   * Yes/no questions: added to the score of a sentence that says no about what is asked ("no one
   * was injured"), which the model rates far from the question it answers.
   */
  denialWeight: number;
  /**
   * Subtracted from the score of a sentence whose passage has none of the question's names (when
   * the question has names the coverage has): "did eastfield library survive" is not answered by a
   * live blog's "The A418 is shut", however close "shut" is to "shutting".
   */
  offSubjectWeight: number;
  /**
   * "What did X say about Y": abstain unless the mean of how much of Y's words X's best sentence
   * and its neighbours have (`topic`) and how close they are to Y in meaning (`topicSimilarity`)
   * is at least this.
   */
  minTopic: number;
  /**
   * Y's words earlier in the passage of X's sentence count this much of what they count around
   * it (a finding reported two paragraphs before the quote that comments on it).
   */
  passageTopic: number;
  /** "How did the outlets differ": an article's claim needs at least this (scaled) similarity to the question. */
  compareSimilarity: number;
  /** Two sentences whose embeddings are at least this similar (cosine) report the same claim. */
  sameClaimCosine: number;
  /** …or whose content words overlap this much (claimSimilarity, 0–1), e.g. one quote translated twice. */
  sameClaimWords: number;
  /**
   * …and have at least this many content words in common: a short sentence's one word ("I just
   * can't show it to you." / "Harlow showed no reaction") is no shared claim.
   */
  sameClaimSharedWords: number;
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
  /** For "what did X say" / "X's take": share of X's names in the sentence or the one before it (1 without a speaker). */
  | 'speaker'
  /** For "what did X say about Y": share of Y's words (IDF-weighted) in the sentence and its neighbours (1 without a speaker). */
  | 'topic'
  /** For "what did X say about Y": Y's best (scaled) cosine to the sentence or a neighbour (1 without a topic). */
  | 'topicSimilarity'
  /** 1 when the sentence supplies the asked-for kind of answer beyond the question's own words. */
  | 'supplies'
  /** Share of the sentence's words already in the question (1 = it only restates the question). */
  | 'restatement'
  /** 1 for an article's title, a headline or a byline. */
  | 'heading'
  /** 1 / (1 + retrieval rank of its passage). */
  | 'rank'
  /** Its similarity as a z-score among the candidates. */
  | 'relativeSimilarity'
  /** z-score of its cosine to the candidates' mean: summary sentences are central, specific details not. */
  | 'centrality'
  /** Coverage with words weighted by rarity among the candidates (the asked detail over the story's topic). */
  | 'localCoverage'
  /** 1 for an article's first sentence after the headline. */
  | 'lede';

/** Features of a question and its best candidate used to decide whether to answer. */
export type AnswerableFeature =
  | 'similarity'
  | 'coverage'
  | 'contextCoverage'
  | 'names'
  | 'speaker'
  | 'supplies'
  /** 1 when none of the question's names is missing from the best sentence's passage. */
  | 'namesInPassage'
  /** Question words that look like names and that no article has ("Macron"). */
  | 'unknownNames'
  /** Question words no article has that are not everyday English ("Pokrovsk", "Eurovision"): a topic the coverage lacks. */
  | 'unknownRare'
  /** For "what did X say about Y": share of Y's words (IDF-weighted) around the sentence (1 without a speaker). */
  | 'topic'
  /** Best passage similarity. */
  | 'passageSimilarity'
  | 'relativeSimilarity'
  | 'localCoverage'
  | 'restatement'
  /** How far the best sentence's similarity is above the second best's (a lone answer stands out). */
  | 'margin'
  /**
   * Share of all the question's content words (IDF-weighted) in the best sentence's passage,
   * counting words no article has against it (an everyday one at half the weight of a rare one):
   * "what's the capital of australia" has "capital" but not "australia".
   */
  | 'questionInPassage';

export const defaultAnswerTuning: AnswerTuning = {
  passages: 10,
  maxClaims: 3,
  claimMargin: 0.3,
  detailMargin: 2,
  supplyMargin: 1,
  outcomeWeight: 1,
  recencyWeight: 2,
  additionWeight: 2,
  vagueCountWeight: 1,
  denialWeight: 1,
  offSubjectWeight: 1,
  minTopic: 0.5,
  passageTopic: 0.8,
  compareSimilarity: 0.3,
  sameClaimCosine: 0.9,
  sameClaimWords: 0.62,
  sameClaimSharedWords: 2,
  select: {
    similarity: 0.296,
    passageSimilarity: 1.099,
    coverage: 0.641,
    contextCoverage: 1.473,
    names: 0.112,
    speaker: 0,
    topic: 0,
    topicSimilarity: 0,
    supplies: 1.748,
    restatement: -0.74,
    heading: -0.8,
    rank: 1.33,
    relativeSimilarity: 0.979,
    centrality: -0.702,
    localCoverage: 0.913,
    lede: -0.516,
  },
  answerable: {
    bias: -4.186,
    similarity: 0,
    coverage: 0,
    contextCoverage: 0.731,
    names: -0.801,
    speaker: 0,
    supplies: 1.151,
    namesInPassage: 0.523,
    unknownNames: 0,
    unknownRare: -0.283,
    topic: 1.871,
    passageSimilarity: 1.467,
    relativeSimilarity: 0.15,
    localCoverage: 0.021,
    restatement: -0.323,
    margin: 0.125,
    questionInPassage: 0,
  },
  answerThreshold: 0.347,
};
