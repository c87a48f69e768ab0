/**
 * The `postgres` backend beside the files backend, at the same sizes and on the same synthetic
 * passages: writing the index (rows, HNSW and GIN indexes, term statistics, the commit), warm
 * query latency through the Engine, and a fresh process's RSS after opening (cold-start child).
 * The database is `npm run db:local`: PGlite, PostgreSQL compiled to WebAssembly, single-threaded,
 * serving every connection from one session on this same machine. A production PostgreSQL (native
 * code, parallel workers, its own host) will be faster; these figures are a floor, not a forecast.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { EngineConfig } from '../src/config/engine-config.js';
import { CHUNKER_VERSION } from '../src/chunk/chunk-article.js';
import type { Embedder } from '../src/embed/embedder.js';
import { Db } from '../src/index/postgres/db.js';
import { migrate } from '../src/index/postgres/migrate.js';
import { lockDatabaseIndex } from '../src/index/postgres/pg-lock.js';
import { GenerationWriter, type PassageToWrite } from '../src/index/postgres/pg-writer.js';
import { startLocalDatabase } from './lib/local-database.js';
import { syntheticIndexData, type SyntheticIndexOptions } from './lib/synthetic-index.js';
import { runQueryLatency, type QueryLatencyResult } from './query-latency.js';

export interface PostgresBenchRow {
  passages: number;
  /** Writing the generation: rows in, then its indexes and statistics, then the commit. */
  write: { seconds: number; passagesPerSecond: number; insertSeconds: number; indexSeconds: number };
  query: QueryLatencyResult;
  /** A fresh process that opened the engine on this index and answered once. */
  cold: { openMs: number; rssMb: number };
  /** The database server process (PGlite) after the queries. */
  databaseRssMb: number;
}

/** Resident memory of another process (Linux), MB. */
function processRssMb(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export async function runPostgresBench(opts: {
  sizes: number[];
  data: Omit<SyntheticIndexOptions, 'n'>;
  config: EngineConfig;
  embedder: Embedder;
  questions: readonly string[];
  queries: number;
  /** Compiled cold-start child (dist/bench/cold-start-child.js), when built. */
  coldChild?: string;
  log: (m: string) => void;
}): Promise<PostgresBenchRow[]> {
  const db = await startLocalDatabase();
  const rows: PostgresBenchRow[] = [];
  try {
    for (const n of opts.sizes) {
      const schema = `bench_${n}`;
      const config: EngineConfig = {
        ...opts.config,
        backend: 'postgres',
        database: { url: db.url, schema, poolSize: 10, pollSeconds: 60, keywordRanking: 'bm25' },
      };
      opts.log(`postgres: writing ${n} passages…`);
      const write = await writeSyntheticGeneration(config, { ...opts.data, n });
      opts.log(`postgres: ${n} passages in ${write.seconds.toFixed(1)} s; query latency…`);
      const query = await runQueryLatency(config, opts.embedder, opts.questions, opts.queries);
      let cold = { openMs: NaN, rssMb: NaN };
      if (opts.coldChild) {
        const { stdout } = await promisify(execFile)(process.execPath, [opts.coldChild], {
          env: {
            ...process.env,
            INDEX_BACKEND: 'postgres',
            DATABASE_URL: db.url,
            DATABASE_SCHEMA: schema,
            SEEDS_DIR: opts.config.seedsDir,
            INDEX_DIR: opts.config.indexDir,
          },
        });
        cold = JSON.parse(stdout.trim().split('\n').pop()!) as { openMs: number; rssMb: number };
      }
      rows.push({ passages: n, write, query, cold, databaseRssMb: processRssMb(db.process.pid) });
    }
  } finally {
    await db.stop();
  }
  return rows;
}

/** The synthetic index as one generation of the database, written as an index run writes one (pg-writer.ts). */
async function writeSyntheticGeneration(config: EngineConfig, opts: SyntheticIndexOptions): Promise<PostgresBenchRow['write']> {
  const { dims } = opts;
  const data = syntheticIndexData(opts);
  const db = new Db(config.database!, { application: 'newsdesk-bench', readTimeout: false });
  try {
    await migrate(db);
    const lock = await lockDatabaseIndex(db, { what: 'npm run bench' });
    try {
      const started = performance.now();
      const writer = await GenerationWriter.begin(db, {
        modelId: opts.modelId,
        dims,
        pooling: opts.pooling,
        chunkerVersion: CHUNKER_VERSION,
        hnsw: opts.hnsw,
        builtBy: 'npm run bench',
      });
      await writer.insertArticles(
        data.articles.map((meta, i) => ({
          meta,
          file: meta.file,
          hash: data.manifestDocs[i]!.hash,
          first: data.manifestDocs[i]!.firstPassage,
          passages: data.manifestDocs[i]!.passages,
        })),
      );
      let row = 0;
      const toWrite: PassageToWrite[] = data.passages.map((passage, label) => {
        const spans = data.spans[label]!;
        const sentenceVectors = data.sentenceVectors.subarray(row * dims, (row + spans.length) * dims);
        row += spans.length;
        return { label, passage, vector: data.vectors.subarray(label * dims, (label + 1) * dims), spans, sentenceVectors };
      });
      await writer.insertPassages(toWrite);
      const inserted = performance.now();
      await writer.finish();
      await writer.commit(lock.token);
      const seconds = (performance.now() - started) / 1000;
      return { seconds, passagesPerSecond: opts.n / seconds, insertSeconds: (inserted - started) / 1000, indexSeconds: (performance.now() - inserted) / 1000 };
    } finally {
      await lock.release();
    }
  } finally {
    await db.end();
  }
}
