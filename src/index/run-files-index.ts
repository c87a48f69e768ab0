import type { EngineConfig } from '../config/engine-config.js';
import { startRunWithChange } from './build-in-child.js';
import { lockIndex } from './index-lock.js';
import { readIndex, type StoredIndex } from './index-store.js';
import { lockLost, type RunIndexOptions } from './index-backend.js';
import type { ReindexSummary } from '../types.js';

/** A files index run: `verify` sees the index as loaded from the files (the backend wraps it in a snapshot). */
export interface FilesRunOptions extends Omit<RunIndexOptions, 'verify'> {
  verify?: (index: StoredIndex, summary: ReindexSummary) => void;
}

export interface RunIndexResult {
  /** Undefined when `onlyIfMissing` found an index (built by the run it waited for). */
  summary?: ReindexSummary;
  /** The index now on disk, loaded and verified: a run never reports success for an index that does not load. */
  index: StoredIndex;
}

/**
 * Every update of a files index by a front end goes through here: take the index folder's lock (shared by all
 * processes), build in a child process (the caller's event loop stays free), then load what was
 * written — checksums and all — before saying it worked. The lock is released in any case.
 */
export async function runFilesIndex(config: EngineConfig, options: FilesRunOptions): Promise<RunIndexResult> {
  const lock = await lockIndex(config.indexDir, { what: options.what, wait: options.wait, onWait: options.onWait });
  try {
    if (options.onlyIfMissing) {
      const existing = await readIndex(config.indexDir, config.hnsw.efSearch, config.sentenceVectorsInMemoryBytes);
      if (existing) return { index: existing };
    }
    // Started before the change is made: the process loads its model meanwhile, and builds only when told.
    const indexer = await startRunWithChange(config, options);
    let index: StoredIndex | undefined;
    try {
      const summary = await indexer.build({ full: options.full, onProgress: options.onProgress });
      index = (await readIndex(config.indexDir, config.hnsw.efSearch, config.sentenceVectorsInMemoryBytes)) ?? undefined;
      if (!index) throw new Error(`the index in ${config.indexDir} is missing after a build that reported success`);
      options.verify?.(index, summary);
      if (lock.compromised) lockLost(summary, `the lock on ${config.indexDir} was lost during the run (${lock.compromised.message})`);
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
