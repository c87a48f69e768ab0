import { beforeAll, describe, expect, it } from 'vitest';
import { chunkArticle, DEFAULT_CHUNK_OPTIONS, paragraphAt } from '../../src/chunk/chunk-article.js';
import { splitSentences } from '../../src/chunk/split-sentences.js';
import type { Embedder } from '../../src/embed/embedder.js';
import type { Passage } from '../../src/types.js';
import { loadCorpus, parseArticle } from '../../src/ingest/load-corpus.js';
import type { CleanedArticle } from '../../src/ingest/cleaned-article.js';
import { SEEDS, testEmbedder } from '../support/workspace.js';

let embedder: Embedder;
let articles: CleanedArticle[];
let chunks: Map<string, Passage[]>;

beforeAll(async () => {
  embedder = await testEmbedder();
  articles = (await loadCorpus(SEEDS)).articles;
  chunks = new Map(articles.map((d) => [d.meta.id, chunkArticle(d, (t) => embedder.countTokens(t))]));
});

describe('sentence splitting', () => {
  it('does not break after honorifics and keeps quotes whole', () => {
    const text = '“As long as Mr. Zelenskiy is president, no one should expect us to give up territory,” Yermak said. U.S. envoys arrive next week.';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      '“As long as Mr. Zelenskiy is president, no one should expect us to give up territory,” Yermak said.',
      'U.S. envoys arrive next week.',
    ]);
  });
});

describe('chunking', () => {
  it('every passage maps back to the exact source text by its offsets', () => {
    for (const d of articles) {
      for (const p of chunks.get(d.meta.id)!) {
        expect(d.cleaned.slice(p.start, p.end)).toBe(p.text);
        expect(p.articleId).toBe(d.meta.id);
        // The paragraph number points at the paragraph the passage starts in.
        const para = d.paragraphs[p.paragraph - 1]!;
        expect(p.start).toBeGreaterThanOrEqual(para.start);
        expect(p.start).toBeLessThan(para.end);
      }
    }
  });

  it('stays within the model token budget, counted by the model tokenizer', () => {
    for (const passages of chunks.values()) {
      for (const p of passages) expect(embedder.countTokens(p.text)).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxTokens);
    }
  });

  it('covers every sentence of every article', () => {
    for (const d of articles) {
      const passages = chunks.get(d.meta.id)!;
      for (const para of d.paragraphs) {
        for (const s of splitSentences(d.cleaned, para.start, para.end)) {
          expect(
            passages.some((p) => p.start <= s.start && s.end <= p.end),
            d.cleaned.slice(s.start, s.end),
          ).toBe(true);
        }
      }
    }
  });

  it('packs whole paragraphs while they fit: a short report is one passage, and no two neighbours could have been one', () => {
    const report = [
      'Harbor City wins the cup',
      'Harbor City beat Riverside 3-1 on Sunday.',
      'Coach Ana Ruiz said the team “never stopped believing.”',
      'The parade is on Tuesday.',
    ].join('\n\n');
    const one = chunkArticle(parseArticle('report.txt', new TextEncoder().encode(report)).article!, (t) => embedder.countTokens(t));
    expect(one).toHaveLength(1);
    expect(one[0]!.text).toBe(report);
    for (const d of articles) {
      const passages = chunks.get(d.meta.id)!;
      for (const [i, p] of passages.entries()) {
        const next = passages[i + 1];
        // A passage ends at a paragraph end unless its paragraph is over the budget by itself.
        const para = d.paragraphs[p.paragraph - 1 + (p.text.match(/\n\s*\n/g)?.length ?? 0)]!;
        if (p.end !== para.end) expect(embedder.countTokens(d.cleaned.slice(para.start, para.end))).toBeGreaterThan(DEFAULT_CHUNK_OPTIONS.maxTokens);
        if (next && next.start >= p.end) expect(embedder.countTokens(d.cleaned.slice(p.start, next.end))).toBeGreaterThan(DEFAULT_CHUNK_OPTIONS.maxTokens);
      }
    }
  });

  it('paragraphAt gives the paragraph of any offset in a passage', () => {
    const p = { text: 'First para.\n\nSecond para. More.\n\nThird.', paragraph: 4 };
    expect(paragraphAt(p, 0)).toBe(4);
    expect(paragraphAt(p, p.text.indexOf('More'))).toBe(5);
    expect(paragraphAt(p, p.text.indexOf('Third'))).toBe(6);
  });

  it('splits a long paragraph into overlapping passages', () => {
    const sentence = (i: number) => `Sentence number ${i} reports that the delegation met officials in Geneva to discuss the plan in detail.`;
    const body = Array.from({ length: 30 }, (_, i) => sentence(i)).join(' ');
    const article = parseArticle('long.txt', new TextEncoder().encode(body)).article!;
    const passages = chunkArticle(article, (t) => embedder.countTokens(t));
    expect(passages.length).toBeGreaterThan(2);
    for (let i = 1; i < passages.length; i++) {
      expect(passages[i]!.start).toBeLessThan(passages[i - 1]!.end); // one sentence of overlap
      expect(embedder.countTokens(passages[i]!.text)).toBeLessThanOrEqual(200);
    }
  });
});
