import { INDEXED_TEXT_VERSION } from './indexed-text-version.js';
import type { EngineConfig } from '../config/engine-config.js';
import type { Embedder } from '../embed/embedder.js';
import { EngineError, isEngineError } from '../errors.js';
import type { ReindexOptions, ReindexSummary } from '../types.js';
import { loadCorpus } from '../ingest/load-corpus.js';
import type { CleanedArticle } from '../ingest/cleaned-article.js';
import { readIndex, readManifest, readVectors, writeIndex, type StoredIndex } from './index-store.js';
import { INDEX_FORMAT_VERSION, type Manifest, type ManifestDocument } from './manifest.js';
import type { CorpusEntry } from '../ingest/cleaned-article.js';
import { buildQuoteIndex } from '../quotes/build-quotes.js';
import type { QuoteIndex } from '../quotes/quote-index.js';
import { assembleIndex, type AssembledIndex } from './build-assemble.js';
import { QUOTE_EXTRACTOR_VERSION } from '../quotes/tuning.js';
import { embedArticles, type EmbeddedArticles } from './build-embed.js';
import { buildClock, type BuildClock } from './build-clock.js';
import { planChanges, planOrder, reusable, type PreviousIndex } from './build-plan.js';

export interface BuildResult {
  summary: ReindexSummary;
  /** The index now on disk; undefined when nothing changed and nothing was written. */
  index?: StoredIndex;
}

export type { PreviousIndex } from './build-plan.js';
export { meanVectors } from './build-embed.js';
export { buildClock, type BuildClock } from './build-clock.js';

/** Where a build reads the current index from (files or database). */
export interface BuildSource<Reused> {
  /** The current index's description; undefined when there is none. Throws an EngineError when it is unusable. */
  readPrevious(): Promise<PreviousIndex | undefined>;
  /** What unchanged articles are re-used from; undefined when that turns out unusable (everything is re-read). */
  loadReused(prev: PreviousIndex, warnings: string[]): Promise<Reused | undefined>;
  /** `prev` built with other settings: rebuild fully with a warning (files), or refuse (the shared database). */
  onOtherSettings?(prev: PreviousIndex): void;
}

/** The articles read, what changed, and the new and changed articles chunked and embedded. */
export interface PreparedBuild<Reused> extends EmbeddedArticles {
  summaryBase: Pick<ReindexSummary, 'articleCount' | 'added' | 'changed' | 'removed' | 'unchangedCount' | 'warnings'>;
  /** The previous index's articles (empty when everything is rebuilt). */
  prevDocs: Map<string, ManifestDocument>;
  /** The articles in file order (what the quote index is built over). */
  entries: CorpusEntry[];
  /** The articles in the order of the new index's labels. */
  order: CorpusEntry[];
  /** Only articles were added: existing passages keep their labels and the new ones follow. */
  appendOnly: boolean;
  reused: Reused | undefined;
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
        warnings.push(unusableWarning(e));
      }
      if (manifest && !reusable(manifest, { modelId: config.modelId, dims: embedder.dims, chunkerVersion: INDEXED_TEXT_VERSION, hnsw: config.hnsw })) {
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
  const { added, changed, removed, unchangedCount, upToDate } = planChanges(manifest, corpus.entries, QUOTE_EXTRACTOR_VERSION);
  // Parsed entries are exactly the new and changed articles (unchanged ones were not parsed).
  let toEmbed: CleanedArticle[] = corpus.articles;

  const summaryBase = { articleCount: corpus.entries.length, added, changed, removed, unchangedCount, warnings };
  if (manifest && upToDate) {
    return {
      done: {
        ...summaryBase,
        passageCount: manifest.documents.reduce((n, d) => n + d.passages, 0),
        embeddedCount: 0,
        wrote: false,
        seconds: (performance.now() - started) / 1000,
        timings,
      },
    };
  }

  // Passages and vectors of unchanged articles are reused; they are only read when something changed.
  const reused = manifest && unchangedCount > 0 ? await timed('read', () => source.loadReused(manifest, warnings)) : undefined;
  let entries = corpus.entries;
  if (manifest && unchangedCount > 0 && !reused) {
    // The old data is damaged: parse and embed everything after all.
    const all = await timed('read', () => loadCorpus(config.seedsDir, { maxArticleBytes: config.maxArticleBytes }));
    entries = all.entries;
    toEmbed = all.articles;
    prevDocs.clear();
  }

  // --- plan: the new index's label order (existing labels kept when articles were only added)
  const { order, appendOnly } = planOrder(manifest, entries, { changed, removed }, Boolean(reused));

  // --- embed: chunk and embed the new and changed articles
  const embedded = await embedArticles(toEmbed, embedder, clock);

  return { prepared: { summaryBase, prevDocs, entries, order, appendOnly, reused, ...embedded, dims: embedder.dims } };
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
        warnings.push(unusableWarning(e));
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
  const prepared = step.prepared;
  const { summaryBase, entries, appendOnly, reused: prev, freshPassages } = prepared;
  const appendTo = appendOnly ? prev!.index : undefined;

  // --- assemble: all passages in label order, then the graph built (or extended)
  const { passages, vectors, documents, vectorIndex, keywordIndex, sentences } = await timed('index', () =>
    assembleIndex({ ...prepared, appendTo }, config.hnsw, progress),
  );

  // --- quotes: extracted from new and changed articles and embedded; statements regrouped
  const quotes = await timed('index', () => buildQuoteIndex({ entries, previous: prev?.index.quotes, embedder, seedsDir: config.seedsDir }));
  await prev?.index.close(); // everything of it that is re-used has been read

  // --- write
  const written = await writeFilesIndex(config, embedder, clock, { passages, vectors, documents, vectorIndex, keywordIndex, sentences, quotes });

  return {
    summary: {
      ...summaryBase,
      passageCount: passages.size,
      embeddedCount: freshPassages.length,
      wrote: true,
      seconds: (performance.now() - started) / 1000,
      timings,
    },
    index: { manifest: written, passages, vectors: vectorIndex, keyword: keywordIndex, sentences, quotes, close: () => sentences.close() },
  };
}

/** The write phase: the assembled index and its manifest, written atomically into INDEX_DIR. */
function writeFilesIndex(config: EngineConfig, embedder: Embedder, clock: BuildClock, built: AssembledIndex & { quotes: QuoteIndex }): Promise<Manifest> {
  const { timed, progress } = clock;
  const { passages, vectors, documents, vectorIndex, keywordIndex, sentences, quotes } = built;
  return timed('write', async () => {
    progress('write', 0, 1);
    const m = await writeIndex(config.indexDir, {
      manifest: {
        formatVersion: INDEX_FORMAT_VERSION,
        modelId: config.modelId,
        dims: embedder.dims,
        pooling: embedder.profile.pooling,
        chunkerVersion: INDEXED_TEXT_VERSION,
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
}

/** The warning for an existing index that cannot be reused: the error's first sentence, then what happens instead. */
function unusableWarning(e: Error): string {
  return `existing index unusable (${e.message.split('. ')[0]!.replace(/\.$/, '')}); rebuilding it fully`;
}
