import type { Embedder } from '../embed/embedder.js';
import { unknownArticleError } from '../errors.js';
import type { ArticleMeta, ScoredPassage } from '../types.js';
import type { CorpusWords, IndexSnapshot, PassageBatch, SearchScope } from '../index/index-backend.js';
import { SentenceFlag } from '../index/sentence-store.js';
import type { VectorHit } from '../index/vector-index.js';
import { shapeFor } from '../answer/answer-types.js';
import type { QuestionAnalysis } from '../answer/question.js';
import { bodyTerms } from './body-terms.js';
import { fuseRanks } from './fuse-ranks.js';
import type { KeywordHit } from '../index/keyword-index.js';
import { words } from '../text/terms.js';
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
  article?: string;
  /** Only these articles (an outlet or date filter); combines with `article`. */
  articleIds?: ReadonlySet<string>;
  /** Passages to return. */
  limit?: number;
  tuning?: RetrievalTuning;
  /** The question's analysis (answer type, terms): `hybrid` prefers passages that can answer it. */
  analysis?: QuestionAnalysis;
  /** The question's words as the index knows them (looked up when not given). */
  words?: CorpusWords;
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
  /** Text, sentences and vectors of (at least) these passages, as read for this question. */
  batch: PassageBatch;
  /** The question's embedding. */
  queryVector: Float32Array;
  timings: RetrievalTimings;
}

/** The words of a query whose rarity the second stage weighs (see `rarity`). */
export function rarityWords(query: string): string[] {
  return [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*/gu) ?? [])];
}

/** One batch over two: passages of `b` that `a` lacks (the passages following the top ones). */
function joinBatches(a: PassageBatch, b: PassageBatch, inB: ReadonlySet<number>): PassageBatch {
  const pick = (label: number) => (inB.has(label) ? b : a);
  return {
    dims: a.dims,
    passage: (l) => pick(l).passage(l),
    similarity: (l) => pick(l).similarity(l),
    hasWord: (i, l) => pick(l).hasWord(i, l),
    spansOf: (l) => pick(l).spansOf(l),
    similarities: (l, q) => pick(l).similarities(l, q),
    vectorsOf: (l) => pick(l).vectorsOf(l),
  };
}

/**
 * Dense (HNSW) plus keyword (BM25) retrieval. In `hybrid` mode the candidates of both lists are
 * re-scored together: the passage's cosine similarity, its best sentence's (so one sentence that
 * answers counts more than a passage that is about the topic), and the BM25 score, whose weight
 * grows with the rarity of the words it matched. Everything is read from one snapshot of the
 * index (files or database, see src/index/index-backend.ts), in a few batched calls.
 */
export class HybridRetriever {
  private readonly articlesById: Map<string, ArticleMeta>;

  constructor(
    readonly index: IndexSnapshot,
    private readonly embedder: Embedder,
  ) {
    this.articlesById = new Map(index.articles.map((d) => [d.id, d]));
  }

  get articles(): readonly ArticleMeta[] {
    return this.index.articles;
  }

  passageCount(articleId: string): number {
    return this.index.range(articleId)?.count ?? 0;
  }

  article(articleId: string): ArticleMeta | undefined {
    return this.articlesById.get(articleId);
  }

  /** The article of passage `label` (its label range holds it). */
  private articleIdOf(label: number, near: string): string | undefined {
    const r = this.index.range(near);
    return r && label >= r.first && label < r.first + r.count ? near : undefined;
  }

  /**
   * Add the passage that follows each of the first `top` passages in its article
   * (a quote often sits in the paragraph after its attribution). Added passages
   * rank after the retrieved ones and carry their predecessor's similarity.
   */
  async withFollowing(
    retrieval: Pick<Retrieval, 'passages' | 'labels' | 'batch' | 'queryVector'>,
    top = 3,
  ): Promise<Pick<Retrieval, 'passages' | 'labels' | 'batch'>> {
    const passages = [...retrieval.passages];
    const labels = [...retrieval.labels];
    const have = new Set(labels);
    const next: { label: number; from: ScoredPassage }[] = [];
    retrieval.labels.slice(0, top).forEach((label, i) => {
      const p = retrieval.passages[i]!;
      if (this.articleIdOf(label + 1, p.articleId) === undefined || have.has(label + 1)) return;
      have.add(label + 1);
      next.push({ label: label + 1, from: p });
    });
    if (!next.length) return { passages, labels, batch: retrieval.batch };
    const added = new Set(next.map((n) => n.label));
    const batch = joinBatches(retrieval.batch, await this.index.fetch([...added], retrieval.queryVector), added);
    for (const { label, from } of next) {
      passages.push({ ...batch.passage(label), article: from.article, score: 0, similarity: from.similarity });
      labels.push(label);
    }
    return { passages, labels, batch };
  }

  /** The articles a search may draw from: one article, a set of them (filters), or both; undefined for all. */
  private scope(article: string | undefined, articleIds: ReadonlySet<string> | undefined): SearchScope | undefined {
    if (article !== undefined && !this.index.range(article)) {
      throw unknownArticleError(article);
    }
    if (article === undefined && !articleIds) return undefined;
    const ids = article !== undefined ? [article].filter((id) => !articleIds || articleIds.has(id)) : [...articleIds!];
    return { articleIds: ids };
  }

  async retrieve(query: string, options: RetrieveOptions = {}): Promise<Retrieval> {
    const { article, limit = 5, tuning = defaultRetrievalTuning } = options;
    const { candidates } = tuning;
    const scope = this.scope(article, options.articleIds);
    let t = performance.now();
    const embedding = this.embedder.embedQuery(query, tuning.queryInstruction);
    // onnxruntime-node runs the model synchronously on this thread (inside a setImmediate), so
    // keyword search cannot overlap it: yielding a turn only orders the two (README "Performance").
    await new Promise<void>((resolve) => setImmediate(resolve));
    const kt = performance.now();
    let keywordDone = kt;
    const keywordSearch = tuning.mode === 'dense' ? Promise.resolve([]) : this.index.keyword(keywordQuery(query, options.analysis), candidates, scope);
    const words = options.words ?? this.index.words(rarityWords(query));
    const [keyword, queryVector] = await Promise.all([keywordSearch.finally(() => (keywordDone = performance.now())), embedding]);
    const keywordMs = keywordDone - kt;
    const timings: RetrievalTimings = { embed: Math.max(0, performance.now() - t - keywordMs), dense: 0, keyword: keywordMs, fuse: 0 };

    t = performance.now();
    const dense = tuning.mode === 'keyword' ? [] : await this.index.dense(queryVector, candidates, scope);
    timings.dense = performance.now() - t;

    t = performance.now();
    let ranked: { label: number; score: number }[];
    let batch: PassageBatch;
    if (tuning.mode === 'hybrid') {
      ({ ranked, batch } = await this.scoreCandidates(query, queryVector, dense, keyword, tuning, options.analysis, await words));
    } else {
      const lists = {
        dense: [dense.map((h) => h.label)],
        keyword: [keyword.map((h) => h.label)],
        rrf: [dense.map((h) => h.label), keyword.map((h) => h.label)],
      };
      ranked = fuseRanks(lists[tuning.mode], tuning.rrfK);
      batch = await this.index.fetch(
        ranked.slice(0, limit).map((x) => x.label),
        queryVector,
      );
    }
    const similarity = new Map(dense.map((h) => [h.label, h.similarity]));
    const sim = (label: number) => similarity.get(label) ?? batch.similarity(label);
    const ranks = { dense: new Map(dense.map((h, i) => [h.label, i + 1])), keyword: new Map(keyword.map((h, i) => [h.label, i + 1])) };
    const top = ranked.slice(0, limit);
    const passages: ScoredPassage[] = top.map(({ label, score }) => {
      const p = batch.passage(label);
      return {
        ...p,
        article: this.articlesById.get(p.articleId)!,
        score,
        similarity: sim(label),
        denseRank: ranks.dense.get(label),
        keywordRank: ranks.keyword.get(label),
      };
    });
    timings.fuse = performance.now() - t;
    return { passages, labels: top.map((x) => x.label), batch, queryVector, timings };
  }

  /** Every candidate of the hybrid second stage with its features, best first (for fitting weights). */
  async explain(
    query: string,
    analysis: QuestionAnalysis,
    tuning: RetrievalTuning = defaultRetrievalTuning,
  ): Promise<(PassageCandidate & { passage: ScoredPassage })[]> {
    const queryVector = await this.embedder.embedQuery(query, tuning.queryInstruction);
    const keyword = await this.index.keyword(keywordQuery(query, analysis), tuning.candidates);
    const dense = await this.index.dense(queryVector, tuning.candidates);
    const { ranked, batch } = await this.scoreCandidates(query, queryVector, dense, keyword, tuning, analysis, await this.index.words(rarityWords(query)));
    return ranked.map((c) => {
      const p = batch.passage(c.label);
      return { ...c, passage: { ...p, article: this.articlesById.get(p.articleId)!, score: c.score } };
    });
  }

  /**
   * The second stage: every passage of either list scored on its features (src/retrieve/tuning.ts
   * documents them) by the tuning's weights, best first. The candidates' text, sentences and
   * vectors are read in one batch, which the answer layer then reads from too.
   */
  private async scoreCandidates(
    query: string,
    queryVector: Float32Array,
    dense: readonly VectorHit[],
    keyword: readonly KeywordHit[],
    tuning: RetrievalTuning,
    analysis: QuestionAnalysis | undefined,
    words: CorpusWords,
  ): Promise<{ ranked: PassageCandidate[]; batch: PassageBatch }> {
    // Cosines on the model's own scale (ModelProfile.similarity), so the weights fit every model.
    const { low, high } = this.embedder.profile.similarity;
    const scaled = (cos: number) => (cos - low) / (high - low);
    const similarity = new Map(dense.map((h) => [h.label, h.similarity]));
    const best = keyword[0]?.score ?? 0;
    const kw = new Map(keyword.map((h) => [h.label, h]));
    const rarity = this.rarity(query, words);
    const shape = analysis ? shapeFor(analysis.answerType) : 0;
    const known = (analysis?.terms ?? []).filter((t) => !t.unknown);
    const totalIdf = known.reduce((n, t) => n + t.idf, 0) || 1;
    const labels = [...new Set([...dense.map((h) => h.label), ...keyword.map((h) => h.label)])];
    const batch = await this.index.fetch(
      labels,
      queryVector,
      known.map((t) => t.word),
    );
    // Which candidate has which question word; a word most candidates share (the story's topic)
    // tells them apart less than one few have (the asked detail): `localCoverage`.
    const has = labels.map((label) => known.map((_, j) => batch.hasWord(j, label)));
    const nameIndexes = known.flatMap((t, j) => (t.name ? [j] : []));
    const localIdf = known.map((_, j) => {
      const df = has.filter((h) => h[j]).length;
      return Math.log(1 + (labels.length - df + 0.5) / (df + 0.5));
    });
    const localTotal = localIdf.reduce((a, b) => a + b, 0) || 1;
    const out: PassageCandidate[] = [];
    for (const [li, label] of labels.entries()) {
      const sims = batch.similarities(label, queryVector);
      const spans = batch.spansOf(label);
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
      const keywordScore = hit && best > 0 ? (hit.score / best) * this.bodyShare(batch, label, hit, tuning.headingKeywordFactor) : 0;
      const features: PassageFeatures = {
        dense: scaled(similarity.get(label) ?? batch.similarity(label)),
        sentence: scaled(sentence),
        heading: heading === -Infinity ? 0 : scaled(heading),
        answerSentence: answer === -Infinity ? 0 : scaled(answer),
        keyword: keywordScore,
        rareKeyword: keywordScore * rarity,
        coverage: known.reduce((n, t, j) => n + (has[li]![j] ? t.idf : 0), 0) / totalIdf,
        localCoverage: known.reduce((n, _, j) => n + (has[li]![j] ? localIdf[j]! : 0), 0) / localTotal,
        names: nameIndexes.length ? nameIndexes.filter((j) => has[li]![j]).length / nameIndexes.length : 1,
      };
      let score = 0;
      for (const k of PASSAGE_FEATURES) score += tuning.weights[k] * features[k];
      out.push({ label, features, score });
    }
    // A later paragraph of the report whose lede best matches the question (where the detail asked
    // for usually is) rises above other reports' ledes that only echo the topic. The passage ranked
    // first keeps its place: its own score and its article's are both the highest.
    if (tuning.articleWeight) {
      const articleOf = out.map((c) => batch.passage(c.label).articleId);
      const best = new Map<string, number>();
      out.forEach((c, i) => best.set(articleOf[i]!, Math.max(best.get(articleOf[i]!) ?? -Infinity, c.score)));
      out.forEach((c, i) => (c.score += tuning.articleWeight * best.get(articleOf[i]!)!));
    }
    return { ranked: out.sort((a, b) => b.score - a.score || a.label - b.label), batch };
  }

  /** 1, or `factor` for a passage whose matched words are all in its title or headline, in between by share. */
  private bodyShare(batch: PassageBatch, label: number, hit: KeywordHit, factor: number): number {
    const { terms } = hit;
    if (factor === 1 || terms.length === 0) return 1;
    const spans = batch.spansOf(label);
    if (!spans.some((s) => s.flags & HEADING)) return 1;
    const text = batch.passage(label).text;
    // From the term counts the backend has (files: its postings; postgres: those its BM25 read), without tokenising each candidate.
    const { frequencies } = hit;
    const frequency = batch.termFrequency ? (t: string) => batch.termFrequency!(t, label) : frequencies && ((t: string) => frequencies.get(t) ?? 0);
    const body = frequency
      ? bodyTerms(text, spans, (s) => (s.flags & HEADING) !== 0, terms, frequency)
      : new Set(spans.filter((s) => !(s.flags & HEADING)).flatMap((s) => words(text.slice(s.start, s.end))));
    const share = terms.filter((t) => body.has(t)).length / terms.length;
    return factor + (1 - factor) * share;
  }

  /** How rare the query's rarest corpus word is: its IDF over the largest possible IDF (0–1). */
  private rarity(query: string, corpus: CorpusWords): number {
    const n = corpus.passageCount;
    if (n < 2) return 0;
    let minDf = Infinity;
    for (const w of rarityWords(query)) {
      const df = corpus.exactFrequency(w);
      if (df > 0) minDf = Math.min(minDf, df);
    }
    if (minDf === Infinity) return 0;
    const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return idf(minDf) / idf(1);
  }
}
