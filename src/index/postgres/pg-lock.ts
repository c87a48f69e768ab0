/**
 * One index run at a time per database schema, from any process on any host: `npm run index`, a
 * bot's /reindex, an `ask` building a missing index.
 *
 * The lock is a lease row (`{s}.index_lock`), taken by one atomic INSERT … ON CONFLICT that only
 * succeeds when nobody holds it or the holder stopped renewing it, renewed every few seconds, and
 * deleted on release. A session-level advisory lock (pg_advisory_lock) would be the textbook tool,
 * but it belongs to a database *session*: behind a transaction-mode pooler (PgBouncer, most managed
 * "pooled" endpoints) or PGlite's socket server, several clients share one session, and a second
 * run would be granted the lock its neighbour holds. A lease works through any of them, names its
 * holder for the "another run is updating…" message, and a holder that dies (`kill -9`, a lost
 * host) loses it after LEASE_STALE_SECONDS, like the files backend's lock.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { describeDatabase } from '../../config/engine-config.js';
import { EngineError } from '../../errors.js';
import { describeOwner, type LockIndexOptions, type LockOwner } from '../index-lock.js';
import type { Db } from './db.js';

/** A lease not renewed for this long is stale: its holder died, and the next run takes it over. */
export const LEASE_STALE_SECONDS = 10;
/** How often the holder renews it. */
const RENEW_MS = 2_000;
/** How often a waiting run tries again. */
const POLL_MS = 500;

export interface PgIndexLock {
  /** Proves the lease at the commit (the indexing process checks it is still held). */
  token: string;
  release(): Promise<void>;
  /** Set when the lease was lost while held (not renewed in time and taken over). */
  readonly compromised: Error | undefined;
}

/** Take the index lease, refusing with INDEX_LOCKED while another run holds it (or waiting, with `wait`). */
export async function lockDatabaseIndex(db: Db, options: LockIndexOptions): Promise<PgIndexLock> {
  const token = randomUUID();
  const owner: LockOwner = { pid: process.pid, what: options.what, since: new Date().toISOString(), host: os.hostname() };
  let waiting = false;
  for (;;) {
    const { rows } = await db.query(
      `INSERT INTO {s}.index_lock AS l (id, token, owner, acquired_at, heartbeat_at) VALUES (1, $1, $2, now(), now())
       ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token, owner = EXCLUDED.owner, acquired_at = now(), heartbeat_at = now()
       WHERE l.heartbeat_at < now() - make_interval(secs => $3)
       RETURNING token`,
      [token, JSON.stringify(owner), LEASE_STALE_SECONDS],
    );
    if (rows.length) break;
    const holder = await currentHolder(db);
    if (!options.wait) {
      throw new EngineError('INDEX_LOCKED', `Another indexing run (${describeOwner(holder)}) is updating the index in ${describeDatabase(db.config.url)}.`, {
        data: { indexDir: describeDatabase(db.config.url), ...(holder && { lockOwner: holder }) },
      });
    }
    if (!waiting) options.onWait?.(holder);
    waiting = true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }

  let compromised: Error | undefined;
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = db
      .query('UPDATE {s}.index_lock SET heartbeat_at = now() WHERE token = $1', [token])
      .then((r) => {
        if (r.rowCount === 0) compromised ??= new Error('the index lease was taken over by another run');
      })
      // A failed renewal is retried at the next tick; the commit checks the lease itself.
      .catch(() => undefined);
  }, RENEW_MS);
  timer.unref();
  return {
    token,
    async release() {
      clearInterval(timer);
      await renewing;
      await db.query('DELETE FROM {s}.index_lock WHERE token = $1', [token]).catch(() => undefined);
    },
    get compromised() {
      return compromised;
    },
  };
}

async function currentHolder(db: Db): Promise<LockOwner | undefined> {
  const { rows } = await db.query<{ owner: Partial<LockOwner> }>('SELECT owner FROM {s}.index_lock WHERE id = 1');
  const o = rows[0]?.owner;
  return o && typeof o.pid === 'number' && typeof o.what === 'string' && typeof o.since === 'string' ? (o as LockOwner) : undefined;
}

/** Inside the commit transaction: the lease must still be this run's and fresh, and stays so until COMMIT. */
export const CHECK_LEASE_SQL = `SELECT 1 FROM {s}.index_lock WHERE token = $1 AND heartbeat_at >= now() - make_interval(secs => $2) FOR UPDATE`;
