import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PreparedArticle } from './add-article.js';
import { EngineError } from '../errors.js';

/**
 * The two changes /add and /remove make to the articles folder, each with its undo, applied by
 * runIndex under the index lock right before the build (and undone if the build fails).
 */

/** A file name the loader reads (not hidden, no folder part): never a path out of the articles folder. */
function plainName(file: string): string {
  if (!file || path.basename(file) !== file || file.startsWith('.')) throw new Error(`not a plain article file name: ${JSON.stringify(file)}`);
  return file;
}

/**
 * Write the article under its stable name: into a hidden temp file first (the loader skips dot
 * files), then linked to its name — atomic, and refused if a file of that name is already there
 * (same title and text: the same article, added but perhaps not indexed yet).
 */
export function addArticleFile(seedsDir: string, prepared: PreparedArticle): { apply(): Promise<void>; undo(): Promise<void> } {
  const target = path.join(seedsDir, plainName(prepared.fileName));
  let written = false;
  return {
    async apply() {
      await fs.mkdir(seedsDir, { recursive: true });
      const temp = path.join(seedsDir, `.adding-${randomBytes(6).toString('hex')}.tmp`);
      const handle = await fs.open(temp, 'wx');
      try {
        await handle.writeFile(prepared.text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await fs.link(temp, target);
        written = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
          const m = prepared.article.meta;
          const { duplicateError } = await import('./add-article.js');
          throw duplicateError({ id: path.basename(prepared.fileName, '.md'), title: m.title, ...(m.outlet && { outlet: m.outlet }) }, 'text');
        }
        throw new EngineError(
          'INDEX_WRITE',
          `Cannot save the article in ${seedsDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Nothing was added.`,
          { cause: e },
        );
      } finally {
        await fs.rm(temp, { force: true });
      }
    },
    async undo() {
      if (written) await fs.rm(target, { force: true });
      written = false;
    },
  };
}

/**
 * Take an article's file out of the folder: renamed to a hidden name first (undo renames it back),
 * deleted for good by `done` once the index without it is in place.
 */
export function removeArticleFile(seedsDir: string, file: string): { apply(): Promise<void>; undo(): Promise<void>; done(): Promise<void> } {
  const from = path.join(seedsDir, plainName(file));
  const aside = path.join(seedsDir, `.removing-${randomBytes(6).toString('hex')}-${file}`);
  let moved = false;
  return {
    async apply() {
      try {
        await fs.rename(from, aside);
        moved = true;
      } catch (e) {
        // Already gone from the folder (deleted by hand): the re-index alone removes it from the index.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new EngineError(
            'INDEX_WRITE',
            `Cannot remove ${file} from ${seedsDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Nothing was removed.`,
            { cause: e },
          );
        }
      }
    },
    async undo() {
      if (moved) await fs.rename(aside, from);
      moved = false;
    },
    async done() {
      if (moved) await fs.rm(aside, { force: true });
      moved = false;
    },
  };
}
