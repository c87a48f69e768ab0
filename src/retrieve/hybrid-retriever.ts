import type { Embedder } from '../embed/embedder.js';
import { EngineError } from '../engine/errors.js';
import type { DocumentMeta, Passage, ScoredPassage } from '../engine/types.js';
import type { StoredIndex } from '../index/index-store.js';
import type { PassageStore } from '../index/passage-store.js';
import { fuseRanks } from './fuse-ranks.js';
import { KeywordIndex } from './keyword-index.js';
import { defaultRetrievalTuning, type RetrievalTuning } from './tuning.js';

export interface RetrieveOptions {
  source?: string;
  /** Passages to return. */
  limit?: number;
  tuning?: RetrievalTuning;
}

/** Milliseconds spent in each retrieval stage (for the benchmark). */
export interface RetrievalTimings {
  embed: number;
  dense: number;
  keyword: number;
  fuse: number;
}

export interface Retrieval {
  passages: ScoredPassage[];
  /** Passage-side terms that matched the query in keyword search (fuzzy/prefix expanded). */
  matchedTerms: Set<string>;
  timings: RetrievalTimings;
}

/** Dense (HNSW) plus keyword (BM25) retrieval, fused by reciprocal rank. */
export class HybridRetriever {
  readonly keyword: KeywordIndex;
  private readonly store: PassageStore;

  constructor(
    readonly index: StoredIndex,
    private readonly embedder: Embedder,
  ) {
    this.keyword = index.keyword;
    this.store = index.passages;
  }

  get documents(): readonly DocumentMeta[] {
    return this.store.documents;
  }

  passagesOf(docId: string): number {
    return this.store.range(docId)?.count ?? 0;
  }

  /** One article's passages, in order. */
  passagesOfDocument(docId: string): Passage[] {
    return this.store.passagesOf(docId);
  }

  hasDocument(docId: string): boolean {
    return this.store.range(docId) !== undefined;
  }

  /**
   * Add the passage that follows each of the first `top` passages in its article
   * (a quote often sits in the paragraph after its attribution). Added passages
   * rank after the retrieved ones and carry their predecessor's similarity.
   */
  withFollowing(passages: readonly ScoredPassage[], top = 3): ScoredPassage[] {
    const out = [...passages];
    const have = new Set(passages.map((p) => p.id));
    for (const p of passages.slice(0, top)) {
      const label = this.store.labelOf(p.id);
      if (label === undefined || label + 1 >= this.store.size || this.store.docIdOf(label + 1) !== p.docId) continue;
      const next = this.store.get(label + 1);
      if (have.has(next.id)) continue;
      have.add(next.id);
      out.push({ ...next, doc: p.doc, score: 0, similarity: p.similarity });
    }
    return out;
  }

  async retrieve(query: string, options: RetrieveOptions = {}): Promise<Retrieval> {
    const { source, limit = 5, tuning = defaultRetrievalTuning } = options;
    const { candidates } = tuning;
    const range = source === undefined ? undefined : this.store.range(source);
    if (source !== undefined && !range) {
      throw new EngineError('UNKNOWN_SOURCE', `There is no article "${source}" in the index. Use /sources to see the article ids.`);
    }
    let t = performance.now();
    const queryVector = await this.embedder.embedQuery(query);
    const timings: RetrievalTimings = { embed: performance.now() - t, dense: 0, keyword: 0, fuse: 0 };

    t = performance.now();
    // A document's passages have consecutive labels, so restricting to one source is a range check.
    const filter = range && ((label: number) => label >= range.first && label < range.first + range.count);
    const dense = this.index.vectors.search(queryVector, candidates, filter, range?.count);
    timings.dense = performance.now() - t;

    t = performance.now();
    const keyword = this.keyword.search(query, candidates, filter);
    timings.keyword = performance.now() - t;

    t = performance.now();
    const similarity = new Map(dense.map((h) => [h.label, h.similarity]));
    const ranks = { dense: new Map(dense.map((h, i) => [h.label, i + 1])), keyword: new Map(keyword.map((h, i) => [h.label, i + 1])) };
    const lists = { dense: [dense.map((h) => h.label)], keyword: [keyword.map((h) => h.label)], rrf: [dense.map((h) => h.label), keyword.map((h) => h.label)] };
    const fused = fuseRanks(tuning.mode === 'hybrid' ? lists.rrf : lists[tuning.mode], tuning.rrfK).slice(0, limit);
    const matchedTerms = new Set(keyword.flatMap((h) => h.terms));
    const result: ScoredPassage[] = fused.map(({ label, score }) => {
      const p = this.store.get(label);
      return {
        ...p,
        doc: this.store.document(p.docId)!,
        score,
        similarity: similarity.get(label) ?? this.index.vectors.similarity(queryVector, label),
        denseRank: ranks.dense.get(label),
        keywordRank: ranks.keyword.get(label),
      };
    });
    timings.fuse = performance.now() - t;
    return { passages: result, matchedTerms, timings };
  }
}
