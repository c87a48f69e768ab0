import type { EngineConfig } from '../config/engine-config.js';
import { FilesBackend } from './files-backend.js';
import type { IndexBackend } from './index-backend.js';

/**
 * The index backend INDEX_BACKEND selects: `files` (INDEX_DIR, loaded into this process) or
 * `postgres` (DATABASE_URL). `forIndexing`: only to run an index pass (`npm run index`), so the
 * current files index is not loaded first. The postgres backend (and the pg driver, ~14 MB) is
 * imported only when selected.
 */
export async function openIndexBackend(config: EngineConfig, options: { forIndexing?: boolean } = {}): Promise<IndexBackend> {
  if (config.backend === 'postgres') return (await import('./postgres/pg-backend.js')).PgBackend.open(config, options);
  return options.forIndexing ? FilesBackend.empty(config) : FilesBackend.open(config);
}
