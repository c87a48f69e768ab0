/**
 * `npm run db:local` serves one PGlite session to many connections. The socket library queues
 * each protocol message on its own, so two connections' Parse/Bind/Execute/Sync interleaved and
 * one bound the other's unnamed statement ("unnamed prepared statement does not exist", or the
 * other's rows: electric-sql/pglite#1046). These run what the bot's pools do, many at once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDatabase, type LocalDatabase } from '../support/database.js';

let db: LocalDatabase;
beforeAll(async () => {
  db = await startLocalDatabase();
}, 90_000);
afterAll(async () => {
  await db?.stop();
});

describe('npm run db:local with many connections', () => {
  it('gives each connection its own statements and rows when they all query at once', async () => {
    const pools = [new pg.Pool({ connectionString: db.url, max: 6 }), new pg.Pool({ connectionString: db.url, max: 6 })];
    try {
      // Large parameters arrive in several TCP reads, as the index writer's batches do: the gap
      // between a Parse and its Bind is where another connection's statement got in.
      const big = 'x'.repeat(256 * 1024);
      const runs = Array.from({ length: 200 }, (_, i) => {
        const pool = pools[i % 2]!;
        if (i % 3 === 0) return pool.query<{ n: number; len: number }>('select $1::int as n, length($2::text) as len', [i, big]).then((r) => r.rows[0]);
        if (i % 3 === 1) return pool.query<{ n: number; len: number }>(`select ${i} as n, ${i} as len`).then((r) => r.rows[0]);
        return pool.query<{ n: number; len: number }>('select $2::int as len, $1::int as n', [i, i]).then((r) => r.rows[0]);
      });
      const rows = await Promise.all(runs);
      rows.forEach((row, i) => expect(row).toEqual({ n: i, len: i % 3 === 0 ? big.length : i }));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  }, 60_000);

  it('keeps a transaction to its connection, and a failed statement or a client gone mid-transaction does not stop the others', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    try {
      await pool.query('create table if not exists t_db_local (k int primary key)');
      const writer = await pool.connect();
      await writer.query('begin');
      await writer.query('insert into t_db_local values ($1)', [1]);
      // Another connection's statements wait for the commit; they do not run inside the writer's transaction.
      const reader = pool.query<{ c: string }>('select count(*)::text as c from t_db_local where k = $1', [1]);
      const failing = pool.query('select $1::int / 0', [1]).then(
        () => 'ran',
        (e: Error) => e.message,
      );
      await writer.query('commit');
      writer.release();
      expect((await reader).rows[0]!.c).toBe('1');
      expect(await failing).toBe('division by zero');

      // A client that disappears inside a transaction: its work is rolled back and others go on.
      const gone = new pg.Client({ connectionString: db.url });
      gone.on('error', () => undefined);
      await gone.connect();
      await gone.query('begin');
      await gone.query('insert into t_db_local values ($1)', [2]);
      (gone as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      const after = await pool.query<{ c: string }>('select count(*)::text as c from t_db_local');
      expect(after.rows[0]!.c).toBe('1');
    } finally {
      await pool.end();
    }
  }, 60_000);
});
