/**
 * `npm run db:local [-- --data DIR] [--port N]`: a local PostgreSQL-protocol server with pgvector
 * for development, tests and CI, with nothing to install: PGlite (Postgres compiled to WebAssembly)
 * served over TCP by @electric-sql/pglite-socket on 127.0.0.1:PGPORT (default 54329; 0 picks a
 * free port). Data lives in memory, or in DIR with --data (kept across restarts).
 *
 * When it accepts connections it prints one line, `DATABASE_URL=postgres://…`, on stdout. Stop it
 * with Ctrl-C or SIGTERM (the data folder is closed cleanly first).
 *
 * This is the only file of the project that knows about PGlite: everything else talks to a
 * database through `pg` and DATABASE_URL, exactly as to a managed PostgreSQL with pgvector.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { SessionQueue } from './lib/session-queue.js';

/** Port when neither --port nor PGPORT says otherwise (away from a real server's 5432). */
const DEFAULT_PORT = 54329;
/** Connections the socket server multiplexes onto PGlite's single session (several bots, their pools, an index run). */
const MAX_CONNECTIONS = 200;

const program = new Command()
  .name('npm run db:local --')
  .description('Start a local Postgres-protocol server with pgvector (PGlite) and print its DATABASE_URL.')
  .option('--data <dir>', 'keep the data in this folder (default: in memory, gone when stopped)')
  .option('--port <n>', `TCP port on 127.0.0.1 (default PGPORT or ${DEFAULT_PORT}; 0 = any free port)`)
  .showHelpAfterError();
program.parse();
const opts = program.opts<{ data?: string; port?: string }>();

const portText = opts.port ?? (process.env.PGPORT?.trim() || String(DEFAULT_PORT));
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`db:local: the port must be a whole number from 0 to 65535 (got ${JSON.stringify(portText)}).\n`);
  process.exit(2);
}

let dataDir: string | undefined;
if (opts.data) {
  dataDir = path.resolve(opts.data);
  mkdirSync(dataDir, { recursive: true });
}

const db = await PGlite.create({ ...(dataDir && { dataDir }), extensions: { vector, pg_trgm, fuzzystrmatch } });
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: MAX_CONNECTIONS });
// The library's own queue lets two connections' statements interleave (see lib/session-queue.ts);
// its handlers are given the server's queue when they connect, so replacing it before start is enough.
const internals = server as unknown as { queryQueue?: { enqueue?: unknown } };
if (typeof internals.queryQueue?.enqueue !== 'function') {
  process.stderr.write('db:local: this @electric-sql/pglite-socket has no queryQueue to replace; check scripts/lib/session-queue.ts against its version.\n');
  process.exit(1);
}
internals.queryQueue = new SessionQueue(db);
try {
  await server.start();
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  process.stderr.write(
    `db:local: cannot listen on 127.0.0.1:${port}: ${err.code === 'EADDRINUSE' ? 'the port is in use (another server? set PGPORT or --port)' : err.message}\n`,
  );
  await db.close().catch(() => undefined);
  process.exit(1);
}
// The socket server knows the port it got (port 0 asks the OS for a free one).
const bound = Number(server.getServerConn().split(':').pop());
process.stdout.write(`DATABASE_URL=postgres://postgres@127.0.0.1:${bound}/postgres\n`);
process.stderr.write(
  `db:local: PGlite (PostgreSQL in WebAssembly, one session shared by all connections) with pgvector on 127.0.0.1:${bound}, data ${dataDir ?? 'in memory'}; Ctrl-C stops it.\n`,
);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) process.exit(1);
  stopping = true;
  process.stderr.write(`db:local: ${signal}, stopping${dataDir ? ` (closing ${dataDir})` : ''}\n`);
  await server.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
