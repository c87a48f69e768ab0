import type { LocalDatabase } from '../../bench/lib/local-database.js';

// The same helper the benchmark uses.
export { startLocalDatabase, type LocalDatabase } from '../../bench/lib/local-database.js';

/** Environment for the postgres backend on `db`, in its own schema (several tests can share one server). */
export function postgresEnv(db: Pick<LocalDatabase, 'url'>, schema: string): Record<string, string> {
  return { INDEX_BACKEND: 'postgres', DATABASE_URL: db.url, DATABASE_SCHEMA: schema };
}
