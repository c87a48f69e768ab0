/**
 * Index runs into PostgreSQL (INDEX_BACKEND=postgres), against a real Postgres-protocol server
 * with pgvector (`npm run db:local`, started here): incremental by content hash, generations made
 * live atomically, runs serialised by the index lease, another model refused, and readers in
 * other processes (here: other engines with their own connection pools) seeing a re-index by
 * themselves within seconds.
 */
import { spawn } from 'node:child_process';
import { cliMessage } from '../../src/cli/run-cli.js';
import { startupMessage } from '../../src/bot/config.js';
import { appendFileSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.js';
import { Engine } from '../../src/engine/engine.js';
import { EngineError } from '../../src/errors.js';
import { openIndexBackend } from '../../src/index/open-backend.js';
import type { IndexBackend } from '../../src/index/index-backend.js';
import type { FilesSnapshot } from '../../src/index/files-backend.js';
import { postgresEnv, startLocalDatabase, type LocalDatabase } from '../support/database.js';
import { makeWorkspace, REPO, SEEDS, testEmbedder, type Workspace } from '../support/workspace.js';

let embedder: Embedder;
let db: LocalDatabase;
let schemas = 0;
const workspaces: Workspace[] = [];
const closing: { close(): Promise<void> }[] = [];

/** A copy of the seeds indexed into a schema of its own; readers check for a new generation every second. */
const workspace = (env: Record<string, string> = {}) => {
  const w = makeWorkspace({ ...postgresEnv(db, `pg_index_${++schemas}`), INDEX_POLL_SECONDS: '1', ...env });
  workspaces.push(w);
  return w;
};
const backendFor = async (w: Workspace, config = w.config): Promise<IndexBackend> => {
  const b = await openIndexBackend(config, { forIndexing: true });
  closing.push(b);
  return b;
};
const engineFor = async (w: Workspace): Promise<Engine> => {
  const e = await Engine.open({ config: w.config, embedder, buildIfMissing: false });
  closing.push(e);
  return e;
};
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

/** Rows of the index's schema, read as a person would with psql. */
async function sql<R extends pg.QueryResultRow>(w: Workspace, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<R>(text.replaceAll('{s}', `"${w.config.database!.schema}"`), values)).rows;
  } finally {
    await client.end();
  }
}

/** Resolves once `check` holds, polling; fails after `timeoutMs`. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Enough new text that embedding it takes a few seconds (time for readers and a second run to act meanwhile). */
function addArticles(w: Workspace, n = 4): void {
  const base = readFileSync(path.join(SEEDS, '000_5ed6bed9a529a53f.txt'), 'utf8');
  for (let i = 0; i < n; i++) writeFileSync(path.join(w.seedsDir, `extra_${i}.txt`), `Extra copy ${i} on apricots.\n${base}`);
}

beforeAll(async () => {
  embedder = await testEmbedder();
  db = await startLocalDatabase();
});
afterEach(async () => {
  for (const c of closing.splice(0).reverse()) await c.close().catch(() => undefined);
  while (workspaces.length) workspaces.pop()!.cleanup();
});
afterAll(async () => {
  await db?.stop();
});

describe('index runs in the database', () => {
  it('keyword hits carry each matched term’s count in the passage, as the files index has it, so the second stage reads them instead of tokenising; search ranks as with files', async () => {
    const w = workspace();
    const pgBackend = await backendFor(w);
    await pgBackend.runIndex({ what: 'test' });
    const f = makeWorkspace();
    workspaces.push(f);
    const filesBackend = await backendFor(f);
    await filesBackend.runIndex({ what: 'test' });
    const postings = (filesBackend.current() as FilesSnapshot).index.keyword;
    const queries = ['what did Yermak say?', 'Stanovoya', 'peace plan talks in Istanbul', 'who is going to Moscow next week?'];
    let compared = 0;
    for (const q of queries) {
      for (const hit of await pgBackend.current().keyword(q, 30)) {
        expect(hit.frequencies).toBeDefined();
        for (const t of hit.terms) {
          expect([q, hit.label, t, hit.frequencies!.get(t)]).toEqual([q, hit.label, t, postings.termFrequency(t, hit.label)]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
    const [pgEngine, filesEngine] = [await engineFor(w), await Engine.open({ config: f.config, embedder, buildIfMissing: false })];
    closing.push(filesEngine);
    for (const q of queries)
      expect((await pgEngine.search(q, { limit: 5 })).map((p) => p.id)).toEqual((await filesEngine.search(q, { limit: 5 })).map((p) => p.id));
  });

  it('re-indexes incrementally by content hash: unchanged articles are copied, not re-embedded; added, changed and deleted ones are handled', async () => {
    const w = workspace();
    const backend = await backendFor(w);
    const first = (await backend.runIndex({ what: 'test' }))!;
    expect(first).toMatchObject({ articleCount: 5, wrote: true, unchangedCount: 0, removed: [] });
    expect(first.embeddedCount).toBe(first.passageCount);
    const before = await engineFor(w);
    const kept = (await before.getArticle('000_5ed6bed9a529a53f'))!.passages;

    const again = (await backend.runIndex({ what: 'test' }))!;
    expect(again).toMatchObject({ wrote: false, embeddedCount: 0, unchangedCount: 5, added: [], changed: [], removed: [] });

    writeFileSync(
      path.join(w.seedsDir, '010_new.md'),
      '---\ntitle: Apricot harvest\noutlet: Osh Daily\n---\nFarmers in Osh grew a record apricot harvest this year.\n',
    );
    appendFileSync(path.join(w.seedsDir, '002_74fab2486cdf4fb4.txt'), '\nStanovaya added that talks could resume in Istanbul in December.\n');
    unlinkSync(path.join(w.seedsDir, '004_026a93b63b322719.txt'));
    const second = (await backend.runIndex({ what: 'test' }))!;
    expect(second).toMatchObject({ wrote: true, added: ['010_new'], changed: ['002_74fab2486cdf4fb4'], removed: ['004_026a93b63b322719'], unchangedCount: 3 });

    const engine = await engineFor(w);
    const changed = (await engine.getArticle('002_74fab2486cdf4fb4'))!.passages;
    expect(second.embeddedCount).toBe(1 + changed.length);
    expect(engine.listArticles().map((s) => s.id)).not.toContain('004_026a93b63b322719');
    expect(engine.listArticles().find((s) => s.id === '010_new')).toMatchObject({ title: 'Apricot harvest', outlet: 'Osh Daily', passageCount: 1 });
    // Unchanged articles keep their passages exactly, and their copied vectors still line up with them.
    expect((await engine.getArticle('000_5ed6bed9a529a53f'))!.passages).toEqual(kept);
    expect((await engine.search('Istanbul talks in December'))[0]!.text).toContain('Istanbul');
    const y = await engine.search('As long as Zelenskiy is president no one should expect us to give up territory', { limit: 3 });
    expect(y.every((p) => /as long as/i.test(p.text))).toBe(true);

    // One live generation; the one it replaced is retired (kept a while for questions in flight), none half-built.
    const gens = await sql<{ status: string }>(w, 'SELECT status FROM {s}.generations ORDER BY generation');
    expect(gens.map((g) => g.status)).toEqual(['retired', 'live']);
  });

  it('refuses to mix models: an index built with another model is refused on open and by an incremental run, nothing changed', async () => {
    const w = workspace();
    await (await backendFor(w)).runIndex({ what: 'test' });
    const other = { ...w.config, modelId: 'Xenova/all-MiniLM-L6-v2' };
    const open = await failure(Engine.open({ config: other, embedder, buildIfMissing: false }));
    expect(open).toBeInstanceOf(EngineError);
    expect(open).toMatchObject({
      code: 'INDEX_MISMATCH',
      message: expect.stringMatching(/built with model Xenova\/bge-small-en-v1\.5/),
      data: { rebuild: 'full' },
    });
    expect(cliMessage(open as EngineError)).toMatch(/npm run index -- --full/);

    const run = await failure((await backendFor(w, other)).runIndex({ what: 'test' }));
    expect(run).toMatchObject({
      code: 'INDEX_MISMATCH',
      message: expect.stringMatching(
        /^The index in the database was built with model Xenova\/bge-small-en-v1\.5 \(384 dimensions\), but MODEL_ID is Xenova\/all-MiniLM-L6-v2/,
      ),
    });
    // Nothing changed: the old generation is still the only one, and still answers.
    expect((await sql<{ status: string }>(w, 'SELECT status FROM {s}.generations')).map((g) => g.status)).toEqual(['live']);
    expect((await (await engineFor(w)).search('what did Yermak say?'))[0]!.text).toContain('Yermak');
  });

  it('two runs at once are serialised: the second is refused with a clear message, or with wait, runs after the first', async () => {
    const w = workspace();
    await (await backendFor(w)).runIndex({ what: 'test' });
    addArticles(w);
    const [a, b] = [await backendFor(w), await backendFor(w)];
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const first = a.runIndex({ what: 'npm run index', onStart: () => started() });
    await running; // a holds the lease now
    const refused = await failure(b.runIndex({ what: "the bot's /reindex" }));
    expect(refused).toMatchObject({ code: 'INDEX_LOCKED', data: { lockOwner: { what: 'npm run index' } } });
    expect((refused as EngineError).message).toMatch(
      /^Another indexing run \(npm run index, pid \d+, started \d+ s ago\) is updating the index in postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres\.$/,
    );
    let waited = false;
    const second = b.runIndex({ what: 'npm run index', wait: true, onWait: () => (waited = true) });
    const [one, two] = await Promise.all([first, second]);
    expect(waited).toBe(true);
    expect(one).toMatchObject({ wrote: true, added: ['extra_0', 'extra_1', 'extra_2', 'extra_3'] });
    expect(two).toMatchObject({ wrote: false, unchangedCount: 9 }); // it ran after the first, and found nothing left to do
    expect((await engineFor(w)).listArticles()).toHaveLength(9);
  });

  it('two real `npm run index --wait` processes at once both exit 0 and leave one working index', async () => {
    const w = workspace();
    const env = { ...process.env, SEEDS_DIR: w.seedsDir, INDEX_DIR: w.indexDir, ...postgresEnv(db, w.config.database!.schema) };
    const run = () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/index-command.ts'), '--wait'], {
          cwd: REPO,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
    const results = await Promise.all([run(), run()]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    // One built the index; the other waited for it and found nothing left to do.
    expect(results.filter((r) => /^Indexed 5 article\(s\)/.test(r.stdout))).toHaveLength(1);
    expect(results.filter((r) => /Waiting for another indexing run \(npm run index, pid \d+/.test(r.stderr))).toHaveLength(1);
    expect((await sql<{ status: string }>(w, 'SELECT status FROM {s}.generations')).map((g) => g.status)).toEqual(['live']);
    expect((await (await engineFor(w)).ask('what did Yermak say?')).text).toContain('As long as');
  });
});

describe('readers during and after a re-index', () => {
  it('a reader sees the whole old generation until the commit, then the whole new one within seconds, without a restart', async () => {
    const w = workspace();
    await (await backendFor(w)).runIndex({ what: 'test' });
    const readers = [await engineFor(w), await engineFor(w)]; // two processes' worth of connection pools and caches
    const oldIds = readers[0]!.listArticles().map((s) => s.id);
    addArticles(w);
    const newIds = [...oldIds, 'extra_0', 'extra_1', 'extra_2', 'extra_3'];

    let done = false;
    let sawNewRowsWhileOld = false;
    const observed = new Set<string>();
    const build = (await backendFor(w)).runIndex({ what: 'npm run index' }).finally(() => (done = true));
    // Questions keep coming during the run: each is answered from one whole generation.
    while (!done) {
      for (const r of readers) {
        const ids = r.listArticles().map((s) => s.id);
        const hits = await r.search('apricots', { limit: 10 });
        const kind = ids.length === oldIds.length ? 'old' : 'new';
        expect(ids).toEqual(kind === 'old' ? oldIds : newIds);
        observed.add(kind);
        expect(hits.every((h) => ids.includes(h.articleId))).toBe(true);
        if (kind === 'old') {
          const [building] = await sql<{ n: number }>(
            w,
            "SELECT count(*)::int AS n FROM {s}.passages p JOIN {s}.generations g USING (generation) WHERE g.status = 'building'",
          );
          if (building!.n > 0) sawNewRowsWhileOld = true;
        }
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await build)!.added).toHaveLength(4);
    expect(observed.has('old')).toBe(true);
    expect(sawNewRowsWhileOld).toBe(true); // the new generation was being written while readers saw only the old one
    // Each reader notices the new generation by itself (INDEX_POLL_SECONDS=1).
    for (const r of readers) await eventually(() => r.listArticles().length === newIds.length, 5_000, 'the reader serves the new generation');
    for (const r of readers) expect((await r.search('Extra copy 3 on apricots', { limit: 10 })).some((h) => h.articleId === 'extra_3')).toBe(true);
  });
});

describe('schema migrations', () => {
  /** A real `npm run db:migrate` against the workspace's schema. */
  const migrateCommand = (w: Workspace) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const env = { ...process.env, SEEDS_DIR: w.seedsDir, INDEX_DIR: w.indexDir, ...postgresEnv(db, w.config.database!.schema) };
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/db-migrate-command.ts')], {
        cwd: REPO,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });

  it('a database left at schema 1 by an older release: refused with the db:migrate hint; `npm run db:migrate` upgrades it once; its index still answers; the next index run adds the quote index without re-embedding', async () => {
    const w = workspace();
    await (await backendFor(w)).runIndex({ what: 'test' });
    // What a release with migration 1 only left behind (migration 2 only adds quote_indexes).
    await sql(w, 'DROP TABLE {s}.quote_indexes');
    await sql(w, 'DELETE FROM {s}.schema_migrations WHERE version = 2');

    const refused = await failure(Engine.open({ config: w.config, embedder, buildIfMissing: false }));
    expect(refused).toBeInstanceOf(EngineError);
    // The engine names no command; the terminal and npm start (its operator) say which.
    expect((refused as EngineError).message).toMatch(/has schema version 1; this program needs 2\.$/);
    for (const line of [cliMessage(refused as EngineError), startupMessage(refused as EngineError)]) {
      expect(line).toMatch(/has schema version 1; this program needs 2\. Run `npm run db:migrate`\.$/);
    }

    const first = await migrateCommand(w);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied migration 2: the quote index of each generation\nThe schema in postgres:\/\/\S+, schema \S+ is at version 2\.\n$/);
    const again = await migrateCommand(w);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/is up to date \(version 2\)\.\n$/);
    expect((await sql<{ version: number }>(w, 'SELECT version FROM {s}.schema_migrations ORDER BY version')).map((r) => r.version)).toEqual([1, 2]);

    // The generation written before the upgrade is served as it is; only the quotes wait for an index run.
    const before = await engineFor(w);
    expect((await before.ask('what did Yermak say?')).text).toContain('As long as');
    const noQuotes = (() => {
      try {
        before.quotes();
      } catch (e) {
        return e;
      }
    })();
    expect(noQuotes).toMatchObject({ code: 'INDEX_MISMATCH', data: { rebuild: 'update' } });
    expect(cliMessage(noQuotes as EngineError)).toMatch(/built before quotes were indexed\. Run `npm run index`/);

    const run = (await (await backendFor(w)).runIndex({ what: 'test' }))!;
    expect(run).toMatchObject({ wrote: true, embeddedCount: 0, unchangedCount: 5, added: [], changed: [], removed: [] });
    const after = await engineFor(w);
    expect(after.quotes().speakers.some((s) => /Yermak/.test(s.name))).toBe(true);
  });
});
