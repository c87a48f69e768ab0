import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../src/errors.js';
import { loadCorpus } from '../../src/ingest/load-corpus.js';
import { KeywordIndex } from '../../src/index/keyword-index.js';
import { STOPWORDS, words } from '../../src/text/terms.js';
import { SEEDS } from '../support/workspace.js';

let texts: string[];
let index: KeywordIndex;
let mini: MiniSearch<{ id: number; text: string }>;
let vocabulary: Set<string>;

beforeAll(async () => {
  const { articles } = await loadCorpus(SEEDS);
  // Paragraphs of the real articles, plus a few with repeated and rare words.
  texts = articles.flatMap((d) => d.paragraphs.map((p) => d.cleaned.slice(p.start, p.end)));
  texts.push('Elections, elections and more elections: the election commission met in Kyiv.', 'Yermak Yermak Yermak.', '');
  index = KeywordIndex.build(texts);
  // MiniSearch configured as our index claims to behave: the reference it must agree with.
  mini = new MiniSearch({ fields: ['text'], tokenize: (t) => words(t), processTerm: (t) => (STOPWORDS.has(t) ? null : t) });
  mini.addAll(texts.map((text, id) => ({ id, text })));
  vocabulary = new Set(texts.flatMap((t) => words(t)));
});

function miniSearch(query: string, filter?: (label: number) => boolean) {
  const terms = [...new Set(words(query).filter((t) => !STOPWORDS.has(t)))];
  if (!terms.length) return [];
  return mini
    .search(terms.join(' '), {
      combineWith: 'OR',
      fuzzy: (term) => (term.length >= 5 && !vocabulary.has(term) ? 0.2 : false),
      prefix: (term) => term.length >= 4,
      weights: { fuzzy: 0.6, prefix: 0.4 },
      ...(filter && { filter: (r) => filter(r.id as number) }),
    })
    .map((r) => ({ label: r.id as number, score: r.score, terms: [...r.terms].sort() }));
}

const QUERIES = [
  'what did Yermak say?',
  'Yermack', // fuzzy: a misspelt name
  'Stanovoya',
  'election', // prefix: elections
  'elections in Ukraine and martial law',
  'peace plan 28 points',
  'who is going to Moscow next week?',
  'Witkoff Kushner Driscoll',
  '600,000 troops',
  'U.S. envoy',
  'Zelenskiy territory withdraw Donbas',
  'the of and', // stop words only
  'xylophone',
];

describe('keyword index (BM25 over compact postings)', () => {
  it.each(QUERIES)('ranks and scores %j exactly as MiniSearch does', (q) => {
    const ours = index.search(q, 1000).map((h) => ({ ...h, terms: [...h.terms].sort() }));
    const reference = miniSearch(q);
    expect(ours.map((h) => h.label)).toEqual(reference.map((h) => h.label));
    ours.forEach((h, i) => {
      expect(h.score).toBeCloseTo(reference[i]!.score, 9);
      expect(h.terms).toEqual(reference[i]!.terms);
    });
  });

  it('agrees with MiniSearch when restricted to a range of passages, and honours the limit', () => {
    const filter = (label: number) => label >= 10 && label < 40;
    const ours = index.search('Putin peace plan Europe', 5, filter);
    expect(ours.map((h) => h.label)).toEqual(
      miniSearch('Putin peace plan Europe', filter)
        .slice(0, 5)
        .map((h) => h.label),
    );
    expect(ours.length).toBe(5);
    expect(ours.every((h) => filter(h.label))).toBe(true);
  });

  it('finds misspellings and word endings, and knows which words the corpus has', () => {
    const yermak = index.search('Yermack', 3);
    expect(yermak.length).toBe(3);
    expect(yermak.every((h) => /yermak/i.test(texts[h.label]!) && h.terms.includes('yermak'))).toBe(true);
    expect(index.search('election', 1)[0]!.terms).toEqual(expect.arrayContaining(['election', 'elections']));
    expect(index.has('Yermak')).toBe(true);
    expect(index.has('yermack')).toBe(true);
    expect(index.has('xylophone')).toBe(false);
    // Stop words are not indexed, so they are never "in" the corpus.
    expect(index.has('the')).toBe(false);
  });

  it('corrects a slip of the keys, not a word into another one two edits away', () => {
    const small = KeywordIndex.build(['The shared surname caused some confusion.', 'He was taken to hospital on Monday.', 'Medinsky led the delegation.']);
    expect(small.correct('hosptial')).toBe('hospital');
    expect(small.correct('medinksy')).toBe('medinsky');
    expect(small.correct('surnme')).toBe('surname');
    // Two edits that change the first letter: another word ("how do i change my discord username").
    expect(small.correct('username')).toBeUndefined();
  });

  it('survives a round trip through its file, and rejects a damaged one', () => {
    const bytes = index.encode();
    const loaded = KeywordIndex.decode(bytes);
    expect(loaded.size).toBe(texts.length);
    for (const q of QUERIES) expect(loaded.search(q, 20)).toEqual(index.search(q, 20));
    // A copy at an odd offset (a pooled Buffer) still reads correctly.
    const shifted = Buffer.concat([Buffer.from([0]), bytes]).subarray(1);
    expect(KeywordIndex.decode(shifted).search('Yermak', 5)).toEqual(index.search('Yermak', 5));

    for (const damaged of [bytes.subarray(0, bytes.length - 100), Buffer.from('{"not":"ours"}')]) {
      expect(() => KeywordIndex.decode(damaged)).toThrow(EngineError);
      expect(() => KeywordIndex.decode(damaged)).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
    }
  });

  it('cuts a long list of matches to the limit as a full stable sort would: ties in first-match order, and searches do not leak into each other', () => {
    // 40 passages tie on "harbour"; the best two have it twice; one more has a second query word.
    const tied = Array.from({ length: 40 }, (_, i) => (i === 7 || i === 30 ? 'harbour harbour' : i === 12 ? 'harbour crane' : 'harbour'));
    const k = KeywordIndex.build(tied);
    const full = (q: string) => k.search(q, 100);
    for (const [q, limit] of [
      ['harbour', 5],
      ['harbour crane', 6],
      ['harbour', 39],
      ['crane', 3],
    ] as const) {
      const all = full(q);
      expect(all.map((h) => h.label)).toEqual([...all].sort((x, y) => y.score - x.score).map((h) => h.label));
      expect(k.search(q, limit)).toEqual(all.slice(0, limit));
    }
    expect(
      full('harbour')
        .slice(0, 4)
        .map((h) => h.label),
    ).toEqual([7, 30, 0, 1]);
    expect(k.search('harbour crane', 3).map((h) => h.label)).toEqual([12, 7, 30]);
    // The same query again scores the same (the reused accumulators were cleared).
    expect(k.search('harbour crane', 3)).toEqual(k.search('harbour crane', 3));
  });

  it("searches by the verb 'won' (a content word; only \"won't\" is a stop word)", () => {
    const small = KeywordIndex.build(['Rovers won the cup final on penalties.', 'The cup final was played in Brennock.', "They won't play again."]);
    const hits = small.search('who won the cup final', 3);
    expect(hits[0]?.label).toBe(0);
    expect(hits[0]?.terms).toContain('won');
    expect(small.search("who won't", 3)).toEqual([]);
  });

  it('handles an empty corpus', () => {
    const empty = KeywordIndex.build([]);
    expect(empty.search('Yermak', 5)).toEqual([]);
    expect(KeywordIndex.decode(empty.encode()).size).toBe(0);
  });
});
