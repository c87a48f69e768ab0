import path from 'node:path';
import { z } from 'zod';
import { describeEnvIssues, flag, wholeNumber } from './env-schema.js';
import { EngineError } from '../engine/errors.js';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../ingest/load-corpus.js';
import { DEFAULT_HNSW_PARAMS, type HnswParams } from '../index/hnsw-params.js';
import { SENTENCE_VECTORS_IN_MEMORY_BYTES } from '../index/sentence-store.js';

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
  /** Fetching articles for /add and `npm run add`. */
  fetch: {
    /** The whole exchange with the web site, redirects and body included. */
    timeoutMs: number;
    /** Fetch from loopback, private and link-local addresses too (tests; an intranet). */
    allowPrivate: boolean;
  };
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
  FETCH_TIMEOUT_MS: positiveInt(DEFAULT_FETCH_TIMEOUT_MS),
  ALLOW_PRIVATE_FETCH: flag(false),
});


export { describeEnvIssues };

/**
 * Read the engine configuration from an environment object (default `process.env`).
 * Relative folders resolve against `cwd`. Throws an EngineError('CONFIG') naming the variable.
 */
export function loadEngineConfig(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): EngineConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new EngineError('CONFIG', `Invalid configuration: ${describeEnvIssues(parsed.error)}`);
  }
  const v = parsed.data;
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
    fetch: { timeoutMs: v.FETCH_TIMEOUT_MS, allowPrivate: v.ALLOW_PRIVATE_FETCH },
  };
}
