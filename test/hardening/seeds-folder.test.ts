/**
 * What the articles folder may hold, and what SEEDS_DIR may point at (issue #11, cases 2 and 9):
 * only regular files whose real path is inside the folder are read; everything else is skipped
 * with a warning naming it, never silently and never with an abort.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { loadCorpus } from '../../src/ingest/load-corpus.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-seeds-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('SEEDS_DIR is not a folder (case 9)', () => {
  it('a file: says it is a file, not that it does not exist', async () => {
    const file = path.join(tempDir(), 'articles.txt');
    writeFileSync(file, 'An article by mistake.\n');
    const e = await failure(loadCorpus(file));
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).code).toBe('NO_DOCUMENTS');
    expect((e as EngineError).message).toBe(`The articles folder ${file} is a file, not a folder. Set SEEDS_DIR to the folder that holds the .txt or .md articles.`);
  });

  it('a path through a file, and a missing folder, are told apart', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'plain'), 'x');
    expect(((await failure(loadCorpus(path.join(dir, 'plain', 'seeds')))) as Error).message).toMatch(/^The articles folder .*plain\/seeds does not exist \(.*plain is a file\)\./);
    expect(((await failure(loadCorpus(path.join(dir, 'nowhere')))) as Error).message).toBe(`The articles folder ${path.join(dir, 'nowhere')} does not exist. Put .txt or .md articles there.`);
  });

  it('an empty folder still works as before (no articles, no error from loading)', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'seeds'));
    expect(await loadCorpus(path.join(dir, 'seeds'))).toMatchObject({ documents: [], entries: [], warnings: [] });
  });
});
