import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';

/** A temp name beside `target`, so the final rename stays on one file system. */
export const tempPathFor = (target: string): string => `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;

/**
 * Write a file so that readers see either the old content or the new, never a
 * half-written file: write a temp file, flush it to disk, then rename it over.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await writeViaTemp(target, (tmp) => fs.writeFile(tmp, data));
}

/** Like writeFileAtomic, for writers that take a path (e.g. hnswlib's writeIndex). */
export async function writeViaTemp(target: string, write: (tmpPath: string) => Promise<unknown>): Promise<void> {
  const tmp = tempPathFor(target);
  try {
    await write(tmp);
    const handle = await fs.open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
