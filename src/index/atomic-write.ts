import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A temp name beside `target`, so the final rename stays on one file system. */
export const tempPathFor = (target: string): string => `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;

/**
 * A file that did not reach the disk whole: fewer bytes than were meant (a writer that does not
 * report errors, such as hnswlib's `writeIndex` on a full disk, which leaves a short file).
 */
export class ShortWriteError extends Error {
  constructor(
    readonly file: string,
    readonly wrote: number,
    readonly meant: number,
  ) {
    super(`${path.basename(file)} has ${wrote} bytes on disk where ${meant} were meant`);
    this.name = 'ShortWriteError';
  }
}

/**
 * Write a file so that readers see either the old content or the new, never a
 * half-written file: write a temp file, check its size, flush it to disk, then rename it over.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
  await writeViaTemp(
    target,
    (tmp) => fs.writeFile(tmp, data),
    async (tmp) => {
      const size = (await fs.stat(tmp)).size;
      if (size !== bytes) throw new ShortWriteError(target, size, bytes);
    },
  );
}

/**
 * Like writeFileAtomic, for writers that take a path (e.g. hnswlib's writeIndex); `check` must
 * throw when the temp file is not what was meant (it runs before the rename). The temp file is
 * removed on any failure.
 */
export async function writeViaTemp(target: string, write: (tmpPath: string) => Promise<unknown>, check?: (tmpPath: string) => Promise<void>): Promise<void> {
  const tmp = tempPathFor(target);
  try {
    await write(tmp);
    await check?.(tmp);
    const handle = await fs.open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    // Errors name the file being written (a write's ENOSPC carries no path), never the temp name.
    if (e instanceof ShortWriteError && e.file === tmp) throw new ShortWriteError(target, e.wrote, e.meant);
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err === 'object' && err.code && (!err.path || err.path === tmp)) err.path = target;
    throw e;
  }
}
