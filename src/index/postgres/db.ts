/**
 * The connection to PostgreSQL: a node-postgres pool, every statement parameterised, errors that
 * mean "the database is not reachable" turned into one EngineError a person can read, and never
 * the URL's password in anything shown or logged.
 */
import pg from 'pg';
import { describeDatabase, type DatabaseConfig } from '../../config/engine-config.js';
import { EngineError } from '../../errors.js';

/** Connecting gives up after this long (an unreachable host would otherwise hang a question). */
const CONNECT_TIMEOUT_MS = 5_000;
/** A reader's statement gives up after this long (the index run's own pool has no such limit). */
const READ_TIMEOUT_MS = 30_000;

/** What a question gets while the database cannot be reached. */
export const UNAVAILABLE_MESSAGE = 'The index is unavailable right now (its database cannot be reached); please try again in a minute.';

/** Network errors and server states meaning "not reachable now" rather than a bug. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  // SQLSTATE class 08 (connection exception) and 57P0x (the server is shutting down or starting)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);
const UNREACHABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended|the database system is (starting up|shutting down)|Too many connections/i;

export function isUnreachable(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | undefined;
  return Boolean(err && ((err.code && UNREACHABLE_CODES.has(err.code)) || (err.message && UNREACHABLE_MESSAGES.test(err.message))));
}

/** The reason in a few words, for the start-up error. */
function reasonOf(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err.code === 'ECONNREFUSED') return 'connection refused';
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return 'unknown host';
  if (err.code === 'ETIMEDOUT' || /timeout/i.test(err.message ?? '')) return 'no answer in time';
  if (err.code === '28P01' || err.code === '28000') return 'the user name or password was refused';
  if (err.code === '3D000') return 'no such database';
  return (err.message ?? String(e)).replace(/postgres(ql)?:\/\/\S+/g, '(DATABASE_URL)');
}

/** A failure to reach the database, worded for the place it happened. */
export function unavailableError(config: Pick<DatabaseConfig, 'url'>, e: unknown, atStart: boolean): EngineError {
  if (!atStart) return new EngineError('INDEX_UNAVAILABLE', UNAVAILABLE_MESSAGE, { cause: e });
  const message = `Cannot reach the index database ${describeDatabase(config.url)} (${reasonOf(e)}). Is it running? Check DATABASE_URL.`;
  return new EngineError('INDEX_UNAVAILABLE', message, { cause: e, data: { setup: 'local-database' } });
}

/** Quote an SQL identifier (the schema name, already checked to be a plain lower-case name). */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export type Row = Record<string, unknown>;

/**
 * A pool of connections to one database and schema. Statements name their tables as `{s}.table`,
 * which becomes the quoted schema: search_path is a session setting, and a connection pooler (or
 * PGlite's socket server) may share sessions between clients.
 */
export class Db {
  readonly pool: pg.Pool;
  readonly schema: string;
  private readonly s: string;

  constructor(
    readonly config: DatabaseConfig,
    options: { application: string; readTimeout?: boolean } = { application: 'newsdesk' },
  ) {
    this.schema = config.schema;
    this.s = ident(config.schema);
    this.pool = new pg.Pool({
      // TLS and every other connection option come from the URL (sslmode, sslrootcert, sslcert, sslkey…).
      connectionString: config.url,
      max: config.poolSize,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      application_name: options.application,
      ...(options.readTimeout !== false && { query_timeout: READ_TIMEOUT_MS }),
    });
    // An idle connection dropped by the server (a restart) must not crash the process: the pool
    // discards it and opens a new one when next needed.
    this.pool.on('error', () => undefined);
  }

  /** The statement with `{s}` replaced by the schema. */
  sql(text: string): string {
    return text.replaceAll('{s}', this.s);
  }

  async query<R extends Row = Row>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(this.sql(text), values);
  }

  /** Statements on one connection inside BEGIN … COMMIT (ROLLBACK on any error). */
  async transaction<T>(work: (q: <R extends Row = Row>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(<R extends Row = Row>(text: string, values: unknown[] = []) => client.query<R>(this.sql(text), values));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      broken = isUnreachable(e);
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      throw e;
    } finally {
      client.release(broken);
    }
  }

  async end(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
