import { createHash } from 'node:crypto';
import path from 'node:path';
import { CHUNKER_VERSION } from '../../src/chunk/chunk-article.js';
import type { Embedder } from '../../src/embed/embedder.js';
import type { ArticleMeta, Passage } from '../../src/types.js';
import type { HnswParams } from '../../src/config/index-params.js';
import { writeIndex } from '../../src/index/index-store.js';
import { INDEX_FORMAT_VERSION, type ManifestDocument } from '../../src/index/manifest.js';
import { PassageStore } from '../../src/index/passage-store.js';
import { sentenceSpans, SentenceStore } from '../../src/index/sentence-store.js';
import { VectorIndex } from '../../src/index/vector-index.js';
import { KeywordIndex } from '../../src/index/keyword-index.js';
import { rng } from './stats.js';
import { syntheticPassages } from './synthetic.js';

const PASSAGES_PER_ARTICLE = 10;

/**
 * Real embeddings of `count` synthetic passages (recombined real sentences):
 * the base that larger synthetic indexes are grown from.
 */
export async function realBase(embedder: Embedder, sentences: readonly string[], count: number) {
  const texts = syntheticPassages(sentences, count);
  return { texts, vectors: await embedder.embedPassages(texts) };
}

/** Options of a synthetic index of `n` passages. */
export interface SyntheticIndexOptions {
  n: number;
  base: { texts: string[]; vectors: Float32Array };
  sentences: readonly string[];
  modelId: string;
  dims: number;
  pooling: 'cls' | 'mean';
  hnsw: HnswParams;
  seed?: number;
}

/**
 * The passages, vectors and sentences of a synthetic index of `n` passages. Passages are
 * recombined real sentences; the first `base.texts.length` carry their real embeddings, the rest
 * are those embeddings perturbed with Gaussian noise and renormalised (cosine ≈ 0.8 to their
 * origin), so the vector space stays clustered like real text. The same data goes into either
 * backend (files: writeSyntheticIndex; PostgreSQL: bench/postgres.ts).
 */
export function syntheticIndexData(opts: SyntheticIndexOptions) {
  const { n, base, dims } = opts;
  const next = rng(opts.seed ?? 5);
  const gauss = () => Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
  const extraTexts = syntheticPassages(opts.sentences, Math.max(0, n - base.texts.length), 99);
  const texts = [...base.texts.slice(0, n), ...extraTexts];
  const vectors = new Float32Array(n * dims);
  const sigma = 0.75 / Math.sqrt(dims);
  for (let i = 0; i < n; i++) {
    const src = (i % base.texts.length) * dims;
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const v = base.vectors[src + d]! + (i < base.texts.length ? 0 : sigma * gauss());
      vectors[i * dims + d] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (let d = 0; d < dims; d++) vectors[i * dims + d]! /= norm;
  }

  const articles: ArticleMeta[] = [];
  const manifestDocs: ManifestDocument[] = [];
  const passages: Passage[] = [];
  for (let a = 0; a * PASSAGES_PER_ARTICLE < n; a++) {
    const id = `syn_${String(a).padStart(6, '0')}`;
    articles.push({ id, file: `${id}.txt`, title: `Synthetic report ${a}` });
    const first = passages.length;
    let offset = 0;
    for (let i = first; i < Math.min(n, first + PASSAGES_PER_ARTICLE); i++) {
      const text = texts[i]!;
      passages.push({ id: `${id}#${i - first}`, articleId: id, paragraph: i - first + 1, start: offset, end: offset + text.length, text });
      offset += text.length + 2;
    }
    manifestDocs.push({
      id,
      file: `${id}.txt`,
      hash: createHash('sha256').update(`synthetic-${a}`).digest('hex'),
      firstPassage: first,
      passages: passages.length - first,
    });
  }

  // Sentence vectors: each its passage's vector, perturbed like the synthetic passages are.
  const spans = passages.map((p) => sentenceSpans(p, ''));
  const sentenceVectors = new Float32Array(spans.reduce((k, s) => k + s.length, 0) * dims);
  let row = 0;
  spans.forEach((list, label) => {
    for (let j = 0; j < list.length; j++, row++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) {
        const v = vectors[label * dims + d]! + sigma * gauss();
        sentenceVectors[row * dims + d] = v;
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      for (let d = 0; d < dims; d++) sentenceVectors[row * dims + d]! /= norm;
    }
  });

  // As the real build does: a passage's vector is the unit mean of its sentences' vectors.
  row = 0;
  spans.forEach((list, label) => {
    if (list.length === 0) return;
    const v = vectors.subarray(label * dims, (label + 1) * dims);
    v.fill(0);
    for (let j = 0; j < list.length; j++, row++) for (let d = 0; d < dims; d++) v[d]! += sentenceVectors[row * dims + d]!;
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += v[d]! * v[d]!;
    norm = Math.sqrt(norm);
    for (let d = 0; d < dims; d++) v[d]! /= norm;
  });

  return { texts, vectors, articles, manifestDocs, passages, spans, sentenceVectors };
}

/** Write a synthetic index of `n` passages to `indexDir` (see syntheticIndexData). */
export async function writeSyntheticIndex(indexDir: string, opts: SyntheticIndexOptions): Promise<{ buildSeconds: number; writeSeconds: number }> {
  const started = performance.now();
  const { n, dims } = opts;
  const { texts, vectors, articles, manifestDocs, passages, spans, sentenceVectors } = syntheticIndexData(opts);
  const t = performance.now();
  const vectorIndex = VectorIndex.build(vectors, dims, opts.hnsw);
  const buildSeconds = (performance.now() - t) / 1000;
  const keywordIndex = KeywordIndex.build(texts);
  await writeIndex(path.resolve(indexDir), {
    manifest: {
      formatVersion: INDEX_FORMAT_VERSION,
      modelId: opts.modelId,
      dims,
      pooling: opts.pooling,
      chunkerVersion: CHUNKER_VERSION,
      hnsw: opts.hnsw,
      passages: n,
      documents: manifestDocs,
    },
    passages: PassageStore.from(articles, passages),
    vectors,
    vectorIndex,
    keywordIndex,
    sentences: SentenceStore.build(spans, sentenceVectors, dims),
  });
  return { buildSeconds, writeSeconds: (performance.now() - started) / 1000 };
}
