import { mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/ingest/clean-text.js';
import { loadCorpus, parseArticle } from '../../src/ingest/load-corpus.js';
import { SEEDS } from '../support/workspace.js';

const norm = (s: string) => s.replace(/[\s\u00A0]+/g, ' ').trim();

// Every line of the seeds that is page furniture, by file. Everything else is reporting.
const BOILERPLATE: Record<string, string[]> = {
  '000_5ed6bed9a529a53f.txt': ['Recommended stories', 'list of 3 itemsend of list'],
  '001_5d1f077759e5ea62.txt': [
    'i',
    'user',
    'google_preferred_badge',
    'Follow us on: Facebook, Twitter, Google News, Instagram',
    'Join our official telegram channel (@nationalherald) and stay updated with the latest headlines',
  ],
  '002_74fab2486cdf4fb4.txt': [],
  '003_fef9203f1872d730.txt': ['By news 3 days ago'],
  '004_026a93b63b322719.txt': ['1 Min Read 0 67'],
};

describe('corpus loading and cleaning on the seeds', () => {
  const files = readdirSync(SEEDS).sort();

  it('loads every seed with a stable id, a title and a content hash', async () => {
    const { articles, warnings } = await loadCorpus(SEEDS);
    expect(warnings).toEqual([]);
    expect(articles.map((d) => d.meta.id)).toEqual(files.map((f) => f.replace(/\.txt$/, '')));
    const d001 = articles[1]!;
    expect(d001.meta.title).toBe('Ready to guarantee in writing no Russian attack on Europe: Putin');
    expect(d001.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(Object.keys(BOILERPLATE))('%s: drops exactly the boilerplate lines and keeps every sentence of the reporting', (file) => {
    const raw = readFileSync(path.join(SEEDS, file), 'utf8');
    const { cleaned, removed } = cleanText(raw);
    const expected = BOILERPLATE[file]!;
    for (const line of expected) expect(removed).toContain(line);
    const cleanedNorm = norm(cleaned);
    for (const line of raw.split('\n').map(norm).filter(Boolean)) {
      if (expected.includes(line)) {
        expect(cleaned.split('\n\n')).not.toContain(line);
        continue;
      }
      // A repeated headline or a "…" teaser may go, but its text must still be in the article.
      const teaser = line.replace(/(…|\.\.\.)$/, '');
      expect(cleanedNorm.includes(line) || cleanedNorm.includes(teaser), `lost: ${line.slice(0, 80)}`).toBe(true);
    }
  });

  it('paragraph spans index the cleaned text', async () => {
    const { articles } = await loadCorpus(SEEDS);
    for (const d of articles) {
      expect(d.cleaned.split('\n\n')).toEqual(d.paragraphs.map((p) => d.cleaned.slice(p.start, p.end)));
    }
  });
});

describe('article parsing', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('reads YAML front matter for title, outlet, url and date', () => {
    const { article, warnings } = parseArticle(
      'story.md',
      bytes('---\ntitle: A headline\noutlet: The Daily\nurl: https://example.com/a\npublished: 2025-11-28\n---\nFirst line.\n\nSecond paragraph.\n'),
    );
    expect(warnings).toEqual([]);
    expect(article?.meta).toEqual({
      id: 'story',
      file: 'story.md',
      title: 'A headline',
      outlet: 'The Daily',
      url: 'https://example.com/a',
      published: '2025-11-28',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(article?.cleaned).toBe('First line.\n\nSecond paragraph.');
  });

  it('drops broken front matter with a warning and keeps the body', () => {
    const { article, warnings } = parseArticle('bad.md', bytes('---\ntitle: [unclosed\n---\nBody text here.\n'));
    expect(warnings.join()).toMatch(/front matter is not valid YAML/);
    expect(article?.cleaned).toBe('Body text here.');
  });

  it('refuses empty and binary files and flags invalid UTF-8', () => {
    expect(parseArticle('e.txt', new Uint8Array()).warnings.join()).toMatch(/empty/);
    expect(parseArticle('b.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1])).warnings.join()).toMatch(/binary/);
    const latin1 = new Uint8Array([...bytes('Caf'), 0xe9, ...bytes(' opened in Bishkek. It serves plov and tea to hungry reporters every day.')]);
    const r = parseArticle('l.txt', latin1);
    expect(r.warnings.join()).toMatch(/invalid UTF-8/);
    expect(r.article?.cleaned).toContain('opened in Bishkek');
  });

  it('skips duplicates and oversized files with a warning naming them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
    copyFileSync(path.join(SEEDS, '002_74fab2486cdf4fb4.txt'), path.join(dir, 'a.txt'));
    copyFileSync(path.join(SEEDS, '002_74fab2486cdf4fb4.txt'), path.join(dir, 'b.txt'));
    writeFileSync(path.join(dir, 'huge.txt'), 'word '.repeat(1_100_000));
    writeFileSync(path.join(dir, 'notes.json'), '{}');
    const { articles, warnings } = await loadCorpus(dir);
    expect(articles.map((d) => d.meta.id)).toEqual(['a']);
    expect(warnings).toEqual([
      { file: 'b.txt', message: 'skipped: identical to a.txt' },
      expect.objectContaining({ file: 'huge.txt', message: expect.stringMatching(/over the 1\.0 MB article limit/) }),
    ]);
  });
});
