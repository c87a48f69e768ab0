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

/** BM25 keyword search over passages (MiniSearch), with fuzzy and prefix matching for names and typos. */
export class KeywordIndex {
  private readonly mini: MiniSearch<Doc>;
  /** Every indexed term, for cheap "does the corpus mention X" checks. */
  private readonly vocabulary = new SearchableMap<true>();

  constructor(passages: readonly Passage[]) {
    this.mini = new MiniSearch<Doc>({
      fields: ['text'],
      storeFields: ['docId'],
      tokenize: (text) => words(text),
      processTerm: (term) => (STOPWORDS.has(term) ? null : term),
      searchOptions: {
        combineWith: 'OR',
        // "Yermack" still finds "Yermak"; very short words stay exact to avoid noise.
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        prefix: (term) => term.length >= 4,
        weights: { fuzzy: 0.6, prefix: 0.4 },
      },
    });
    this.mini.addAll(passages.map((p, i) => ({ id: i, text: p.text, docId: p.docId })));
    for (const p of passages) for (const w of words(p.text)) this.vocabulary.set(w, true);
  }

  /** Whether any passage has this word, allowing the same spelling slack as search ("Yermack"). */
  has(word: string): boolean {
    const w = word.toLowerCase();
    if (this.vocabulary.has(w)) return true;
    return w.length >= 5 && this.vocabulary.fuzzyGet(w, Math.round(w.length * 0.2)).size > 0;
  }

  search(query: string, limit: number, source?: string): KeywordHit[] {
    const results = this.mini.search(query, source ? { filter: (r) => r.docId === source } : undefined);
    return results.slice(0, limit).map((r) => ({ label: r.id as number, score: r.score, terms: r.terms }));
  }
}
