/**
 * Every weight and threshold of retrieval, in one documented table (the model is MiniSearch's
 * `defaultSearchOptions`). `Engine.search/ask(…, { tuning: { retrieval: {…} } })` and
 * `npm run eval -- --tuning file.json` override any of them without editing code.
 */
export interface RetrievalTuning {
  /**
   * How the dense and keyword rankings are combined: `hybrid` (weighted score fusion with the
   * sentence-level second stage), `rrf` (plain equal-weight reciprocal rank fusion, the old
   * default), `dense` or `keyword` alone. The eval's `--retrieval-only` compares them.
   */
  mode: 'hybrid' | 'rrf' | 'dense' | 'keyword';
  /** Candidates taken from each of the dense and keyword lists. */
  candidates: number;
  /** Reciprocal-rank-fusion constant for `rrf` (Cormack et al.). */
  rrfK: number;
  /** Prepend the model's query instruction (BGE: "Represent this sentence for searching…"). */
  queryInstruction: boolean;
  /** hybrid: the weight of each passage feature in the second-stage score. */
  weights: Record<PassageFeature, number>;
  /**
   * hybrid: the BM25 score of a passage whose matched words are all in its title or headline is
   * multiplied by this (1 = titles count like the body); in between, by the share in the body.
   */
  headingKeywordFactor: number;
  /**
   * hybrid: each candidate's score gains this times the best score among the candidates of its
   * article, so the paragraphs of the report that matches best outrank other reports' first lines
   * that only share the question's topic (0 = passages ranked on their own).
   */
  articleWeight: number;
}

export const defaultRetrievalTuning: RetrievalTuning = {
  mode: 'hybrid',
  candidates: 30,
  rrfK: 60,
  queryInstruction: false,
  weights: { dense: 3.85, sentence: 0.95, heading: 0, answerSentence: 1.4, keyword: 0.3, rareKeyword: 0.25, coverage: 0, localCoverage: 1, names: 0 },
  headingKeywordFactor: 0.5,
  articleWeight: 0.3,
};

/**
 * What the second stage scores a candidate passage on. Cosines are on the model's scale
 * (ModelProfile.similarity: 0 ≈ an unrelated sentence, 1 ≈ the answering one).
 */
export const PASSAGE_FEATURES = ['dense', 'sentence', 'heading', 'answerSentence', 'keyword', 'rareKeyword', 'coverage', 'localCoverage', 'names'] as const;
export type PassageFeature = (typeof PASSAGE_FEATURES)[number];
/**
 * - dense: the passage's cosine to the question;
 * - sentence: its best body sentence's (titles and headlines excluded);
 * - heading: its best title or headline sentence's (0 without one);
 * - answerSentence: its best sentence of the shape the question asks for (a date for "when"…);
 * - keyword: BM25 over the query's best BM25, words matched only in headings discounted;
 * - rareKeyword: keyword × how rare the query's rarest word is (names, numbers);
 * - coverage: share of the question's words (IDF-weighted) the passage has;
 * - localCoverage: the same with words weighted by how few candidates have them (the asked detail
 *   counts more than the story's topic, which every candidate shares);
 * - names: share of the question's names the passage has.
 */
export type PassageFeatures = Record<PassageFeature, number>;
