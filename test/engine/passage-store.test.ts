import { describe, expect, it } from 'vitest';
import type { ArticleMeta, Passage } from '../../src/types.js';
import { EngineError } from '../../src/errors.js';
import { PassageStore } from '../../src/index/passage-store.js';

const articles: ArticleMeta[] = [
  { id: 'a', file: 'a.txt', title: 'First', outlet: 'Kyiv Independent' },
  { id: 'empty', file: 'empty.md', title: 'No passages' },
  { id: 'b', file: 'b.md', title: 'Второй', url: 'https://example.org/b', published: '2025-11-27' },
];
const passages: Passage[] = [
  { id: 'a#0', articleId: 'a', paragraph: 1, start: 0, end: 24, text: 'Yermak said “no” — twice.' },
  { id: 'a#1', articleId: 'a', paragraph: 3, start: 40, end: 52, text: 'Putin: 600,000.' },
  { id: 'b#0', articleId: 'b', paragraph: 1, start: 0, end: 10, text: 'Ермак сказал 🇺🇦.' },
];

describe('passage store', () => {
  const store = PassageStore.from(articles, passages);

  it('gives back every passage as it was given, including non-ASCII text', () => {
    expect(store.size).toBe(3);
    expect([0, 1, 2].map((l) => store.get(l))).toEqual(passages);
    expect(store.text(2)).toBe('Ермак сказал 🇺🇦.');
    expect(store.articleIdOf(1)).toBe('a');
    expect(() => store.get(3)).toThrow(RangeError);
  });

  it('knows each document’s label range, including a document with none', () => {
    expect(store.range('a')).toEqual({ first: 0, count: 2 });
    expect(store.range('empty')).toEqual({ first: 2, count: 0 });
    expect(store.range('b')).toEqual({ first: 2, count: 1 });
    expect(store.range('nope')).toBeUndefined();
    expect(store.passagesOf('b')).toEqual([passages[2]]);
    expect(store.passagesOf('empty')).toEqual([]);
    expect(store.labelOf('a#1')).toBe(1);
    expect(store.labelOf('b#0')).toBe(2);
    expect(store.labelOf('a#2')).toBeUndefined();
    expect(store.labelOf('nope#0')).toBeUndefined();
  });

  it('refuses passages that are not grouped by document in order', () => {
    expect(() => PassageStore.from(articles, [passages[2]!, passages[0]!])).toThrow(/not grouped/);
    expect(() => PassageStore.from(articles, [passages[1]!])).toThrow(/out of order/);
  });

  it('survives a round trip through its file, and rejects a damaged one', () => {
    const bytes = store.encode();
    const loaded = PassageStore.decode(bytes);
    expect(loaded.articles).toEqual(articles);
    expect([0, 1, 2].map((l) => loaded.get(l))).toEqual(passages);
    const thrown = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
    };
    const cut = thrown(() => PassageStore.decode(bytes.subarray(0, bytes.length - 8)));
    const bad = Buffer.from(bytes);
    bad.write('XXXX', 0, 'latin1');
    const foreign = thrown(() => PassageStore.decode(bad));
    // A damaged file is the engine's INDEX_CORRUPT, to rebuild (readers name the file around its reason).
    for (const e of [cut, foreign]) {
      expect(e).toBeInstanceOf(EngineError);
      expect(e).toMatchObject({ code: 'INDEX_CORRUPT', message: expect.any(String), data: { rebuild: 'full' } });
    }
    expect((foreign as EngineError).message).toBe('not an index data file');
  });
});
