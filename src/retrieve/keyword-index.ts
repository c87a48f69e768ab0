import MiniSearch from 'minisearch';
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
  docId: string;
}

/**
 * On large corpora, query words in more than this share of passages are left out
 * of the keyword query when rarer ones remain: their BM25 weight is small, but
 * scoring every passage containing "Putin" dominated search time at 10k passages.
 * Small corpora keep every word (it costs nothing there and ranks slightly better).
 */
const COMMON_TERM_SHARE = 0.2;
const COMMON_TERM_MIN_PASSAGES = 5000;

/** BM25 keyword search over passages (MiniSearch), with fuzzy and prefix matching for names and typos. */
export class KeywordIndex {
  private readonly mini: MiniSearch<Doc>;
  /** Every indexed term and the number of passages containing it. */
  private readonly vocabulary = new SearchableMap<number>();
  private readonly size: number;

  constructor(passages: readonly Passage[]) {
    this.size = passages.length;
    this.mini = new MiniSearch<Doc>({
      fields: ['text'],
      storeFields: ['docId'],
      tokenize: (text) => words(text),
      processTerm: (term) => (STOPWORDS.has(term) ? null : term),
    });
    this.mini.addAll(passages.map((p, i) => ({ id: i, text: p.text, docId: p.docId })));
    for (const p of passages) for (const w of new Set(words(p.text))) this.vocabulary.set(w, (this.vocabulary.get(w) ?? 0) + 1);
  }

  /** Whether any passage has this word, allowing the same spelling slack as search ("Yermack"). */
  has(word: string): boolean {
    const w = word.toLowerCase();
    if (this.vocabulary.has(w)) return true;
    return w.length >= 5 && this.vocabulary.fuzzyGet(w, Math.round(w.length * 0.2)).size > 0;
  }

  search(query: string, limit: number, source?: string): KeywordHit[] {
    const terms = [...new Set(words(query).filter((t) => !STOPWORDS.has(t)))];
    const rare = this.size < COMMON_TERM_MIN_PASSAGES ? terms : terms.filter((t) => (this.vocabulary.get(t) ?? 0) <= this.size * COMMON_TERM_SHARE);
    const queryTerms = rare.length ? rare : terms;
    if (queryTerms.length === 0) return [];
    const results = this.mini.search(queryTerms.join(' '), {
      combineWith: 'OR',
      // Only words the corpus lacks need fuzzy matching ("Yermack" → "Yermak"); short ones stay exact.
      fuzzy: (term) => (term.length >= 5 && !this.vocabulary.has(term) ? 0.2 : false),
      // Prefixes catch plurals and endings ("election" → "elections").
      prefix: (term) => term.length >= 4,
      weights: { fuzzy: 0.6, prefix: 0.4 },
      ...(source && { filter: (r) => r.docId === source }),
    });
    return results.slice(0, limit).map((r) => ({ label: r.id as number, score: r.score, terms: r.terms }));
  }
}
