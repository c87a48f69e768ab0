// Defaults of the index's settings (HNSW_*, SENTENCE_VECTORS_IN_MEMORY_MB), here beside the environment
// schema that overrides them so that config/ needs nothing from index/.

/**
 * HNSW parameters we ship. Chosen with the ANN-quality benchmark (bench/ann, see its README):
 * the smallest settings that keep recall@10 >= 0.99 against exact search at 10k and 100k
 * passages with a >= 50x speed-up over exact search at 100k.
 */
export interface HnswParams {
  /** Graph degree. */
  m: number;
  efConstruction: number;
  efSearch: number;
}

// bench/ann (clustered 384-d, 4 seeds x 500 queries): efS 90 is the least giving recall@10 >= 0.9918 at 10k and 100k, 89-120x over exact JS search at 100k (80 fails one seed: 0.988).
export const DEFAULT_HNSW_PARAMS: HnswParams = {
  m: 16,
  efConstruction: 200,
  efSearch: 90,
};

/**
 * Up to this many bytes of sentence vectors are held in memory; a larger index reads the few
 * it needs per question from disk, where the OS page cache serves them (a 100k-passage index has
 * ~440k sentences, 170 MB as int8). 16 MB keeps a story's collection (hundreds of articles, ~1 MB)
 * in memory and puts a 10,000-report index's 25 MB on disk: 10–20 MB less resident memory there for
 * no change in results and about 0.2 ms more per question (README "Performance").
 */
export const SENTENCE_VECTORS_IN_MEMORY_BYTES = 16 * 1024 * 1024;
