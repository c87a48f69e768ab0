import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { REPO } from './workspace.js';

/** A front end run as its own process (the bot, a CLI command), its output collected as it comes. */
export interface RunningProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stdout or stderr matches (rejects if the process exits first or time runs out). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL unless it has exited. */
  kill(): void;
}

/**
 * Start `script` (relative to the repository, e.g. `src/bot/main.ts`) from sources as `npm run …`
 * does, with the shell's DISCORD_* / database variables left out unless `env` sets them.
 */
export function startProcess(script: string, env: Record<string, string>, args: string[] = []): RunningProcess {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DISCORD_|RATE_LIMIT_|SHARD)/.test(k) && !['INDEX_BACKEND', 'DATABASE_URL', 'DATABASE_SCHEMA', 'SHUTDOWN_TIMEOUT_SECONDS'].includes(k),
    ),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, script), ...args], { cwd: REPO, env: { ...base, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        if (pattern.test(out + err)) return resolve();
        const timer = setTimeout(() => done(new Error(`no ${pattern} in time.\nstdout: ${out}\nstderr: ${err}`)), timeoutMs);
        const onData = () => pattern.test(out + err) && done();
        const onExit = () => done(new Error(`exited before ${pattern}.\nstdout: ${out}\nstderr: ${err}`));
        const done = (e?: Error) => {
          clearTimeout(timer);
          child.stdout.off('data', onData);
          child.stderr.off('data', onData);
          child.off('exit', onExit);
          if (e) reject(e);
          else resolve();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', onExit);
      }),
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
