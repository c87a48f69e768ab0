/**
 * The files an index in service keeps open: sentence vectors above SENTENCE_VECTORS_IN_MEMORY_MB
 * are read from disk per question. An index swapped out by a re-index, and every index at
 * Engine.close, must close them (before, the old sentence file's FileHandle was left to the garbage
 * collector: "DEP0137 Closing a FileHandle object on garbage collection", once per re-index).
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

/** Index data files of `indexDir` this process holds open (Linux: /proc/self/fd). */
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
const open: Engine[] = [];

beforeAll(() => {
  process.on('warning', onWarning);
  // 0 MB: every sentence vector is read from disk, as in a large index.
  w = makeWorkspace({ SENTENCE_VECTORS_IN_MEMORY_MB: '0' });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});
afterAll(() => {
  process.off('warning', onWarning);
  w?.cleanup();
});

describe('files an index keeps open', () => {
  it('answers the same with sentence vectors on disk as in memory', async () => {
    const embedder = await testEmbedder();
    const onDisk = await Engine.open({ config: w.config, embedder });
    open.push(onDisk);
    const inMemory = await Engine.open({ config: { ...w.config, sentenceVectorsInMemoryBytes: 64 * 1048576 }, embedder, buildIfMissing: false });
    open.push(inMemory);
    expect(openIndexFiles(w.indexDir).filter((f) => f.startsWith('sentences.'))).toHaveLength(1); // the on-disk engine's only
    for (const q of ['what did Yermak say?', 'who is going to Moscow next week?']) {
      expect((await onDisk.search(q)).map((p) => [p.id, p.score])).toEqual((await inMemory.search(q)).map((p) => [p.id, p.score]));
      expect((await onDisk.ask(q)).text).toBe((await inMemory.ask(q)).text);
    }
  });

  it('an index swapped out by a re-index keeps answering the questions it started, and Engine.close closes it and the new one (no DEP0137 warning)', async () => {
    const engine = await Engine.open({ config: w.config, embedder: await testEmbedder() });
    open.push(engine);
    const before = openIndexFiles(w.indexDir);
    expect(before.some((f) => f.startsWith('sentences.'))).toBe(true);
    writeFileSync(path.join(w.seedsDir, 'added-report.txt'), 'Added report\n\nThe harbour authority said the new crane arrives in March.\n');
    const asked = engine.ask('what did Yermak say?'); // started on the old index
    const summary = await engine.reindex();
    expect(summary.wrote).toBe(true);
    expect((await asked).abstained).toBe(false);
    expect((await engine.search('when does the new crane arrive?'))[0]!.text).toContain('crane');
    await engine.close();
    open.length = 0;
    expect(openIndexFiles(w.indexDir)).toEqual([]);
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(warnings.filter((x) => /DEP0137|FileHandle/.test(`${(x as NodeJS.ErrnoException).code} ${x.message}`)).map((x) => x.message)).toEqual([]);
  });
});
