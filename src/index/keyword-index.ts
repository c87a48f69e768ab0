import SearchableMap from 'minisearch/SearchableMap';
import { binaryFileError, decodeBinaryFile, encodeBinaryFile, section } from '../storage/binary-file.js';
import { stem, STOPWORDS, words } from '../text/terms.js';

export interface KeywordHit {
  label: number;
  score: number;
  /** Passage terms that matched (after fuzzy/prefix expansion). */
  terms: string[];
  /**
   * How often the passage has each of `terms`, where the search computed it anyway (postgres BM25);
   * the files backend answers the same from its postings (PassageBatch.termFrequency).
   */
  frequencies?: ReadonlyMap<string, number>;
}

/**
 * On large corpora, query words in more than this share of passages are left out
 * of the keyword query when rarer ones remain: their BM25 weight is small, and
 * scoring every passage containing "Putin" dominated search time at 10k passages.
 * Small corpora keep every word (it costs nothing there and ranks slightly better).
 */
export const COMMON_TERM_SHARE = 0.2;
export const COMMON_TERM_MIN_PASSAGES = 5000;

// MiniSearch's BM25+ parameters and its fuzzy/prefix weighting, with our weights.
// (The postgres backend scores with the same constants: src/index/postgres/pg-sql.ts.)
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
export const WEIGHTS = { fuzzy: 0.6, prefix: 0.4 };
export const MAX_FUZZY = 6;

/** Largest edit distance for a near spelling of `word` in search (0: none; a word the corpus has is never fuzzy-matched). */
export const searchFuzziness = (word: string) => (word.length >= 5 ? Math.min(MAX_FUZZY, Math.round(word.length * 0.2)) : 0);
/** Largest edit distance for spelling correction (`correct`): one edit for short words, a fifth of the letters for longer ones. */
export const correctionFuzziness = (word: string) => (word.length < 4 || /\d/.test(word) ? 0 : Math.min(MAX_FUZZY, Math.max(1, Math.round(word.length * 0.2))));

/** A passage's keyword terms and how often each occurs (stop words left out), and its field length (distinct words). */
export function passageTerms(text: string): { freq: Map<string, number>; fieldLength: number } {
  const tokens = words(text);
  const freq = new Map<string, number>();
  for (const t of tokens) if (!STOPWORDS.has(t)) freq.set(t, (freq.get(t) ?? 0) + 1);
  return { freq, fieldLength: new Set(tokens).size };
}

interface StoredMeta {
  terms: string[];
  avgFieldLength: number;
}

/**
 * BM25 keyword search over passages, scored exactly as MiniSearch scores it (the
 * tests check this against MiniSearch itself), with its fuzzy and prefix matching
 * for names and typos ("Yermack"). The term dictionary is MiniSearch's radix tree;
 * the postings are typed arrays rather than MiniSearch's map per term, because at
 * 100k passages those maps alone held ~300 MB of heap, this ~20 MB.
 */
export class KeywordIndex {
  /** Per-passage score accumulators of `search`, reused (one search at a time: it is synchronous). */
  private scratch: { score: Float64Array; matchedWords: Uint16Array; lastWord: Int32Array } | undefined;

  private constructor(
    /** Term id → term. */
    private readonly terms: readonly string[],
    /** Term → term id: exact, prefix and fuzzy lookups. */
    private readonly dictionary: SearchableMap<number>,
    /** Term id → its first posting; one extra entry holds the posting count. */
    private readonly postingStart: Uint32Array,
    /** Passage labels, ascending within each term. */
    private readonly postingLabel: Uint32Array,
    /** How often the term occurs in that passage. */
    private readonly postingFreq: Uint16Array,
    /** Label → distinct words in the passage (MiniSearch's field length). */
    private readonly fieldLength: Uint16Array,
    private readonly avgFieldLength: number,
    /** Term id → 1 when the articles write it capitalised inside sentences: a name ("Yermak", "CSTO"). */
    private readonly nameFlags: Uint8Array,
  ) {}

  /** Index passage texts; text i gets label i. */
  static build(texts: readonly string[]): KeywordIndex {
    const postings = new Map<string, { labels: number[]; freqs: number[] }>();
    const fieldLength = new Uint16Array(texts.length);
    let total = 0;
    texts.forEach((text, label) => {
      const { freq, fieldLength: length } = passageTerms(text);
      fieldLength[label] = Math.min(length, 0xffff);
      total += length;
      for (const [term, f] of freq) {
        let p = postings.get(term);
        if (!p) postings.set(term, (p = { labels: [], freqs: [] }));
        p.labels.push(label);
        p.freqs.push(Math.min(f, 0xffff));
      }
    });
    const terms = [...postings.keys()];
    const names = nameTerms(texts);
    const nameFlags = Uint8Array.from(terms, (t) => (names.has(t) ? 1 : 0));
    const postingStart = new Uint32Array(terms.length + 1);
    terms.forEach((t, i) => (postingStart[i + 1] = postingStart[i]! + postings.get(t)!.labels.length));
    const postingLabel = new Uint32Array(postingStart[terms.length]!);
    const postingFreq = new Uint16Array(postingLabel.length);
    terms.forEach((t, i) => {
      const p = postings.get(t)!;
      postingLabel.set(p.labels, postingStart[i]!);
      postingFreq.set(p.freqs, postingStart[i]!);
    });
    return new KeywordIndex(
      terms,
      dictionaryOf(terms),
      postingStart,
      postingLabel,
      postingFreq,
      fieldLength,
      texts.length ? total / texts.length : 0,
      nameFlags,
    );
  }

  encode(): Buffer {
    return encodeBinaryFile<StoredMeta>(
      { terms: [...this.terms], avgFieldLength: this.avgFieldLength },
      {
        postingStart: this.postingStart,
        postingLabel: this.postingLabel,
        postingFreq: this.postingFreq,
        fieldLength: this.fieldLength,
        nameFlags: this.nameFlags,
      },
    );
  }

  /** Read a stored index; throws binaryFileError (INDEX_CORRUPT) when the file is not a consistent one. */
  static decode(buf: Buffer): KeywordIndex {
    const { meta, sections } = decodeBinaryFile<StoredMeta>(buf);
    if (!Array.isArray(meta?.terms) || typeof meta.avgFieldLength !== 'number') throw binaryFileError('keyword file has no term list');
    const postingStart = section(sections, 'postingStart', Uint32Array);
    const postingLabel = section(sections, 'postingLabel', Uint32Array);
    const postingFreq = section(sections, 'postingFreq', Uint16Array);
    const fieldLength = section(sections, 'fieldLength', Uint16Array);
    const nameFlags = section(sections, 'nameFlags', Uint8Array);
    if (
      postingStart.length !== meta.terms.length + 1 ||
      postingStart[meta.terms.length] !== postingLabel.length ||
      postingFreq.length !== postingLabel.length ||
      nameFlags.length !== meta.terms.length
    ) {
      throw binaryFileError('keyword file sections disagree in length');
    }
    return new KeywordIndex(meta.terms, dictionaryOf(meta.terms), postingStart, postingLabel, postingFreq, fieldLength, meta.avgFieldLength, nameFlags);
  }

  /** Every term with its document frequency and whether it is a name (the database backend stores these). */
  *termStats(): Generator<{ term: string; df: number; isName: boolean }> {
    for (let id = 0; id < this.terms.length; id++)
      yield { term: this.terms[id]!, df: this.postingStart[id + 1]! - this.postingStart[id]!, isName: this.nameFlags[id] === 1 };
  }

  /** Mean number of distinct words per passage (BM25's length normalisation). */
  get averageFieldLength(): number {
    return this.avgFieldLength;
  }

  /** Number of passages indexed. */
  get size(): number {
    return this.fieldLength.length;
  }

  /** Passages containing the word (a stop word never counts). */
  documentFrequency(term: string): number {
    const id = this.dictionary.get(term);
    return id === undefined ? 0 : this.postingStart[id + 1]! - this.postingStart[id]!;
  }

  /**
   * Passages containing the word or a form of it ("leaked" → "leaks", "attending" → "attended"):
   * the largest document frequency among corpus words with the same stem.
   */
  formFrequency(word: string): number {
    const exact = this.documentFrequency(word);
    if (exact > 0) return exact;
    const root = stem(word);
    if (root.length < 4) return 0;
    let best = 0;
    for (const [term, id] of this.dictionary.atPrefix(root.slice(0, Math.max(4, root.length - 1)))) {
      if (stem(term) !== root) continue;
      best = Math.max(best, this.postingStart[id + 1]! - this.postingStart[id]!);
    }
    return best;
  }

  /** Whether the articles write this word capitalised inside sentences (a name). */
  isName(term: string): boolean {
    const id = this.dictionary.get(term);
    return id !== undefined && this.nameFlags[id] === 1;
  }

  /**
   * The corpus word a word the corpus lacks most likely stands for: the most frequent one within
   * the same spelling slack as search ("yermack" → "yermak", "zelensky" → "zelenskyy").
   */
  correct(word: string): string | undefined {
    const maxDistance = correctionFuzziness(word);
    if (!maxDistance || this.dictionary.has(word)) return undefined;
    let best: { term: string; distance: number; df: number } | undefined;
    // One edit for short words ("putn" → "putin"), a fifth of the letters for longer ones.
    for (const [term, [id, distance]] of this.dictionary.fuzzyGet(word, maxDistance)) {
      // Two edits or more that change the first letter make another word ("username" → "surname"),
      // not a slip of the keys ("medinksy" → "medinsky", "hosptial" → "hospital").
      if (distance >= 2 && term[0] !== word[0]) continue;
      const df = this.postingStart[id + 1]! - this.postingStart[id]!;
      if (!best || distance < best.distance || (distance === best.distance && df > best.df)) best = { term, distance, df };
    }
    return best?.term;
  }

  /** Whether any passage has this word, allowing the same spelling slack as search ("Yermack"). */
  has(word: string): boolean {
    const w = word.toLowerCase();
    if (this.dictionary.has(w)) return true;
    return w.length >= 5 && this.dictionary.fuzzyGet(w, Math.round(w.length * 0.2)).size > 0;
  }

  /**
   * Index terms a query word matches, with their weights, in MiniSearch's order:
   * the word itself, then longer words it begins ("election" → "elections"), then
   * near spellings for a word the corpus lacks ("yermack" → "yermak").
   */
  private expand(word: string): { id: number; weight: number }[] {
    const out: { id: number; weight: number }[] = [];
    const exact = this.dictionary.get(word);
    if (exact !== undefined) out.push({ id: exact, weight: 1 });
    const prefixed = new Set<string>();
    if (word.length >= 4) {
      for (const [term, id] of this.dictionary.atPrefix(word)) {
        const distance = term.length - word.length;
        if (!distance) continue;
        prefixed.add(term);
        out.push({ id, weight: (WEIGHTS.prefix * term.length) / (term.length + 0.3 * distance) });
      }
    }
    if (exact === undefined) {
      const maxDistance = searchFuzziness(word);
      if (maxDistance) {
        for (const [term, [id, distance]] of this.dictionary.fuzzyGet(word, maxDistance)) {
          if (!distance || prefixed.has(term)) continue;
          out.push({ id, weight: (WEIGHTS.fuzzy * term.length) / (term.length + distance) });
        }
      }
    }
    return out;
  }

  /** The best `limit` passages for the query's words (OR), optionally only labels `filter` accepts. */
  search(query: string, limit: number, filter?: (label: number) => boolean): KeywordHit[] {
    const all = [...new Set(words(query).filter((t) => !STOPWORDS.has(t)))];
    const n = this.size;
    const rare = n < COMMON_TERM_MIN_PASSAGES ? all : all.filter((t) => this.documentFrequency(t) <= n * COMMON_TERM_SHARE);
    const queryWords = rare.length ? rare : all;
    if (queryWords.length === 0 || n === 0) return [];

    // Per-passage accumulators, kept between searches (allocating and clearing n entries each time
    // cost more than the scoring at 10k passages); only the entries a search touched are reset.
    const { score, matchedWords, lastWord } = (this.scratch ??= {
      score: new Float64Array(n),
      matchedWords: new Uint16Array(n),
      lastWord: new Int32Array(n).fill(-1),
    });
    // MiniSearch multiplies a passage's score by how many query words it matched (`matchedWords`).
    const seen: number[] = []; // labels in first-match order: ties keep it, as in MiniSearch
    const expansions = queryWords.map((w) => this.expand(w));
    const { k, b, d } = BM25;
    expansions.forEach((terms, q) => {
      for (const { id, weight } of terms) {
        const from = this.postingStart[id]!;
        const to = this.postingStart[id + 1]!;
        const df = to - from;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        for (let i = from; i < to; i++) {
          const label = this.postingLabel[i]!;
          const tf = this.postingFreq[i]!;
          const norm = 1 - b + (b * this.fieldLength[label]!) / this.avgFieldLength;
          score[label] = score[label]! + weight * idf * (d + (tf * (k + 1)) / (tf + k * norm));
          if (lastWord[label] !== q) {
            if (lastWord[label] === -1) seen.push(label);
            lastWord[label] = q;
            matchedWords[label] = matchedWords[label]! + 1;
          }
        }
      }
    });
    const ranked = topByScore(filter ? seen.filter(filter) : seen, (label) => score[label]! * matchedWords[label]!, limit);
    for (const label of seen) {
      score[label] = 0;
      matchedWords[label] = 0;
      lastWord[label] = -1;
    }
    return ranked.map(({ label, score }) => ({ label, score, terms: this.matchedTerms(label, expansions) }));
  }

  /** Ids of the index terms a query word matches (itself, longer forms, near spellings). */
  termIds(word: string): number[] {
    return this.expand(word).map((e) => e.id);
  }

  /** Whether passage `label` has any of the terms `ids`. */
  hasAny(ids: readonly number[], label: number): boolean {
    return ids.some((id) => this.contains(id, label));
  }

  /** How often passage `label` has the index term (0 when it has not, or no passage has it). */
  termFrequency(term: string, label: number): number {
    const id = this.dictionary.get(term);
    if (id === undefined) return 0;
    const i = this.postingOf(id, label);
    return i < 0 ? 0 : this.postingFreq[i]!;
  }

  /** The index terms of `expansions` that occur in passage `label`. */
  private matchedTerms(label: number, expansions: { id: number }[][]): string[] {
    const out = new Set<string>();
    for (const terms of expansions) for (const { id } of terms) if (this.contains(id, label)) out.add(this.terms[id]!);
    return [...out];
  }

  private contains(id: number, label: number): boolean {
    return this.postingOf(id, label) >= 0;
  }

  /** The posting of term `id` in passage `label`, or -1. */
  private postingOf(id: number, label: number): number {
    let lo = this.postingStart[id]!;
    let hi = this.postingStart[id + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.postingLabel[mid]!;
      if (v === label) return mid;
      if (v < label) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/**
 * Words the texts write capitalised where a sentence does not begin (after a word or a comma,
 * not after ". " or an opening quote) at least 70% of the time: names, places, acronyms. Words
 * seen only at sentence starts are not counted as names.
 */
function nameTerms(texts: readonly string[]): Set<string> {
  const counts = new Map<string, { mid: number; upper: number }>();
  for (const text of texts) {
    for (const m of text.normalize('NFKC').matchAll(/[\p{L}\p{N}]+(?:[’'.][\p{L}\p{N}]+)*/gu)) {
      const before = text.slice(Math.max(0, m.index - 3), m.index).trimEnd();
      if (before === '' || /[.!?:;“"‘(\n—–-]$/.test(before)) continue;
      const term = words(m[0])[0];
      if (!term || STOPWORDS.has(term)) continue;
      const c = counts.get(term) ?? { mid: 0, upper: 0 };
      c.mid++;
      if (/^\p{Lu}/u.test(m[0])) c.upper++;
      counts.set(term, c);
    }
  }
  return new Set([...counts].filter(([, c]) => c.upper / c.mid >= 0.7).map(([t]) => t));
}

/**
 * The `limit` best labels by score, best first, ties in their order in `labels`: the same as a
 * stable sort of all of them cut to `limit`, without sorting them all (a common word matches
 * thousands of passages). A min-heap of the `limit` best scores gives the cut-off score.
 */
function topByScore(labels: readonly number[], scoreOf: (label: number) => number, limit: number): { label: number; score: number }[] {
  const scores = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) scores[i] = scoreOf(labels[i]!);
  let keep: number[];
  if (labels.length <= limit) keep = labels.map((_, i) => i);
  else {
    const heap = new Float64Array(limit);
    let size = 0;
    for (const s of scores) {
      if (size < limit) {
        let i = size++;
        while (i > 0 && heap[(i - 1) >> 1]! > s) {
          heap[i] = heap[(i - 1) >> 1]!;
          i = (i - 1) >> 1;
        }
        heap[i] = s;
      } else if (s > heap[0]!) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= limit) break;
          const c = l + 1 < limit && heap[l + 1]! < heap[l]! ? l + 1 : l;
          if (heap[c]! >= s) break;
          heap[i] = heap[c]!;
          i = c;
        }
        heap[i] = s;
      }
    }
    const cut = heap[0]!;
    // Everything above the cut-off, and as many at it as fit, the first ones first (stable order).
    let atCut = limit;
    for (const s of scores) if (s > cut) atCut--;
    keep = [];
    for (let i = 0; i < scores.length; i++) if (scores[i]! > cut || (scores[i] === cut && atCut-- > 0)) keep.push(i);
  }
  return keep.map((i) => ({ label: labels[i]!, score: scores[i]! })).sort((x, y) => y.score - x.score);
}

function dictionaryOf(terms: readonly string[]): SearchableMap<number> {
  const map = new SearchableMap<number>();
  terms.forEach((t, i) => map.set(t, i));
  return map;
}
