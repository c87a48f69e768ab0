import type { DocumentMeta } from '../engine/types.js';
import type { PassageStore } from '../index/passage-store.js';
import { SentenceFlag, type SentenceStore } from '../index/sentence-store.js';

/** Tunables of side-by-side coverage (cosines on the model's own scale, see ModelProfile.similarity). */
export const COMPARE_TUNING = {
  /**
   * Relevance of a sentence to the topic: its cosine to the topic (embedded as a sentence, without
   * the question instruction: short topics score low with it) plus this much for the share of the
   * topic's words it contains. Short topics embed poorly, so the words help.
   */
  wordWeight: 0.15,
  /**
   * A sentence is on the topic when it has one of the topic's words, or its relevance is within
   * this of the best sentence of any article (the embedding alone is not trusted further: short
   * topics embed poorly). An article covers the topic when it has a sentence on it.
   */
  relevanceMargin: 0.08,
  /** Sentences shorter than this (in words) are not claims ("No question."). */
  minClaimWords: 6,
  /** Two sentences of different articles report the same thing at this cosine or above… */
  sameClaimCosine: 0.78,
  /** …or when they share this share of the shorter one's content-word stems. */
  sameClaimWords: 0.5,
  /** "Only in" lines and shared lines shown at most. */
  maxOnlyIn: 4,
  maxShared: 3,
} as const;

import { contentTerms, stem } from '../retrieve/terms.js';

export interface ComparedClaim {
  docId: string;
  doc: DocumentMeta;
  paragraph: number;
  text: string;
  /** Passage id, for citations. */
  passageId: string;
  passage: string;
  /** Similarity to the topic (cosine plus the word bonus). */
  relevance: number;
}

export interface Comparison {
  topic: string;
  /** Each covering article's main claim on the topic, in article order. */
  perSource: { docId: string; doc: DocumentMeta; claims: ComparedClaim[] }[];
  /** Claims on the topic no other article reports. */
  onlyIn: ComparedClaim[];
  /** Claims every covering article reports, with each article's sentence. */
  shared: { text: string; claims: ComparedClaim[]; docIds: string[] }[];
  /** Articles in the index. */
  sourceCount: number;
}

interface Sentence extends ComparedClaim {
  vector: Float32Array;
  /** Share of the topic's words in it. */
  words: number;
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/**
 * Side-by-side coverage of a topic: every sentence of the articles that cover it is compared with
 * the topic (stored sentence embeddings, no model call beyond the topic's), each article's best
 * one is its main claim; a claim on the topic with no sentence of another article close to it is
 * "only in" that article; one with a close sentence in every covering article is shared.
 */
export function compareCoverage(input: {
  topic: string;
  topicVector: Float32Array;
  /** Articles to consider (those retrieval found on the topic), in article order. */
  docIds: readonly string[];
  passages: PassageStore;
  sentences: SentenceStore;
  sourceCount: number;
}): Comparison {
  const { passages, sentences } = input;
  const topicStems = new Set(contentTerms(input.topic).map(stem));
  const wordShare = (text: string) => {
    if (topicStems.size === 0) return 0;
    const have = new Set(contentTerms(text).map(stem));
    let n = 0;
    for (const t of topicStems) if (have.has(t)) n++;
    return n / topicStems.size;
  };
  const byDoc = new Map<string, Sentence[]>();
  for (const docId of input.docIds) {
    const range = passages.range(docId);
    const doc = passages.document(docId);
    if (!range || !doc) continue;
    const seen = new Set<string>();
    const list: Sentence[] = [];
    for (let label = range.first; label < range.first + range.count; label++) {
      const p = passages.get(label);
      const sims = sentences.similarities(label, input.topicVector);
      const vectors = sentences.vectorsOf(label);
      const dims = sentences.dims;
      sentences.spansOf(label).forEach((span, i) => {
        // Headlines and straplines are not claims (a plain-text article's first line may be its lede: kept when it reads as a sentence).
        if (span.flags & SentenceFlag.headline) return;
        const text = p.text.slice(span.start, span.end);
        if (text.split(/\s+/).length < COMPARE_TUNING.minClaimWords || /\n\s*\n/.test(text)) return;
        if (seen.has(text)) return; // passages overlap by a sentence
        seen.add(text);
        const paragraph = p.paragraph + (p.text.slice(0, span.start).match(/\n\s*\n/g)?.length ?? 0);
        const v = vectors.slice(i * dims, (i + 1) * dims);
        let norm = 0;
        for (const x of v) norm += x * x;
        const unit = v.map((x) => x / Math.sqrt(norm || 1));
        list.push({ docId, doc, paragraph, text, passageId: p.id, passage: p.text, relevance: sims[i]! + COMPARE_TUNING.wordWeight * wordShare(text), words: wordShare(text), vector: unit });
      });
    }
    byDoc.set(docId, list);
  }
  // What each article says on the topic: sentences close to the best one of any article.
  const best = Math.max(-1, ...[...byDoc.values()].flat().map((s) => s.relevance));
  const relevant = new Map<string, Sentence[]>();
  for (const [docId, list] of byDoc) {
    const on = list.filter((s) => s.words > 0 || s.relevance >= best - COMPARE_TUNING.relevanceMargin).sort((a, b) => b.relevance - a.relevance);
    if (on.length) relevant.set(docId, on);
  }
  const covering = [...relevant.keys()];
  const perSource = covering.map((docId) => ({ docId, doc: relevant.get(docId)![0]!.doc, claims: [strip(relevant.get(docId)![0]!)] }));
  const closest = (s: Sentence, docId: string) => {
    let best: Sentence | undefined;
    let bestSim = -1;
    const mine = new Set(contentTerms(s.text).map(stem));
    for (const o of byDoc.get(docId) ?? []) {
      const theirs = new Set(contentTerms(o.text).map(stem));
      let shared = 0;
      for (const w of mine) if (theirs.has(w)) shared++;
      const words = shared / Math.max(1, Math.min(mine.size, theirs.size));
      const c = Math.max(dot(s.vector, o.vector), words >= COMPARE_TUNING.sameClaimWords ? COMPARE_TUNING.sameClaimCosine : -1);
      if (c > bestSim) {
        bestSim = c;
        best = o;
      }
    }
    return { sentence: best, similarity: bestSim };
  };
  const onlyIn: ComparedClaim[] = [];
  const shared: Comparison['shared'] = [];
  if (covering.length >= 2) {
    const candidates = covering.flatMap((d) => relevant.get(d)!).sort((a, b) => b.relevance - a.relevance);
    for (const s of candidates) {
      const others = covering.filter((d) => d !== s.docId);
      const matches = others.map((d) => closest(s, d));
      if (matches.every((m) => m.similarity < COMPARE_TUNING.sameClaimCosine)) {
        if (onlyIn.length < COMPARE_TUNING.maxOnlyIn && !onlyIn.some((o) => o.docId === s.docId && o.text === s.text)) onlyIn.push(strip(s));
      } else if (matches.every((m) => m.similarity >= COMPARE_TUNING.sameClaimCosine) && shared.length < COMPARE_TUNING.maxShared) {
        const claims = [s, ...matches.map((m) => m.sentence!)];
        if (shared.some((x) => x.claims.some((c) => claims.some((k) => k.docId === c.docId && k.text === c.text)))) continue;
        shared.push({ text: s.text, claims: claims.map(strip), docIds: claims.map((c) => c.docId) });
      }
    }
  }
  return { topic: input.topic, perSource, onlyIn, shared, sourceCount: input.sourceCount };
}

function strip(s: Sentence): ComparedClaim {
  const { vector: _, ...claim } = s;
  return claim;
}
