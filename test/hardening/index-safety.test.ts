/**
 * The index folder under hostile or unlucky conditions (issue #11, cases 1, 3 and 4): manifests
 * and data files that parse but have the wrong shape, a full disk or a read-only folder, and two
 * index runs at once. Real index files on disk, the real model, real processes.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.js';
import { Engine } from '../../src/engine/engine.js';
import { EngineError } from '../../src/engine/errors.js';
import { buildIndex } from '../../src/index/build-index.js';
import { sha256 } from '../../src/ingest/load-corpus.js';
import { makeWorkspace, testEmbedder, type Workspace } from '../support/workspace.js';

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

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

/** A workspace with two short articles instead of the seeds: these tests rebuild often. */
function smallWorkspace(): Workspace {
  const w = workspace();
  for (const f of readdirSync(w.seedsDir)) rmSync(path.join(w.seedsDir, f));
  writeFileSync(path.join(w.seedsDir, 'ferry.txt'), 'Ferry resumes on Issyk-Kul\n\nThe Issyk-Kul ferry resumed service on Tuesday, captain Nurlan Beishenov said, after two weeks of storms.\n');
  writeFileSync(path.join(w.seedsDir, 'cafe.txt'), 'Bishkek cafe opens\n\nA new cafe called Tunduk opened in Bishkek on Monday. Owner Aibek Osmonov said it serves plov and green tea.\n');
  return w;
}
type Json = Record<string, unknown>;

describe('a manifest or data file that parses but has the wrong shape (case 3)', () => {
  let built: Workspace;
  let manifest: Json;
  beforeAll(async () => {
    built = smallWorkspace();
    workspaces.pop(); // kept for the whole describe block
    await buildIndex(built.config, embedder);
    manifest = JSON.parse(readFileSync(path.join(built.indexDir, 'manifest.json'), 'utf8')) as Json;
  });
  afterAll(() => built?.cleanup());

  /** A copy of the built index with the manifest changed by `edit`. */
  function withManifest(edit: (m: Json, w: Workspace) => void): Workspace {
    const w = smallWorkspace();
    mkdirSync(w.indexDir);
    for (const f of readdirSync(built.indexDir)) copyFileSync(path.join(built.indexDir, f), path.join(w.indexDir, f));
    const m = structuredClone(manifest);
    edit(m, w);
    writeFileSync(path.join(w.indexDir, 'manifest.json'), JSON.stringify(m));
    return w;
  }
  const files = (m: Json) => m.files as Record<string, Json>;

  const cases: [string, (m: Json, w: Workspace) => void][] = [
    ['"hnsw": null', (m) => (m.hnsw = null)],
    ['"documents": [null]', (m) => (m.documents = [null])],
    ['a document with a numeric id', (m) => ((m.documents as Json[])[0]!.id = 5)],
    ['formatVersion as a string', (m) => (m.formatVersion = String(m.formatVersion))],
    ['formatVersion missing', (m) => delete m.formatVersion],
    ['a passage range past the end', (m) => ((m.documents as Json[])[0]!.passages = 10_000)],
    ['a data file named ../../etc/passwd', (m) => (files(m).keyword!.name = '../../etc/passwd')],
    [
      // The real passages file, copied outside INDEX_DIR with its true size and checksum: main read it.
      'a data file outside INDEX_DIR with a matching checksum',
      (m, w) => {
        copyFileSync(path.join(w.indexDir, files(m).passages!.name as string), path.join(w.dir, 'outside.bin'));
        files(m).passages!.name = '../outside.bin';
      },
    ],
  ];

  it.each(cases)('%s: ask and the bot get the clear "run npm run index -- --full" error', async (_, edit) => {
    const w = withManifest(edit);
    const e = await failure(Engine.open({ config: w.config, embedder, buildIfMissing: false }));
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).code).toBe('INDEX_CORRUPT');
    expect((e as EngineError).message).toMatch(/^The index manifest .*manifest\.json is damaged or from an unknown format \(.+\)\. Run `npm run index -- --full` to rebuild it\.$/);
  });

  it.each(cases)('%s: npm run index rebuilds fully with a warning, and the result loads', async (_, edit) => {
    const w = withManifest(edit);
    const { summary } = await buildIndex(w.config, embedder);
    expect(summary.wrote).toBe(true);
    expect(summary.embedded).toBe(summary.chunks);
    expect(summary.warnings).toEqual([expect.stringMatching(/^existing index unusable \(The index manifest .* is damaged or from an unknown format \(.+\)\); rebuilding it fully$/)]);
    const engine = await Engine.open({ config: w.config, embedder, buildIfMissing: false });
    expect(engine.listSources().map((d) => d.id)).toEqual(['cafe', 'ferry']);
  });

  it('another format version (a number) is refused as an older index, naming the re-index command', async () => {
    const w = withManifest((m) => (m.formatVersion = 3));
    const e = await failure(Engine.open({ config: w.config, embedder, buildIfMissing: false }));
    expect(e).toMatchObject({ code: 'INDEX_MISMATCH', message: expect.stringMatching(/format version 3, this program reads \d+\. Run `npm run index -- --full`/) });
  });

  it('a data file whose header parses but has the wrong shape (checksum updated to match) is INDEX_CORRUPT, not an internal error', async () => {
    /** The passage file with its JSON header changed by `edit` (sections' data kept as they are). */
    const rewrite = (file: Buffer, edit: (h: { meta: { documents: unknown[] }; sections: Json[] }) => void) => {
      const length = file.readUInt32LE(4);
      const header = JSON.parse(file.toString('utf8', 8, 8 + length));
      const data = file.subarray((8 + length + 7) & ~7);
      edit(header);
      const body = Buffer.from(JSON.stringify(header));
      const head = Buffer.alloc((8 + body.length + 7) & ~7);
      head.write('NDX1', 0, 'latin1');
      head.writeUInt32LE(body.length, 4);
      body.copy(head, 8);
      return Buffer.concat([head, data]);
    };
    const cases: [string, Parameters<typeof rewrite>[1]][] = [
      ['a negative section length', (h) => (h.sections[0]!.length = -1)],
      ['a section offset that is not a number', (h) => (h.sections[1]!.offset = 'x')],
      ['sections: null', (h) => (h.sections = null as never)],
      ['a document that is null', (h) => (h.meta.documents[0] = null)],
      ['a document without a title', (h) => delete (h.meta.documents[1] as Json).title],
    ];
    for (const [what, edit] of cases) {
      const w = withManifest((m, ws) => {
        const name = files(m).passages!.name as string;
        const buf = rewrite(readFileSync(path.join(ws.indexDir, name)), edit);
        writeFileSync(path.join(ws.indexDir, name), buf);
        files(m).passages = { name, bytes: buf.length, sha256: sha256(buf) };
      });
      const e = await failure(Engine.open({ config: w.config, embedder, buildIfMissing: false }));
      expect(e, what).toBeInstanceOf(EngineError);
      expect((e as EngineError).code, what).toBe('INDEX_CORRUPT');
      expect((e as EngineError).message, what).toMatch(/npm run index -- --full/);
    }
  });
});
