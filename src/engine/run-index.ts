import type { EngineConfig } from '../config/engine-config.js';
import { startIndexingProcess, type IndexingProcess } from '../index/build-in-child.js';
import { lockIndex, type LockOwner } from '../index/index-lock.js';
import { readIndex, type StoredIndex } from '../index/index-store.js';
import type { ReindexProgress, ReindexSummary } from './types.js';

export interface RunIndexOptions {
  full?: boolean;
  /** What this run is, for the message a concurrent run shows ("npm run index", "the bot's /reindex"…). */
  what: string;
  /** Wait for another run holding the index lock instead of refusing with INDEX_LOCKED. */
  wait?: boolean;
  onWait?: (owner: LockOwner | undefined) => void;
  onProgress?: (p: ReindexProgress) => void;
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
  /** Checks the new index before success is reported; throwing fails the run (and undoes the change). */
  verify?: (index: StoredIndex, summary: ReindexSummary) => void;
  /** An indexing process started ahead (loading its model while the caller prepared): used instead of a new one. */
  process?: IndexingProcess;
}

export interface RunIndexResult {
  /** Undefined when `onlyIfMissing` found an index (built by the run it waited for). */
  summary?: ReindexSummary;
  /** The index now on disk, loaded and verified: a run never reports success for an index that does not load. */
  index: StoredIndex;
}

/**
 * Every index update by a front end goes through here: take the index folder's lock (shared by all
 * processes), build in a child process (the caller's event loop stays free), then load what was
 * written — checksums and all — before saying it worked. The lock is released in any case.
 */
export async function runIndex(config: EngineConfig, options: RunIndexOptions): Promise<RunIndexResult> {
  const lock = await lockIndex(config.indexDir, { what: options.what, wait: options.wait, onWait: options.onWait });
  try {
    if (options.onlyIfMissing) {
      const existing = await readIndex(config.indexDir, config.hnsw.efSearch, config);
      if (existing) return { index: existing };
    }
    // Started before the change is made: the process loads its model meanwhile, and builds only when told.
    const indexer = options.process ?? startIndexingProcess(config);
    options.onStart?.(indexer.kill);
    try {
      await options.change?.apply();
    } catch (e) {
      indexer.kill();
      throw e;
    }
    let index: StoredIndex | undefined;
    try {
      const summary = await indexer.build({ full: options.full, onProgress: options.onProgress });
      index = (await readIndex(config.indexDir, config.hnsw.efSearch, config)) ?? undefined;
      if (!index) throw new Error(`the index in ${config.indexDir} is missing after a build that reported success`);
      options.verify?.(index, summary);
      if (lock.compromised) summary.warnings.push(`the lock on ${config.indexDir} was lost during the run (${lock.compromised.message}); run \`npm run index\` again to be sure`);
      return { summary, index };
    } catch (e) {
      await index?.close().catch(() => undefined);
      await options.change?.undo();
      throw e;
    }
  } finally {
    await lock.release();
  }
}
