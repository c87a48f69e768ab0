import type { Embedder } from '../embed/embedder.js';
import { EngineError } from '../engine/errors.js';
import type { DocumentMeta, Passage, ScoredPassage } from '../engine/types.js';
import type { StoredIndex } from '../index/index-store.js';
import type { PassageStore } from '../index/passage-store.js';
import { SentenceFlag, type SentenceStore } from '../index/sentence-store.js';
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
  /** Index label of each passage (for its sentences). */
  labels: number[];
  /** The question's embedding. */
  queryVector: Float32Array;
  timings: RetrievalTimings;
}

/**
 * Dense (HNSW) plus keyword (BM25) retrieval. In `hybrid` mode the candidates of both lists are
 * re-scored together: the passage's cosine similarity, its best sentence's (so one sentence that
 * answers counts more than a passage that is about the topic), and the BM25 score, whose weight
 * grows with the rarity of the words it matched.
 */
export class HybridRetriever {
  readonly keyword: KeywordIndex;
  readonly sentences: SentenceStore;
  private readonly store: PassageStore;

  constructor(
    readonly index: StoredIndex,
    private readonly embedder: Embedder,
  ) {
    this.keyword = index.keyword;
    this.store = index.passages;
    this.sentences = index.sentences;
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

  /**
   * Add the passage that follows each of the first `top` passages in its article
   * (a quote often sits in the paragraph after its attribution). Added passages
   * rank after the retrieved ones and carry their predecessor's similarity.
   */
  withFollowing(retrieval: Pick<Retrieval, 'passages' | 'labels'>, top = 3): Pick<Retrieval, 'passages' | 'labels'> {
    const passages = [...retrieval.passages];
    const labels = [...retrieval.labels];
    const have = new Set(labels);
    retrieval.labels.slice(0, top).forEach((label, i) => {
      const p = retrieval.passages[i]!;
      if (label + 1 >= this.store.size || this.store.docIdOf(label + 1) !== p.docId || have.has(label + 1)) return;
      have.add(label + 1);
      passages.push({ ...this.store.get(label + 1), doc: p.doc, score: 0, similarity: p.similarity });
      labels.push(label + 1);
    });
    return { passages, labels };
  }

  async retrieve(query: string, options: RetrieveOptions = {}): Promise<Retrieval> {
    const { source, limit = 5, tuning = defaultRetrievalTuning } = options;
    const { candidates } = tuning;
    const range = source === undefined ? undefined : this.store.range(source);
    if (source !== undefined && !range) {
      throw new EngineError('UNKNOWN_SOURCE', `There is no article "${source}" in the index. Use /sources to see the article ids.`);
    }
    // A document's passages have consecutive labels, so restricting to one source is a range check.
    const filter = range && ((label: number) => label >= range.first && label < range.first + range.count);
    let t = performance.now();
    const embedding = this.embedder.embedQuery(query, tuning.queryInstruction);
    // The model runs on ONNX Runtime's own threads: once it has started (after this turn of the
    // event loop), keyword search runs meanwhile instead of after it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const kt = performance.now();
    const keyword = tuning.mode === 'dense' ? [] : this.keyword.search(query, candidates, filter);
    const keywordMs = performance.now() - kt;
    const queryVector = await embedding;
    const timings: RetrievalTimings = { embed: performance.now() - t - keywordMs, dense: 0, keyword: keywordMs, fuse: 0 };

    t = performance.now();
    const dense = tuning.mode === 'keyword' ? [] : this.index.vectors.search(queryVector, candidates, filter, range?.count);
    timings.dense = performance.now() - t;

    t = performance.now();
    const similarity = new Map(dense.map((h) => [h.label, h.similarity]));
    const sim = (label: number) => similarity.get(label) ?? this.index.vectors.similarity(queryVector, label);
    let ranked: { label: number; score: number }[];
    if (tuning.mode === 'hybrid') {
      // Cosines on the model's own scale (ModelProfile.similarity), so the weights fit every model.
      const { low, high } = this.embedder.profile.similarity;
      const scaled = (cos: number) => (cos - low) / (high - low);
      const best = keyword[0]?.score ?? 0;
      const kw = new Map(keyword.map((h) => [h.label, best > 0 ? h.score / best : 0]));
      const keywordWeight = tuning.keywordWeight * (1 + tuning.keywordRareBoost * this.rarity(query));
      ranked = [...new Set([...dense.map((h) => h.label), ...keyword.map((h) => h.label)])].map((label) => ({
        label,
        score: tuning.denseWeight * scaled(sim(label)) + tuning.sentenceWeight * scaled(this.bestSentence(label, queryVector, tuning)) + keywordWeight * (kw.get(label) ?? 0),
      }));
      ranked.sort((a, b) => b.score - a.score || a.label - b.label);
    } else {
      const lists = { dense: [dense.map((h) => h.label)], keyword: [keyword.map((h) => h.label)], rrf: [dense.map((h) => h.label), keyword.map((h) => h.label)] };
      ranked = fuseRanks(lists[tuning.mode], tuning.rrfK);
    }
    const ranks = { dense: new Map(dense.map((h, i) => [h.label, i + 1])), keyword: new Map(keyword.map((h, i) => [h.label, i + 1])) };
    const top = ranked.slice(0, limit);
    const passages: ScoredPassage[] = top.map(({ label, score }) => {
      const p = this.store.get(label);
      return { ...p, doc: this.store.document(p.docId)!, score, similarity: sim(label), denseRank: ranks.dense.get(label), keywordRank: ranks.keyword.get(label) };
    });
    timings.fuse = performance.now() - t;
    return { passages, labels: top.map((x) => x.label), queryVector, timings };
  }

  /** The best sentence similarity of a passage; titles and headlines count for less. */
  private bestSentence(label: number, queryVector: Float32Array, tuning: RetrievalTuning): number {
    const sims = this.sentences.similarities(label, queryVector);
    const spans = this.sentences.spansOf(label);
    let best = 0;
    sims.forEach((s, i) => {
      const heading = (spans[i]!.flags & (SentenceFlag.title | SentenceFlag.headline)) !== 0;
      best = Math.max(best, heading ? s * tuning.titleSentenceFactor : s);
    });
    return best;
  }

  /** How rare the query's rarest corpus word is: its IDF over the largest possible IDF (0–1). */
  private rarity(query: string): number {
    const n = this.keyword.size;
    if (n < 2) return 0;
    let minDf = Infinity;
    for (const w of new Set(query.toLowerCase().match(/[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*/gu) ?? [])) {
      const df = this.keyword.documentFrequency(w);
      if (df > 0) minDf = Math.min(minDf, df);
    }
    if (minDf === Infinity) return 0;
    const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return idf(minDf) / idf(1);
  }
}
