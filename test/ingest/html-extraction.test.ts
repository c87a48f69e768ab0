/**
 * Web pages as articles (issue #12, points 1 and 2): test pages written for this, shaped like real
 * news sites — navigation, cookie and consent banners, share bars, related stories, newsletter
 * boxes (also inside the body), comments, ads, a live blog, a paywall teaser, metadata only in
 * JSON-LD, no metadata at all, old table-and-<br> markup, a video page. For each: every paragraph
 * of the article body is kept, in order and whole; no piece of the page furniture is; the metadata
 * is right. Expectations are in test/fixtures/html/expected.json.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/ingest/load-corpus.js';
import { parseArticle } from '../../src/ingest/parse-article.js';
import { extractHtml } from '../../src/ingest/html/extract-html.js';
import { normalizeDate, readPageMetadata, type MetaDocument } from '../../src/ingest/html/html-metadata.js';
import { parseWithLinkedom } from '../../src/ingest/html/extract-html.js';
import { REPO } from '../support/workspace.js';

const PAGES = path.join(REPO, 'test/fixtures/html');
interface Expected {
  meta?: Record<string, string>;
  paragraphs?: string[];
  boilerplate?: string[];
  notAnArticle?: boolean;
}
const expected = JSON.parse(readFileSync(path.join(PAGES, 'expected.json'), 'utf8')) as Record<string, Expected>;
const articles = Object.entries(expected).filter(([, e]) => !e.notAnArticle);

const parsePage = (file: string) => parseArticle(file, readFileSync(path.join(PAGES, file)));
const paragraphsOf = (file: string) => {
  const d = parsePage(file).article!;
  return d.paragraphs.map((p) => d.cleaned.slice(p.start, p.end));
};

describe('test pages shaped like news sites', () => {
  it('every page in the folder has expectations', () => {
    expect(
      readdirSync(PAGES)
        .filter((f) => f.endsWith('.html'))
        .sort(),
    ).toEqual(Object.keys(expected).sort());
    expect(articles.length).toBeGreaterThanOrEqual(8);
  });

  it.each(articles)('%s: every body paragraph is kept, whole and in order, after the headline — and nothing else', (file, e) => {
    const paragraphs = paragraphsOf(file);
    expect(paragraphs[0]).toBe(e.meta!.title);
    expect(paragraphs.slice(1)).toEqual(e.paragraphs);
  });

  it.each(articles)('%s: none of the page furniture is in the text', (file, e) => {
    const { cleaned } = parsePage(file).article!;
    const leaked = e.boilerplate!.filter((b) => cleaned.includes(b));
    expect(leaked).toEqual([]);
  });

  it.each(articles)('%s: title, outlet, date, canonical URL and byline from the page', (file, e) => {
    const { article, warnings } = parsePage(file);
    expect(warnings).toEqual([]);
    const { id, file: name, contentHash, ...meta } = article!.meta;
    expect(id).toBe(file.replace(/\.html$/, ''));
    expect(name).toBe(file);
    expect(contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(meta).toEqual(e.meta);
  });

  it('a page with no article (a video page) is skipped with a reason, keeping nothing', () => {
    const { article, warnings } = parsePage('video-page.html');
    expect(article).toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/^skipped: no article text could be found in the page/)]);
  });

  it('the live blog keeps every entry (not just the best-scoring one) and drops the entry times', () => {
    const text = paragraphsOf('live-blog.html').join('\n');
    for (const entry of ['step forward', '220 lorries', 'free of charge', 'conciliation service', 'handful of foot passengers', 'Good morning.'])
      expect(text).toContain(entry);
    expect(text).not.toMatch(/^\d\d\.\d\d CET$/m);
  });

  it('the paywall teaser keeps the teaser paragraphs and none of the subscription offer', () => {
    const { cleaned } = parsePage('paywall-teaser.html').article!;
    expect(cleaned).toContain('severance to those who did not want to move');
    expect(cleaned).not.toMatch(/subscri/i);
  });

  it('a page without any metadata: the title is its headline, nothing else is made up', () => {
    const meta = parsePage('no-metadata.html').article!.meta;
    expect(meta.title).toBe('Volunteers plant 5,000 trees on Corran Hill');
    expect(meta.outlet).toBeUndefined();
    expect(meta.published).toBeUndefined();
    expect(meta.url).toBeUndefined();
    expect(meta.byline).toBeUndefined();
  });

  it('a fetched page without a canonical link takes the address it was fetched from as its url', () => {
    const { article } = parseArticle('p.html', readFileSync(path.join(PAGES, 'no-metadata.html')), { url: 'https://corran.example/news/trees.html?ref=home' });
    expect(article!.meta.url).toBe('https://corran.example/news/trees.html?ref=home');
  });

  it('.html and .htm files in the articles folder are indexed next to .txt and .md', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-html-'));
    writeFileSync(path.join(dir, 'a.html'), readFileSync(path.join(PAGES, 'standard-article.html')));
    writeFileSync(path.join(dir, 'b.htm'), readFileSync(path.join(PAGES, 'jsonld-only.html')));
    writeFileSync(
      path.join(dir, 'c.md'),
      '---\ntitle: A note\noutlet: Example News\nbyline: Ann Author\nadded_by: someone\nadded_at: 2025-12-01T10:00:00.000Z\n---\nA note\n\nBody of the note, long enough to be a paragraph.\n',
    );
    writeFileSync(path.join(dir, 'd.html'), readFileSync(path.join(PAGES, 'video-page.html')));
    const { articles: loaded, warnings } = await loadCorpus(dir);
    expect(loaded.map((d) => [d.meta.id, d.meta.outlet])).toEqual([
      ['a', 'The Harbour Times'],
      ['b', 'Valley Post'],
      ['c', 'Example News'],
    ]);
    expect(loaded[2]!.meta).toMatchObject({ byline: 'Ann Author', addedBy: 'someone', addedAt: '2025-12-01T10:00:00.000Z' });
    expect(warnings).toEqual([{ file: 'd.html', message: expect.stringMatching(/^skipped: no article text could be found/) }]);
  });
});

/** A page's metadata from a head written for the test. */
const metaOf = (head: string, url?: string) =>
  readPageMetadata(parseWithLinkedom(`<!DOCTYPE html><html><head>${head}</head><body><p>x</p></body></html>`) as unknown as MetaDocument, url);
const ld = (o: unknown) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

describe('where each metadata field comes from, in order', () => {
  it('title: og:title, then <title> without the outlet after a separator, then JSON-LD headline', () => {
    expect(metaOf('<meta property="og:title" content="OG headline"><title>Doc title | Outlet</title>').title).toBe('OG headline');
    expect(metaOf('<meta property="og:site_name" content="The Outlet"><title>Doc title – The Outlet</title>').title).toBe('Doc title');
    expect(metaOf('<title>Doc title | the-outlet.com</title>').title).toBe('Doc title');
    expect(metaOf('<title>Talks: what we know so far</title>').title).toBe('Talks: what we know so far');
    expect(metaOf(ld({ '@type': 'NewsArticle', headline: 'LD headline' })).title).toBe('LD headline');
  });

  it('outlet: og:site_name, then JSON-LD publisher.name', () => {
    expect(metaOf(`<meta property="og:site_name" content="OG Outlet">${ld({ '@type': 'NewsArticle', publisher: { name: 'LD Outlet' } })}`).outlet).toBe(
      'OG Outlet',
    );
    expect(
      metaOf(
        ld({
          '@context': 'https://schema.org',
          '@graph': [{ '@type': 'WebPage' }, { '@type': ['NewsArticle'], publisher: { '@type': 'Organization', name: 'LD Outlet' } }],
        }),
      ).outlet,
    ).toBe('LD Outlet');
  });

  it('published: article:published_time, then JSON-LD datePublished, then <time datetime>; as YYYY-MM-DD in the publisher’s own day', () => {
    const time = '<body><time datetime="2025-03-01T10:00:00Z">1 March</time></body>';
    expect(
      readPageMetadata(
        parseWithLinkedom(
          `<html><head><meta property="article:published_time" content="2025-11-28T23:30:00+03:00">${ld({ '@type': 'NewsArticle', datePublished: '2025-01-02' })}</head>${time}</html>`,
        ) as unknown as MetaDocument,
      ).published,
    ).toBe('2025-11-28');
    expect(
      readPageMetadata(
        parseWithLinkedom(
          `<html><head>${ld({ '@type': 'NewsArticle', datePublished: '2025-01-02T08:00:00-05:00' })}</head>${time}</html>`,
        ) as unknown as MetaDocument,
      ).published,
    ).toBe('2025-01-02');
    expect(readPageMetadata(parseWithLinkedom(`<html><head></head>${time}</html>`) as unknown as MetaDocument).published).toBe('2025-03-01');
  });

  it('dates in other spellings are read, impossible ones are not', () => {
    expect(normalizeDate('2025-02-30')).toBeUndefined();
    expect(normalizeDate('November 28, 2025')).toBe('2025-11-28');
    expect(normalizeDate('Fri, 28 Nov 2025 09:00:00 GMT')).toBe('2025-11-28');
    expect(normalizeDate('last Thursday')).toBeUndefined();
    expect(normalizeDate('')).toBeUndefined();
  });

  it('url: the canonical link (made absolute), then og:url, then JSON-LD; only http(s)', () => {
    expect(
      metaOf('<link rel="canonical" href="/news/story"><meta property="og:url" content="https://other.example/x">', 'https://site.example/news/story?utm=1')
        .url,
    ).toBe('https://site.example/news/story');
    expect(metaOf('<meta property="og:url" content="https://site.example/og">').url).toBe('https://site.example/og');
    expect(metaOf(ld({ '@type': 'NewsArticle', mainEntityOfPage: { '@id': 'https://site.example/ld' } })).url).toBe('https://site.example/ld');
    expect(metaOf('<link rel="canonical" href="javascript:alert(1)">').url).toBeUndefined();
  });

  it('byline: meta author (never a profile URL), then JSON-LD author names', () => {
    expect(metaOf('<meta property="article:author" content="https://facebook.example/x"><meta name="author" content="Jo Bloggs">').byline).toBe('Jo Bloggs');
    expect(metaOf(ld({ '@type': 'NewsArticle', author: [{ name: 'A One' }, { name: 'B Two' }, 'C Three'] })).byline).toBe('A One, B Two and C Three');
  });

  it('broken JSON-LD blocks are ignored, not fatal', () => {
    expect(metaOf(`<script type="application/ld+json">{ nope</script>${ld({ '@type': 'NewsArticle', headline: 'Still read' })}`).title).toBe('Still read');
  });
});

describe('odd pages', () => {
  it('a page in windows-1252 keeps its accents and curly quotes', () => {
    const html = `<html><head><meta charset="windows-1252"><title>Caf\u00e9 owner \u2019delighted\u2019</title></head><body><article>${'<p>The caf\u00e9 on the corner will stay open, its owner said on Monday after the council\u2019s vote in favour of the lease.</p>'.repeat(4)}</article></body></html>`;
    const bytes = Buffer.from(html.replace(/\u2019/g, '\x92').replace(/\u00e9/g, '\xe9'), 'latin1');
    const { article } = parseArticle('cp1252.html', bytes);
    expect(article!.meta.title).toBe('Caf\u00e9 owner \u2019delighted\u2019');
    expect(article!.cleaned).toContain('council\u2019s vote');
  });

  it('an HTML fragment without <html> is read too (its heading, with no title to match, is its first paragraph)', () => {
    const r = extractHtml(`<h1>Fragment</h1>${'<p>A paragraph of a saved fragment of a page, with enough words in it to count as text.</p>'.repeat(4)}`);
    expect(r.ok && r.article.paragraphs).toEqual([
      'Fragment',
      ...Array(4).fill('A paragraph of a saved fragment of a page, with enough words in it to count as text.'),
    ]);
  });

  it('a page that is not HTML at all (a binary file named .html) is skipped', () => {
    expect(parseArticle('x.html', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1])).warnings.join()).toMatch(/binary/);
  });
});
