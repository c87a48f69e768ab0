/**
 * The database schema, as versioned SQL migrations. Each runs once, in order, in its own
 * transaction, and is recorded in `{s}.schema_migrations`; `npm run db:migrate` applies the missing
 * ones, and so does every `npm run index` before it writes. Never edit a released migration: add
 * the next one. `{s}` stands for the schema (DATABASE_SCHEMA, default `newsdesk`).
 *
 * An index generation is a partition of `articles`, `passages` and `terms` (LIST on `generation`),
 * written beside the live one and made live by one UPDATE of `index_state` (see pg-writer.ts). Its
 * HNSW index (the vector's dimensions are the model's) and its GIN index are made by the run that
 * writes it, with that run's HNSW_M / HNSW_EF_CONSTRUCTION. Its quote index is a row of `quote_indexes`
 * (migration 2).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'index generations: articles, passages with vector and tsvector, term statistics, the live generation, the index lock',
    sql: `
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- One row per index run: what it was built with and where it stands.
CREATE TABLE {s}.generations (
  generation int PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('building', 'live', 'retired', 'failed')),
  model_id text NOT NULL,
  dims int NOT NULL CHECK (dims > 0),
  pooling text NOT NULL,
  chunker_version int NOT NULL,
  hnsw_m int NOT NULL,
  hnsw_ef_construction int NOT NULL,
  passages int NOT NULL DEFAULT 0,
  avg_field_length double precision NOT NULL DEFAULT 0,
  built_by text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  committed_at timestamptz,
  retired_at timestamptz
);
CREATE SEQUENCE {s}.generation_seq;

-- The generation questions are answered from: the single commit point of an index run.
CREATE TABLE {s}.index_state (
  id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  generation int REFERENCES {s}.generations (generation),
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO {s}.index_state (id, generation) VALUES (1, NULL);

-- Articles of a generation; passages of an article have the labels [first_label, first_label + passages).
CREATE TABLE {s}.articles (
  generation int NOT NULL,
  id text NOT NULL,
  file text NOT NULL,
  title text NOT NULL,
  outlet text,
  url text,
  published text,
  content_hash text NOT NULL,
  first_label int NOT NULL,
  passages int NOT NULL,
  meta jsonb NOT NULL,
  PRIMARY KEY (generation, id)
) PARTITION BY LIST (generation);

-- Passages: text, position, the embedding (mean of its sentences'), the keyword terms as a
-- tsvector (our own tokens; a term's positions 1..tf carry its frequency), and its sentences
-- (offsets, flags, an int8 vector with a scale each: see src/index/sentence-store.ts).
CREATE TABLE {s}.passages (
  generation int NOT NULL,
  label int NOT NULL,
  article_id text NOT NULL,
  ordinal int NOT NULL,
  paragraph int NOT NULL,
  start_offset int NOT NULL,
  end_offset int NOT NULL,
  text text NOT NULL,
  embedding vector NOT NULL,
  terms tsvector NOT NULL,
  field_length int NOT NULL,
  sentence_starts int[] NOT NULL,
  sentence_ends int[] NOT NULL,
  sentence_flags int[] NOT NULL,
  sentence_scales real[] NOT NULL,
  sentence_vectors bytea NOT NULL,
  PRIMARY KEY (generation, label)
) PARTITION BY LIST (generation);

-- BM25 statistics and the lexicon: every term of a generation, its document frequency, its stem
-- (for "another form of the word") and whether the articles write it as a name.
CREATE TABLE {s}.terms (
  generation int NOT NULL,
  term text COLLATE "C" NOT NULL,
  stem text COLLATE "C" NOT NULL,
  df int NOT NULL,
  is_name boolean NOT NULL,
  PRIMARY KEY (generation, term)
) PARTITION BY LIST (generation);

-- One index run at a time, from any process on any host: a lease its holder renews every few
-- seconds (see pg-lock.ts for why not a session advisory lock).
CREATE TABLE {s}.index_lock (
  id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  token text NOT NULL,
  owner jsonb NOT NULL,
  acquired_at timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'the quote index of each generation',
    sql: `
-- The quote index (src/quotes/quote-index.ts: quotes, speakers, statements, the quotes' vectors),
-- one blob per generation in the same encoding as the files backend's quotes.<gen>.bin. Written by
-- the run that writes the generation, before its commit; dropped with it. The next run re-uses
-- the quotes of unchanged articles from it (no re-embedding).
CREATE TABLE {s}.quote_indexes (
  generation int PRIMARY KEY REFERENCES {s}.generations (generation) ON DELETE CASCADE,
  extractor int NOT NULL,
  data bytea NOT NULL
);
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
