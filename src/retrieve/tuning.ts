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
  /** hybrid: weight of the passage's cosine similarity to the question. */
  denseWeight: number;
  /** hybrid: weight of its best sentence's cosine similarity (titles and headlines excluded). */
  sentenceWeight: number;
  /** hybrid: weight of the BM25 score, normalised by the best BM25 score of the query. */
  keywordWeight: number;
  /**
   * hybrid: extra keyword weight for a query with rare words (names, numbers, quoted phrases): the
   * keyword weight is multiplied by `1 + keywordRareBoost × rarity`, rarity being the IDF of the
   * query's rarest matched word relative to the largest possible (0–1).
   */
  keywordRareBoost: number;
  /** hybrid: a title or headline sentence counts this much of its similarity as the passage's best sentence. */
  titleSentenceFactor: number;
}

export const defaultRetrievalTuning: RetrievalTuning = {
  mode: 'hybrid',
  candidates: 30,
  rrfK: 60,
  queryInstruction: true,
  denseWeight: 1,
  sentenceWeight: 1,
  keywordWeight: 0.3,
  keywordRareBoost: 0,
  titleSentenceFactor: 0.9,
};
