/**
 * HNSW parameters we ship. Chosen with `npm run bench` (ANN quality section):
 * the smallest settings that keep recall@10 >= 0.99 against exact search at 100k
 * passages while staying far faster than brute force.
 */
export interface HnswParams {
  /** Graph degree. */
  m: number;
  efConstruction: number;
  efSearch: number;
}

export const DEFAULT_HNSW_PARAMS: HnswParams = {
  m: 16,
  efConstruction: 200,
  efSearch: 100,
};
