import type { Embedder } from '../embed/embedder.js';
import { EngineError } from '../engine/errors.js';
import type { DocumentMeta, Passage, ScoredPassage } from '../engine/types.js';
import type { StoredIndex } from '../index/index-store.js';
import type { PassageStore } from '../index/passage-store.js';
import { SentenceFlag, type SentenceStore } from '../index/sentence-store.js';
import type { VectorHit } from '../index/vector-index.js';
import { shapeFor } from '../answer/answer-types.js';
import type { QuestionAnalysis } from '../answer/question.js';
import { bodyTerms } from './body-terms.js';
import { fuseRanks } from './fuse-ranks.js';
import { KeywordIndex, type KeywordHit } from './keyword-index.js';
import { defaultRetrievalTuning, PASSAGE_FEATURES, type PassageFeatures, type RetrievalTuning } from './tuning.js';

const HEADING = SentenceFlag.title | SentenceFlag.headline;

/**
 * The words keyword search looks for: the question's content words as the corpus spells them
 * ("yermack" → "yermak"), without chat filler and question scaffolding ("anyone know", "basically"),
 * which only add noise to BM25. The raw question when it has none.
 */
function keywordQuery(query: string, analysis?: QuestionAnalysis): string {
  const words = analysis?.terms.map((t) => t.word) ?? [];
  return words.length ? words.join(' ') : query;
}

export interface RetrieveOptions {
  source?: string;
  /** Only these articles (an outlet or date filter); combines with `source`. */
  documents?: ReadonlySet<string>;
  /** Passages to return. */
  limit?: number;
  tuning?: RetrievalTuning;
  /** The question's analysis (answer type, terms): `hybrid` prefers passages that can answer it. */
  analysis?: QuestionAnalysis;
}

/** One candidate passage of `hybrid` retrieval and what it was scored on. */
export interface PassageCandidate {
  label: number;
  features: PassageFeatures;
  score: number;
}

/** Milliseconds spent in each retrieval stage (for the benchmark). */
export interface RetrievalTimings {
  embed: number;
  dense: number;
  keyword: number;
  fuse: number;
}

export interface Retrieval {
  passages: ScoredPassage[];
  /** Index label of each passage (for its sentences). */
  labels: number[];
  /** The question's embedding. */
  queryVector: Float32Array;
  timings: RetrievalTimings;
}

/**
 * Dense (HNSW) plus keyword (BM25) retrieval. In `hybrid` mode the candidates of both lists are
 * re-scored together: the passage's cosine similarity, its best sentence's (so one sentence that
 * answers counts more than a passage that is about the topic), and the BM25 score, whose weight
 * grows with the rarity of the words it matched.
 */
export class HybridRetriever {
  readonly keyword: KeywordIndex;
  readonly sentences: SentenceStore;
  private readonly store: PassageStore;

  constructor(
    readonly index: StoredIndex,
    private readonly embedder: Embedder,
  ) {
    this.keyword = index.keyword;
    this.store = index.passages;
    this.sentences = index.sentences;
  }

  get documents(): readonly DocumentMeta[] {
    return this.store.documents;
  }

  passagesOf(docId: string): number {
    return this.store.range(docId)?.count ?? 0;
  }

  /** One article's passages, in order. */
  passagesOfDocument(docId: string): Passage[] {
    return this.store.passagesOf(docId);
  }

  /**
   * Add the passage that follows each of the first `top` passages in its article
   * (a quote often sits in the paragraph after its attribution). Added passages
   * rank after the retrieved ones and carry their predecessor's similarity.
   */
  withFollowing(retrieval: Pick<Retrieval, 'passages' | 'labels'>, top = 3): Pick<Retrieval, 'passages' | 'labels'> {
    const passages = [...retrieval.passages];
    const labels = [...retrieval.labels];
    const have = new Set(labels);
    retrieval.labels.slice(0, top).forEach((label, i) => {
      const p = retrieval.passages[i]!;
      if (label + 1 >= this.store.size || this.store.docIdOf(label + 1) !== p.docId || have.has(label + 1)) return;
      have.add(label + 1);
      passages.push({ ...this.store.get(label + 1), doc: p.doc, score: 0, similarity: p.similarity });
      labels.push(label + 1);
    });
    return { passages, labels };
  }

  async retrieve(query: string, options: RetrieveOptions = {}): Promise<Retrieval> {
    const { source, limit = 5, tuning = defaultRetrievalTuning } = options;
    const { candidates } = tuning;
    const range = source === undefined ? undefined : this.store.range(source);
    if (source !== undefined && !range) {
      throw new EngineError('UNKNOWN_SOURCE', `There is no article "${source}" in the index. Use /sources to see the article ids.`);
    }
    // A document's passages have consecutive labels, so restricting to one source is a range check,
    // and to a set of articles a search among their sorted ranges.
    const inSource = range && ((label: number) => label >= range.first && label < range.first + range.count);
    const allowed = options.documents && this.labelFilter(options.documents);
    const filter = inSource && allowed ? (label: number) => inSource(label) && allowed.test(label) : (inSource ?? allowed?.test);
    const eligible = allowed ? Math.min(allowed.count, range?.count ?? Infinity) : range?.count;
    let t = performance.now();
    const embedding = this.embedder.embedQuery(query, tuning.queryInstruction);
    // The model runs on ONNX Runtime's own threads: once it has started (after this turn of the
    // event loop), keyword search runs meanwhile instead of after it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const kt = performance.now();
    const keyword = tuning.mode === 'dense' ? [] : this.keyword.search(keywordQuery(query, options.analysis), candidates, filter);
    const keywordMs = performance.now() - kt;
    const queryVector = await embedding;
    const timings: RetrievalTimings = { embed: performance.now() - t - keywordMs, dense: 0, keyword: keywordMs, fuse: 0 };

    t = performance.now();
    const dense = tuning.mode === 'keyword' ? [] : this.index.vectors.search(queryVector, candidates, filter, eligible);
    timings.dense = performance.now() - t;

    t = performance.now();
    const similarity = new Map(dense.map((h) => [h.label, h.similarity]));
    const sim = (label: number) => similarity.get(label) ?? this.sentences.passageSimilarity(label, queryVector);
    let ranked: { label: number; score: number }[];
    if (tuning.mode === 'hybrid') {
      ranked = this.scoreCandidates(query, queryVector, dense, keyword, tuning, options.analysis);
    } else {
      const lists = { dense: [dense.map((h) => h.label)], keyword: [keyword.map((h) => h.label)], rrf: [dense.map((h) => h.label), keyword.map((h) => h.label)] };
      ranked = fuseRanks(lists[tuning.mode], tuning.rrfK);
    }
    const ranks = { dense: new Map(dense.map((h, i) => [h.label, i + 1])), keyword: new Map(keyword.map((h, i) => [h.label, i + 1])) };
    const top = ranked.slice(0, limit);
    const passages: ScoredPassage[] = top.map(({ label, score }) => {
      const p = this.store.get(label);
      return { ...p, doc: this.store.document(p.docId)!, score, similarity: sim(label), denseRank: ranks.dense.get(label), keywordRank: ranks.keyword.get(label) };
    });
    timings.fuse = performance.now() - t;
    return { passages, labels: top.map((x) => x.label), queryVector, timings };
  }

  /** A label test for a set of articles (binary search over their sorted passage ranges) and how many labels pass. */
  private labelFilter(documents: ReadonlySet<string>): { test: (label: number) => boolean; count: number } {
    const ranges = [...documents]
      .map((id) => this.store.range(id))
      .filter((r): r is NonNullable<typeof r> => Boolean(r && r.count))
      .sort((a, b) => a.first - b.first);
    const test = (label: number) => {
      let lo = 0;
      let hi = ranges.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const r = ranges[mid]!;
        if (label < r.first) hi = mid - 1;
        else if (label >= r.first + r.count) lo = mid + 1;
        else return true;
      }
      return false;
    };
    return { test, count: ranges.reduce((n, r) => n + r.count, 0) };
  }

  /** Every candidate of the hybrid second stage with its features, best first (for fitting weights). */
  async explain(query: string, analysis: QuestionAnalysis, tuning: RetrievalTuning = defaultRetrievalTuning): Promise<(PassageCandidate & { passage: ScoredPassage })[]> {
    const queryVector = await this.embedder.embedQuery(query, tuning.queryInstruction);
    const keyword = this.keyword.search(keywordQuery(query, analysis), tuning.candidates);
    const dense = this.index.vectors.search(queryVector, tuning.candidates);
    return this.scoreCandidates(query, queryVector, dense, keyword, tuning, analysis).map((c) => {
      const p = this.store.get(c.label);
      return { ...c, passage: { ...p, doc: this.store.document(p.docId)!, score: c.score } };
    });
  }

  /**
   * The second stage: every passage of either list scored on its features (src/retrieve/tuning.ts
   * documents them) by the tuning's weights, best first.
   */
  scoreCandidates(
    query: string,
    queryVector: Float32Array,
    dense: readonly VectorHit[],
    keyword: readonly KeywordHit[],
    tuning: RetrievalTuning,
    analysis?: QuestionAnalysis,
  ): PassageCandidate[] {
    // Cosines on the model's own scale (ModelProfile.similarity), so the weights fit every model.
    const { low, high } = this.embedder.profile.similarity;
    const scaled = (cos: number) => (cos - low) / (high - low);
    const similarity = new Map(dense.map((h) => [h.label, h.similarity]));
    const best = keyword[0]?.score ?? 0;
    const kw = new Map(keyword.map((h) => [h.label, h]));
    const rarity = this.rarity(query);
    const shape = analysis ? shapeFor(analysis.answerType) : 0;
    const known = (analysis?.terms ?? []).filter((t) => !t.unknown).map((t) => ({ t, ids: this.keyword.termIds(t.word) }));
    const totalIdf = known.reduce((n, k) => n + k.t.idf, 0) || 1;
    const names = known.filter((k) => k.t.name);
    const labels = [...new Set([...dense.map((h) => h.label), ...keyword.map((h) => h.label)])];
    // Which candidate has which question word; a word most candidates share (the story's topic)
    // tells them apart less than one few have (the asked detail): `localCoverage`.
    const has = labels.map((label) => known.map((k) => this.keyword.hasAny(k.ids, label)));
    const localIdf = known.map((_, j) => {
      const df = has.filter((h) => h[j]).length;
      return Math.log(1 + (labels.length - df + 0.5) / (df + 0.5));
    });
    const localTotal = localIdf.reduce((a, b) => a + b, 0) || 1;
    const out: PassageCandidate[] = [];
    for (const [li, label] of labels.entries()) {
      const sims = this.sentences.similarities(label, queryVector);
      const spans = this.sentences.spansOf(label);
      let sentence = -Infinity;
      let heading = -Infinity;
      let answer = -Infinity;
      spans.forEach((sp, i) => {
        const s = sims[i]!;
        if (sp.flags & HEADING) heading = Math.max(heading, s);
        else {
          sentence = Math.max(sentence, s);
          if (!shape || sp.flags & shape) answer = Math.max(answer, s);
        }
      });
      if (sentence === -Infinity) sentence = heading;
      const hit = kw.get(label);
      const keywordScore = hit && best > 0 ? (hit.score / best) * this.bodyShare(label, hit.terms, tuning.headingKeywordFactor) : 0;
      const features: PassageFeatures = {
        dense: scaled(similarity.get(label) ?? this.sentences.passageSimilarity(label, queryVector)),
        sentence: scaled(sentence),
        heading: heading === -Infinity ? 0 : scaled(heading),
        answerSentence: answer === -Infinity ? 0 : scaled(answer),
        keyword: keywordScore,
        rareKeyword: keywordScore * rarity,
        coverage: known.reduce((n, k, j) => n + (has[li]![j] ? k.t.idf : 0), 0) / totalIdf,
        localCoverage: known.reduce((n, _, j) => n + (has[li]![j] ? localIdf[j]! : 0), 0) / localTotal,
        names: names.length ? names.filter((k) => this.keyword.hasAny(k.ids, label)).length / names.length : 1,
      };
      let score = 0;
      for (const k of PASSAGE_FEATURES) score += tuning.weights[k] * features[k];
      out.push({ label, features, score });
    }
    return out.sort((a, b) => b.score - a.score || a.label - b.label);
  }

  /** 1, or `factor` for a passage whose matched words are all in its title or headline, in between by share. */
  private bodyShare(label: number, terms: readonly string[], factor: number): number {
    if (factor === 1 || terms.length === 0) return 1;
    const spans = this.sentences.spansOf(label);
    if (!spans.some((s) => s.flags & HEADING)) return 1;
    const text = this.store.get(label).text;
    const body = bodyTerms(text, spans, (s) => (s.flags & HEADING) !== 0, terms, (t) => this.keyword.termFrequency(t, label));
    const share = terms.filter((t) => body.has(t)).length / terms.length;
    return factor + (1 - factor) * share;
  }

  /** How rare the query's rarest corpus word is: its IDF over the largest possible IDF (0–1). */
  private rarity(query: string): number {
    const n = this.keyword.size;
    if (n < 2) return 0;
    let minDf = Infinity;
    for (const w of new Set(query.toLowerCase().match(/[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*/gu) ?? [])) {
      const df = this.keyword.documentFrequency(w);
      if (df > 0) minDf = Math.min(minDf, df);
    }
    if (minDf === Infinity) return 0;
    const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return idf(minDf) / idf(1);
  }
}
