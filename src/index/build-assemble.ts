import type { HnswParams } from '../config/index-params.js';
import type { CorpusEntry } from '../ingest/cleaned-article.js';
import type { ArticleMeta, Passage } from '../types.js';
import type { EmbeddedArticles } from './build-embed.js';
import type { StoredIndex } from './index-store.js';
import { KeywordIndex } from './keyword-index.js';
import type { ManifestDocument } from './manifest.js';
import { PassageStore } from './passage-store.js';
import { SentenceStore, type SentenceSpan } from './sentence-store.js';
import { VectorIndex } from './vector-index.js';

export interface AssembleInput extends EmbeddedArticles {
  /** The articles in the order of the new index's labels. */
  order: readonly CorpusEntry[];
  /** The previous index's articles (empty when everything is rebuilt). */
  prevDocs: ReadonlyMap<string, ManifestDocument>;
  /** The previous index and its vectors, where unchanged articles' passages are read from. */
  reused: { index: StoredIndex; vectors: Float32Array } | undefined;
  /** Only articles were added: this (previous) index's graph is extended instead of rebuilt. */
  appendTo: StoredIndex | undefined;
  dims: number;
}

/** The index in memory, ready to be written. */
export interface AssembledIndex {
  passages: PassageStore;
  vectors: Float32Array;
  documents: ManifestDocument[];
  vectorIndex: VectorIndex;
  keywordIndex: KeywordIndex;
  sentences: SentenceStore;
}

/**
 * The assemble phase of the files backend: every passage in label order (fresh ones embedded now,
 * unchanged ones from the previous index), then the graph built (or extended), the keyword index
 * and the sentence store.
 */
export function assembleIndex(input: AssembleInput, hnsw: HnswParams, progress: (phase: 'index', done: number, total: number) => void): AssembledIndex {
  const { order, prevDocs, reused: prev, appendTo, fresh, freshPassages, freshSpans, sentenceRow, freshVectors, freshSentenceVectors, dims } = input;
  const prevMeta = new Map((prev?.index.passages.articles ?? []).map((d) => [d.id, d]));
  const freshRow = new Map(freshPassages.map((p, i) => [p.id, i]));
  const passages: Passage[] = [];
  const metas: ArticleMeta[] = [];
  const documents: ManifestDocument[] = [];
  const total = order.reduce((n, e) => n + (e.article ? (fresh.get(e.id)?.length ?? 0) : prevDocs.get(e.id)!.passages), 0);
  const vectors = new Float32Array(total * dims);
  const spans: SentenceSpan[][] = [];
  const sentenceVectors: Float32Array[] = [];
  for (const entry of order) {
    const firstPassage = passages.length;
    if (entry.article) {
      for (const p of fresh.get(entry.id) ?? []) {
        const row = freshRow.get(p.id)!;
        vectors.set(freshVectors.subarray(row * dims, (row + 1) * dims), passages.length * dims);
        passages.push(p);
        spans.push(freshSpans[row]!);
        for (const sp of freshSpans[row]!) {
          const r = sentenceRow.get(p.text.slice(sp.start, sp.end))!;
          sentenceVectors.push(freshSentenceVectors.subarray(r * dims, (r + 1) * dims));
        }
      }
      metas.push(entry.article.meta);
    } else {
      const old = prevDocs.get(entry.id)!;
      for (let i = 0; i < old.passages; i++) {
        const label = old.firstPassage + i;
        vectors.set(prev!.vectors.subarray(label * dims, (label + 1) * dims), passages.length * dims);
        passages.push(prev!.index.passages.get(label));
        spans.push(prev!.index.sentences.spansOf(label));
        sentenceVectors.push(prev!.index.sentences.vectorsOf(label));
      }
      metas.push(prevMeta.get(entry.id)!);
    }
    documents.push({ id: entry.id, file: entry.file, hash: entry.hash, firstPassage, passages: passages.length - firstPassage });
  }
  const onProgress = (done: number, n: number) => progress('index', done, n);
  const vectorIndex = appendTo ? appendTo.vectors.extend(vectors, onProgress) : VectorIndex.build(vectors, dims, hnsw, onProgress);
  const keywordIndex = KeywordIndex.build(passages.map((p) => p.text));
  const flat = new Float32Array(sentenceVectors.reduce((n, v) => n + v.length, 0));
  let at = 0;
  for (const v of sentenceVectors) {
    flat.set(v, at);
    at += v.length;
  }
  const sentences = SentenceStore.build(spans, flat, dims);
  return { passages: PassageStore.from(metas, passages), vectors, documents, vectorIndex, keywordIndex, sentences };
}
