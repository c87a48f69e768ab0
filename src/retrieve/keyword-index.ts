import MiniSearch, { type Options } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Passage } from '../engine/types.js';
import { STOPWORDS, words } from './terms.js';

export interface KeywordHit {
  label: number;
  score: number;
  /** Passage terms that matched (after fuzzy/prefix expansion). */
  terms: string[];
}

interface Doc {
  id: number;
  text: string;
}

/** The keyword index as stored in the index folder (built once per re-index, loaded at start). */
export interface KeywordIndexData {
  minisearch: ReturnType<MiniSearch['toJSON']>;
  /** Every indexed word and the number of passages containing it. */
  vocabulary: [string, number][];
}

/**
 * On large corpora, query words in more than this share of passages are left out
 * of the keyword query when rarer ones remain: their BM25 weight is small, but
 * scoring every passage containing "Putin" dominated search time at 10k passages.
 * Small corpora keep every word (it costs nothing there and ranks slightly better).
 */
const COMMON_TERM_SHARE = 0.2;
const COMMON_TERM_MIN_PASSAGES = 5000;

const OPTIONS: Options<Doc> = {
  fields: ['text'],
  tokenize: (text) => words(text),
  processTerm: (term) => (STOPWORDS.has(term) ? null : term),
};

/** BM25 keyword search over passages (MiniSearch), with fuzzy and prefix matching for names and typos. */
export class KeywordIndex {
  private constructor(
    private readonly mini: MiniSearch<Doc>,
    private readonly vocabulary: SearchableMap<number>,
    private readonly passages: readonly Passage[],
  ) {}

  static build(passages: readonly Passage[]): KeywordIndex {
    const mini = new MiniSearch<Doc>(OPTIONS);
    mini.addAll(passages.map((p, i) => ({ id: i, text: p.text })));
    const vocabulary = new SearchableMap<number>();
    for (const p of passages) for (const w of new Set(words(p.text))) vocabulary.set(w, (vocabulary.get(w) ?? 0) + 1);
    return new KeywordIndex(mini, vocabulary, passages);
  }

  /** Restore a stored index (several times faster than re-tokenising every passage). */
  static fromJSON(data: KeywordIndexData, passages: readonly Passage[]): KeywordIndex {
    return new KeywordIndex(MiniSearch.loadJS(data.minisearch, OPTIONS), SearchableMap.from(data.vocabulary) as SearchableMap<number>, passages);
  }

  toJSON(): KeywordIndexData {
    return { minisearch: this.mini.toJSON(), vocabulary: [...this.vocabulary.entries()] };
  }

  /** Whether any passage has this word, allowing the same spelling slack as search ("Yermack"). */
  has(word: string): boolean {
    const w = word.toLowerCase();
    if (this.vocabulary.has(w)) return true;
    return w.length >= 5 && this.vocabulary.fuzzyGet(w, Math.round(w.length * 0.2)).size > 0;
  }

  search(query: string, limit: number, source?: string): KeywordHit[] {
    const terms = [...new Set(words(query).filter((t) => !STOPWORDS.has(t)))];
    const size = this.passages.length;
    const rare = size < COMMON_TERM_MIN_PASSAGES ? terms : terms.filter((t) => (this.vocabulary.get(t) ?? 0) <= size * COMMON_TERM_SHARE);
    const queryTerms = rare.length ? rare : terms;
    if (queryTerms.length === 0) return [];
    const results = this.mini.search(queryTerms.join(' '), {
      combineWith: 'OR',
      // Only words the corpus lacks need fuzzy matching ("Yermack" → "Yermak"); short ones stay exact.
      fuzzy: (term) => (term.length >= 5 && !this.vocabulary.has(term) ? 0.2 : false),
      // Prefixes catch plurals and endings ("election" → "elections").
      prefix: (term) => term.length >= 4,
      weights: { fuzzy: 0.6, prefix: 0.4 },
      ...(source && { filter: (r) => this.passages[r.id as number]?.docId === source }),
    });
    return results.slice(0, limit).map((r) => ({ label: r.id as number, score: r.score, terms: r.terms }));
  }
}
