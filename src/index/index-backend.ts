/**
 * The storage seam: what the engine needs from an index, whatever holds it. Two implementations:
 * `files` (src/index/files-backend.ts: hnswlib, BM25 postings and sentence vectors in files under
 * INDEX_DIR, loaded into the process; the default) and `postgres` (src/index/postgres/: the same
 * data in PostgreSQL with pgvector, shared by any number of processes). INDEX_BACKEND selects one.
 *
 * Reads are asynchronous and batched per question: a question makes a handful of calls (its words,
 * the dense and keyword top-k, one batch for its candidates' sentences), never one per passage.
 * Everything a question reads comes from one `IndexSnapshot`, a whole generation of the index: a
 * re-index finishing meanwhile is seen by the next question, never half-way through one.
 */
import type { ArticleMeta, Passage, ReindexOptions, ReindexSummary } from '../types.js';
import type { QuoteIndex } from '../quotes/quote-index.js';
import type { IndexingProcess } from './build-in-child.js';
import type { LockOwner } from './index-lock.js';
import type { KeywordHit } from './keyword-index.js';
import type { SentenceSpan } from './sentence-store.js';
import type { VectorHit } from './vector-index.js';

export type BackendKind = 'files' | 'postgres';

/** What an index says about itself (the manifest, or the generation's row in the database). */
export interface IndexDescription {
  /** Changes with every re-index that wrote something. */
  generation: string;
  modelId: string;
  dims: number;
  passages: number;
  builtAt: string;
}

/** An article's passages have the labels `[first, first + count)`. */
export interface LabelRange {
  first: number;
  count: number;
}

/** The corpus's words as the keyword index knows them, for question analysis and the second retrieval stage. */
export interface CorpusWords {
  /** Number of passages. */
  readonly passageCount: number;
  /** Passages containing exactly this term (a stop word never counts). */
  exactFrequency(word: string): number;
  /** Passages containing the word or another form of it ("leaked" → "leaks"). */
  formFrequency(word: string): number;
  /** Whether the articles write the word capitalised inside sentences (a name). */
  isName(word: string): boolean;
  /** The corpus word a word the corpus lacks most likely stands for ("yermack" → "yermak"). */
  correct(word: string): string | undefined;
}

/** Searches restricted to the passages of these articles (one article, an outlet or date filter). */
export interface SearchScope {
  articleIds: readonly string[];
}

/** What the answer layer needs of the index's sentences. */
export interface SentenceSource {
  spansOf(label: number): SentenceSpan[];
  /** Each sentence's cosine to a unit query (may be shared between calls: read, never write). */
  similarities(label: number, query: Float32Array): Float32Array;
  vectorsOf(label: number): Float32Array;
  readonly dims: number;
}

/**
 * What the second retrieval stage and the answer layer read of some passages, fetched together:
 * text, sentences with their vectors, the passage vector's cosine to the question, and which of the
 * question's words each passage has.
 */
export interface PassageBatch extends SentenceSource {
  passage(label: number): Passage;
  /** Cosine similarity of the passage's vector to the query the batch was fetched for. */
  similarity(label: number): number;
  /** Whether the passage has any index term the `i`-th word given to `fetch` matches (itself, longer forms, near spellings). */
  hasWord(i: number, label: number): boolean;
  /** How often the passage has this index term, where the backend holds the postings in memory (files); else absent. */
  termFrequency?(term: string, label: number): number;
}

/**
 * Whole articles, for what reads an article's every sentence (quote answers, comparisons): their
 * passages and sentences with vectors, read together (`read`) before they are used.
 */
export interface ArticleReader {
  /** Passages in the whole index. */
  readonly size: number;
  readonly articles: readonly ArticleMeta[];
  article(articleId: string): ArticleMeta | undefined;
  range(articleId: string): LabelRange | undefined;
  /** A passage of an article that was read. */
  get(label: number): Passage;
  /** An article's passages, in order (an article that was read). */
  passagesOf(articleId: string): Passage[];
  readonly dims: number;
  spansOf(label: number): SentenceSpan[];
  vectorsOf(label: number): Float32Array;
  /** Read these articles (the files backend holds every article already; the database is asked once per call). */
  read(articleIds: Iterable<string>): Promise<void>;
}

/** One whole generation of the index. */
export interface IndexSnapshot {
  readonly description: IndexDescription;
  /** The articles, in label order. */
  readonly articles: readonly ArticleMeta[];
  range(articleId: string): LabelRange | undefined;
  /** The article of passage `label`. */
  articleIdOf(label: number): string | undefined;
  /** The quote index stored with this generation (undefined for an index built before quotes were indexed). */
  readonly quotes: QuoteIndex | undefined;
  /** A reader of whole articles of this generation (see ArticleReader). */
  articleReader(): ArticleReader;
  /**
   * Look up these words, with those of `also` (the files backend knows every word already; the
   * database is asked once per call). `namesOnly`: only whether they are names will be asked.
   * `forms`: words only their frequency (with other forms) will be asked about, never a spelling
   * correction (the verb forms of a question's everyday words; may be lazy: a backend that knows
   * every word already need not iterate it).
   */
  words(words: Iterable<string>, also?: CorpusWords, options?: { namesOnly?: boolean; forms?: Iterable<string> }): Promise<CorpusWords>;
  /** The `k` passages nearest to the query vector (HNSW). */
  dense(query: Float32Array, k: number, scope?: SearchScope): Promise<VectorHit[]>;
  /** The best `k` passages for the query's words (BM25). */
  keyword(query: string, k: number, scope?: SearchScope): Promise<KeywordHit[]>;
  /** Passages `labels` with everything the second stage and the answer layer read; `words` for `hasWord`. */
  fetch(labels: readonly number[], query: Float32Array, words?: readonly string[]): Promise<PassageBatch>;
  /** One article's passages, in order. */
  passagesOf(articleId: string): Promise<Passage[]>;
}

export interface RunIndexOptions extends ReindexOptions {
  /** What this run is, for the message a concurrent run shows ("npm run index", "the bot's /reindex"…). */
  what: string;
  /** Wait for another run holding the index lock instead of refusing with INDEX_LOCKED. */
  wait?: boolean;
  onWait?: (owner: LockOwner | undefined) => void;
  /** Skip the build when an index already exists once the lock is held (an `ask` building a missing index). */
  onlyIfMissing?: boolean;
  /** Called with a function that stops the build (shutdown). */
  onStart?: (stop: () => void) => void;
  /**
   * A change to the articles folder made under the lock right before the build (an article added or
   * removed), and how to take it back: undone when the build, loading its result or `verify` fails,
   * so a failed run leaves the folder as it found it.
   */
  change?: { apply(): Promise<void>; undo(): Promise<void> };
  /** Checks the new generation before success is reported; throwing fails the run (and undoes the change). */
  verify?: (next: IndexSnapshot, summary: ReindexSummary) => void;
  /** An indexing process started ahead (loading its model while the caller prepared): used instead of a new one. */
  process?: IndexingProcess;
}

export interface IndexBackend {
  readonly kind: BackendKind;
  /** True once an index is loaded (false before the first build). */
  readonly hasIndex: boolean;
  /** The generation questions are answered from now; INDEX_MISSING when there is none yet. */
  current(): IndexSnapshot;
  /**
   * Run an indexing pass under the index lock (shared by every process using this index), in a
   * child process, and serve its result once it is verified. Undefined summary: `onlyIfMissing`
   * found an index built by the run it waited for.
   */
  runIndex(options: RunIndexOptions): Promise<ReindexSummary | undefined>;
  /**
   * `snapshot` is being read by a question until the returned function is called (once): a
   * generation swapped out meanwhile keeps what it holds open until its last question is done
   * (files: the sentence file; the database's generations hold nothing in the process).
   */
  hold(snapshot: IndexSnapshot): () => void;
  /** Closes the generation in service (once its questions are done) and every one swapped out. */
  close(): Promise<void>;
}

/** The range holding `label`, by binary search over ranges sorted by their first label. */
function rangeAt<R extends LabelRange>(sorted: readonly R[], label: number): R | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = sorted[mid]!;
    if (label < r.first) hi = mid - 1;
    else if (label >= r.first + r.count) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/** The run's lock was lost while it wrote: a warning that each front end ends with its own advice to run it again. */
export function lockLost(summary: ReindexSummary, message: string): void {
  (summary.rebuildWarnings ??= []).push({ code: 'LOCK_LOST', message, rebuild: 'update' });
}

/** The article whose label range holds `label` (ranges sorted by their first label). */
export function articleAt(sorted: readonly { id: string; first: number; count: number }[], label: number): string | undefined {
  return rangeAt(sorted, label)?.id;
}

/** Sorted label ranges of some articles and a label test over them (binary search). */
export function rangeFilter(ranges: readonly (LabelRange | undefined)[]): { test: (label: number) => boolean; count: number } {
  const sorted = ranges.filter((r): r is LabelRange => Boolean(r && r.count)).sort((a, b) => a.first - b.first);
  const test = (label: number) => rangeAt(sorted, label) !== undefined;
  return { test, count: sorted.reduce((n, r) => n + r.count, 0) };
}
