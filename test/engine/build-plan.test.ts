import { describe, expect, it } from 'vitest';
import { planChanges, planOrder, reusable, type BuildSettings, type PreviousIndex } from '../../src/index/build-plan.js';
import type { CorpusEntry, CleanedArticle } from '../../src/ingest/cleaned-article.js';

// The plan is pure: the previous index's description and the articles now on disk in, what to
// reuse, embed, drop and in which label order out. Entries with an `article` are the ones the
// reader parsed because their bytes changed or are new.
const QUOTES = 3;
const settings: BuildSettings = { modelId: 'bge-small', dims: 384, chunkerVersion: 5, hnsw: { m: 16, efConstruction: 200 } };
const prev: PreviousIndex = {
  ...settings,
  quoteExtractor: QUOTES,
  documents: [
    { id: 'a', file: 'a.txt', hash: 'ha', firstPassage: 0, passages: 3 },
    { id: 'b', file: 'b.txt', hash: 'hb', firstPassage: 3, passages: 2 },
    { id: 'c', file: 'c.txt', hash: 'hc', firstPassage: 5, passages: 4 },
  ],
};
const cleaned = (id: string, hash: string) => ({ meta: { id, file: `${id}.txt`, title: id }, cleaned: '', paragraphs: [], hash }) as CleanedArticle;
const kept = (id: string): CorpusEntry => ({ id, file: `${id}.txt`, hash: `h${id}` });
const parsed = (id: string, hash = `new-${id}`): CorpusEntry => ({ id, file: `${id}.txt`, hash, article: cleaned(id, hash) });
const ids = (entries: CorpusEntry[]) => entries.map((e) => e.id);

describe('build plan', () => {
  it('nothing changed: up to date, nothing to embed, no rebuild', () => {
    const entries = [kept('a'), kept('b'), kept('c')];
    expect(planChanges(prev, entries, QUOTES)).toEqual({ added: [], changed: [], removed: [], unchangedCount: 3, upToDate: true });
  });

  it('an index whose quote index is older (or missing) is rebuilt once even when no article changed', () => {
    const entries = [kept('a'), kept('b'), kept('c')];
    expect(planChanges(prev, entries, QUOTES + 1).upToDate).toBe(false);
    expect(planChanges({ ...prev, quoteExtractor: undefined }, entries, QUOTES).upToDate).toBe(false);
  });

  it('an article added: only it is embedded, and the existing labels are kept with the new passages after them', () => {
    // File order puts the new article first; label order still keeps a, b, c where they were.
    const entries = [parsed('0new'), kept('a'), kept('b'), kept('c')];
    const changes = planChanges(prev, entries, QUOTES);
    expect(changes).toEqual({ added: ['0new'], changed: [], removed: [], unchangedCount: 3, upToDate: false });
    const { order, appendOnly } = planOrder(prev, entries, changes, true);
    expect(appendOnly).toBe(true);
    expect(ids(order)).toEqual(['a', 'b', 'c', '0new']);
  });

  it('an article added, but the old passages turned out unreadable: no append, file order', () => {
    const entries = [parsed('0new'), kept('a'), kept('b'), kept('c')];
    const { order, appendOnly } = planOrder(prev, entries, planChanges(prev, entries, QUOTES), false);
    expect(appendOnly).toBe(false);
    expect(ids(order)).toEqual(['0new', 'a', 'b', 'c']);
  });

  it('an article changed (even one that only grew at the end): re-embedded whole, labels follow file order', () => {
    const entries = [kept('a'), parsed('b'), kept('c')];
    const changes = planChanges(prev, entries, QUOTES);
    expect(changes).toEqual({ added: [], changed: ['b'], removed: [], unchangedCount: 2, upToDate: false });
    const { order, appendOnly } = planOrder(prev, entries, changes, true);
    expect(appendOnly).toBe(false);
    expect(ids(order)).toEqual(['a', 'b', 'c']);
  });

  it('an article removed: dropped, nothing embedded, labels follow file order', () => {
    const entries = [kept('a'), kept('c')];
    const changes = planChanges(prev, entries, QUOTES);
    expect(changes).toEqual({ added: [], changed: [], removed: ['b'], unchangedCount: 2, upToDate: false });
    const { order, appendOnly } = planOrder(prev, entries, changes, true);
    expect(appendOnly).toBe(false);
    expect(ids(order)).toEqual(['a', 'c']);
  });

  it('added, changed and removed at once', () => {
    const entries = [parsed('a'), parsed('d'), kept('c')];
    const changes = planChanges(prev, entries, QUOTES);
    expect(changes).toEqual({ added: ['d'], changed: ['a'], removed: ['b'], unchangedCount: 1, upToDate: false });
    expect(planOrder(prev, entries, changes, true).appendOnly).toBe(false);
  });

  it('another model, dimension, chunker or HNSW graph: the previous index is not reusable, so everything is new', () => {
    expect(reusable(prev, settings)).toBe(true);
    expect(reusable(undefined, settings)).toBe(false);
    for (const other of [
      { ...settings, modelId: 'other-model' },
      { ...settings, dims: 768 },
      { ...settings, chunkerVersion: 6 },
      { ...settings, hnsw: { m: 32, efConstruction: 200 } },
      { ...settings, hnsw: { m: 16, efConstruction: 100 } },
    ])
      expect(reusable(prev, other)).toBe(false);
    // Not reusable means planning against no previous index: every article (all parsed) is added.
    const entries = [parsed('a', 'ha'), parsed('b', 'hb'), parsed('c', 'hc')];
    const changes = planChanges(undefined, entries, QUOTES);
    expect(changes).toEqual({ added: ['a', 'b', 'c'], changed: [], removed: [], unchangedCount: 0, upToDate: false });
    const { order, appendOnly } = planOrder(undefined, entries, changes, false);
    expect(appendOnly).toBe(false);
    expect(ids(order)).toEqual(['a', 'b', 'c']);
  });
});
