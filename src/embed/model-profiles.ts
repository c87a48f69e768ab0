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
   * Models differ in the scale of their cosines (bge-small's run high, MiniLM's low): retrieval
   * and answers use `(cosine - low) / (high - low)`, so one set of weights serves every model.
   * `low` is the median cosine of a question to an unrelated sentence of the same corpus, `high`
   * the median to the sentence that answers it, measured on our dev sets (`npm run fit-answers`
   * prints both for the model in use).
   */
  similarity: { low: number; high: number };
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
      similarity: { low: 0.45, high: 0.85 },
    };
  }
  if (id.includes('bge-m3')) return { pooling: 'cls', normalize: true, queryPrefix: '', passagePrefix: '', similarity: { low: 0.3, high: 0.8 } };
  if (id.includes('e5-')) return { pooling: 'mean', normalize: true, queryPrefix: 'query: ', passagePrefix: 'passage: ', similarity: { low: 0.72, high: 0.9 } };
  if (id.includes('minilm')) return { pooling: 'mean', normalize: true, queryPrefix: '', passagePrefix: '', similarity: { low: 0.1, high: 0.7 } };
  // Uncalibrated: a middling range.
  return { pooling: 'mean', normalize: true, queryPrefix: '', passagePrefix: '', similarity: { low: 0.2, high: 0.8 } };
}
