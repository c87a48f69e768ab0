/**
 * Index runs into the database (in the indexing process, under the lease its parent holds).
 *
 * A run writes a new *generation* beside the live one: its own partitions of `articles`,
 * `passages` and `terms`. Unchanged articles (same content hash) are copied inside the database,
 * vectors and all, never re-embedded; new and changed ones are inserted; then the generation gets
 * its HNSW index (m / ef_construction from HNSW_M / HNSW_EF_CONSTRUCTION), its GIN index and its
 * term statistics, and one short transaction makes it live (UPDATE of `index_state`, after checking
 * the lease). Readers pick a generation per question and read only its partition, so a question
 * sees the whole old generation or the whole new one, never a mix. Until the commit nothing a
 * reader sees has changed; a run that fails or is killed leaves a generation that the next run
 * drops. Retired generations are dropped by a later run once no question can still be reading them.
 */
import { INDEXED_TEXT_VERSION } from '../indexed-text-version.js';
import type { EngineConfig } from '../../config/engine-config.js';
import type { Embedder } from '../../embed/embedder.js';
import { EngineError, rebuildError } from '../../errors.js';
import type { ArticleMeta, Passage, ReindexOptions, ReindexSummary } from '../../types.js';
import { KeywordIndex, passageTerms } from '../keyword-index.js';
import { stem } from '../../text/terms.js';
import { buildClock, prepareBuild, type PreviousIndex } from '../build-index.js';
import type { HnswParams } from '../../config/index-params.js';
import type { ManifestDocument } from '../manifest.js';
import { quantize, type SentenceSpan } from '../sentence-store.js';
import { buildQuoteIndex } from '../../quotes/build-quotes.js';
import { QuoteIndex } from '../../quotes/quote-index.js';
import { QUOTE_EXTRACTOR_VERSION } from '../../quotes/tuning.js';
import { Db } from './db.js';
import { migrate } from './migrate.js';
import { CHECK_LEASE_SQL, LEASE_STALE_SECONDS } from './pg-lock.js';

/** Passages per INSERT statement (each carries its vector, sentences and terms: a few KB). */
const INSERT_BATCH = 200;
/** Terms per INSERT statement. */
const TERM_BATCH = 5000;
/** A retired generation is dropped once it has not been live for this long (questions in flight may still read it). */
export const RETIRED_GRACE_SECONDS = 600;
/** Memory for building the HNSW graph: pgvector builds much faster when the graph fits. */
const INDEX_BUILD_MEMORY = '256MB';
/** Longer tokens are left out of the database's keyword index (tsvector lexemes and index keys have size limits). */
const MAX_TERM_BYTES = 1000;

const keep = (term: string) => Buffer.byteLength(term, 'utf8') <= MAX_TERM_BYTES;

/** A passage's terms as a tsvector literal: each term quoted, its positions 1..tf carrying its frequency. */
export function termsVector(freq: Map<string, number>): string {
  const parts: string[] = [];
  for (const [term, f] of freq) {
    if (!keep(term)) continue;
    const positions = Array.from({ length: Math.min(f, 256) }, (_, i) => i + 1).join(',');
    parts.push(`'${term.replace(/'/g, "''").replace(/\\/g, '\\\\')}':${positions}`);
  }
  return parts.join(' ');
}

/** float32 values with the 9 significant digits that give back exactly the same float32. */
const vectorLiteral = (v: Float32Array) => `[${Array.from(v, (x) => x.toPrecision(9)).join(',')}]`;
const intArray = (xs: readonly number[]) => `{${xs.join(',')}}`;
const floatArray = (xs: Float32Array) => `{${Array.from(xs, (x) => x.toPrecision(9)).join(',')}}`;

export interface GenerationInfo {
  modelId: string;
  dims: number;
  pooling: string;
  chunkerVersion: number;
  hnsw: Pick<HnswParams, 'm' | 'efConstruction'>;
  /** Who is writing ("npm run index, pid 123"). */
  builtBy: string;
}

/** One passage to insert: its label in the new generation, text, vector, sentences and their vectors (rows of `sentenceVectors`). */
export interface PassageToWrite {
  label: number;
  passage: Passage;
  vector: Float32Array;
  spans: readonly SentenceSpan[];
  sentenceVectors: Float32Array;
}

/** Writes one generation; `commit` makes it live. */
export class GenerationWriter {
  private constructor(
    private readonly db: Db,
    readonly generation: number,
    private readonly info: GenerationInfo,
  ) {}

  /** Drop what earlier runs left (failed or killed runs, generations retired long enough ago); then start a new generation. */
  static async begin(db: Db, info: GenerationInfo): Promise<GenerationWriter> {
    await dropStale(db);
    const { rows } = await db.query<{ generation: string }>("SELECT nextval('{s}.generation_seq') AS generation");
    const generation = Number(rows[0]!.generation);
    await db.query(
      `INSERT INTO {s}.generations (generation, status, model_id, dims, pooling, chunker_version, hnsw_m, hnsw_ef_construction, built_by)
       VALUES ($1, 'building', $2, $3, $4, $5, $6, $7, $8)`,
      [generation, info.modelId, info.dims, info.pooling, info.chunkerVersion, info.hnsw.m, info.hnsw.efConstruction, info.builtBy],
    );
    const g = partitionSuffix(generation);
    for (const table of ['articles', 'passages', 'terms']) {
      // A partition's name and bound are the generation number: DDL takes no parameters, and it is an integer we made.
      await db.query(`CREATE TABLE {s}.${table}_${g} PARTITION OF {s}.${table} FOR VALUES IN (${generation})`);
    }
    return new GenerationWriter(db, generation, info);
  }

  /** Unchanged articles: their rows of generation `from`, relabelled, copied inside the database (vectors, sentences and terms included). */
  async copyArticles(from: number, articles: { id: string; file: string; hash: string; oldFirst: number; newFirst: number }[]): Promise<void> {
    if (!articles.length) return;
    const cols = [
      articles.map((a) => a.id),
      articles.map((a) => a.file),
      articles.map((a) => a.hash),
      articles.map((a) => a.oldFirst),
      articles.map((a) => a.newFirst),
    ];
    await this.db.query(
      `INSERT INTO {s}.articles (generation, id, file, title, outlet, url, published, content_hash, first_label, passages, meta)
       SELECT $1, a.id, m.file, a.title, a.outlet, a.url, a.published, m.hash, m.new_first, a.passages, a.meta
       FROM {s}.articles a JOIN unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::int[]) AS m(id, file, hash, old_first, new_first) ON a.id = m.id
       WHERE a.generation = $2`,
      [this.generation, from, ...cols],
    );
    await this.db.query(
      `INSERT INTO {s}.passages (generation, label, article_id, ordinal, paragraph, start_offset, end_offset, text, embedding, terms, field_length,
                                 sentence_starts, sentence_ends, sentence_flags, sentence_scales, sentence_vectors)
       SELECT $1, p.label - m.old_first + m.new_first, p.article_id, p.ordinal, p.paragraph, p.start_offset, p.end_offset, p.text, p.embedding, p.terms, p.field_length,
              p.sentence_starts, p.sentence_ends, p.sentence_flags, p.sentence_scales, p.sentence_vectors
       FROM {s}.passages p JOIN unnest($3::text[], $4::int[], $5::int[]) AS m(id, old_first, new_first) ON p.article_id = m.id
       WHERE p.generation = $2`,
      [this.generation, from, cols[0], cols[3], cols[4]],
    );
  }

  async insertArticles(articles: { meta: ArticleMeta; file: string; hash: string; first: number; passages: number }[]): Promise<void> {
    if (!articles.length) return;
    await this.db.query(
      `INSERT INTO {s}.articles (generation, id, file, title, outlet, url, published, content_hash, first_label, passages, meta)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::int[], $11::jsonb[])`,
      [
        this.generation,
        articles.map((a) => a.meta.id),
        articles.map((a) => a.file),
        articles.map((a) => a.meta.title),
        articles.map((a) => a.meta.outlet ?? null),
        articles.map((a) => a.meta.url ?? null),
        articles.map((a) => a.meta.published ?? null),
        articles.map((a) => a.hash),
        articles.map((a) => a.first),
        articles.map((a) => a.passages),
        articles.map((a) => JSON.stringify(a.meta)),
      ],
    );
  }

  /** The generation's quote index, one blob (the files backend's encoding). */
  async insertQuotes(quotes: QuoteIndex): Promise<void> {
    await this.db.query('INSERT INTO {s}.quote_indexes (generation, extractor, data) VALUES ($1, $2, $3)', [
      this.generation,
      QUOTE_EXTRACTOR_VERSION,
      quotes.encode(),
    ]);
  }

  /** Insert passages, a batch per statement. */
  async insertPassages(passages: readonly PassageToWrite[], onProgress?: (done: number, total: number) => void): Promise<void> {
    const dims = this.info.dims;
    for (let from = 0; from < passages.length; from += INSERT_BATCH) {
      const batch = passages.slice(from, from + INSERT_BATCH);
      const rows = batch.map((p) => {
        const { freq, fieldLength } = passageTerms(p.passage.text);
        const { q, scales } = quantize(p.sentenceVectors, dims);
        const ordinal = Number(p.passage.id.slice(p.passage.id.lastIndexOf('#') + 1));
        return { p, freq, fieldLength, q, scales, ordinal };
      });
      await this.db.query(
        `INSERT INTO {s}.passages (generation, label, article_id, ordinal, paragraph, start_offset, end_offset, text, embedding, terms, field_length,
                                   sentence_starts, sentence_ends, sentence_flags, sentence_scales, sentence_vectors)
         SELECT $1, u.label, u.article_id, u.ordinal, u.paragraph, u.start_offset, u.end_offset, u.text, u.embedding::vector, u.terms::tsvector, u.field_length,
                u.starts::int[], u.ends::int[], u.flags::int[], u.scales::real[], u.vectors
         FROM unnest($2::int[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[], $11::int[], $12::text[], $13::text[], $14::text[], $15::text[], $16::bytea[])
           AS u(label, article_id, ordinal, paragraph, start_offset, end_offset, text, embedding, terms, field_length, starts, ends, flags, scales, vectors)`,
        [
          this.generation,
          rows.map((r) => r.p.label),
          rows.map((r) => r.p.passage.articleId),
          rows.map((r) => r.ordinal),
          rows.map((r) => r.p.passage.paragraph),
          rows.map((r) => r.p.passage.start),
          rows.map((r) => r.p.passage.end),
          rows.map((r) => r.p.passage.text),
          rows.map((r) => vectorLiteral(r.p.vector)),
          rows.map((r) => termsVector(r.freq)),
          rows.map((r) => Math.min(r.fieldLength, 0xffff)),
          // As SentenceStore keeps them: offsets as u16, flags as u8.
          rows.map((r) => intArray(r.p.spans.map((s) => Math.min(s.start, 0xffff)))),
          rows.map((r) => intArray(r.p.spans.map((s) => Math.min(s.end, 0xffff)))),
          rows.map((r) => intArray(r.p.spans.map((s) => s.flags & 0xff))),
          rows.map((r) => floatArray(r.scales)),
          rows.map((r) => Buffer.from(r.q.buffer, r.q.byteOffset, r.q.byteLength)),
        ],
      );
      onProgress?.(Math.min(from + INSERT_BATCH, passages.length), passages.length);
    }
  }

  /**
   * The generation's keyword statistics (every term's document frequency, stem and name flag, as
   * KeywordIndex computes them over all its passages' texts), then its indexes: HNSW on the
   * embedding, GIN on the terms, and the lookups of the lexicon.
   */
  async finish(onProgress?: (done: number, total: number) => void): Promise<{ passages: number }> {
    const g = partitionSuffix(this.generation);
    const { rows } = await this.db.query<{ text: string }>('SELECT text FROM {s}.passages WHERE generation = $1 ORDER BY label', [this.generation]);
    const keyword = KeywordIndex.build(rows.map((r) => r.text));
    const stats = [...keyword.termStats()].filter((t) => keep(t.term));
    for (let from = 0; from < stats.length; from += TERM_BATCH) {
      const batch = stats.slice(from, from + TERM_BATCH);
      await this.db.query(
        'INSERT INTO {s}.terms (generation, term, stem, df, is_name) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::boolean[])',
        [this.generation, batch.map((t) => t.term), batch.map((t) => stem(t.term)), batch.map((t) => t.df), batch.map((t) => t.isName)],
      );
    }
    await this.db.query('UPDATE {s}.generations SET passages = $2, avg_field_length = $3 WHERE generation = $1', [
      this.generation,
      rows.length,
      keyword.averageFieldLength,
    ]);
    const dims = this.info.dims;
    const steps = [
      // The vector's dimensions are the model's: part of the indexed expression (an unsized vector column cannot have an HNSW index).
      `CREATE INDEX ON {s}.passages_${g} USING hnsw ((embedding::vector(${int(dims)})) vector_cosine_ops) WITH (m = ${int(this.info.hnsw.m)}, ef_construction = ${int(this.info.hnsw.efConstruction)})`,
      `CREATE INDEX ON {s}.passages_${g} USING gin (terms)`,
      `CREATE INDEX ON {s}.passages_${g} (article_id, label)`,
      `CREATE INDEX ON {s}.terms_${g} (stem)`,
      `CREATE INDEX ON {s}.terms_${g} (length(term))`,
      `ANALYZE {s}.articles_${g}`,
      `ANALYZE {s}.passages_${g}`,
      `ANALYZE {s}.terms_${g}`,
    ];
    for (const [i, sql] of steps.entries()) {
      await this.db.transaction(async (tx) => {
        await tx("SELECT set_config('maintenance_work_mem', $1, true)", [INDEX_BUILD_MEMORY]);
        await tx(sql);
      });
      onProgress?.(i + 1, steps.length);
    }
    return { passages: rows.length };
  }

  /** Make this generation live, if `lockToken` still holds the index lease; the previous one is retired. */
  async commit(lockToken: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const lease = await tx(CHECK_LEASE_SQL, [lockToken, LEASE_STALE_SECONDS]);
      if (!lease.rows.length) {
        throw new EngineError('INDEX_LOCKED', 'This indexing run lost the index lock before it could finish (another run took it over); nothing was changed.');
      }
      await tx("UPDATE {s}.generations SET status = 'retired', retired_at = now() WHERE generation = (SELECT generation FROM {s}.index_state WHERE id = 1)");
      await tx("UPDATE {s}.generations SET status = 'live', committed_at = now() WHERE generation = $1", [this.generation]);
      await tx('UPDATE {s}.index_state SET generation = $1, changed_at = now() WHERE id = 1', [this.generation]);
    });
  }

  /** After a failure before the commit: drop what this run wrote (best effort; the next run drops it otherwise). */
  async abort(): Promise<void> {
    await this.db.query("UPDATE {s}.generations SET status = 'failed' WHERE generation = $1 AND status = 'building'", [this.generation]).catch(() => undefined);
    await dropGeneration(this.db, this.generation).catch(() => undefined);
  }
}

const int = (n: number) => {
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive whole number: ${n}`);
  return n;
};
const partitionSuffix = (generation: number) => `g${int(generation)}`;

async function dropGeneration(db: Db, generation: number): Promise<void> {
  const g = partitionSuffix(generation);
  for (const table of ['passages', 'articles', 'terms']) await db.query(`DROP TABLE IF EXISTS {s}.${table}_${g}`);
  await db.query("DELETE FROM {s}.generations WHERE generation = $1 AND status <> 'live'", [generation]);
}

/** Generations nobody can be reading: failed or abandoned runs', and those retired more than RETIRED_GRACE_SECONDS ago. */
async function dropStale(db: Db): Promise<void> {
  const { rows } = await db.query<{ generation: number }>(
    `SELECT generation FROM {s}.generations
     WHERE status IN ('building', 'failed') OR (status = 'retired' AND retired_at < now() - make_interval(secs => $1))`,
    [RETIRED_GRACE_SECONDS],
  );
  for (const r of rows) await dropGeneration(db, r.generation);
}

/** A generation's stored quote index; undefined when it has none or it cannot be read (its quotes are then extracted again). */
async function readQuoteIndex(db: Db, generation: number): Promise<QuoteIndex | undefined> {
  const { rows } = await db.query<{ data: Buffer }>('SELECT data FROM {s}.quote_indexes WHERE generation = $1', [generation]);
  if (!rows[0]) return undefined;
  try {
    return QuoteIndex.decode(rows[0].data);
  } catch {
    return undefined;
  }
}

/** The live generation as a previous index: how it was built and its articles in label order. */
async function previousIndex(db: Db): Promise<{ generation: number; previous: PreviousIndex } | undefined> {
  const { rows } = await db.query<{
    generation: number;
    model_id: string;
    dims: number;
    chunker_version: number;
    hnsw_m: number;
    hnsw_ef_construction: number;
    quote_extractor: number | null;
  }>(
    `SELECT g.generation, g.model_id, g.dims, g.chunker_version, g.hnsw_m, g.hnsw_ef_construction, q.extractor AS quote_extractor
     FROM {s}.index_state s JOIN {s}.generations g ON g.generation = s.generation LEFT JOIN {s}.quote_indexes q ON q.generation = g.generation WHERE s.id = 1`,
  );
  const g = rows[0];
  if (!g) return undefined;
  const a = await db.query<{ id: string; file: string; content_hash: string; first_label: number; passages: number }>(
    'SELECT id, file, content_hash, first_label, passages FROM {s}.articles WHERE generation = $1 ORDER BY first_label, id',
    [g.generation],
  );
  const documents: ManifestDocument[] = a.rows.map((r) => ({
    id: r.id,
    file: r.file,
    hash: r.content_hash,
    firstPassage: r.first_label,
    passages: r.passages,
  }));
  return {
    generation: g.generation,
    previous: {
      modelId: g.model_id,
      dims: g.dims,
      chunkerVersion: g.chunker_version,
      hnsw: { m: g.hnsw_m, efConstruction: g.hnsw_ef_construction },
      documents,
      ...(g.quote_extractor !== null && { quoteExtractor: g.quote_extractor }),
    },
  };
}

/**
 * Bring the database's index up to date with `config.seedsDir` (the indexing process's side of an
 * index run; the parent holds the lease `lockToken`). Same reading, change detection, chunking and
 * embedding as the files backend (`prepareBuild`), so both hold the same passages with the same labels.
 */
export async function buildDatabaseIndex(config: EngineConfig, embedder: Embedder, options: ReindexOptions & { lockToken: string }): Promise<ReindexSummary> {
  const db = new Db(config.database!, { application: 'newsdesk-index', readTimeout: false });
  try {
    await migrate(db);
    const clock = buildClock(options);
    const { timed, progress, timings, started } = clock;
    let live: { generation: number; previous: PreviousIndex } | undefined;
    const step = await prepareBuild(config, embedder, options, clock, {
      async readPrevious() {
        live = await previousIndex(db);
        return live?.previous;
      },
      // Unchanged articles are copied inside the database at write time.
      loadReused: async () => live?.generation,
      onOtherSettings(prev) {
        // Several processes read this index: one built with another model would answer nonsense to all of them.
        if (prev.modelId !== config.modelId || prev.dims !== embedder.dims) {
          throw rebuildError(
            'INDEX_MISMATCH',
            `The index in the database was built with model ${prev.modelId} (${prev.dims} dimensions), but MODEL_ID is ${config.modelId} (${embedder.dims}). Generations of different models are never mixed: every process using this database must use one model.`,
            'full',
          );
        }
      },
    });
    if ('done' in step) return step.done;
    const p = step.prepared;
    const dims = p.dims;

    const writer = await GenerationWriter.begin(db, {
      modelId: config.modelId,
      dims,
      pooling: embedder.profile.pooling,
      chunkerVersion: INDEXED_TEXT_VERSION,
      hnsw: config.hnsw,
      builtBy: `pid ${process.pid}`,
    });
    try {
      // --- index: the new generation's rows (unchanged articles copied, the others inserted), then its indexes
      const total = await timed('index', async () => {
        const freshRow = new Map(p.freshPassages.map((x, i) => [x.id, i]));
        const copies: Parameters<GenerationWriter['copyArticles']>[1] = [];
        const articles: Parameters<GenerationWriter['insertArticles']>[0] = [];
        const toInsert: PassageToWrite[] = [];
        let label = 0;
        for (const entry of p.order) {
          const first = label;
          if (entry.article) {
            const passages = p.fresh.get(entry.id) ?? [];
            for (const passage of passages) {
              const row = freshRow.get(passage.id)!;
              const spans = p.freshSpans[row]!;
              const sentenceVectors = new Float32Array(spans.length * dims);
              spans.forEach((sp, i) => {
                const r = p.sentenceRow.get(passage.text.slice(sp.start, sp.end))!;
                sentenceVectors.set(p.freshSentenceVectors.subarray(r * dims, (r + 1) * dims), i * dims);
              });
              toInsert.push({ label: label++, passage, vector: p.freshVectors.subarray(row * dims, (row + 1) * dims), spans, sentenceVectors });
            }
            articles.push({ meta: entry.article.meta, file: entry.file, hash: entry.hash, first, passages: passages.length });
          } else {
            const old = p.prevDocs.get(entry.id)!;
            copies.push({ id: entry.id, file: entry.file, hash: entry.hash, oldFirst: old.firstPassage, newFirst: first });
            label += old.passages;
          }
        }
        if (copies.length) await writer.copyArticles(p.reused!, copies);
        await writer.insertArticles(articles);
        await writer.insertPassages(toInsert, (done, n) => progress('index', done, n));
        return label;
      });
      // --- quotes: extracted from new and changed articles and embedded (the others' re-used from the live generation); statements regrouped
      await timed('index', async () => {
        const previous = p.reused === undefined ? undefined : await readQuoteIndex(db, p.reused);
        await writer.insertQuotes(await buildQuoteIndex({ entries: p.entries, previous, embedder, seedsDir: config.seedsDir }));
      });
      await timed('write', async () => {
        progress('write', 0, 1);
        const { passages } = await writer.finish();
        if (passages !== total) throw new Error(`generation ${writer.generation} has ${passages} passages, ${total} were written`);
        await writer.commit(options.lockToken);
        progress('write', 1, 1);
      });
      return {
        ...p.summaryBase,
        passageCount: total,
        embeddedCount: p.freshPassages.length,
        wrote: true,
        seconds: (performance.now() - started) / 1000,
        timings,
      };
    } catch (e) {
      await writer.abort();
      throw e;
    }
  } finally {
    await db.end();
  }
}
