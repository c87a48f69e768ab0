import type { ScoredPassage } from '../engine/types.js';
import { SentenceFlag, type SentenceSpan } from '../index/sentence-store.js';
import { contentTerms, stem } from '../retrieve/terms.js';
import { restatement, suppliesAnswer } from './answer-types.js';
import type { Lexicon, QuestionAnalysis, QuestionTerm } from './question.js';
import { editDistance } from './sentence-similarity.js';
import type { AnswerableFeature, AnswerTuning, SelectFeature } from './tuning.js';

/** What the answer layer needs of the index's sentences. */
export interface SentenceSource {
  spansOf(label: number): SentenceSpan[];
  similarities(label: number, query: Float32Array): Float32Array;
  vectorsOf(label: number): Float32Array;
  readonly dims: number;
}

export type CandidateFeatures = Record<SelectFeature, number>;

/** A sentence of a retrieved passage, with what the answer layer measures of it. */
export interface Candidate {
  text: string;
  passage: ScoredPassage;
  /** Rank of its passage in retrieval (0 = best). */
  passageRank: number;
  /** Offsets into the document's cleaned text. */
  start: number;
  end: number;
  flags: number;
  /** Unit-length embedding (for telling whether two sentences report the same claim). */
  vector: Float32Array;
  features: CandidateFeatures;
  /** Question names (stems) found in the sentence or the one before it. */
  namesFound: number;
  /** Question names (stems) that occur nowhere in the sentence's passage. */
  namesMissingFromPassage: number;
  /** The sentence-choice score (tuning.select · features). */
  score: number;
}

/**
 * A sentence word matches a question term by stem, by a short suffix ("Europe" / "European"), or
 * as a near-spelling of a long name ("Yermack" / "Yermak").
 */
export function termMatches(term: string, sentenceStems: ReadonlySet<string>, sentenceWords: readonly string[]): boolean {
  if (sentenceStems.has(term)) return true;
  if (term.length < 4 || /\d/.test(term)) return false;
  return sentenceWords.some((w) => {
    if (w[0] !== term[0]) return false;
    const s = stem(w);
    if ((s.startsWith(term) && s.length - term.length <= 3) || (term.startsWith(s) && s.length >= 4 && term.length - s.length <= 3)) return true;
    return term.length >= 5 && Math.abs(s.length - term.length) <= 1 && editDistance(s, term) <= 1;
  });
}

interface Words {
  words: string[];
  stems: Set<string>;
}
const wordsOf = (text: string): Words => {
  const ws = contentTerms(text);
  return { words: ws, stems: new Set(ws.map(stem)) };
};

/**
 * Every sentence of the retrieved passages (overlap between passages of one article counted
 * once), with its features and sentence-choice score.
 */
export function buildCandidates(
  q: QuestionAnalysis,
  input: {
    passages: readonly ScoredPassage[];
    labels: readonly number[];
    sentences: SentenceSource;
    queryVector: Float32Array;
    lexicon: Lexicon;
    similarityScale: { low: number; high: number };
  },
  tuning: AnswerTuning,
): Candidate[] {
  const { passages, labels, sentences, queryVector, lexicon } = input;
  const { low, high } = input.similarityScale;
  const scaled = (cos: number) => (cos - low) / (high - low);
  const known = q.terms.filter((t) => !t.unknown);
  const totalIdf = known.reduce((n, t) => n + t.idf, 0) || 1;
  const names = known.filter((t) => t.name);
  const coverageOf = (w: Words, terms: readonly QuestionTerm[] = known) => terms.reduce((n, t) => n + (termMatches(t.stem, w.stems, w.words) ? t.idf : 0), 0) / totalIdf;
  const namesIn = (w: Words) => names.filter((t) => termMatches(t.stem, w.stems, w.words)).length;

  const seen = new Set<string>();
  const out: Candidate[] = [];
  passages.forEach((passage, passageRank) => {
    const label = labels[passageRank]!;
    const spans = sentences.spansOf(label);
    const sims = sentences.similarities(label, queryVector);
    const vectors = sentences.vectorsOf(label);
    const texts = spans.map((s) => passage.text.slice(s.start, s.end));
    const analysed = texts.map(wordsOf);
    const whole = wordsOf(passage.text);
    const namesMissingFromPassage = names.length - namesIn(whole);
    spans.forEach((span, i) => {
      const start = passage.start + span.start;
      const key = `${passage.docId}:${start}`;
      if (seen.has(key)) return;
      seen.add(key);
      const w = analysed[i]!;
      const context: Words = { words: [...w.words], stems: new Set(w.stems) };
      for (const j of [i - 1, i + 1]) {
        const n = analysed[j];
        if (!n) continue;
        context.words.push(...n.words);
        for (const s of n.stems) context.stems.add(s);
      }
      // A quote is attributed in its own sentence or the one before ("… Yermak told The Atlantic.").
      const prev = analysed[i - 1];
      const attributed: Words = prev ? { words: [...w.words, ...prev.words], stems: new Set([...w.stems, ...prev.stems]) } : w;
      const found = namesIn(attributed);
      const features: CandidateFeatures = {
        similarity: scaled(sims[i]!),
        passageSimilarity: scaled(passage.similarity ?? low),
        coverage: coverageOf(w),
        contextCoverage: coverageOf(context),
        names: names.length ? found / names.length : 1,
        supplies: suppliesAnswer(q.answerType, texts[i]!, q, lexicon) ? 1 : 0,
        restatement: restatement(texts[i]!, q),
        heading: span.flags & (SentenceFlag.title | SentenceFlag.headline) ? 1 : 0,
        rank: 1 / (1 + passageRank),
      };
      out.push({
        text: texts[i]!,
        passage,
        passageRank,
        start,
        end: passage.start + span.end,
        flags: span.flags,
        vector: vectors.subarray(i * sentences.dims, (i + 1) * sentences.dims),
        features,
        namesFound: found,
        namesMissingFromPassage,
        score: dot(features, tuning.select),
      });
    });
  });
  return out;
}

/** Question-level features for the answer-or-abstain decision, from the best candidate. */
export function answerableFeatures(q: QuestionAnalysis, best: Candidate | undefined): Record<AnswerableFeature, number> {
  const unknownNames = q.terms.filter((t) => t.unknown && t.name).length;
  const others = q.terms.filter((t) => !t.name);
  const unknownTerms = others.length ? others.filter((t) => t.unknown).length / others.length : 0;
  if (!best) return { similarity: 0, coverage: 0, contextCoverage: 0, names: 0, supplies: 0, namesInPassage: 0, unknownNames, unknownTerms, passageSimilarity: 0 };
  const f = best.features;
  return {
    similarity: f.similarity,
    coverage: f.coverage,
    contextCoverage: f.contextCoverage,
    names: f.names,
    supplies: f.supplies,
    namesInPassage: best.namesMissingFromPassage === 0 ? 1 : 0,
    unknownNames,
    unknownTerms,
    passageSimilarity: f.passageSimilarity,
  };
}

/** Probability (0–1) that the question is answered by the best candidate: a logistic model. */
export function answerability(features: Record<AnswerableFeature, number>, weights: AnswerTuning['answerable']): number {
  let z = weights.bias;
  for (const [k, v] of Object.entries(features) as [AnswerableFeature, number][]) z += (weights[k] ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}

function dot<K extends string>(features: Record<K, number>, weights: Record<K, number>): number {
  let s = 0;
  for (const k of Object.keys(weights) as K[]) s += (features[k] ?? 0) * weights[k];
  return s;
}

/** Cosine of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
