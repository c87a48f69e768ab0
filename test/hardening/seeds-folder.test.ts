/**
 * What the articles folder may hold, and what SEEDS_DIR may point at (issue #11, cases 2 and 9):
 * only regular files whose real path is inside the folder are read; everything else is skipped
 * with a warning naming it, never silently and never with an abort.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../src/errors.js';
import { loadCorpus, readArticleFile } from '../../src/ingest/load-corpus.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-seeds-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('SEEDS_DIR is not a folder (case 9)', () => {
  it('a file: says it is a file, not that it does not exist', async () => {
    const file = path.join(tempDir(), 'articles.txt');
    writeFileSync(file, 'An article by mistake.\n');
    const e = await failure(loadCorpus(file));
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).code).toBe('NO_DOCUMENTS');
    expect((e as EngineError).message).toBe(
      `The articles folder ${file} is a file, not a folder. Set SEEDS_DIR to the folder that holds the articles (.txt, .md or .html).`,
    );
  });

  it('a path through a file, and a missing folder, are told apart', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'plain'), 'x');
    expect(((await failure(loadCorpus(path.join(dir, 'plain', 'seeds')))) as Error).message).toMatch(
      /^The articles folder .*plain\/seeds does not exist \(.*plain is a file\)\./,
    );
    expect(((await failure(loadCorpus(path.join(dir, 'nowhere')))) as Error).message).toBe(
      `The articles folder ${path.join(dir, 'nowhere')} does not exist. Put articles there (.txt, .md or .html).`,
    );
  });

  it('an empty folder still works as before (no articles, no error from loading)', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'seeds'));
    expect(await loadCorpus(path.join(dir, 'seeds'))).toMatchObject({ articles: [], entries: [], warnings: [] });
  });
});

describe('files that are not regular files inside the articles folder (case 2)', () => {
  /** A folder with one good article and every kind of entry that must not be read. */
  function hostileFolder() {
    const dir = tempDir();
    const seeds = path.join(dir, 'seeds');
    mkdirSync(path.join(seeds, 'sub'), { recursive: true });
    mkdirSync(path.join(dir, 'bot'));
    const article = (title: string) => `${title}\n\nThe Issyk-Kul ferry resumed service on Tuesday, captain ${title} said, after two weeks of storms.\n`;
    writeFileSync(path.join(seeds, 'good.txt'), article('Nurlan Beishenov'));
    writeFileSync(path.join(seeds, 'sub', 'inner.txt'), article('Aibek Osmonov'));
    writeFileSync(path.join(dir, 'bot', '.env'), 'DISCORD_TOKEN=MTEx.secret-token.value\n');
    symlinkSync(path.join('sub', 'inner.txt'), path.join(seeds, 'inside-link.txt')); // a link to a file inside: allowed
    symlinkSync(path.join('..', 'bot', '.env'), path.join(seeds, 'env.txt'));
    symlinkSync('/etc/passwd', path.join(seeds, 'passwd.txt'));
    symlinkSync(path.join('..', 'bot'), path.join(seeds, 'folder-out.md'));
    symlinkSync(path.join('sub', 'missing.txt'), path.join(seeds, 'dangling.txt'));
    symlinkSync('/dev/zero', path.join(seeds, 'zero.txt'));
    mkdirSync(path.join(seeds, 'dir.txt'));
    execFileSync('mkfifo', [path.join(seeds, 'pipe.txt')]); // reading it would wait forever for a writer
    let device = false;
    try {
      execFileSync('mknod', [path.join(seeds, 'null.txt'), 'c', '1', '3'], { stdio: 'ignore' });
      device = true;
    } catch {
      // not allowed here (no CAP_MKNOD): the device behind a link (/dev/zero) still covers devices
    }
    return { seeds, device };
  }

  it('indexes only regular files inside the folder (links to them too) and warns for everything else, without aborting', async () => {
    const { seeds, device } = hostileFolder();
    const corpus = await loadCorpus(seeds);
    expect(corpus.articles.map((d) => d.meta.id)).toEqual(['good', 'inside-link']);
    const text = corpus.articles.map((d) => d.cleaned).join('\n');
    expect(text).not.toMatch(/DISCORD_TOKEN|secret-token|root:/);
    const warnings = Object.fromEntries(corpus.warnings.map((w) => [w.file, w.message]));
    expect(warnings).toEqual({
      'dangling.txt': 'skipped: a symbolic link to nothing (its target does not exist)',
      'dir.txt': 'skipped: a folder, not a regular file',
      'env.txt': 'skipped: a symbolic link to a file outside the articles folder',
      'folder-out.md': 'skipped: a symbolic link to a folder outside the articles folder',
      'passwd.txt': 'skipped: a symbolic link to a file outside the articles folder',
      'pipe.txt': 'skipped: a FIFO (named pipe), not a regular file',
      'zero.txt': 'skipped: a symbolic link to a device outside the articles folder',
      ...(device ? { 'null.txt': 'skipped: a device, not a regular file' } : {}),
    });
  });

  it('a file that vanishes between listing and reading is a warning', async () => {
    const { seeds } = hostileFolder();
    expect(await readArticleFile(seeds, 'listed-then-deleted.txt', 1024)).toEqual({ skip: 'skipped: the file vanished before it could be read' });
    expect(await readArticleFile(seeds, 'good.txt', 10)).toEqual({ skip: expect.stringMatching(/^skipped: 0\.0 MB is over the 0\.0 MB article limit/) });
    expect(await readArticleFile(seeds, 'good.txt', 1024)).toEqual({ bytes: expect.any(Buffer) });
  });
});
