/**
 * Every weight and threshold of retrieval, in one documented table (the model is MiniSearch's
 * `defaultSearchOptions`). `Engine.search/ask(…, { tuning: { retrieval: {…} } })` and
 * `npm run eval -- --tuning file.json` override any of them without editing code.
 */
export interface RetrievalTuning {
  /**
   * How the dense and keyword rankings are combined: `hybrid` (weighted score fusion, then the
   * sentence-level second stage), `rrf` (plain equal-weight reciprocal rank fusion, the old
   * default), `dense` or `keyword` alone. The eval's `--retrieval-only` compares them.
   */
  mode: 'hybrid' | 'rrf' | 'dense' | 'keyword';
  /** Candidates taken from each of the dense and keyword lists. */
  candidates: number;
  /** Reciprocal-rank-fusion constant for `rrf` (Cormack et al.). */
  rrfK: number;
}

export const defaultRetrievalTuning: RetrievalTuning = {
  mode: 'rrf',
  candidates: 30,
  rrfK: 60,
};
