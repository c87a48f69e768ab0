import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { EngineError } from '../errors.js';

/**
 * One lock per index folder, shared by every process that writes the index (`npm run index`,
 * the bot's /reindex, an `ask` that builds a missing index): two runs at once used to delete each
 * other's data files. `proper-lockfile` keeps the lock as a folder (`INDEX_DIR/.lock`, created
 * atomically by mkdir, which works across processes and on network file systems) whose time stamp
 * the holder refreshes; a lock not refreshed for LOCK_STALE_MS (its holder was `kill -9`ed or the
 * machine crashed) is taken over by the next run.
 */

/** A lock older than this is stale (its holder died): the next run takes it over. */
export const LOCK_STALE_MS = 10_000;
/** How often a waiting run tries again. */
export const LOCK_POLL_MS = 500;

const LOCK_DIR = '.lock';
/** Who holds the lock, for the "another run is updating…" message (proper-lockfile stores no owner). */
const OWNER_FILE = '.lock-owner.json';

export interface LockOwner {
  pid: number;
  /** What is running: "npm run index", "the bot's /reindex"… */
  what: string;
  /** ISO time the lock was taken. */
  since: string;
  /** The holder's host name (the database's lock: runs may come from other machines). */
  host?: string;
}

export interface LockIndexOptions {
  /** What this run is, for the message another run shows. */
  what: string;
  /** Wait for a run holding the lock (default: refuse at once with INDEX_LOCKED). */
  wait?: boolean;
  /** Called once when this run starts waiting. */
  onWait?: (owner: LockOwner | undefined) => void;
}

/** A held lock. */
export interface IndexLock {
  release(): Promise<void>;
  /** Set if the lock was lost while held (taken over as stale, or its folder removed). */
  readonly compromised: Error | undefined;
}

/** "npm run index, pid 123, started 12 s ago", or a plain fallback when the owner is unknown. */
export function describeOwner(owner: LockOwner | undefined): string {
  if (!owner) return 'another indexing run';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(owner.since)) / 1000));
  const host = owner.host && owner.host !== os.hostname() ? ` on ${owner.host}` : '';
  return `${owner.what}, pid ${owner.pid}${host}, started ${seconds} s ago`;
}

async function readOwner(indexDir: string): Promise<LockOwner | undefined> {
  try {
    const o = JSON.parse(await fs.readFile(path.join(indexDir, OWNER_FILE), 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.what === 'string' && typeof o.since === 'string' ? (o as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

/** The reason a lock could not be created (a read-only folder…), as one line. */
function lockFailure(indexDir: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, string> = {
    EROFS: 'the folder is on a read-only file system',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'the disk is full',
    ENOTDIR: 'INDEX_DIR (or a folder above it) is not a folder',
    EEXIST: 'INDEX_DIR exists and is not a folder',
  };
  const reason = code ? reasons[code] : undefined;
  if (!reason) return e;
  return new EngineError(
    'INDEX_WRITE',
    `Cannot lock the index in ${indexDir}: ${reason} (${code}). Nothing was changed: the previous index is still in place.`,
    { cause: e },
  );
}

/**
 * Take the lock on `indexDir` (creating the folder). Refuses with INDEX_LOCKED while another run
 * holds it, or waits with `wait`. Release it in a `finally`.
 */
export async function lockIndex(indexDir: string, options: LockIndexOptions): Promise<IndexLock> {
  await fs.mkdir(indexDir, { recursive: true }).catch((e: unknown) => {
    throw lockFailure(indexDir, e);
  });
  let compromised: Error | undefined;
  let waiting = false;
  for (;;) {
    try {
      const release = await lockfile.lock(indexDir, {
        lockfilePath: path.join(indexDir, LOCK_DIR),
        realpath: false,
        stale: LOCK_STALE_MS,
        // The default throws from a timer (an uncaught exception): record it instead.
        onCompromised: (e) => {
          compromised = e;
        },
      });
      const owner: LockOwner = { pid: process.pid, what: options.what, since: new Date().toISOString() };
      await fs.writeFile(path.join(indexDir, OWNER_FILE), JSON.stringify(owner)).catch(() => undefined);
      return {
        async release() {
          await fs.rm(path.join(indexDir, OWNER_FILE), { force: true }).catch(() => undefined);
          await release().catch(() => undefined); // already gone if compromised
        },
        get compromised() {
          return compromised;
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw lockFailure(indexDir, e);
      const owner = await readOwner(indexDir);
      if (!options.wait) {
        throw new EngineError('INDEX_LOCKED', `Another indexing run (${describeOwner(owner)}) is updating the index in ${indexDir}.`, {
          data: { indexDir, ...(owner && { lockOwner: owner }) },
        });
      }
      if (!waiting) options.onWait?.(owner);
      waiting = true;
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }
}
