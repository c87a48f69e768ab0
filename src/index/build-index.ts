import { chunkDocument, CHUNKER_VERSION } from '../chunk/chunk-document.js';
import type { EngineConfig } from '../config/engine-config.js';
import type { Embedder } from '../embed/embedder.js';
import { EngineError, isEngineError } from '../errors.js';
import type { DocumentMeta, Passage, ReindexOptions, ReindexProgress, ReindexSummary } from '../types.js';
import { loadCorpus } from '../ingest/load-corpus.js';
import type { SourceDocument } from '../ingest/document.js';
import { readIndex, readManifest, readVectors, writeIndex, type StoredIndex } from './index-store.js';
import { INDEX_FORMAT_VERSION, type ManifestDocument } from './manifest.js';
import type { CorpusEntry } from '../ingest/document.js';
import { PassageStore } from './passage-store.js';
import { sentenceSpans, SentenceStore, type SentenceSpan } from './sentence-store.js';
import { VectorIndex } from './vector-index.js';
import { KeywordIndex } from './keyword-index.js';
import { buildQuoteIndex } from '../quotes/build-quotes.js';
import { QUOTE_EXTRACTOR_VERSION } from '../quotes/tuning.js';
import { planChanges, planOrder, reusable, type PreviousIndex } from './build-plan.js';

export interface BuildResult {
  summary: ReindexSummary;
  /** The index now on disk; undefined when nothing changed and nothing was written. */
  index?: StoredIndex;
}

type Phase = ReindexProgress['phase'];

export type { PreviousIndex } from './build-plan.js';

/** Where a build reads the current index from (files or database). */
export interface BuildSource<Reused> {
  /** The current index's description; undefined when there is none. Throws an EngineError when it is unusable. */
  readPrevious(): Promise<PreviousIndex | undefined>;
  /** What unchanged articles are re-used from; undefined when that turns out unusable (everything is re-read). */
  loadReused(prev: PreviousIndex, warnings: string[]): Promise<Reused | undefined>;
  /** `prev` built with other settings: rebuild fully with a warning (files), or refuse (the shared database). */
  onOtherSettings?(prev: PreviousIndex): void;
}

/** Timings and progress of one build. */
export interface BuildClock {
  started: number;
  timings: Record<Phase, number>;
  timed<T>(phase: Phase, fn: () => Promise<T> | T): Promise<T>;
  progress(phase: Phase, done: number, total: number): void;
}

export function buildClock(options: ReindexOptions): BuildClock {
  const timings: Record<Phase, number> = { read: 0, chunk: 0, embed: 0, index: 0, write: 0 };
  return {
    started: performance.now(),
    timings,
    async timed<T>(phase: Phase, fn: () => Promise<T> | T): Promise<T> {
      const t = performance.now();
      try {
        return await fn();
      } finally {
        timings[phase] += (performance.now() - t) / 1000;
      }
    },
    progress: (phase, done, total) => options.onProgress?.({ phase, done, total }),
  };
}

/** The articles read, what changed, and the new and changed articles chunked and embedded. */
export interface PreparedBuild<Reused> {
  summaryBase: Pick<ReindexSummary, 'documents' | 'added' | 'changed' | 'removed' | 'unchanged' | 'warnings'>;
  /** The previous index's articles (empty when everything is rebuilt). */
  prevDocs: Map<string, ManifestDocument>;
  /** The articles in file order (what the quote index is built over). */
  entries: CorpusEntry[];
  /** The articles in the order of the new index's labels. */
  order: CorpusEntry[];
  /** Only articles were added: existing passages keep their labels and the new ones follow. */
  appendOnly: boolean;
  reused: Reused | undefined;
  fresh: Map<string, Passage[]>;
  freshPassages: Passage[];
  freshSpans: SentenceSpan[][];
  /** Row of each distinct fresh sentence text in `freshSentenceVectors`. */
  sentenceRow: Map<string, number>;
  freshVectors: Float32Array;
  freshSentenceVectors: Float32Array;
  dims: number;
}

/**
 * The part of a build both backends share: read the articles (files whose bytes hash as before are
 * not parsed again), tell what was added, changed and removed, and chunk and embed the new and
 * changed ones. `done` instead when nothing changed.
 */
export async function prepareBuild<Reused>(
  config: EngineConfig,
  embedder: Embedder,
  options: ReindexOptions,
  clock: BuildClock,
  source: BuildSource<Reused>,
): Promise<{ done: ReindexSummary } | { prepared: PreparedBuild<Reused> }> {
  const { timed, progress, timings, started } = clock;
  // --- read: the previous manifest (enough to tell what changed), then the articles; files whose
  // bytes hash as before are not parsed again
  const { corpus, manifest, warnings } = await timed('read', async () => {
    const warnings: string[] = [];
    let manifest: PreviousIndex | undefined;
    if (!options.full) {
      try {
        manifest = await source.readPrevious();
      } catch (e) {
        if (!isEngineError(e)) throw e;
        warnings.push(`existing index unusable (${e.message.split('. ')[0]}); rebuilding it fully`);
      }
      if (manifest && !reusable(manifest, { modelId: config.modelId, dims: embedder.dims, chunkerVersion: CHUNKER_VERSION, hnsw: config.hnsw })) {
        source.onOtherSettings?.(manifest);
        warnings.push('index was built with other settings (model, chunker or HNSW graph); rebuilding it fully');
        manifest = undefined;
      }
    }
    const corpus = await loadCorpus(config.seedsDir, {
      maxArticleBytes: config.maxArticleBytes,
      unchanged: manifest && new Map(manifest.documents.map((d) => [d.id, d.hash])),
    });
    warnings.unshift(...corpus.warnings.map((w) => `${w.file}: ${w.message}`));
    progress('read', corpus.entries.length, corpus.entries.length);
    return { corpus, manifest, warnings };
  });
  if (corpus.entries.length === 0) {
    throw new EngineError('NO_DOCUMENTS', `No usable articles in ${config.seedsDir} (.txt, .md or .html).${warnings.length ? ' ' + warnings.join('; ') : ''}`);
  }

  // --- plan: what was added, changed and removed
  const prevDocs = new Map((manifest?.documents ?? []).map((d) => [d.id, d]));
  const { added, changed, removed, unchanged, upToDate } = planChanges(manifest, corpus.entries, QUOTE_EXTRACTOR_VERSION);
  // Parsed entries are exactly the new and changed articles (unchanged ones were not parsed).
  let toEmbed: SourceDocument[] = corpus.documents;

  const summaryBase = { documents: corpus.entries.length, added, changed, removed, unchanged, warnings };
  if (manifest && upToDate) {
    return {
      done: {
        ...summaryBase,
        chunks: manifest.documents.reduce((n, d) => n + d.passages, 0),
        embedded: 0,
        wrote: false,
        seconds: (performance.now() - started) / 1000,
        timings,
      },
    };
  }

  // Passages and vectors of unchanged articles are reused; they are only read when something changed.
  const reused = manifest && unchanged > 0 ? await timed('read', () => source.loadReused(manifest, warnings)) : undefined;
  let entries = corpus.entries;
  if (manifest && unchanged > 0 && !reused) {
    // The old data is damaged: parse and embed everything after all.
    const all = await timed('read', () => loadCorpus(config.seedsDir, { maxArticleBytes: config.maxArticleBytes }));
    entries = all.entries;
    toEmbed = all.documents;
    prevDocs.clear();
  }

  // --- chunk (only new and changed articles)
  const fresh = await timed('chunk', () => {
    const out = new Map<string, Passage[]>();
    toEmbed.forEach((doc, i) => {
      out.set(
        doc.meta.id,
        chunkDocument(doc, (t) => embedder.countTokens(t)),
      );
      progress('chunk', i + 1, toEmbed.length);
    });
    return out;
  });

  // --- embed: each distinct sentence once (answers and the second retrieval stage compare
  // questions with single sentences); a passage's vector is the mean of its sentences' vectors,
  // which ranks passages as well as embedding them whole (measured on our dev sets) at half the
  // model time.
  const freshPassages = [...fresh.values()].flat();
  const titles = new Map(toEmbed.map((d) => [d.meta.id, d.meta.title]));
  const freshSpans = freshPassages.map((p) => sentenceSpans(p, titles.get(p.docId) ?? ''));
  const sentenceRow = new Map<string, number>();
  freshPassages.forEach((p, i) => {
    for (const s of freshSpans[i]!) {
      const text = p.text.slice(s.start, s.end);
      if (!sentenceRow.has(text)) sentenceRow.set(text, sentenceRow.size);
    }
  });
  const { freshVectors, freshSentenceVectors } = await timed('embed', async () => {
    const freshSentenceVectors = await embedder.embedPassages([...sentenceRow.keys()], (done, total) => progress('embed', done, total));
    const rows = freshPassages.map((p, i) => freshSpans[i]!.map((s) => sentenceRow.get(p.text.slice(s.start, s.end))!));
    return { freshVectors: meanVectors(rows, freshSentenceVectors, embedder.dims), freshSentenceVectors };
  });

  const { order, appendOnly } = planOrder(manifest, entries, { changed, removed }, Boolean(reused));

  return {
    prepared: {
      summaryBase,
      prevDocs,
      entries,
      order,
      appendOnly,
      reused,
      fresh,
      freshPassages,
      freshSpans,
      sentenceRow,
      freshVectors,
      freshSentenceVectors,
      dims: embedder.dims,
    },
  };
}

/** The files backend's reads of the current index in INDEX_DIR. */
function filesSource(config: EngineConfig): BuildSource<{ index: StoredIndex; vectors: Float32Array }> {
  return {
    async readPrevious() {
      const m = await readManifest(config.indexDir);
      return m && { ...m, quoteExtractor: m.files.quotes ? m.quoteExtractor : undefined };
    },
    async loadReused(_prev, warnings) {
      try {
        const index = await readIndex(config.indexDir, config.hnsw.efSearch, config.sentenceVectorsInMemoryBytes);
        return index && { index, vectors: await readVectors(config.indexDir, index.manifest) };
      } catch (e) {
        if (!isEngineError(e)) throw e;
        warnings.push(`existing index unusable (${e.message.split('. ')[0]}); rebuilding it fully`);
        return undefined;
      }
    },
  };
}

/**
 * Bring the index in `config.indexDir` up to date with `config.seedsDir`.
 * Unchanged articles keep their passages and vectors; changed and new ones are
 * chunked and embedded; deleted ones drop out. `full` re-embeds everything.
 */
export async function buildIndex(config: EngineConfig, embedder: Embedder, options: ReindexOptions = {}): Promise<BuildResult> {
  const clock = buildClock(options);
  const { timed, progress, timings, started } = clock;
  const step = await prepareBuild(config, embedder, options, clock, filesSource(config));
  if ('done' in step) return { summary: step.done };
  const {
    summaryBase,
    prevDocs,
    entries,
    order,
    appendOnly,
    reused: prev,
    fresh,
    freshPassages,
    freshSpans,
    sentenceRow,
    freshVectors,
    freshSentenceVectors,
    dims,
  } = step.prepared;
  const appendTo = appendOnly ? prev!.index : undefined;

  // --- index: assemble all passages, then build (or extend) the graph
  const { passages, vectors, documents, vectorIndex, keywordIndex, sentences } = await timed('index', () => {
    const prevMeta = new Map((prev?.index.passages.documents ?? []).map((d) => [d.id, d]));
    const freshRow = new Map(freshPassages.map((p, i) => [p.id, i]));
    const passages: Passage[] = [];
    const metas: DocumentMeta[] = [];
    const documents: ManifestDocument[] = [];
    const total = order.reduce((n, e) => n + (e.document ? (fresh.get(e.id)?.length ?? 0) : prevDocs.get(e.id)!.passages), 0);
    const vectors = new Float32Array(total * dims);
    const spans: SentenceSpan[][] = [];
    const sentenceVectors: Float32Array[] = [];
    for (const entry of order) {
      const firstPassage = passages.length;
      if (entry.document) {
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
        metas.push(entry.document.meta);
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
    const vectorIndex = appendTo ? appendTo.vectors.extend(vectors, onProgress) : VectorIndex.build(vectors, dims, config.hnsw, onProgress);
    const keywordIndex = KeywordIndex.build(passages.map((p) => p.text));
    const flat = new Float32Array(sentenceVectors.reduce((n, v) => n + v.length, 0));
    let at = 0;
    for (const v of sentenceVectors) {
      flat.set(v, at);
      at += v.length;
    }
    const sentences = SentenceStore.build(spans, flat, dims);
    return { passages: PassageStore.from(metas, passages), vectors, documents, vectorIndex, keywordIndex, sentences };
  });

  // --- quotes: extracted from new and changed articles and embedded; statements regrouped
  const quotes = await timed('index', () => buildQuoteIndex({ entries, previous: prev?.index.quotes, embedder, seedsDir: config.seedsDir }));
  await prev?.index.close(); // everything of it that is re-used has been read

  // --- write
  const written = await timed('write', async () => {
    progress('write', 0, 1);
    const m = await writeIndex(config.indexDir, {
      manifest: {
        formatVersion: INDEX_FORMAT_VERSION,
        modelId: config.modelId,
        dims,
        pooling: embedder.profile.pooling,
        chunkerVersion: CHUNKER_VERSION,
        hnsw: config.hnsw,
        passages: passages.size,
        documents,
        quoteExtractor: QUOTE_EXTRACTOR_VERSION,
      },
      passages,
      vectors,
      vectorIndex,
      keywordIndex,
      sentences,
      quotes,
    });
    progress('write', 1, 1);
    return m;
  });

  return {
    summary: {
      ...summaryBase,
      chunks: passages.size,
      embedded: freshPassages.length,
      wrote: true,
      seconds: (performance.now() - started) / 1000,
      timings,
    },
    index: { manifest: written, passages, vectors: vectorIndex, keyword: keywordIndex, sentences, quotes, close: () => sentences.close() },
  };
}

/** Unit-length mean of the given rows of `vectors`, one per group. */
export function meanVectors(groups: readonly number[][], vectors: Float32Array, dims: number): Float32Array {
  const out = new Float32Array(groups.length * dims);
  groups.forEach((rows, g) => {
    for (const r of rows) for (let d = 0; d < dims; d++) out[g * dims + d]! += vectors[r * dims + d]!;
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += out[g * dims + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) out[g * dims + d]! /= norm;
  });
  return out;
}
