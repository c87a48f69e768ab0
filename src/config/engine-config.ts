import path from 'node:path';
import { z } from 'zod';
import { describeEnvIssues, flag, wholeNumber } from './env-schema.js';
import { EngineError } from '../errors.js';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../ingest/article-limits.js';
import { DEFAULT_HNSW_PARAMS, SENTENCE_VECTORS_IN_MEMORY_BYTES, type HnswParams } from './index-params.js';

/** Engine settings, resolved from the environment (see `.env.example`). */
export interface EngineConfig {
  /** Hub id of the embedding model, e.g. `Xenova/bge-small-en-v1.5`. */
  modelId: string;
  /** When set, models load from this folder only (transformers.js layout) and never from the network. */
  modelDir?: string;
  /** Where Hub downloads are cached (same layout; scripts/fetch-test-models.sh fills it). */
  modelCacheDir: string;
  /** Folder with the articles. */
  seedsDir: string;
  /** Folder holding the generated index. */
  indexDir: string;
  /** Passages embedded per model call. */
  embedBatchSize: number;
  /** Articles larger than this are skipped with a warning (and refused by /add while downloading). */
  maxArticleBytes: number;
  hnsw: HnswParams;
  /** Sentence vectors up to this many bytes are held in memory; a larger index reads the few a question needs from disk. */
  sentenceVectorsInMemoryBytes: number;
  /** Where the index lives: files under `indexDir` (default), or a PostgreSQL database with pgvector. */
  backend: 'files' | 'postgres';
  /** The database, when `backend` is `postgres`. */
  database?: DatabaseConfig;
  /** Fetching articles for /add and `npm run add`. */
  fetch: {
    /** The whole exchange with the web site, redirects and body included. */
    timeoutMs: number;
    /** Fetch from loopback, private and link-local addresses too (tests; an intranet). */
    allowPrivate: boolean;
  };
}

/** A PostgreSQL database holding the index (INDEX_BACKEND=postgres). */
export interface DatabaseConfig {
  /** `postgres://user:password@host:port/db?sslmode=…` — a secret: never log or show it (see `describeDatabase`). */
  url: string;
  /** Schema holding Newsdesk's tables (several indexes can share a database, one per schema). */
  schema: string;
  /** Connections per process (node-postgres pool). */
  poolSize: number;
  /** How often a process checks whether another one committed a new generation. */
  pollSeconds: number;
  /** Keyword ranking in the database: BM25 from our term statistics (default), or Postgres full-text `ts_rank_cd` (measured worse; see README). */
  keywordRanking: 'bm25' | 'fts';
}

/** A database URL fit to show: scheme, user, host, port and database, never the password or query options. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'the database in DATABASE_URL';
  }
}

const positiveInt = (fallback: number) => wholeNumber(fallback, 1);

/** Time limit of fetching one article (a news page arrives in a second or two). */
export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined));

const schema = z.object({
  MODEL_ID: optionalText.transform((s) => s ?? 'Xenova/bge-small-en-v1.5'),
  MODEL_DIR: optionalText,
  MODEL_CACHE_DIR: optionalText.transform((s) => s ?? '.cache/models'),
  SEEDS_DIR: optionalText.transform((s) => s ?? 'seeds'),
  INDEX_DIR: optionalText.transform((s) => s ?? 'embeddings'),
  EMBED_BATCH_SIZE: positiveInt(16),
  MAX_ARTICLE_BYTES: positiveInt(DEFAULT_MAX_ARTICLE_BYTES),
  HNSW_M: positiveInt(DEFAULT_HNSW_PARAMS.m),
  HNSW_EF_CONSTRUCTION: positiveInt(DEFAULT_HNSW_PARAMS.efConstruction),
  HNSW_EF_SEARCH: positiveInt(DEFAULT_HNSW_PARAMS.efSearch),
  SENTENCE_VECTORS_IN_MEMORY_MB: wholeNumber(SENTENCE_VECTORS_IN_MEMORY_BYTES / 1048576, 0),
  INDEX_BACKEND: optionalText.pipe(z.enum(['files', 'postgres'], { error: 'must be files or postgres' }).optional()).transform((s) => s ?? 'files'),
  // Checked by shape only: the message never echoes the value (it holds a password).
  DATABASE_URL: optionalText.refine(
    (s) => s === undefined || (/^postgres(ql)?:\/\//.test(s) && URL.canParse(s)),
    'must be a postgres:// URL (postgres://user:password@host:5432/database)',
  ),
  DATABASE_SCHEMA: optionalText
    .refine((s) => s === undefined || /^[a-z_][a-z0-9_]{0,62}$/.test(s), 'must be a lower-case SQL name (letters, digits, _), or empty for newsdesk')
    .transform((s) => s ?? 'newsdesk'),
  DATABASE_POOL_SIZE: positiveInt(10),
  INDEX_POLL_SECONDS: positiveInt(2),
  PG_KEYWORD_RANKING: optionalText.pipe(z.enum(['bm25', 'fts'], { error: 'must be bm25 or fts' }).optional()).transform((s) => s ?? 'bm25'),
  FETCH_TIMEOUT_MS: positiveInt(DEFAULT_FETCH_TIMEOUT_MS),
  ALLOW_PRIVATE_FETCH: flag(false),
});

export { describeEnvIssues };

/**
 * Read the engine configuration from an environment object (default `process.env`).
 * Relative folders resolve against `cwd`. Throws an EngineError('CONFIG') naming the variable.
 */
export function loadEngineConfig(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): EngineConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new EngineError('CONFIG', `Invalid configuration: ${describeEnvIssues(parsed.error)}`);
  }
  const v = parsed.data;
  if (v.INDEX_BACKEND === 'postgres' && !v.DATABASE_URL) {
    throw new EngineError(
      'CONFIG',
      'Invalid configuration: DATABASE_URL: is not set; INDEX_BACKEND=postgres needs it (postgres://user:password@host:5432/database).',
      {
        data: { setup: 'local-database' },
      },
    );
  }
  return {
    modelId: v.MODEL_ID,
    modelDir: v.MODEL_DIR ? path.resolve(cwd, v.MODEL_DIR) : undefined,
    modelCacheDir: path.resolve(cwd, v.MODEL_CACHE_DIR),
    seedsDir: path.resolve(cwd, v.SEEDS_DIR),
    indexDir: path.resolve(cwd, v.INDEX_DIR),
    embedBatchSize: v.EMBED_BATCH_SIZE,
    maxArticleBytes: v.MAX_ARTICLE_BYTES,
    hnsw: { m: v.HNSW_M, efConstruction: v.HNSW_EF_CONSTRUCTION, efSearch: v.HNSW_EF_SEARCH },
    sentenceVectorsInMemoryBytes: v.SENTENCE_VECTORS_IN_MEMORY_MB * 1048576,
    backend: v.INDEX_BACKEND,
    ...(v.INDEX_BACKEND === 'postgres' && {
      database: {
        url: v.DATABASE_URL!,
        schema: v.DATABASE_SCHEMA,
        poolSize: v.DATABASE_POOL_SIZE,
        pollSeconds: v.INDEX_POLL_SECONDS,
        keywordRanking: v.PG_KEYWORD_RANKING,
      },
    }),
    fetch: { timeoutMs: v.FETCH_TIMEOUT_MS, allowPrivate: v.ALLOW_PRIVATE_FETCH },
  };
}
