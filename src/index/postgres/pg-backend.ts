/**
 * The `postgres` backend: the index lives in a PostgreSQL database with pgvector, shared by any
 * number of processes on any hosts. A process holds no index: only the list of articles of the live
 * generation (for /sources and filters); every question reads what it needs with a few batched
 * statements. Every few seconds (INDEX_POLL_SECONDS) it checks which generation is live, so a
 * re-index committed by any process is served here within seconds, without a restart.
 */
import type { DatabaseConfig, EngineConfig } from '../../config/engine-config.js';
import { describeDatabase } from '../../config/engine-config.js';
import { EngineError, isEngineError, rebuildError } from '../../errors.js';
import type { ArticleMeta, Passage, ReindexSummary } from '../../types.js';
import type { KeywordHit } from '../keyword-index.js';
import { STOPWORDS, words as tokenize } from '../../text/terms.js';
import { QuoteIndex } from '../../quotes/quote-index.js';
import { startRunWithChange } from '../build-in-child.js';
import { articleAt, lockLost } from '../index-backend.js';
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
} from '../index-backend.js';
import type { SentenceSpan } from '../sentence-store.js';
import type { VectorHit } from '../vector-index.js';
import { Db, isUnreachable, unavailableError } from './db.js';
import { checkSchemaVersion, migrate, schemaVersion } from './migrate.js';
import { lockDatabaseIndex } from './pg-lock.js';
import { expansionParams, FETCH, KEYWORD_BM25, KEYWORD_FTS, vectorText, WORDS, wordParams } from './pg-sql.js';

/** A generation's row, as the readers need it. */
interface GenerationRow {
  generation: number;
  model_id: string;
  dims: number;
  passages: number;
  committed_at: Date | null;
}

/** How much of a word was looked up: 0 its frequency and name flag, 1 also its other forms' frequency, 2 also its spelling correction. */
type WordLevel = 0 | 1 | 2;

interface WordEntry {
  df: number;
  isName: boolean;
  level: WordLevel;
  formDf: number;
  correction?: string;
}

/**
 * Words looked up in the database for one question. Asking about a word that was not looked up
 * is a programming error (the engine looks up every word it will ask about); it answers as for an
 * unknown word and is counted in `misses`, which the tests check stays 0.
 */
class PgCorpusWords implements CorpusWords {
  static misses = 0;
  /** The last few words asked about without having been looked up (for the test's failure message). */
  static missed: string[] = [];

  constructor(
    readonly passageCount: number,
    private readonly entries: Map<string, WordEntry>,
  ) {}

  private entry(word: string, level: WordLevel): WordEntry | undefined {
    const e = this.entries.get(word);
    if (!e || e.level < level) {
      PgCorpusWords.misses++;
      PgCorpusWords.missed = [...PgCorpusWords.missed.slice(-19), `${word} (${['name', 'forms', 'correction'][level]})`];
    }
    return e;
  }

  exactFrequency(word: string): number {
    return this.entry(word, 0)?.df ?? 0;
  }

  formFrequency(word: string): number {
    const e = this.entry(word, 1);
    return e ? (e.df > 0 ? e.df : e.formDf) : 0;
  }

  isName(word: string): boolean {
    return this.entry(word, 0)?.isName ?? false;
  }

  correct(word: string): string | undefined {
    return this.entry(word, 2)?.correction;
  }

  /** Known here, looked up to at least `level`. */
  knows(word: string, level: WordLevel): boolean {
    const e = this.entries.get(word);
    return e !== undefined && e.level >= level;
  }

  with(more: Map<string, WordEntry>): PgCorpusWords {
    return new PgCorpusWords(this.passageCount, new Map([...this.entries, ...more]));
  }
}

/** How many words the answer layer looked up that were not fetched (tests check it stays 0). */
export const corpusWordMisses = () => PgCorpusWords.misses;
/** The last words of those (at most 20). */
export const corpusWordsMissed = () => PgCorpusWords.missed;

interface PassageRow {
  label: number;
  article_id: string;
  ordinal: number;
  paragraph: number;
  start_offset: number;
  end_offset: number;
  text: string;
  similarity?: number;
  sentence_starts?: number[];
  sentence_ends?: number[];
  sentence_flags?: number[];
  sentence_scales?: number[];
  sentence_vectors?: Buffer;
  has?: boolean[];
}

const passageOf = (r: PassageRow): Passage => ({
  id: `${r.article_id}#${r.ordinal}`,
  articleId: r.article_id,
  paragraph: r.paragraph,
  start: r.start_offset,
  end: r.end_offset,
  text: r.text,
});

/** One generation of the index in the database. */
export class PgSnapshot implements IndexSnapshot {
  private readonly ranges: Map<string, LabelRange>;
  private readonly words0: PgCorpusWords;
  private readonly byLabel: { id: string; first: number; count: number }[];
  private readonly articlesById: Map<string, ArticleMeta>;

  constructor(
    private readonly db: Db,
    readonly description: IndexDescription,
    readonly articles: readonly ArticleMeta[],
    ranges: Map<string, LabelRange>,
    private readonly efSearch: number,
    /** Loaded with the generation: /quotes, "what did X say" and comparisons read it without a round trip. */
    readonly quotes: QuoteIndex | undefined,
  ) {
    this.ranges = ranges;
    this.words0 = new PgCorpusWords(description.passages, new Map());
    this.byLabel = [...ranges]
      .map(([id, r]) => ({ id, ...r }))
      .filter((r) => r.count > 0)
      .sort((a, b) => a.first - b.first);
    this.articlesById = new Map(articles.map((d) => [d.id, d]));
  }

  articleIdOf(label: number): string | undefined {
    return articleAt(this.byLabel, label);
  }

  articleReader(): ArticleReader {
    return new PgArticleReader(this, this.articlesById, (ids) => this.readArticles(ids));
  }

  /** Every passage of these articles, with its sentences and their vectors. */
  private async readArticles(ids: readonly string[]): Promise<PassageRow[]> {
    if (!ids.length) return [];
    const { rows } = await this.read(() =>
      this.db.query<PassageRow & Record<string, unknown>>(
        `SELECT label, article_id, ordinal, paragraph, start_offset, end_offset, text, sentence_starts, sentence_ends, sentence_flags, sentence_scales, sentence_vectors
         FROM {s}.passages WHERE generation = $1 AND article_id = ANY($2::text[]) ORDER BY label`,
        [this.generation, [...ids]],
      ),
    );
    return rows;
  }

  private get generation(): number {
    return Number(this.description.generation);
  }

  range(articleId: string): LabelRange | undefined {
    return this.ranges.get(articleId);
  }

  /** A read; a database that cannot be reached is INDEX_UNAVAILABLE ("the index is unavailable right now"). */
  private async read<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      throw isUnreachable(e) ? unavailableError(this.db.config, e, false) : e;
    }
  }

  async words(list: Iterable<string>, also?: CorpusWords, options: { namesOnly?: boolean; forms?: Iterable<string> } = {}): Promise<CorpusWords> {
    const base = also instanceof PgCorpusWords ? also : this.words0;
    const level: WordLevel = options.namesOnly ? 0 : 2;
    // What each word needs (its highest request wins), and what the database is asked for it: a
    // stop word is never a term and never corrected, so its name lookup is already complete.
    const need = new Map<string, WordLevel>();
    for (const w of options.forms ?? []) if (w) need.set(w, 1);
    for (const w of list) if (w) need.set(w, level);
    const wanted = [...need].filter(([w, l]) => !base.knows(w, l));
    if (!wanted.length) return base;
    const asked = (w: string, l: WordLevel): WordLevel => (STOPWORDS.has(w) ? 0 : l);
    const more = new Map<string, WordEntry>();
    for (const q of [2, 1, 0] as const) {
      const batch = wanted.filter(([w, l]) => asked(w, l) === q).map(([w]) => w);
      if (!batch.length) continue;
      const { rows } = await this.read(() =>
        this.db.query<{
          word: string;
          df: number;
          is_name: boolean;
          form_df: number | null;
          correction: string | null;
          correction_df: number | null;
          correction_is_name: boolean | null;
        }>(WORDS, [this.generation, ...wordParams(batch, q)]),
      );
      for (const r of rows) {
        const got = need.get(r.word)!;
        more.set(r.word, { df: r.df, isName: r.is_name, level: got, formDf: r.form_df ?? 0, ...(r.correction !== null && { correction: r.correction }) });
        if (r.correction !== null && !more.has(r.correction) && !need.has(r.correction)) {
          more.set(r.correction, { df: r.correction_df ?? 0, isName: r.correction_is_name ?? false, level: 1, formDf: 0 });
        }
      }
    }
    return base.with(more);
  }

  async dense(query: Float32Array, k: number, scope?: SearchScope): Promise<VectorHit[]> {
    const gen = this.generation;
    const q = vectorText(query);
    if (scope) {
      // A few articles: exact search over their passages (an HNSW scan would filter most of its candidates away).
      const { rows } = await this.read(() =>
        this.db.query<{ label: number; similarity: number }>(
          'SELECT label, 1 - (embedding <=> $2::vector) AS similarity FROM {s}.passages WHERE generation = $1 AND article_id = ANY($3::text[]) ORDER BY embedding <=> $2::vector, label LIMIT $4',
          [gen, q, scope.articleIds, k],
        ),
      );
      return rows.map((r) => ({ label: r.label, similarity: r.similarity }));
    }
    // HNSW over the generation's partition; the vector's dimensions are part of the indexed expression.
    const dims = checkedDims(this.description.dims);
    const rows = await this.read(() =>
      this.db.transaction(async (tx) => {
        await tx("SELECT set_config('hnsw.ef_search', $1, true)", [String(Math.min(1000, Math.max(this.efSearch, k)))]);
        return (
          await tx<{ label: number; similarity: number }>(
            `SELECT label, 1 - (embedding::vector(${dims}) <=> $2::vector(${dims})) AS similarity FROM {s}.passages WHERE generation = $1 ORDER BY embedding::vector(${dims}) <=> $2::vector(${dims}) LIMIT $3`,
            [gen, q, k],
          )
        ).rows;
      }),
    );
    return rows.map((r) => ({ label: r.label, similarity: r.similarity }));
  }

  async keyword(query: string, k: number, scope?: SearchScope): Promise<KeywordHit[]> {
    const all = [...new Set(tokenize(query).filter((t) => !STOPWORDS.has(t)))];
    if (all.length === 0 || this.description.passages === 0) return [];
    const ids = scope ? [...scope.articleIds] : null;
    const fts = this.db.config.keywordRanking === 'fts';
    const { rows } = await this.read(() =>
      this.db.query<{ label: number; score: number; terms: string[]; tf?: Record<string, number> }>(
        fts ? KEYWORD_FTS : KEYWORD_BM25,
        fts ? [this.generation, all, ids, k] : [this.generation, ...expansionParams(all), ids, k],
      ),
    );
    // BM25 reads each matched term's count in the passage: the second stage re-uses it (no tokenising).
    return rows.map((r) => ({ label: r.label, score: r.score, terms: r.terms, ...(r.tf && { frequencies: new Map(Object.entries(r.tf)) }) }));
  }

  async fetch(labels: readonly number[], query: Float32Array, words: readonly string[] = []): Promise<PassageBatch> {
    const rows = new Map<number, PassageRow>();
    if (labels.length) {
      const result = await this.read(() =>
        this.db.query<PassageRow & Record<string, unknown>>(FETCH, [this.generation, [...labels], vectorText(query), ...expansionParams(words)]),
      );
      for (const r of result.rows) rows.set(r.label, r);
    }
    return new PgPassageBatch(rows, this.description.dims);
  }

  async passagesOf(articleId: string): Promise<Passage[]> {
    const { rows } = await this.read(() =>
      this.db.query<PassageRow & Record<string, unknown>>(
        'SELECT label, article_id, ordinal, paragraph, start_offset, end_offset, text FROM {s}.passages WHERE generation = $1 AND article_id = $2 ORDER BY label',
        [this.generation, articleId],
      ),
    );
    return rows.map(passageOf);
  }
}

/** The dimensions go into SQL text (a type modifier cannot be a parameter): a whole number, or it is refused. */
function checkedDims(dims: number): number {
  if (!Number.isInteger(dims) || dims < 1 || dims > 16000) throw new Error(`invalid vector dimensions ${dims}`);
  return dims;
}

/** Fetched passages: their sentences are decoded the way SentenceStore stores them (int8 with a scale per sentence). */
class PgPassageBatch implements PassageBatch {
  private readonly decoded = new Map<number, { spans: SentenceSpan[]; scales: Float32Array; vectors: Int8Array }>();

  constructor(
    private readonly rows: Map<number, PassageRow>,
    readonly dims: number,
  ) {}

  private row(label: number): PassageRow {
    const r = this.rows.get(label);
    if (!r) throw new Error(`passage ${label} was not fetched`);
    return r;
  }

  private sentences(label: number) {
    let d = this.decoded.get(label);
    if (!d) {
      const r = this.row(label);
      const starts = r.sentence_starts ?? [];
      const spans = starts.map((start, i) => ({ start, end: r.sentence_ends![i]!, flags: r.sentence_flags![i]! }));
      const buf = r.sentence_vectors ?? Buffer.alloc(0);
      d = { spans, scales: Float32Array.from(r.sentence_scales ?? []), vectors: new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
      this.decoded.set(label, d);
    }
    return d;
  }

  passage(label: number): Passage {
    return passageOf(this.row(label));
  }

  similarity(label: number): number {
    return this.row(label).similarity ?? 0;
  }

  hasWord(i: number, label: number): boolean {
    return this.row(label).has?.[i] === true;
  }

  spansOf(label: number): SentenceSpan[] {
    return this.sentences(label).spans.map((s) => ({ ...s }));
  }

  /** Same arithmetic as SentenceStore.similarities, so both backends score alike. */
  similarities(label: number, query: Float32Array): Float32Array {
    const { spans, scales, vectors } = this.sentences(label);
    const d = this.dims;
    const out = new Float32Array(spans.length);
    for (let i = 0; i < spans.length; i++) {
      let s = 0;
      const base = i * d;
      for (let k = 0; k < d; k++) s += query[k]! * vectors[base + k]!;
      out[i] = s * scales[i]!;
    }
    return out;
  }

  vectorsOf(label: number): Float32Array {
    const { spans, scales, vectors } = this.sentences(label);
    const d = this.dims;
    const out = new Float32Array(spans.length * d);
    for (let i = 0; i < spans.length; i++) for (let k = 0; k < d; k++) out[i * d + k] = vectors[i * d + k]! * scales[i]!;
    return out;
  }
}

/** Whole articles read from the database (see ArticleReader); sentences decoded as PgPassageBatch does. */
class PgArticleReader implements ArticleReader {
  private readonly rows = new Map<number, PassageRow>();
  private readonly loaded = new Set<string>();
  private readonly batch: PgPassageBatch;

  constructor(
    private readonly snapshot: PgSnapshot,
    private readonly articlesById: ReadonlyMap<string, ArticleMeta>,
    private readonly fetchRows: (ids: readonly string[]) => Promise<PassageRow[]>,
  ) {
    this.batch = new PgPassageBatch(this.rows, snapshot.description.dims);
  }

  get size(): number {
    return this.snapshot.description.passages;
  }

  get articles(): readonly ArticleMeta[] {
    return this.snapshot.articles;
  }

  get dims(): number {
    return this.snapshot.description.dims;
  }

  article(articleId: string): ArticleMeta | undefined {
    return this.articlesById.get(articleId);
  }

  range(articleId: string): LabelRange | undefined {
    return this.snapshot.range(articleId);
  }

  get(label: number): Passage {
    return this.batch.passage(label);
  }

  passagesOf(articleId: string): Passage[] {
    const r = this.range(articleId);
    if (!r) return [];
    if (!this.loaded.has(articleId)) throw new Error(`article ${articleId} was not read`);
    return Array.from({ length: r.count }, (_, i) => this.get(r.first + i));
  }

  spansOf(label: number): SentenceSpan[] {
    return this.batch.spansOf(label);
  }

  vectorsOf(label: number): Float32Array {
    return this.batch.vectorsOf(label);
  }

  async read(articleIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(articleIds)].filter((id) => !this.loaded.has(id) && this.articlesById.has(id));
    if (!wanted.length) return;
    for (const r of await this.fetchRows(wanted)) this.rows.set(r.label, r);
    for (const id of wanted) this.loaded.add(id);
  }
}

/** The live generation's description and articles (what a process keeps in memory). */
async function loadSnapshot(db: Db, generation: number, efSearch: number): Promise<PgSnapshot> {
  const g = await db.query<GenerationRow & Record<string, unknown>>(
    'SELECT generation, model_id, dims, passages, committed_at FROM {s}.generations WHERE generation = $1',
    [generation],
  );
  const row = g.rows[0];
  if (!row) throw rebuildError('INDEX_CORRUPT', `The index database names generation ${generation} as live, but has no such generation.`, 'full');
  const a = await db.query<{ meta: ArticleMeta; id: string; first_label: number; passages: number }>(
    'SELECT id, meta, first_label, passages FROM {s}.articles WHERE generation = $1 ORDER BY first_label, id',
    [generation],
  );
  const ranges = new Map(a.rows.map((r) => [r.id, { first: r.first_label, count: r.passages }]));
  const description: IndexDescription = {
    generation: String(row.generation),
    modelId: row.model_id,
    dims: row.dims,
    passages: row.passages,
    builtAt: (row.committed_at ?? new Date(0)).toISOString(),
  };
  // The quote index of the generation (absent when it was built before quotes were stored in the database).
  const q = await db.query<{ data: Buffer }>('SELECT data FROM {s}.quote_indexes WHERE generation = $1', [generation]);
  let quotes: QuoteIndex | undefined;
  if (q.rows[0]) {
    try {
      quotes = QuoteIndex.decode(q.rows[0].data);
    } catch (e) {
      throw rebuildError('INDEX_CORRUPT', `The quote index of generation ${generation} in the database cannot be read (${(e as Error).message}).`, 'full');
    }
  }
  return new PgSnapshot(
    db,
    description,
    a.rows.map((r) => ({ ...r.meta, id: r.id })),
    ranges,
    efSearch,
    quotes,
  );
}

/** The live generation's number, or undefined when nothing was indexed yet. */
async function liveGeneration(db: Db): Promise<number | undefined> {
  const { rows } = await db.query<{ generation: number | null }>('SELECT generation FROM {s}.index_state WHERE id = 1');
  return rows[0]?.generation ?? undefined;
}

export class PgBackend implements IndexBackend {
  readonly kind = 'postgres' as const;
  private snapshot: PgSnapshot | undefined;
  private poller: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly config: EngineConfig,
    private readonly db: Db,
  ) {}

  private get database(): DatabaseConfig {
    return this.config.database!;
  }

  /**
   * Connect, check the schema and load the live generation's article list. A database that cannot
   * be reached is one clear INDEX_UNAVAILABLE line (host and port, never the password).
   * `forIndexing`: only to run an index pass (`npm run index`), which migrates the schema itself.
   */
  static async open(config: EngineConfig, options: { forIndexing?: boolean } = {}): Promise<PgBackend> {
    if (!config.database) throw new EngineError('CONFIG', 'INDEX_BACKEND=postgres needs DATABASE_URL.');
    const db = new Db(config.database, { application: 'newsdesk' });
    const backend = new PgBackend(config, db);
    try {
      if (options.forIndexing) await db.query('SELECT 1');
      else {
        await backend.refresh();
        backend.poller = setInterval(() => void backend.poll(), config.database.pollSeconds * 1000);
        backend.poller.unref();
      }
      return backend;
    } catch (e) {
      await db.end();
      throw isUnreachable(e) ? unavailableError(config.database, e, true) : e;
    }
  }

  get hasIndex(): boolean {
    return this.snapshot !== undefined;
  }

  current(): PgSnapshot {
    if (!this.snapshot) {
      throw rebuildError(
        'INDEX_MISSING',
        `There is no index in the database ${describeDatabase(this.database.url)} (schema ${this.database.schema}) yet.`,
        'update',
      );
    }
    return this.snapshot;
  }

  /** Serve the live generation (load its article list when it changed). */
  async refresh(): Promise<void> {
    const version = await schemaVersion(this.db);
    checkSchemaVersion(this.db, version);
    if (version === 0) return;
    const live = await liveGeneration(this.db);
    if (live === undefined || String(live) === this.snapshot?.description.generation) return;
    this.snapshot = await loadSnapshot(this.db, live, this.config.hnsw.efSearch);
  }

  /** The periodic generation check; a database that is away is tried again at the next tick. */
  private async poll(): Promise<void> {
    if (this.polling || this.closed) return;
    this.polling = this.refresh()
      .catch(() => undefined)
      .finally(() => (this.polling = undefined));
    await this.polling;
  }

  async runIndex(options: RunIndexOptions): Promise<ReindexSummary | undefined> {
    try {
      // `npm run index` (and every index run) brings the schema up to date first.
      await migrate(this.db);
      const lock = await lockDatabaseIndex(this.db, options);
      try {
        if (options.onlyIfMissing) {
          await this.refresh();
          if (this.snapshot) return undefined;
        }
        // Started before the change is made: the process loads its model meanwhile, and builds only when told.
        const indexer = await startRunWithChange(this.config, options);
        try {
          const summary = await indexer.build({ full: options.full, onProgress: options.onProgress, lockToken: lock.token });
          // Serve what was committed, loaded back from the database: success only for an index that loads.
          await this.refresh();
          if (!this.snapshot) throw new Error('the database has no live index after a build that reported success');
          if (summary.wrote && this.snapshot.description.passages !== summary.passageCount) {
            throw new Error(`the live generation has ${this.snapshot.description.passages} passages, the build wrote ${summary.passageCount}`);
          }
          options.verify?.(this.snapshot, summary);
          if (lock.compromised) lockLost(summary, `the index lock was lost during the run (${lock.compromised.message})`);
          return summary;
        } catch (e) {
          await options.change?.undo();
          throw e;
        }
      } finally {
        await lock.release();
      }
    } catch (e) {
      if (!isEngineError(e) && isUnreachable(e)) throw unavailableError(this.database, e, true);
      throw e;
    }
  }

  /** A generation holds nothing in this process (its rows stay in the database until it is dropped). */
  hold(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.poller) clearInterval(this.poller);
    await this.polling;
    await this.db.end();
  }
}
