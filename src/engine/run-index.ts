import type { EngineConfig } from '../config/engine-config.js';
import { buildInChildProcess } from '../index/build-in-child.js';
import { lockIndex } from '../index/index-lock.js';
import { readIndex, type StoredIndex } from '../index/index-store.js';
import type { RunIndexOptions } from '../index/index-backend.js';
import type { ReindexSummary } from './types.js';

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
export async function runFilesIndex(config: EngineConfig, options: RunIndexOptions): Promise<RunIndexResult> {
  const lock = await lockIndex(config.indexDir, { what: options.what, wait: options.wait, onWait: options.onWait });
  try {
    if (options.onlyIfMissing) {
      const existing = await readIndex(config.indexDir, config.hnsw.efSearch);
      if (existing) return { index: existing };
    }
    const build = buildInChildProcess(config, { full: options.full, onProgress: options.onProgress });
    options.onStart?.(build.kill);
    const summary = await build.summary;
    const index = await readIndex(config.indexDir, config.hnsw.efSearch);
    if (!index) throw new Error(`the index in ${config.indexDir} is missing after a build that reported success`);
    if (lock.compromised) summary.warnings.push(`the lock on ${config.indexDir} was lost during the run (${lock.compromised.message}); run \`npm run index\` again to be sure`);
    return { summary, index };
  } finally {
    await lock.release();
  }
}
