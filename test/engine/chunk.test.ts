import { beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from '../../src/chunk/chunk-document.js';
import { splitSentences } from '../../src/chunk/split-sentences.js';
import type { Embedder } from '../../src/embed/embedder.js';
import type { Passage } from '../../src/engine/types.js';
import { loadCorpus, parseArticle } from '../../src/ingest/load-corpus.js';
import type { SourceDocument } from '../../src/ingest/document.js';
import { SEEDS, testEmbedder } from '../support/workspace.js';

let embedder: Embedder;
let docs: SourceDocument[];
let chunks: Map<string, Passage[]>;

beforeAll(async () => {
  embedder = await testEmbedder();
  docs = (await loadCorpus(SEEDS)).documents;
  chunks = new Map(docs.map((d) => [d.meta.id, chunkDocument(d, (t) => embedder.countTokens(t))]));
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
    for (const d of docs) {
      for (const p of chunks.get(d.meta.id)!) {
        expect(d.cleaned.slice(p.start, p.end)).toBe(p.text);
        expect(p.docId).toBe(d.meta.id);
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
    for (const d of docs) {
      const passages = chunks.get(d.meta.id)!;
      for (const para of d.paragraphs) {
        for (const s of splitSentences(d.cleaned, para.start, para.end)) {
          expect(passages.some((p) => p.start <= s.start && s.end <= p.end), d.cleaned.slice(s.start, s.end)).toBe(true);
        }
      }
    }
  });

  it('crosses a paragraph boundary only to carry a tiny paragraph along', () => {
    for (const d of docs) {
      for (const p of chunks.get(d.meta.id)!) {
        const inner = p.text.split('\n\n');
        // All but the last paragraph piece of a multi-paragraph passage must be tiny.
        for (const piece of inner.slice(0, -1)) expect(embedder.countTokens(piece)).toBeLessThan(DEFAULT_CHUNK_OPTIONS.maxTokens);
        for (const piece of inner.slice(0, -1)) expect(embedder.countTokens(piece)).toBeLessThan(DEFAULT_CHUNK_OPTIONS.tinyParagraphTokens * 2);
      }
    }
  });

  it('splits a long paragraph into overlapping passages', () => {
    const sentence = (i: number) => `Sentence number ${i} reports that the delegation met officials in Geneva to discuss the plan in detail.`;
    const body = Array.from({ length: 30 }, (_, i) => sentence(i)).join(' ');
    const doc = parseArticle('long.txt', new TextEncoder().encode(body)).document!;
    const passages = chunkDocument(doc, (t) => embedder.countTokens(t));
    expect(passages.length).toBeGreaterThan(2);
    for (let i = 1; i < passages.length; i++) {
      expect(passages[i]!.start).toBeLessThan(passages[i - 1]!.end); // one sentence of overlap
      expect(embedder.countTokens(passages[i]!.text)).toBeLessThanOrEqual(200);
    }
  });
});
