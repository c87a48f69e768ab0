import { paragraphAt } from '../chunk/chunk-article.js';
import type { ArticleMeta } from '../types.js';
import type { ArticleReader } from '../index/index-backend.js';
import { SentenceFlag } from '../index/sentence-store.js';
import type { QuoteIndex } from '../quotes/quote-index.js';
import { claimSimilarity, claimTerms, type ClaimTerms } from '../answer/sentence-similarity.js';
import { contentTerms, stem } from '../text/terms.js';
import { COMPARE_TUNING, type CompareTuning } from './tuning.js';

export interface ComparedClaim {
  articleId: string;
  article: ArticleMeta;
  /** The sentence's own paragraph (1-based, cleaned text). */
  paragraph: number;
  text: string;
  /** Passage id, for citations. */
  passageId: string;
  passage: string;
  /** Cosine to the topic (the mean of its seed sentences). */
  relevance: number;
}

export interface SharedClaim {
  text: string;
  /** One sentence per article that carries it, the representative first. */
  claims: ComparedClaim[];
  articleIds: string[];
  /** Covering articles that do not carry it (empty: every covering article does). */
  missing: string[];
}

export interface Comparison {
  topic: string;
  /** Each covering article's main claim on the topic, in article order. */
  perArticle: { articleId: string; article: ArticleMeta; claims: ComparedClaim[] }[];
  /** Claims on the topic no other article carries. */
  onlyIn: ComparedClaim[];
  /** Claims every covering article carries (or, when there is none, all but one of three or more). */
  shared: SharedClaim[];
  /** Articles in the index. */
  articleCount: number;
}

export interface CompareInput {
  topic: string;
  /** The topic embedded: only used to rank seed sentences, or as the topic when no sentence has its words. */
  topicVector: Float32Array;
  /** Articles retrieval found on the topic. */
  articleIds: readonly string[];
  /** Articles with passages near a vector (the seeds' mean): paraphrases without the topic's words. */
  near?: (vector: Float32Array) => Promise<readonly string[]>;
  /**
   * Called with the articles the comparison is about to read (before their sentences are read):
   * an index in a database fetches them, and the words `documentFrequency` will be asked about, here.
   */
  load?: (articleIds: readonly string[]) => Promise<void>;
  passages: Pick<ArticleReader, 'size' | 'article' | 'range' | 'get'>;
  sentences: Pick<ArticleReader, 'spansOf' | 'vectorsOf' | 'dims'>;
  /** Direct quotes of one statement in several articles are one claim, however differently translated. */
  quotes?: QuoteIndex;
  /** Passages of the index containing a word (or a form of it): rare words weigh more in telling claims apart. */
  documentFrequency?: (word: string) => number;
  articleCount: number;
  tuning?: CompareTuning;
}

interface Sentence extends ComparedClaim {
  /** Offsets into the article's cleaned text. */
  start: number;
  end: number;
  vector: Float32Array;
  /** Content words (lower case) and their stems. */
  words: string[];
  stems: Set<string>;
  /** Headline or too short: matched against, never reported. */
  claim: boolean;
  /** For word overlap with other sentences (shared with the answer layer). */
  terms: ClaimTerms;
  /** Direct statements and fragments (quote index) it quotes, of those carried by several articles. */
  statements: number[];
  fragments: number[];
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const unit = (v: Float32Array) => {
  const n = Math.sqrt(dot(v, v)) || 1;
  return v.map((x) => x / n);
};
const mean = (vectors: readonly Float32Array[]) => unit(vectors.reduce((acc, v) => acc.map((x, i) => x + v[i]!), new Float32Array(vectors[0]!.length)));
const stemsOf = (text: string) => new Set(contentTerms(text).map(stem));

/**
 * Side-by-side coverage of a topic, from the stored sentence embeddings (no model call beyond the
 * topic's).
 * - The topic is stood for by its seed sentences (those with its words) and their mean embedding:
 *   a short topic embeds poorly, whole sentences about it embed well, and a paraphrase without its
 *   words ("put on paper" for "written guarantee") comes close to them.
 * - An article covers the topic when it has a seed, or a sentence close to the seeds; its best such
 *   sentence is its main claim. Its claims on the topic are those sentences and the rest of their
 *   paragraphs (what the article says around them).
 * - A claim is carried by another article when that article has a sentence (or two adjacent ones)
 *   close to it, shares most of its words, or quotes the same statement (quote index). "Only in"
 *   needs a clear difference from every other article considered: no close sentence, and most of
 *   the claim's weight in words (rare words weigh more) found in no other article. "Shared" needs
 *   a carrying sentence in every covering article (or all but one of three or more).
 */
export async function compareCoverage(input: CompareInput): Promise<Comparison> {
  const tuning = input.tuning ?? COMPARE_TUNING;
  const { passages, sentences } = input;
  const statementOf = statementLookup(input.quotes);
  const cache = new Map<string, Sentence[]>();
  const sentencesOf = (articleId: string): Sentence[] => {
    let list = cache.get(articleId);
    if (!list) cache.set(articleId, (list = readSentences(articleId, passages, sentences, statementOf, tuning)));
    return list;
  };
  const empty: Comparison = { topic: input.topic, perArticle: [], onlyIn: [], shared: [], articleCount: input.articleCount };

  // The topic: its seed sentences and their mean embedding.
  const topicStems = stemsOf(input.topic);
  const share = (s: Sentence) => {
    if (!topicStems.size) return 0;
    let n = 0;
    for (const t of topicStems) if (s.stems.has(t)) n++;
    return n / topicStems.size;
  };
  await input.load?.(input.articleIds);
  const pool = input.articleIds.flatMap(sentencesOf).filter((s) => s.claim);
  const bestShare = Math.max(0, ...pool.map(share));
  const byTopic = (a: Sentence, b: Sentence) => dot(b.vector, input.topicVector) - dot(a.vector, input.topicVector);
  let seeds = bestShare >= tuning.seedWordShare ? pool.filter((s) => share(s) === bestShare) : [];
  if (!seeds.length) seeds = [...pool].sort(byTopic).slice(0, 3);
  seeds = seeds.sort(byTopic).slice(0, tuning.maxSeeds);
  if (!seeds.length) return empty;
  const centre = mean(seeds.map((s) => s.vector));
  // (One seed is the mean of itself, which says nothing about how close other sentences on the topic come.)
  const seedLevel = Math.min(tuning.maxSeedLevel, seeds.reduce((n, s) => n + dot(s.vector, centre), 0) / seeds.length);
  const covers = Math.max(tuning.coverCosine, seedLevel - tuning.coverBelowSeeds);
  const onTopic = Math.max(tuning.onTopicCosine, seedLevel - tuning.coverBelowSeeds);

  // Articles: those found on the topic's words and those near its seed sentences, in file order.
  const fileOf = (id: string) => passages.article(id)?.file ?? id;
  const articleIds = [...new Set([...input.articleIds, ...((await input.near?.(centre)) ?? [])])]
    .filter((id) => passages.range(id))
    .sort((a, b) => (fileOf(a) < fileOf(b) ? -1 : fileOf(a) > fileOf(b) ? 1 : 0));
  await input.load?.(articleIds);
  const all = articleIds.map((id) => ({ id, list: sentencesOf(id) }));
  for (const { list } of all) for (const s of list) s.relevance = dot(s.vector, centre);

  // Per covering article: its anchors (seeds, sentences close to the seeds, else its best one) and their paragraphs.
  const candidates = new Map<string, Sentence[]>();
  for (const { id, list } of all) {
    const claims = list.filter((s) => s.claim).sort((a, b) => Number(seeds.includes(b)) - Number(seeds.includes(a)) || b.relevance - a.relevance);
    const best = claims[0];
    if (!best || !(seeds.includes(best) || best.relevance >= covers)) continue;
    const anchors = claims.filter((s) => seeds.includes(s) || s.relevance >= onTopic);
    if (!anchors.length) anchors.push(best);
    const paragraphs = new Set(anchors.map((s) => s.paragraph));
    const context = claims.filter((s) => !anchors.includes(s) && paragraphs.has(s.paragraph));
    candidates.set(id, [...anchors, ...context]);
  }
  const covering = articleIds.filter((id) => candidates.has(id));
  const perArticle = covering.map((id) => {
    const main = candidates.get(id)![0]!;
    return { articleId: id, article: main.article, claims: [strip(main)] };
  });
  if (covering.length < 2) return { ...empty, perArticle };

  // What the other articles have: their sentences, and the mean embedding of adjacent pairs
  // (one outlet's sentence is often two of another's).
  const pairVectors = new Map(all.map(({ id, list }) => [id, pairs(list)]));
  const vocabulary = new Map(all.map(({ id, list }) => [id, new Set(list.flatMap((s) => [...s.stems]))]));
  const weight = (w: string) => Math.log(1 + (passages.size + 1) / (1 + (input.documentFrequency?.(w) ?? 0)));

  // How an article relates to a claim: its closest sentence (one that carries the claim, and a
  // reported sentence rather than a headline, first), whether that one carries it, and whether any
  // sentence or pair of its sentences comes close.
  const match = (s: Sentence, articleId: string) => {
    let closest: Sentence | undefined;
    let carried = false;
    let near = false;
    const rank = (o: Sentence, same: boolean) => (same ? 2 : 0) + (o.claim ? 1 : 0);
    for (const o of sentencesOf(articleId)) {
      const c = dot(s.vector, o.vector);
      const words = claimSimilarity(s.terms, o.terms);
      const same =
        c >= tuning.sameClaimCosine ||
        (words >= tuning.sameClaimWords && o.stems.size >= tuning.sameClaimMinStems) ||
        s.statements.some((k) => o.statements.includes(k));
      if (!closest || rank(o, same) > rank(closest, carried) || (rank(o, same) === rank(closest, carried) && c > dot(s.vector, closest.vector))) {
        closest = o;
        carried = same;
      }
      near ||=
        same ||
        c >= tuning.distinctClaimCosine ||
        (c >= tuning.relatedClaimCosine && words >= tuning.relatedClaimWords) ||
        s.fragments.some((k) => o.fragments.includes(k));
    }
    near ||= pairVectors.get(articleId)!.some((v) => dot(s.vector, v) >= tuning.distinctClaimCosine);
    return { closest, carried, near };
  };
  // Share of a claim's word weight (topic words aside) that no other article has.
  const novelty = (s: Sentence) => {
    let total = 0;
    let novel = 0;
    s.words.forEach((w) => {
      const st = stem(w);
      if (topicStems.has(st)) return;
      const x = weight(w);
      total += x;
      if (all.every((d) => d.id === s.articleId || !vocabulary.get(d.id)!.has(st))) novel += x;
    });
    return total ? novel / total : 0;
  };

  const onlyIn: ComparedClaim[] = [];
  const sharedCandidates: { s: Sentence; claims: Sentence[]; missing: string[] }[] = [];
  const ranked = covering.flatMap((id) => candidates.get(id)!).sort((a, b) => b.relevance - a.relevance);
  for (const s of ranked) {
    const others = all.filter((d) => d.id !== s.articleId).map((d) => ({ id: d.id, ...match(s, d.id) }));
    if (others.every((o) => !o.near) && novelty(s) >= tuning.onlyInNovelWords) {
      if (onlyIn.length < tuning.maxOnlyIn && onlyIn.filter((o) => o.articleId === s.articleId).length < tuning.maxOnlyInPerSource) onlyIn.push(strip(s));
      continue;
    }
    const carriers = others.filter((o) => o.carried && covering.includes(o.id));
    const missing = covering.filter((id) => id !== s.articleId && !carriers.some((o) => o.id === id));
    if (missing.length <= (covering.length >= 3 ? 1 : 0)) sharedCandidates.push({ s, claims: [s, ...carriers.map((o) => o.closest!)], missing });
  }
  // The most widely carried first, then the closest to the topic; one line per claim.
  const shared: SharedClaim[] = [];
  const used = new Set<string>();
  const key = (x: Sentence) => `${x.articleId}:${x.start}`;
  for (const c of sharedCandidates.sort((a, b) => a.missing.length - b.missing.length || b.s.relevance - a.s.relevance)) {
    if (shared.length >= tuning.maxShared || c.claims.some((x) => used.has(key(x)))) continue;
    for (const x of c.claims) used.add(key(x));
    shared.push({ text: c.s.text, claims: c.claims.map(strip), articleIds: c.claims.map((x) => x.articleId), missing: c.missing });
  }
  return { topic: input.topic, perArticle, onlyIn, shared, articleCount: input.articleCount };
}

/** The mean embedding of each sentence and the next one of its paragraph. */
function pairs(list: readonly Sentence[]): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i + 1 < list.length; i++) if (list[i]!.paragraph === list[i + 1]!.paragraph) out.push(mean([list[i]!.vector, list[i + 1]!.vector]));
  return out;
}

/**
 * The statements quoted in a span of an article (indexes into the quote index's statements), for
 * those carried by two articles or more: direct statements, and fragments ("legally impossible").
 */
function statementLookup(quotes: QuoteIndex | undefined): (articleId: string, start: number, end: number) => { direct: number[]; fragments: number[] } {
  const pieces = new Map<string, { start: number; end: number; statement: number; direct: boolean }[]>();
  quotes?.statements.forEach((s, i) => {
    if (s.articleIds.length < 2) return;
    for (const q of s.quotes)
      pieces.set(q.articleId, [...(pieces.get(q.articleId) ?? []), { start: q.start, end: q.end, statement: i, direct: s.kind === 'direct' }]);
  });
  return (articleId, start, end) => {
    const inside = (pieces.get(articleId) ?? []).filter((p) => p.start < end && start < p.end);
    return {
      direct: [...new Set(inside.filter((p) => p.direct).map((p) => p.statement))],
      fragments: [...new Set(inside.filter((p) => !p.direct).map((p) => p.statement))],
    };
  };
}

/** Every sentence of an article once (passages overlap by a sentence), with its unit embedding. */
function readSentences(
  articleId: string,
  passages: CompareInput['passages'],
  sentences: CompareInput['sentences'],
  statementOf: ReturnType<typeof statementLookup>,
  tuning: CompareTuning,
): Sentence[] {
  const range = passages.range(articleId);
  const article = passages.article(articleId);
  if (!range || !article) return [];
  const out: Sentence[] = [];
  const seen = new Set<number>();
  const dims = sentences.dims;
  for (let label = range.first; label < range.first + range.count; label++) {
    const p = passages.get(label);
    const vectors = sentences.vectorsOf(label);
    sentences.spansOf(label).forEach((span, i) => {
      const start = p.start + span.start;
      if (seen.has(start)) return;
      seen.add(start);
      const text = p.text.slice(span.start, span.end);
      // Headlines and straplines are not claims (a plain-text article's first line, its "title", may be its lede: kept when it reads as a sentence).
      const heading = (span.flags & SentenceFlag.headline) !== 0 || /\n\s*\n/.test(text);
      out.push({
        articleId,
        article,
        paragraph: paragraphAt(p, span.start),
        text,
        passageId: p.id,
        passage: p.text,
        relevance: 0,
        start,
        end: p.start + span.end,
        vector: unit(vectors.slice(i * dims, (i + 1) * dims)),
        words: [...new Set(contentTerms(text))],
        stems: stemsOf(text),
        claim: !heading && text.split(/\s+/).length >= tuning.minClaimWords,
        terms: claimTerms(text),
        ...(({ direct, fragments }) => ({ statements: direct, fragments }))(statementOf(articleId, start, p.start + span.end)),
      });
    });
  }
  return out;
}

function strip(s: Sentence): ComparedClaim {
  return {
    articleId: s.articleId,
    article: s.article,
    paragraph: s.paragraph,
    text: s.text,
    passageId: s.passageId,
    passage: s.passage,
    relevance: s.relevance,
  };
}

/** How a shared claim is introduced: "Every outlet that covers it (4)", or "All but RT (4 of 5)" naming the covering outlets that do not carry it. */
export function sharedLead(carriers: number, missing: readonly string[]): string {
  return missing.length ? `All but ${missing.join(', ')} (${carriers} of ${carriers + missing.length})` : `Every outlet that covers it (${carriers})`;
}
