/**
 * The `files` backend (the default): the index is files under INDEX_DIR (src/index/index-store.ts),
 * loaded into this process — passages, the hnswlib graph, the BM25 postings and the sentence
 * vectors — and every read is answered from memory by today's classes, unchanged.
 */
import type { EngineConfig } from '../config/engine-config.js';
import { rebuildError } from '../errors.js';
import type { ArticleMeta, Passage, ReindexSummary } from '../types.js';
import { runFilesIndex } from './run-files-index.js';
import type { KeywordHit } from './keyword-index.js';
import type { QuoteIndex } from '../quotes/quote-index.js';
import type {
  ArticleReader,
  CorpusWords,
  IndexBackend,
  IndexDescription,
  IndexSnapshot,
  LabelRange,
  PassageBatch,
  RunIndexOptions,
  SearchScope,
} from './index-backend.js';
import { rangeFilter } from './index-backend.js';
import { readIndex, type StoredIndex } from './index-store.js';
import type { VectorHit } from './vector-index.js';

/** A loaded generation of the files index. */
export class FilesSnapshot implements IndexSnapshot {
  readonly description: IndexDescription;
  private readonly corpusWords: CorpusWords;

  constructor(readonly index: StoredIndex) {
    const m = index.manifest;
    // The generation is the tag of its data files (feedback records name it).
    const generation = /\.([0-9a-z]+-[0-9a-z]+)\./.exec(m.files.passages.name)?.[1] ?? m.builtAt;
    this.description = { generation, modelId: m.modelId, dims: m.dims, passages: m.passages, builtAt: m.builtAt };
    const k = index.keyword;
    this.corpusWords = {
      passageCount: k.size,
      exactFrequency: (w) => k.documentFrequency(w),
      formFrequency: (w) => k.formFrequency(w),
      isName: (w) => k.isName(w),
      correct: (w) => k.correct(w),
    };
  }

  get articles(): readonly ArticleMeta[] {
    return this.index.passages.articles;
  }

  range(articleId: string): LabelRange | undefined {
    return this.index.passages.range(articleId);
  }

  articleIdOf(label: number): string | undefined {
    return label >= 0 && label < this.index.passages.size ? this.index.passages.articleIdOf(label) : undefined;
  }

  get quotes(): QuoteIndex | undefined {
    return this.index.quotes;
  }

  /** Every article is in memory already. */
  articleReader(): ArticleReader {
    const { passages, sentences } = this.index;
    return {
      get size() {
        return passages.size;
      },
      articles: passages.articles,
      article: (id) => passages.article(id),
      range: (id) => passages.range(id),
      get: (label) => passages.get(label),
      passagesOf: (id) => passages.passagesOf(id),
      dims: sentences.dims,
      spansOf: (label) => sentences.spansOf(label),
      vectorsOf: (label) => sentences.vectorsOf(label),
      read: async () => undefined,
    };
  }

  /** Every word is in memory already. */
  async words(): Promise<CorpusWords> {
    return this.corpusWords;
  }

  private filter(scope: SearchScope | undefined) {
    return scope && rangeFilter(scope.articleIds.map((id) => this.range(id)));
  }

  async dense(query: Float32Array, k: number, scope?: SearchScope): Promise<VectorHit[]> {
    const f = this.filter(scope);
    return this.index.vectors.search(query, k, f?.test, f?.count);
  }

  async keyword(query: string, k: number, scope?: SearchScope): Promise<KeywordHit[]> {
    return this.index.keyword.search(query, k, this.filter(scope)?.test);
  }

  async fetch(_labels: readonly number[], query: Float32Array, words: readonly string[] = []): Promise<PassageBatch> {
    const { passages, sentences, keyword } = this.index;
    const ids = words.map((w) => keyword.termIds(w));
    // Each candidate's sentence cosines to the question are read by the second stage, the passage
    // cosine and the answer layer: computed once per batch.
    const cosines = new Map<number, Float32Array>();
    const sentenceCosines = (label: number) => {
      let c = cosines.get(label);
      if (!c) cosines.set(label, (c = sentences.similarities(label, query)));
      return c;
    };
    return {
      dims: sentences.dims,
      passage: (label) => passages.get(label),
      // From the stored sentence vectors (their unit mean is the passage vector): no row copied out of hnswlib.
      similarity: (label) => sentences.passageSimilarityFrom(label, sentenceCosines(label)),
      hasWord: (i, label) => keyword.hasAny(ids[i]!, label),
      termFrequency: (term, label) => keyword.termFrequency(term, label),
      spansOf: (label) => sentences.spansOf(label),
      similarities: (label, q) => (q === query ? sentenceCosines(label) : sentences.similarities(label, q)),
      vectorsOf: (label) => sentences.vectorsOf(label),
    };
  }

  async passagesOf(articleId: string): Promise<Passage[]> {
    return this.index.passages.passagesOf(articleId);
  }
}

export class FilesBackend implements IndexBackend {
  readonly kind = 'files' as const;
  /** Questions in progress per generation (`hold`). */
  private readonly inUse = new Map<IndexSnapshot, number>();
  /** Generations swapped out (or closed) while questions were still reading them: closed when the last one ends. */
  private readonly retired = new Set<FilesSnapshot>();
  /** Closing of generations' files in progress (`close` waits for them). */
  private closing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly config: EngineConfig,
    private snapshot: FilesSnapshot | undefined,
  ) {}

  /** The index in INDEX_DIR, loaded and verified (none yet is not an error: `hasIndex` is false). */
  static async open(config: EngineConfig): Promise<FilesBackend> {
    const index = await readIndex(config.indexDir, config.hnsw.efSearch, config.sentenceVectorsInMemoryBytes);
    return new FilesBackend(config, index && new FilesSnapshot(index));
  }

  /** Nothing loaded yet: for an index run only (`npm run index`), which loads what it wrote. */
  static empty(config: EngineConfig): FilesBackend {
    return new FilesBackend(config, undefined);
  }

  get hasIndex(): boolean {
    return this.snapshot !== undefined;
  }

  current(): FilesSnapshot {
    if (!this.snapshot) throw rebuildError('INDEX_MISSING', `There is no index in ${this.config.indexDir} yet.`, 'update');
    return this.snapshot;
  }

  async runIndex(options: RunIndexOptions): Promise<ReindexSummary | undefined> {
    const { verify } = options;
    const { summary, index } = await runFilesIndex(this.config, {
      ...options,
      verify: verify && ((loaded, built) => verify(new FilesSnapshot(loaded), built)),
    });
    if (summary && !summary.wrote && this.snapshot) await index.close();
    else await this.swap(new FilesSnapshot(index));
    return summary;
  }

  /**
   * One assignment: questions in progress keep the snapshot they started with. The old one's files
   * (sentence vectors read from disk, the quote file until read) are closed now, or when the last
   * question reading it ends; left to the garbage collector they stayed open (Node's DEP0137) for
   * every re-index of a large index.
   */
  private async swap(next: FilesSnapshot): Promise<void> {
    const old = this.snapshot;
    this.snapshot = next;
    if (old) await this.retire(old);
  }

  hold(snapshot: IndexSnapshot): () => void {
    this.inUse.set(snapshot, (this.inUse.get(snapshot) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.inUse.get(snapshot)! - 1;
      if (left > 0) this.inUse.set(snapshot, left);
      else {
        this.inUse.delete(snapshot);
        if (snapshot instanceof FilesSnapshot && this.retired.delete(snapshot)) void this.closeFiles(snapshot);
      }
    };
  }

  /** Close a generation no longer in service: now (resolved once closed), or when the last question reading it ends. */
  private retire(old: FilesSnapshot): Promise<void> {
    if (!this.inUse.has(old)) return this.closeFiles(old);
    this.retired.add(old);
    return Promise.resolve();
  }

  private closeFiles(s: FilesSnapshot): Promise<void> {
    const done = s.index.close().catch(() => undefined);
    this.closing = Promise.all([this.closing, done]);
    return done;
  }

  async close(): Promise<void> {
    if (this.snapshot) void this.retire(this.snapshot);
    await this.closing;
  }
}
