/** How a sentence-embedding model turns token states into one vector. */
export type Pooling = 'cls' | 'mean';

export interface ModelProfile {
  pooling: Pooling;
  normalize: boolean;
  /** Prepended to questions (asymmetric retrieval models). */
  queryPrefix: string;
  /** Prepended to passages. */
  passagePrefix: string;
  /**
   * Below this question–passage cosine the best passage is "far" (one abstention signal).
   * Models differ in scale: bge-small's cosines run high, MiniLM's low. Calibrated on the
   * shared in-scope questions against test/fixtures/out-of-scope.jsonl.
   */
  abstainSimilarity: number;
}

/**
 * Each family's published usage: BGE pools the [CLS] state and wants an
 * instruction before queries; sentence-transformers MiniLM/MPNet mean-pool;
 * E5 mean-pools with "query: "/"passage: " prefixes. Unknown models mean-pool.
 */
export function profileFor(modelId: string): ModelProfile {
  const id = modelId.toLowerCase();
  if (id.includes('bge-') && !id.includes('bge-m3')) {
    return {
      pooling: 'cls',
      normalize: true,
      queryPrefix: id.includes('-zh') ? '为这个句子生成表示以用于检索相关文章：' : 'Represent this sentence for searching relevant passages: ',
      passagePrefix: '',
      // In-scope questions ≥ 0.54, off-topic ones ≤ 0.63 (those above are caught by unknown words).
      abstainSimilarity: 0.62,
    };
  }
  if (id.includes('bge-m3')) return { pooling: 'cls', normalize: true, queryPrefix: '', passagePrefix: '', abstainSimilarity: 0.5 };
  if (id.includes('e5-')) return { pooling: 'mean', normalize: true, queryPrefix: 'query: ', passagePrefix: 'passage: ', abstainSimilarity: 0.75 };
  // all-MiniLM-L6-v2: in-scope questions ≥ 0.40, off-topic ones ≤ 0.28 (0.54 for one caught by unknown words).
  if (id.includes('minilm')) return { pooling: 'mean', normalize: true, queryPrefix: '', passagePrefix: '', abstainSimilarity: 0.35 };
  // Uncalibrated: a middling floor; the word-based signals still apply.
  return { pooling: 'mean', normalize: true, queryPrefix: '', passagePrefix: '', abstainSimilarity: 0.4 };
}
