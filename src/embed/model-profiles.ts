/** How a sentence-embedding model turns token states into one vector. */
export type Pooling = 'cls' | 'mean';

export interface ModelProfile {
  pooling: Pooling;
  normalize: boolean;
  /** Prepended to questions (asymmetric retrieval models). */
  queryPrefix: string;
  /** Prepended to passages. */
  passagePrefix: string;
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
    };
  }
  if (id.includes('bge-m3')) return { pooling: 'cls', normalize: true, queryPrefix: '', passagePrefix: '' };
  if (id.includes('e5-')) return { pooling: 'mean', normalize: true, queryPrefix: 'query: ', passagePrefix: 'passage: ' };
  return { pooling: 'mean', normalize: true, queryPrefix: '', passagePrefix: '' };
}
