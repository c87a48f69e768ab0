import { EngineError } from '../../errors.js';
import { describeDatabase } from '../../config/engine-config.js';
import type { Db } from './db.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export interface MigrationResult {
  /** Versions applied by this call (empty when the schema was up to date). */
  applied: { version: number; name: string }[];
  version: number;
}

/**
 * Bring the schema up to date. Migrators in other processes are kept out by a lock on the
 * migrations table for the length of the transaction, so each migration runs exactly once.
 */
export async function migrate(db: Db): Promise<MigrationResult> {
  await db.query('CREATE SCHEMA IF NOT EXISTS {s}');
  await db.query(
    'CREATE TABLE IF NOT EXISTS {s}.schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: MigrationResult['applied'] = [];
  for (;;) {
    const done = await db.transaction(async (q) => {
      await q('LOCK TABLE {s}.schema_migrations IN EXCLUSIVE MODE');
      const { rows } = await q<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM {s}.schema_migrations');
      const current = rows[0]!.version;
      if (current > SCHEMA_VERSION) throw newerSchema(db, current);
      const next = MIGRATIONS.find((m) => m.version > current);
      if (!next) return true;
      await q(next.sql);
      await q('INSERT INTO {s}.schema_migrations (version, name) VALUES ($1, $2)', [next.version, next.name]);
      applied.push({ version: next.version, name: next.name });
      return false;
    });
    if (done) return { applied, version: SCHEMA_VERSION };
  }
}

/** The schema version in the database: 0 when Newsdesk's tables are not there yet. */
export async function schemaVersion(db: Db): Promise<number> {
  const { rows } = await db.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [`${db.schema}.schema_migrations`]);
  if (!rows[0]!.exists) return 0;
  const v = await db.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM {s}.schema_migrations');
  return v.rows[0]!.version;
}

/** A reader meets a schema it cannot use: older (run the migrations) or newer (run a newer Newsdesk). */
export function checkSchemaVersion(db: Db, version: number): void {
  if (version > SCHEMA_VERSION) throw newerSchema(db, version);
  if (version > 0 && version < SCHEMA_VERSION) {
    throw new EngineError(
      'INDEX_MISMATCH',
      `The index database ${describeDatabase(db.config.url)} has schema version ${version}; this program needs ${SCHEMA_VERSION}.`,
      { data: { setup: 'migrate' } },
    );
  }
}

function newerSchema(db: Db, version: number): EngineError {
  return new EngineError(
    'INDEX_MISMATCH',
    `The index database ${describeDatabase(db.config.url)} has schema version ${version}, newer than this program's ${SCHEMA_VERSION}: run the newer Newsdesk.`,
  );
}
