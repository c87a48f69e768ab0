import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { EngineConfig } from '../config/engine-config.js';
import { EngineError, type EngineErrorCode, type EngineErrorData } from '../errors.js';
import type { ReindexProgress, ReindexSummary } from '../types.js';

/**
 * The parent's messages to the indexing process: `start` right after it is forked (it begins loading
 * its model), `build` when the articles folder is ready (it builds, reports and exits). `lockToken`:
 * the database backend's index lease this run holds (checked again at the commit).
 */
export type ToChild = { type: 'start'; config: EngineConfig } | { type: 'build'; full: boolean; lockToken?: string };

/** What the indexing process reports. */
export type FromChild =
  | { type: 'progress'; progress: ReindexProgress }
  | { type: 'done'; summary: ReindexSummary }
  | {
      type: 'error';
      error: { engine: true; code: EngineErrorCode; message: string; data: EngineErrorData } | { engine: false; message: string; stack?: string };
    };

export interface ChildBuild {
  summary: Promise<ReindexSummary>;
  /** Stop the indexing process (shutdown). The index on disk is untouched until its commit point. */
  kill(): void;
}

/** What a build is asked for; `lockToken` is the database backend's index lease (see ToChild). */
export interface BuildOptions {
  full?: boolean;
  onProgress?: (p: ReindexProgress) => void;
  lockToken?: string;
}

/** An indexing process started ahead of its build: it loads its model (about a second) meanwhile. */
export interface IndexingProcess {
  /** Build now (once); resolves with the build's summary. */
  build(options?: BuildOptions): Promise<ReindexSummary>;
  /** Stop it, built or not. The index on disk is untouched until its commit point. */
  kill(): void;
}

/**
 * The indexing process for a run (the one started ahead, or a new one: it loads its model
 * meanwhile), then the run's change to the articles folder; the process is stopped when the
 * change fails. Shared by both backends' runs.
 */
export async function startRunWithChange(
  config: EngineConfig,
  options: { process?: IndexingProcess; onStart?: (stop: () => void) => void; change?: { apply(): Promise<void> } },
): Promise<IndexingProcess> {
  const indexer = options.process ?? startIndexingProcess(config);
  options.onStart?.(indexer.kill);
  try {
    await options.change?.apply();
  } catch (e) {
    indexer.kill();
    throw e;
  }
  return indexer;
}

/**
 * Start the indexing process (build-worker.ts) without building yet: it loads its model while the
 * caller gets the articles folder ready (an /add fetches and reads its page meanwhile). A child
 * process rather than a worker thread: from TypeScript sources (tests, `npm run …` through tsx)
 * Node 20's worker threads cannot load .ts files, and a crash in native code (onnxruntime, hnswlib)
 * ends the child, not the bot. Its memory is its own: a copy of the model plus the build's working
 * set, freed when it exits (see the README's Performance section for the figure).
 */
export function startIndexingProcess(config: EngineConfig): IndexingProcess {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSources ? './build-worker.ts' : './build-worker.js', import.meta.url);
  // From sources the child needs tsx's loader, resolved from here (not from the working folder).
  const execArgv = fromSources ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  const child = fork(entry, [], { execArgv: [...execArgv, '--enable-source-maps'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'], serialization: 'advanced' });
  // Whatever the child prints goes to stderr: stdout may be a command's JSON output.
  child.stdout?.pipe(process.stderr);
  let onProgress: ((p: ReindexProgress) => void) | undefined;
  const summary = new Promise<ReindexSummary>((resolve, reject) => {
    let settled = false;
    child.on('message', (m: FromChild) => {
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.summary);
      } else {
        settled = true;
        const e = m.error;
        if (e.engine) reject(new EngineError(e.code, e.message, { data: e.data }));
        else reject(Object.assign(new Error(e.message), { stack: e.stack ?? e.message }));
      }
    });
    child.on('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    child.on('exit', (code, signal) => {
      if (!settled) reject(new Error(`the indexing process ended unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`})`));
      settled = true;
    });
  });
  summary.catch(() => undefined); // observed by the caller of build (or nobody, when killed unused)
  child.send({ type: 'start', config } satisfies ToChild);
  let built = false;
  return {
    build(options = {}) {
      if (built) throw new Error('an indexing process builds once');
      built = true;
      onProgress = options.onProgress;
      child.send({ type: 'build', full: options.full ?? false, ...(options.lockToken && { lockToken: options.lockToken }) } satisfies ToChild);
      return summary;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}

/** Start the indexing process and build at once, reporting its progress. */
export function buildInChildProcess(config: EngineConfig, options: BuildOptions = {}): ChildBuild {
  const child = startIndexingProcess(config);
  return { summary: child.build(options), kill: child.kill };
}
