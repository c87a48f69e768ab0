/**
 * Engine.addArticle / removeArticle (issue #12, points 3, 6 and 7 at the engine level): the one API
 * the bot and the CLI both use. A real engine on a copy of the five seeds, real indexing in the
 * child process, pages served over loopback HTTP (ALLOW_PRIVATE_FETCH=true, as the issue says).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { EngineError } from '../../src/errors.js';
import { lockIndex } from '../../src/index/index-lock.js';
import { SHORT_TITLE_CHARS } from '../../src/text/labels.js';
import { indexingProcesses, page, startPageServer, type PageServer } from '../support/pages.js';
import { makeWorkspace, testEmbedder, type Workspace } from '../support/workspace.js';

let w: Workspace;
let engine: Engine;
let web: PageServer;
const KESTWICK = /^kestwick-sea-wall-approved-after-a-decade-of-winter-flooding-[0-9a-f]{10}$/;

beforeAll(async () => {
  w = makeWorkspace({ ALLOW_PRIVATE_FETCH: 'true', FETCH_TIMEOUT_MS: '1500' });
  [web, engine] = await Promise.all([startPageServer(), testEmbedder().then((embedder) => Engine.open({ config: w.config, embedder }))]);
});
afterAll(async () => {
  await engine?.close();
  await web?.close();
  w?.cleanup();
});

const files = () => readdirSync(w.seedsDir).sort();
const manifest = () => readFileSync(path.join(w.indexDir, 'manifest.json'), 'utf8');
async function failure(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    return e;
  }
  throw new Error('expected a failure');
}
/** Nothing changed: the same files, the same index on disk, the same articles in service. */
async function expectUntouched(run: () => Promise<unknown>): Promise<EngineError> {
  const before = { files: files(), manifest: manifest(), sources: engine.listArticles() };
  const e = await failure(run());
  expect(files()).toEqual(before.files);
  expect(manifest()).toBe(before.manifest);
  expect(engine.listArticles()).toEqual(before.sources);
  return e;
}

describe('adding an article by link', () => {
  let id: string;

  it('fetches, extracts, saves under a stable name with who and when, indexes only it, and serves it at once', async () => {
    const url = web.serve('/news/kestwick', page('standard-article.html'));
    const r = await engine.addArticle({ kind: 'url', url }, { addedBy: 'tester (npm run add)', now: new Date('2025-12-01T09:00:00Z') });
    id = r.article.id;
    expect(id).toMatch(KESTWICK);
    expect(r.file).toBe(`${id}.md`);
    expect(r.article).toMatchObject({
      title: 'Kestwick sea wall approved after a decade of winter flooding',
      outlet: 'The Harbour Times',
      published: '2025-11-27',
      url: 'https://www.harbourtimes.example/news/2025/11/27/kestwick-sea-wall-approved',
      byline: 'Morwenna Price',
      addedBy: 'tester (npm run add)',
      addedAt: '2025-12-01T09:00:00.000Z',
    });
    expect(r.article.passageCount).toBeGreaterThan(0);
    expect(r.summary).toMatchObject({ added: [id], changed: [], removed: [], unchangedCount: 5 });
    const saved = readFileSync(path.join(w.seedsDir, r.file), 'utf8');
    expect(saved).toMatch(
      /^---\ntitle: "Kestwick sea wall approved after a decade of winter flooding"\noutlet: "The Harbour Times"\nurl: "https:\/\/www\.harbourtimes\.example\/news\/2025\/11\/27\/kestwick-sea-wall-approved"\npublished: "2025-11-27"\nbyline: "Morwenna Price"\nadded_by: "tester \(npm run add\)"\nadded_at: "2025-12-01T09:00:00\.000Z"\n---\n\nKestwick sea wall approved/,
    );
    expect(saved).not.toMatch(/cookie|Advertisement|Sign me up|SeasideSue/);
    // the first question after it can cite it, by its outlet
    const answer = await engine.ask('When will construction of the Kestwick sea wall start?');
    expect(answer.text).toMatch(/^Construction is due to start in March/);
    expect(answer.citations[0]).toMatchObject({ articleId: id, label: 'The Harbour Times' });
  });

  it('the same page again — even by another link to it — is refused, naming the article already there; nothing changes', async () => {
    const again = web.serve('/amp/kestwick', page('standard-article.html'));
    const e = await expectUntouched(() => engine.addArticle({ kind: 'url', url: `${again}?utm_source=share#top` }, { addedBy: 'x' }));
    expect(e.code).toBe('DUPLICATE_ARTICLE');
    expect(e.message).toBe(
      `That article is already in the index as ${id} (The Harbour Times: “Kestwick sea wall approved after a decade of winter flooding”): the same page (same canonical URL). Nothing was added.`,
    );
    expect(e.data.existing).toMatchObject({ id, matched: 'url' });
  });

  it('the same text from another address (no canonical URL to compare) is refused as the same text', async () => {
    const first = await engine.addArticle({ kind: 'url', url: web.serve('/a/trees', page('no-metadata.html')) }, { addedBy: 'x' });
    expect(first.article).toMatchObject({ title: 'Volunteers plant 5,000 trees on Corran Hill', url: `${web.base}/a/trees` });
    const e = await expectUntouched(() => engine.addArticle({ kind: 'url', url: web.serve('/b/trees', page('no-metadata.html')) }, { addedBy: 'x' }));
    expect(e.code).toBe('DUPLICATE_ARTICLE');
    expect(e.data.existing).toMatchObject({ id: first.article.id, matched: 'text' });
  });

  it('a seed added again as a file is refused as the same text', async () => {
    const copy = path.join(w.dir, 'copy.txt');
    writeFileSync(copy, readFileSync(path.join(w.seedsDir, '002_74fab2486cdf4fb4.txt')));
    const e = await expectUntouched(() => engine.addArticle({ kind: 'file', path: copy }, { addedBy: 'x' }));
    expect(e.data.existing).toMatchObject({ id: '002_74fab2486cdf4fb4', matched: 'text' });
  });
});

describe('refusals leave nothing behind and the index in service untouched', () => {
  it('a page with no article in it (a video page)', async () => {
    const e = await expectUntouched(() => engine.addArticle({ kind: 'url', url: web.serve('/video', page('video-page.html')) }, { addedBy: 'x' }));
    expect(e.code).toBe('NOT_AN_ARTICLE');
    expect(e.message).toMatch(
      /^Could not find an article in that page: no article text could be found in the page \(\d+ characters of text after removing navigation and page furniture\)\. Nothing was added\.$/,
    );
  });

  it('a 404, a link that is an image, an oversized page, a page that never comes', async () => {
    expect((await expectUntouched(() => engine.addArticle({ kind: 'url', url: `${web.base}/gone` }, { addedBy: 'x' }))).code).toBe('FETCH_FAILED');
    const image = web.serve('/photo.jpg', Buffer.alloc(2000), 'image/jpeg');
    expect((await expectUntouched(() => engine.addArticle({ kind: 'url', url: image }, { addedBy: 'x' }))).code).toBe('UNSUPPORTED_TYPE');
    const huge = web.serve('/huge', `<html><body>${'<p>word </p>'.repeat(200_000)}</body></html>`);
    expect((await expectUntouched(() => engine.addArticle({ kind: 'url', url: huge }, { addedBy: 'x' }))).code).toBe('ARTICLE_TOO_LARGE');
    web.routes.set('/slow', () => undefined);
    const slow = await expectUntouched(() => engine.addArticle({ kind: 'url', url: `${web.base}/slow` }, { addedBy: 'x' }));
    expect(slow.message).toMatch(/did not send the page within 1\.5 s; nothing was added\.$/);
  });

  it('without ALLOW_PRIVATE_FETCH, a loopback link is refused before anything is fetched', async () => {
    const guarded = await Engine.open({
      config: { ...w.config, fetch: { ...w.config.fetch, allowPrivate: false } },
      embedder: await testEmbedder(), // the model `engine` shares (one per test process)
      buildIfMissing: false,
    });
    try {
      web.seen.length = 0;
      const before = files();
      const e = await failure(guarded.addArticle({ kind: 'url', url: web.serve('/private', page('jsonld-only.html')) }, { addedBy: 'x' }));
      expect(e.code).toBe('FETCH_REFUSED');
      expect(web.seen).toEqual([]);
      expect(files()).toEqual(before);
    } finally {
      await guarded.close();
    }
  });

  it('a file of another type, and a missing file', async () => {
    const pdf = path.join(w.dir, 'report.pdf');
    writeFileSync(pdf, '%PDF-1.4');
    const e = await expectUntouched(() => engine.addArticle({ kind: 'file', path: pdf }, { addedBy: 'x' }));
    expect(e.code).toBe('UNSUPPORTED_TYPE');
    expect(e.message).toBe('Only .txt, .md, .html, .htm files can be added (this is a .pdf file); nothing was added.');
    expect((await expectUntouched(() => engine.addArticle({ kind: 'file', path: path.join(w.dir, 'nope.md') }, { addedBy: 'x' }))).code).toBe('FETCH_FAILED');
  });

  it('while another process holds the index lock: INDEX_LOCKED, nothing saved', async () => {
    const lock = await lockIndex(w.indexDir, { what: 'a test holding the lock' });
    try {
      const e = await expectUntouched(() => engine.addArticle({ kind: 'url', url: web.serve('/locked', page('jsonld-only.html')) }, { addedBy: 'x' }));
      expect(e.code).toBe('INDEX_LOCKED');
    } finally {
      await lock.release();
    }
  });

  it('the indexing process dies after the file was saved: the file is removed again, the old index keeps serving, a retry works', async () => {
    const url = web.serve('/glenmoor', page('time-and-title.html'));
    const earlier = new Set(indexingProcesses());
    let savedDuringBuild: string[] = [];
    const e = await expectUntouched(() =>
      engine
        .addArticle(
          { kind: 'url', url },
          {
            addedBy: 'x',
            onProgress: () => {
              if (savedDuringBuild.length) return;
              savedDuringBuild = files();
              for (const pid of indexingProcesses().filter((p) => !earlier.has(p))) process.kill(pid, 'SIGKILL');
            },
          },
        )
        .catch((err: unknown) => {
          throw err instanceof EngineError ? err : new EngineError('INDEX_WRITE', (err as Error).message);
        }),
    );
    expect(e.message).toMatch(/indexing process ended unexpectedly \(signal SIGKILL\)/);
    expect(savedDuringBuild.some((f) => /^glenmoor-council-approves-four-day-week-trial-for-office-[0-9a-f]{10}\.md$/.test(f))).toBe(true);
    expect((await engine.ask('What did Alun Pengelly say?')).text).toContain('This is the decision the town has been waiting for');
    const retry = await engine.addArticle({ kind: 'url', url }, { addedBy: 'x' });
    expect(retry.article).toMatchObject({ outlet: 'Glenmoor Gazette', published: '2025-08-19', byline: 'Callum Reid' });
  });

  it('one update at a time: a second add while one runs is refused', async () => {
    const first = engine.addArticle({ kind: 'url', url: web.serve('/ledger', page('paywall-teaser.html')) }, { addedBy: 'x' });
    const e = await failure(engine.addArticle({ kind: 'url', url: web.serve('/valley', page('jsonld-only.html')) }, { addedBy: 'x' }));
    expect(e.code).toBe('REINDEX_IN_PROGRESS');
    expect(e.message).toBe('An article is being added right now; please wait for it to finish.');
    expect(engine.isReindexing).toBe(true);
    expect((await first).article.outlet).toBe('The Ledger');
  });
});

describe('removing an article', () => {
  it('deletes its file, rebuilds without it and serves that at once', async () => {
    const target = engine.listArticles().find((s) => s.outlet === 'The Ledger')!;
    const r = await engine.removeArticle(target.id);
    expect(r.article.id).toBe(target.id);
    expect(r.summary.removed).toEqual([target.id]);
    expect(files()).not.toContain(target.file);
    expect(files().filter((f) => f.startsWith('.'))).toEqual([]);
    expect(engine.hasArticle(target.id)).toBe(false);
  });

  it('an unknown id is UNKNOWN_SOURCE; nothing changes', async () => {
    const e = await expectUntouched(() => engine.removeArticle('no-such-article'));
    expect(e.code).toBe('UNKNOWN_SOURCE');
  });

  it('if the re-index fails, the file is put back and the index in service is unchanged', async () => {
    const target = engine.listArticles().find((s) => s.outlet === 'Glenmoor Gazette')!;
    const earlier = new Set(indexingProcesses());
    let killed = false;
    await expectUntouched(() =>
      engine
        .removeArticle(target.id, {
          onProgress: () => {
            if (killed) return;
            killed = true;
            for (const pid of indexingProcesses().filter((p) => !earlier.has(p))) process.kill(pid, 'SIGKILL');
          },
        })
        .catch((err: unknown) => {
          throw err instanceof EngineError ? err : new EngineError('INDEX_WRITE', (err as Error).message);
        }),
    );
    expect(killed).toBe(true);
    expect(files()).toContain(target.file);
  });
});

describe('citation labels (point 6)', () => {
  it('outlet when known, else the title cut to at most 40 characters; "(reported by …)" names them', async () => {
    const a = await engine.ask('what did Yermak say?');
    expect(a.abstained).toBe(false);
    for (const c of a.citations) {
      expect(c.label.length).toBeLessThanOrEqual(c.article.outlet ? c.article.outlet.length : SHORT_TITLE_CHARS);
      if (!c.article.outlet) expect(c.article.title.startsWith(c.label.replace(/…$/, ''))).toBe(true);
    }
    const reach = /\(reported by (\d) of \d+ sources: (.+)\)/.exec(a.text);
    expect(reach).not.toBeNull();
    for (const c of a.citations.filter((x) => a.text.includes(`[${x.n}]`))) expect(reach![2]).toContain(c.label);
  });
});
