/**
 * The index folder under hostile or unlucky conditions (issue #11, cases 1, 3 and 4): manifests
 * and data files that parse but have the wrong shape, a full disk or a read-only folder, and two
 * index runs at once. Real index files on disk, the real model, real processes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cliMessage } from '../../src/cli/run-cli.js';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.js';
import { Engine } from '../../src/engine/engine.js';
import { botMessage } from '../../src/bot/respond.js';
import { EngineError } from '../../src/errors.js';
import { buildIndex } from '../../src/index/build-index.js';
import { lockIndex } from '../../src/index/index-lock.js';
import { sha256 } from '../../src/ingest/load-corpus.js';
import { makeWorkspace, REPO, SEEDS, testEmbedder, type Workspace } from '../support/workspace.js';

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

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

/** A workspace with two short articles instead of the seeds: these tests rebuild often. */
function smallWorkspace(): Workspace {
  const w = workspace();
  for (const f of readdirSync(w.seedsDir)) rmSync(path.join(w.seedsDir, f));
  writeFileSync(
    path.join(w.seedsDir, 'ferry.txt'),
    'Ferry resumes on Issyk-Kul\n\nThe Issyk-Kul ferry resumed service on Tuesday, captain Nurlan Beishenov said, after two weeks of storms.\n',
  );
  writeFileSync(
    path.join(w.seedsDir, 'cafe.txt'),
    'Bishkek cafe opens\n\nA new cafe called Tunduk opened in Bishkek on Monday. Owner Aibek Osmonov said it serves plov and green tea.\n',
  );
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
    expect((e as EngineError).data.rebuild).toBe('full');
    expect(cliMessage(e as EngineError)).toMatch(
      /^The index manifest .*manifest\.json is damaged or from an unknown format \(.+\)\. Run `npm run index -- --full` to rebuild it\.$/,
    );
    // In Discord, what a manager can do there (a Discord user cannot run npm).
    expect(botMessage(e as EngineError)).toMatch(/damaged or from an unknown format \(.+\)\. An article manager can rebuild it with `\/reindex full:True`\.$/);
    expect(botMessage(e as EngineError)).not.toMatch(/npm/);
  });

  it.each(cases)('%s: npm run index rebuilds fully with a warning, and the result loads', async (_, edit) => {
    const w = withManifest(edit);
    const { summary } = await buildIndex(w.config, embedder);
    expect(summary.wrote).toBe(true);
    expect(summary.embeddedCount).toBe(summary.passageCount);
    expect(summary.warnings).toEqual([
      expect.stringMatching(/^existing index unusable \(The index manifest .* is damaged or from an unknown format \(.+\)\); rebuilding it fully$/),
    ]);
    const engine = await Engine.open({ config: w.config, embedder, buildIfMissing: false });
    expect(engine.listArticles().map((d) => d.id)).toEqual(['cafe', 'ferry']);
  });

  it('another format version (a number) is refused as an older index, naming the re-index command', async () => {
    const w = withManifest((m) => (m.formatVersion = 3));
    const e = await failure(Engine.open({ config: w.config, embedder, buildIfMissing: false }));
    expect(e).toMatchObject({
      code: 'INDEX_MISMATCH',
      message: expect.stringMatching(/format version 3, this program reads \d+\./),
      data: { rebuild: 'full' },
    });
    expect(cliMessage(e as EngineError)).toMatch(/format version 3, this program reads \d+\. Run `npm run index -- --full`/);
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
      expect(cliMessage(e as EngineError), what).toMatch(/npm run index -- --full/);
    }
  });
});

/**
 * A real full disk and a real read-only folder, without root on the host: a size-limited (or
 * read-only) tmpfs mounted in a private mount namespace (`unshare -rm`), holding a copy of the
 * index; `npm run index` runs inside it, then the folder is listed and `npm run sources` proves
 * the index still loads. Everything the test reads is written to the workspace outside the mount.
 */
const CAN_UNSHARE = spawnSync('unshare', ['-rm', 'true']).status === 0;

describe.skipIf(!CAN_UNSHARE)('a full disk or a read-only folder (case 4; needs Linux mount namespaces)', () => {
  let w: Workspace;
  let sizes: Record<string, number>;
  let before: string[];
  beforeAll(async () => {
    w = smallWorkspace();
    workspaces.pop(); // kept for the whole describe block
    // Enough passages that each data file spans several 4 KB pages.
    const words = 'ferry storm captain harbour cargo delay weather season tourists price ticket route island port crew'.split(' ');
    for (const a of [1, 2, 3]) {
      const paras = Array.from(
        { length: 14 },
        (_, i) => `${a}-${i}: ${Array.from({ length: 30 }, (_, k) => words[(a * 7 + i * 3 + k * 5) % words.length]).join(' ')}.`,
      );
      writeFileSync(path.join(w.seedsDir, `port-${a}.txt`), `Port report ${a}\n\n${paras.join('\n\n')}\n`);
    }
    await buildIndex(w.config, embedder);
    const m = JSON.parse(readFileSync(path.join(w.indexDir, 'manifest.json'), 'utf8')) as { files: Record<string, { name: string; bytes: number }> };
    sizes = Object.fromEntries(Object.entries(m.files).map(([k, f]) => [k, f.bytes]));
    before = readdirSync(w.indexDir).sort();
  });
  afterAll(() => w?.cleanup());

  const kb = (bytes: number) => Math.ceil(bytes / 4096) * 4;

  /** Run `npm run index -- <args>` on a tmpfs copy of the index; `setup` runs first (as root in the namespace). */
  function indexOnTmpfs(args: string[], setup: string) {
    const mnt = path.join(w.dir, `mnt-${Math.random().toString(36).slice(2)}`);
    const out = `${mnt}-out`;
    mkdirSync(mnt);
    mkdirSync(out);
    const script = `
      set -e
      mount -t tmpfs -o size=4096k tmpfs "$MNT"
      cp -a "$PREV"/. "$MNT"/
      sha256sum < "$MNT/manifest.json" > "$OUT/manifest-before"
      ${setup}
      set +e
      INDEX_DIR="$MNT" node --import tsx "$REPO/src/cli/index-command.ts" ${args.join(' ')} > "$OUT/stdout" 2> "$OUT/stderr"
      echo $? > "$OUT/code"
      rm -f "$MNT/.filler"
      mount -o remount,rw "$MNT"
      ls -A "$MNT" > "$OUT/files"
      sha256sum < "$MNT/manifest.json" > "$OUT/manifest-after"
      INDEX_DIR="$MNT" node --import tsx "$REPO/src/cli/sources-command.ts" --json > "$OUT/sources" 2>&1
    `;
    const r = spawnSync('unshare', ['-rm', 'bash', '-c', script], {
      cwd: REPO,
      env: { ...process.env, MNT: mnt, OUT: out, PREV: w.indexDir, REPO, SEEDS_DIR: w.seedsDir },
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const read = (f: string) => readFileSync(path.join(out, f), 'utf8');
    return {
      code: Number(read('code')),
      stdout: read('stdout'),
      /** The last line of stderr (progress lines come before it). */
      error: read('stderr').trim().split('\n').pop()!,
      stderr: read('stderr'),
      files: read('files')
        .trim()
        .split('\n')
        .filter((f) => f !== '.lock')
        .sort(),
      manifestUnchanged: read('manifest-before') === read('manifest-after'),
      sources: read('sources'),
    };
  }
  /** Leave `free` KB on the tmpfs. */
  const fillTo = (free: number) =>
    `avail=$(df --output=avail -k "$MNT" | tail -1); dd if=/dev/zero of="$MNT/.filler" bs=1024 count=$((avail - ${free})) status=none`;

  const expectPreviousIndexIntact = (r: ReturnType<typeof indexOnTmpfs>) => {
    expect(r.stderr).not.toMatch(/\n\s+at |Internal error/);
    expect(r.files, 'no half-written generation or temp file is left').toEqual(before);
    expect(r.manifestUnchanged).toBe(true);
    expect((JSON.parse(r.sources) as { id: string }[]).map((d) => d.id)).toEqual(['cafe', 'ferry', 'port-1', 'port-2', 'port-3']);
  };

  it('the disk full at the first file: one clear line naming INDEX_DIR; the new generation is removed; the old index loads', () => {
    const r = indexOnTmpfs(['--full'], fillTo(0));
    expect(r.code).toBe(1);
    expect(r.error).toMatch(
      /^Error: Cannot write the index in \S+mnt-\w+: the disk is full \(ENOSPC\) while writing passages\.[0-9a-z]+-[0-9a-z]+\.bin\. Nothing was changed: the previous index is still in place\.$/,
    );
    expectPreviousIndexIntact(r);
  });

  it('the disk full while hnswlib writes the graph (it reports no error): the short file is caught before the rename', () => {
    const free = kb(sizes.passages!) + kb(sizes.vectors!) + kb(sizes.hnsw!) / 2;
    const r = indexOnTmpfs(['--full'], fillTo(free));
    expect(r.code).toBe(1);
    expect(r.error).toMatch(
      /^Error: Cannot write the index in \S+: hnsw\.[0-9a-z]+-[0-9a-z]+\.bin has \d+ bytes on disk where \d+ were meant \(is the disk full\?\)\. Nothing was changed: the previous index is still in place\.$/,
    );
    expectPreviousIndexIntact(r);
  });

  it('a read-only folder: one clear line; nothing changes; the old index loads', () => {
    writeFileSync(path.join(w.seedsDir, 'new.txt'), 'Harbour opens\n\nThe new harbour in Karakol opened on Friday, the mayor said.\n');
    try {
      const r = indexOnTmpfs([], 'mount -o remount,ro "$MNT"');
      expect(r.code).toBe(1);
      expect(r.error).toMatch(
        /^Error: Cannot (write|lock) the index in \S+: the folder is on a read-only file system \(EROFS\)( while writing \S+)?\. Nothing was changed: the previous index is still in place\.$/,
      );
      expectPreviousIndexIntact(r);
    } finally {
      rmSync(path.join(w.seedsDir, 'new.txt'));
    }
  });
});

/** A CLI entry point started as `npm run <x>` does, against a workspace; output collected as it comes. */
function startCli(w: Workspace, script: string, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli', script), ...args], {
    cwd: REPO,
    env: { ...process.env, SEEDS_DIR: w.seedsDir, INDEX_DIR: w.indexDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    out: () => ({ stdout, stderr }),
    /** Resolves once stderr or stdout matches. */
    until: (pattern: RegExp, timeoutMs = 120_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} in time:\n${stdout}\n${stderr}`)), timeoutMs);
        const check = () => {
          if (pattern.test(stdout + stderr)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout!.on('data', check);
        child.stderr!.on('data', check);
        void exited.then(() => {
          check();
          clearTimeout(timer);
          reject(new Error(`exited before ${pattern}:\n${stdout}\n${stderr}`));
        });
        check();
      }),
  };
}

/** Enough new text that embedding it takes a few seconds (time for a second run to arrive). */
function addArticles(w: Workspace, n = 5): void {
  const base = readFileSync(path.join(SEEDS, '000_5ed6bed9a529a53f.txt'), 'utf8');
  for (let i = 0; i < n; i++) writeFileSync(path.join(w.seedsDir, `extra_${i}.txt`), `Extra copy ${i}.\n${base}`);
}

/** Every data file the manifest names exists with its size, and no other generation is left. */
function expectOneWholeGeneration(w: Workspace): void {
  const m = JSON.parse(readFileSync(path.join(w.indexDir, 'manifest.json'), 'utf8')) as { files: Record<string, { name: string; bytes: number }> };
  const files = readdirSync(w.indexDir)
    .filter((f) => !f.startsWith('.'))
    .sort();
  expect(files).toEqual(['manifest.json', ...Object.values(m.files).map((f) => f.name)].sort());
  for (const f of Object.values(m.files)) expect(readFileSync(path.join(w.indexDir, f.name)).length).toBe(f.bytes);
}

describe('two index runs on one index folder (case 1)', () => {
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const c of running.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });
  const cli = (w: Workspace, script: string, args?: string[]) => {
    const r = startCli(w, script, args);
    running.push(r.child);
    return r;
  };
  /** Another run holding the lock, played by this process (the same lock, taken the same way), so the timing is ours. */
  const holdLock = (w: Workspace) => lockIndex(w.indexDir, { what: 'npm run index' });

  it('a second `npm run index` refuses with a clear message while another run holds the lock', async () => {
    const w = smallWorkspace();
    await buildIndex(w.config, embedder);
    const other = await holdLock(w);
    try {
      const second = cli(w, 'index-command.ts');
      expect(await second.exited).toBe(1);
      expect(second.out().stderr.trim()).toMatch(
        /^Error: Another indexing run \(npm run index, pid \d+, started \d+ s ago\) is updating the index in \S+\. Wait for it to finish, or run again with --wait to wait for it\.$/,
      );
    } finally {
      await other.release();
    }
  });

  it('with --wait it waits with a message, then runs once the other run is done', async () => {
    const w = smallWorkspace();
    await buildIndex(w.config, embedder);
    addArticles(w);
    const other = await holdLock(w);
    const second = cli(w, 'index-command.ts', ['--wait']);
    try {
      await second.until(/Waiting for another indexing run \(npm run index, pid \d+, started \d+ s ago\) to finish…/);
    } finally {
      await other.release();
    }
    expect(await second.exited).toBe(0);
    expect(second.out().stdout).toMatch(/^Indexed 7 article\(s\)/);
    expectOneWholeGeneration(w);
  });

  it('two real `npm run index --wait` at once: both exit 0, one after the other, and no data file is lost', async () => {
    const w = smallWorkspace();
    await buildIndex(w.config, embedder);
    addArticles(w);
    const [a, b] = [cli(w, 'index-command.ts', ['--wait']), cli(w, 'index-command.ts', ['--wait'])];
    expect([await a.exited, await b.exited]).toEqual([0, 0]);
    // One of them indexed the new articles; the other found nothing left to do (before or after waiting).
    expect([a.out().stdout, b.out().stdout].filter((o) => /^Indexed 7 article\(s\)/.test(o))).toHaveLength(1);
    expectOneWholeGeneration(w);
    expect((await Engine.open({ config: w.config, embedder, buildIfMissing: false })).listArticles()).toHaveLength(7);
  });

  it('an `ask` that finds no index waits for the run building it and uses that index instead of building its own', async () => {
    const w = smallWorkspace();
    const other = await holdLock(w);
    const ask = cli(w, 'ask-command.ts', ['what did Yermak say?']);
    try {
      await ask.until(/Waiting for another indexing run \(npm run index, pid \d+/);
      await buildIndex(w.config, embedder); // the other run's work
    } finally {
      await other.release();
    }
    expect(await ask.exited).toBe(0);
    expect(ask.out().stderr).not.toMatch(/Embedding/);
    expectOneWholeGeneration(w);
  });

  it("the bot's re-index is refused while another run holds the lock, and says so in its own words", async () => {
    const w = smallWorkspace();
    await buildIndex(w.config, embedder);
    const engine = await Engine.open({ config: w.config, embedder, buildIfMissing: false, name: 'the bot' });
    addArticles(w);
    const other = await holdLock(w);
    try {
      const e = await failure(engine.reindex());
      expect(e).toMatchObject({ code: 'INDEX_LOCKED', data: { lockOwner: { what: 'npm run index' } } });
      expect(botMessage(e as EngineError)).toMatch(
        /^Another indexing run \(npm run index, pid \d+, started \d+ s ago\) is updating the index in \S+\. Try \/reindex again when it has finished\.$/,
      );
      expect(engine.listArticles()).toHaveLength(2); // still serving the old index
    } finally {
      await other.release();
    }
    expect((await engine.reindex()).added).toHaveLength(5); // the lock is free again
    expect(engine.listArticles()).toHaveLength(7);
  });

  it('kill -9 of a run holding the lock: the stale lock is taken over (after 10 s) by the next run with --wait', async () => {
    const w = smallWorkspace();
    await buildIndex(w.config, embedder);
    addArticles(w);
    const killed = cli(w, 'index-command.ts');
    await killed.until(/Embedding: \d+/); // the lock is taken before the indexing starts
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(await failure(holdLock(w))).toMatchObject({ code: 'INDEX_LOCKED' }); // not stale yet
    const next = cli(w, 'index-command.ts', ['--wait']);
    expect(await next.exited).toBe(0);
    expect(next.out().stderr).toMatch(/Waiting for another indexing run \(npm run index, pid \d+/);
    expect(next.out().stdout).toMatch(/^Indexed 7 article\(s\)/);
    expectOneWholeGeneration(w);
  });
});
