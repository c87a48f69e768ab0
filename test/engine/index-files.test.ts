/**
 * The files an index in service keeps open: sentence vectors above SENTENCE_VECTORS_IN_MEMORY_MB
 * are read from disk per question, the quote file until it is first read. A re-index swapping in a
 * new index, and Engine.close, must close them (before the fix, the old sentence file's FileHandle
 * was left to the garbage collector: "DEP0137 Closing a FileHandle object on garbage collection").
 */
import { existsSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { makeWorkspace, testEmbedder, type Workspace } from '../support/workspace.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Index data files of `indexDir` this process holds open (Linux: /proc/self/fd), by generation file name. */
function openIndexFiles(indexDir: string): string[] {
  if (!existsSync('/proc/self/fd')) return [];
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (target.startsWith(indexDir + path.sep)) out.push(path.basename(target).replace(/ \(deleted\)$/, ''));
  }
  return out;
}

const warnings: Error[] = [];
const onWarning = (w: Error) => warnings.push(w);
let w: Workspace;

beforeAll(() => {
  process.on('warning', onWarning);
  // 0 MB: every sentence vector is read from disk, as in a large index.
  w = makeWorkspace({ SENTENCE_VECTORS_IN_MEMORY_MB: '0' });
});
/** Engines a failed test may have left open (closing twice is harmless). */
const open: Engine[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});
afterAll(() => {
  process.off('warning', onWarning);
  w?.cleanup();
});

async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('files an index keeps open', () => {
  it('answers the same with sentence vectors on disk as in memory', async () => {
    const embedder = await testEmbedder();
    const onDisk = await Engine.open({ config: w.config, embedder });
    const inMemory = await Engine.open({ config: { ...w.config, sentenceVectorsInMemoryBytes: 64 * 1048576 }, embedder, buildIfMissing: false });
    expect(openIndexFiles(w.indexDir).some((f) => f.startsWith('sentences.'))).toBe(true);
    for (const q of ['what did Yermak say?', 'who is going to Moscow next week?']) {
      expect((await onDisk.search(q)).map((p) => [p.id, p.score])).toEqual((await inMemory.search(q)).map((p) => [p.id, p.score]));
      expect((await onDisk.ask(q)).text).toBe((await inMemory.ask(q)).text);
    }
    await onDisk.close();
    await inMemory.close();
  });

  it('a re-index that swaps in a new index closes the old one’s files, and Engine.close the last ones (no DEP0137 warning)', async () => {
    let engine: Engine | undefined = await Engine.open({ config: w.config, embedder: await testEmbedder() });
    open.push(engine);
    await engine.search('what did Yermak say?');
    const before = openIndexFiles(w.indexDir);
    expect(before.some((f) => f.startsWith('sentences.'))).toBe(true);
    // A change in the articles: the re-index writes a new generation and swaps it in.
    const first = readdirSync(w.seedsDir).find((f) => f.endsWith('.txt'))!;
    writeFileSync(path.join(w.seedsDir, 'added-report.txt'), 'Added report\n\nThe harbour authority said the new crane arrives in March.\n');
    const summary = await engine.reindex();
    expect(summary.wrote).toBe(true);
    expect(first).toBeTruthy();
    const after = openIndexFiles(w.indexDir);
    expect(after.filter((f) => before.includes(f))).toEqual([]);
    expect((await engine.search('when does the new crane arrive?'))[0]!.text).toContain('crane');
    await engine.close();
    expect(openIndexFiles(w.indexDir)).toEqual([]);
    open.length = 0;
    engine = undefined;
    await collectGarbage();
    expect(warnings.filter((x) => /DEP0137|FileHandle/.test(`${(x as NodeJS.ErrnoException).code} ${x.message}`)).map((x) => x.message)).toEqual([]);
  });

  it('a question in progress while the index is swapped keeps reading the old one, which closes when it is done', async () => {
    const engine = await Engine.open({ config: w.config, embedder: await testEmbedder() });
    open.push(engine);
    writeFileSync(path.join(w.seedsDir, 'added-report-2.txt'), 'Second added report\n\nThe ferry operator said sailings resume on Friday.\n');
    const asked = engine.ask('what did Yermak say?');
    const reindexed = engine.reindex();
    const [answer, summary] = await Promise.all([asked, reindexed]);
    expect(summary.wrote).toBe(true);
    expect(answer.abstained).toBe(false);
    await engine.close();
    expect(openIndexFiles(w.indexDir)).toEqual([]);
  });
});
