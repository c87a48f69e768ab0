/**
 * Start `npm run db:local` (scripts/db-local.ts) as a child process and wait for its DATABASE_URL:
 * for the tests and the benchmark, which talk to it only through `pg`, as to any PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A running `npm run db:local` (PGlite with pgvector over TCP), started by a test. */
export interface LocalDatabase {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything it printed to stderr. */
  log: () => string;
  /** SIGTERM and wait for it to exit (a data folder is closed cleanly). */
  stop(): Promise<void>;
}

const REPO = path.resolve(import.meta.dirname, '../..');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Start `scripts/db-local.ts` (exactly what `npm run db:local` runs) on a free port, or on `port`,
 * in memory or on `dataDir`, and wait for its DATABASE_URL line.
 */
export async function startLocalDatabase(options: { port?: number; dataDir?: string } = {}): Promise<LocalDatabase> {
  const args = ['--import', tsx, path.join(REPO, 'scripts/db-local.ts'), ...(options.dataDir ? ['--data', options.dataDir] : [])];
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, PGPORT: String(options.port ?? 0) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`db:local did not start in 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^DATABASE_URL=(\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`db:local exited (${code}) before it was ready: ${stderr}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    process: child,
    log: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
