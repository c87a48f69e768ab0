import { spawn } from 'node:child_process';
import { cliMessage } from '../../src/cli/run-cli.js';
import { appendFileSync, readdirSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.js';
import { Engine } from '../../src/engine/engine.js';
import { defaultRetrievalTuning } from '../../src/retrieve/tuning.js';
import { EngineError } from '../../src/errors.js';
import { buildIndex } from '../../src/index/build-index.js';
import { readIndex, readManifest } from '../../src/index/index-store.js';
import { makeWorkspace, REPO, testEmbedder, type Workspace } from '../support/workspace.js';

let embedder: Embedder;
const workspaces: Workspace[] = [];
const workspace = (env?: Record<string, string>) => {
  const w = makeWorkspace(env);
  workspaces.push(w);
  return w;
};

beforeAll(async () => {
  embedder = await testEmbedder();
});
afterEach(() => {
  while (workspaces.length) workspaces.pop()!.cleanup();
});

const expectEngineError = async (p: Promise<unknown>, code: string, message: RegExp) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EngineError);
  expect((e as EngineError).code).toBe(code);
  // The wording a terminal user sees (the engine's message plus, for an index to rebuild, the command).
  expect(cliMessage(e as EngineError)).toMatch(message);
};

describe('index on disk', () => {
  it('round-trips: build, write, load, and the loaded index finds the same passages', async () => {
    const w = workspace();
    const { summary, index } = await buildIndex(w.config, embedder);
    expect(summary).toMatchObject({ articleCount: 5, wrote: true, unchangedCount: 0, removed: [] });
    expect(summary.added).toHaveLength(5);
    expect(summary.embeddedCount).toBe(summary.passageCount);

    const manifest = await readManifest(w.indexDir);
    expect(manifest).toMatchObject({ modelId: 'Xenova/bge-small-en-v1.5', dims: 384, pooling: 'cls', passages: summary.passageCount });
    expect(manifest!.documents.map((d) => d.hash)).toEqual(index!.manifest.documents.map((d) => d.hash));

    const loaded = (await readIndex(w.indexDir, w.config.hnsw.efSearch))!;
    expect(loaded.passages.articles).toEqual(index!.passages.articles);
    expect(Array.from({ length: loaded.passages.size }, (_, i) => loaded.passages.get(i))).toEqual(
      Array.from({ length: index!.passages.size }, (_, i) => index!.passages.get(i)),
    );
    const q = await embedder.embedQuery('what did Yermak say?');
    expect(loaded.vectors.search(q, 5)).toEqual(index!.vectors.search(q, 5));
    // No temp files are left behind.
    expect(readdirSync(w.indexDir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('a passage’s cosine from its stored sentence vectors is the vector index’s, within the int8 error', async () => {
    const w = workspace();
    await buildIndex(w.config, embedder);
    const loaded = (await readIndex(w.indexDir, w.config.hnsw.efSearch))!;
    const q = await embedder.embedQuery('how many troops did Kyiv lose in October?');
    const d = loaded.sentences.dims;
    for (let label = 0; label < loaded.passages.size; label++) {
      const cosine = loaded.sentences.passageSimilarity(label, q);
      expect(Math.abs(cosine - loaded.vectors.similarity(q, label))).toBeLessThan(0.005);
      // From the sentence cosines and the passage's cached length, asked twice: the unit mean of its sentence vectors.
      const rows = loaded.sentences.vectorsOf(label);
      const mean = new Float64Array(d);
      for (let i = 0; i < rows.length; i++) mean[i % d]! += rows[i]!;
      const length = Math.hypot(...mean);
      const expected = mean.reduce((dot, v, k) => dot + (v / length) * q[k]!, 0);
      for (let twice = 0; twice < 2; twice++) {
        expect(loaded.sentences.passageSimilarityFrom(label, loaded.sentences.similarities(label, q))).toBeCloseTo(expected, 5);
      }
      expect(cosine).toBeCloseTo(expected, 5);
    }
    await loaded.sentences.close();
  });

  it('re-indexes incrementally: unchanged articles are not re-embedded; added, changed and deleted ones are handled', async () => {
    const w = workspace();
    const first = await buildIndex(w.config, embedder);

    const again = await buildIndex(w.config, embedder);
    expect(again.summary).toMatchObject({ wrote: false, embeddedCount: 0, unchangedCount: 5, added: [], changed: [], removed: [] });

    writeFileSync(
      path.join(w.seedsDir, '010_new.md'),
      '---\ntitle: Apricot harvest\noutlet: Osh Daily\n---\nFarmers in Osh grew a record apricot harvest this year.\n',
    );
    appendFileSync(path.join(w.seedsDir, '002_74fab2486cdf4fb4.txt'), '\nStanovaya added that talks could resume in Istanbul in December.\n');
    unlinkSync(path.join(w.seedsDir, '004_026a93b63b322719.txt'));
    const second = await buildIndex(w.config, embedder);
    expect(second.summary).toMatchObject({
      wrote: true,
      added: ['010_new'],
      changed: ['002_74fab2486cdf4fb4'],
      removed: ['004_026a93b63b322719'],
      unchangedCount: 3,
    });
    const passagesOf = (r: typeof first, id: string) => r.index!.passages.passagesOf(id);
    expect(second.summary.embeddedCount).toBe(passagesOf(second, '010_new').length + passagesOf(second, '002_74fab2486cdf4fb4').length);
    // Unchanged articles keep their passages exactly.
    expect(passagesOf(second, '000_5ed6bed9a529a53f')).toEqual(passagesOf(first, '000_5ed6bed9a529a53f'));

    const engine = await Engine.open({ config: w.config, embedder });
    expect(engine.listArticles().map((s) => s.id)).not.toContain('004_026a93b63b322719');
    expect(engine.listArticles().find((s) => s.id === '010_new')).toMatchObject({ title: 'Apricot harvest', outlet: 'Osh Daily', passageCount: 1 });
    const hits = await engine.search('Istanbul talks in December');
    expect(hits[0]!.text).toContain('Istanbul');
    // Re-used vectors still line up with their passages after the rows moved.
    const y = await engine.search('As long as Zelenskiy is president no one should expect us to give up territory', { limit: 3 });
    expect(y.every((p) => /as long as/i.test(p.text))).toBe(true);
  });

  it('appends added articles after the existing passages, extending the graph instead of rebuilding it', async () => {
    const w = workspace();
    const first = (await buildIndex(w.config, embedder)).index!;
    // A name that sorts first: a rebuild in file order would move every existing passage.
    writeFileSync(path.join(w.seedsDir, '000_000_new.md'), '---\ntitle: Apricot harvest\n---\nFarmers in Osh grew a record apricot harvest this year.\n');
    const { summary, index } = await buildIndex(w.config, embedder);
    expect(summary).toMatchObject({ wrote: true, added: ['000_000_new'], unchangedCount: 5, embeddedCount: 1 });
    const n = first.passages.size;
    expect(index!.passages.size).toBe(n + 1);
    for (let label = 0; label < n; label++) expect(index!.passages.get(label)).toEqual(first.passages.get(label));
    expect(index!.passages.range('000_000_new')).toEqual({ first: n, count: 1 });

    const engine = await Engine.open({ config: w.config, embedder, buildIfMissing: false });
    expect(engine.listArticles().map((s) => s.id)[0]).toBe('000_000_new');
    const [hit] = await engine.search('record apricot harvest in Osh', { limit: 1 });
    expect(hit).toMatchObject({ articleId: '000_000_new', denseRank: 1 });
    // The graph holds the new passage's own vector under its label.
    const v = await embedder.embedPassages([hit!.text]);
    const q = await embedder.embedQuery('record apricot harvest in Osh', defaultRetrievalTuning.queryInstruction);
    expect(hit!.similarity).toBeCloseTo(
      v.reduce((sum, x, i) => sum + x * q[i]!, 0),
      4,
    );
    // Old passages are still found by their own text (their vectors were not disturbed).
    const y = await engine.search('As long as Zelenskiy is president no one should expect us to give up territory', { limit: 3 });
    expect(y.every((p) => /as long as/i.test(p.text))).toBe(true);

    // A full rebuild puts the article back in file order and answers the same.
    const full = (await buildIndex(w.config, embedder, { full: true })).index!;
    expect(full.passages.range('000_000_new')).toEqual({ first: 0, count: 1 });
    const again = await Engine.open({ config: w.config, embedder, buildIfMissing: false });
    const [rebuilt] = await again.search('record apricot harvest in Osh', { limit: 1 });
    expect(rebuilt).toMatchObject({ articleId: '000_000_new', denseRank: 1 });
  });

  it('refuses an index built with another model, naming the re-index command', async () => {
    const w = workspace();
    await buildIndex(w.config, embedder);
    const other = { ...w.config, modelId: 'Xenova/all-MiniLM-L6-v2' };
    await expectEngineError(
      Engine.open({ config: other, embedder, buildIfMissing: false }),
      'INDEX_MISMATCH',
      /built with model Xenova\/bge-small-en-v1\.5.*npm run index -- --full/,
    );
  });

  it('detects truncated and corrupt index files with a clear error', async () => {
    const w = workspace();
    await buildIndex(w.config, embedder);
    const manifest = (await readManifest(w.indexDir))!;

    const hnsw = path.join(w.indexDir, manifest.files.hnsw.name);
    const original = readFileSync(hnsw);
    truncateSync(hnsw, 1000);
    await expectEngineError(Engine.open({ config: w.config, embedder }), 'INDEX_CORRUPT', /hnsw\..*truncated or damaged.*npm run index -- --full/);

    writeFileSync(hnsw, original);
    const chunks = path.join(w.indexDir, manifest.files.passages.name);
    const text = readFileSync(chunks, 'utf8');
    writeFileSync(chunks, text.replace('Yermak', 'Yermac'));
    await expectEngineError(Engine.open({ config: w.config, embedder }), 'INDEX_CORRUPT', /passages\..*checksum mismatch/);

    writeFileSync(path.join(w.indexDir, 'manifest.json'), '{"formatVersion": 1, "modelId": ');
    await expectEngineError(Engine.open({ config: w.config, embedder }), 'INDEX_CORRUPT', /manifest.*not valid JSON/);

    // A re-index recovers from a damaged index by rebuilding it.
    const { summary } = await buildIndex(w.config, embedder);
    expect(summary.wrote).toBe(true);
    expect(summary.warnings.join()).toMatch(/rebuilding it fully/);
    await expect(Engine.open({ config: w.config, embedder })).resolves.toBeInstanceOf(Engine);
  });

  it('a missing index is built on open, or reported when building is off', async () => {
    const w = workspace();
    await expectEngineError(Engine.open({ config: w.config, embedder, buildIfMissing: false }), 'INDEX_MISSING', /npm run index/);
    const engine = await Engine.open({ config: w.config, embedder });
    expect(engine.initialBuild?.articleCount).toBe(5);
    rmSync(w.seedsDir, { recursive: true });
    await expectEngineError(buildIndex({ ...w.config, indexDir: path.join(w.dir, 'other') }, embedder), 'NO_DOCUMENTS', /does not exist/);
  });

  it('kill -9 in the middle of `npm run index` leaves the previous index intact and loadable', async () => {
    const w = workspace();
    await buildIndex(w.config, embedder);
    const before = readFileSync(path.join(w.indexDir, 'manifest.json'), 'utf8');
    // Enough new text that embedding takes a few seconds.
    const base = readFileSync(path.join(w.seedsDir, '000_5ed6bed9a529a53f.txt'), 'utf8');
    for (let i = 0; i < 12; i++) writeFileSync(path.join(w.seedsDir, `extra_${i}.txt`), `Extra copy ${i}.\n${base}`);

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/index-command.ts')], {
      cwd: REPO,
      env: { ...process.env, SEEDS_DIR: w.seedsDir, INDEX_DIR: w.indexDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        if (/Embedding: \d+/.test(output)) {
          child.kill('SIGKILL');
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', () => reject(new Error(`index finished before it could be killed:\n${output}`)));
    });
    await new Promise((r) => child.once('exit', r));

    expect(readFileSync(path.join(w.indexDir, 'manifest.json'), 'utf8')).toBe(before);
    const engine = await Engine.open({ config: w.config, embedder, buildIfMissing: false });
    expect(engine.listArticles()).toHaveLength(5);
    expect((await engine.ask('what did Yermak say?')).abstained).toBe(false);
  });
});
