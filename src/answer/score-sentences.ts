import { contentTerms, stem } from '../retrieve/terms.js';
import type { QuestionAnalysis } from './analyze-question.js';
import type { CandidateSentence } from './candidate-sentences.js';
import { claimSimilarity, claimTerms, editDistance, type ClaimTerms } from './sentence-similarity.js';

export interface ScoredSentence extends CandidateSentence {
  score: number;
  /** Share (0–1) of the question's term weight this sentence contains. */
  coverage: number;
  /** Question terms found in the sentence. */
  matched: Set<string>;
  /** Question entities found in the sentence. */
  entitiesFound: number;
  /** Other articles carrying a sentence that says the same. */
  corroboration: number;
  /** Prepared for claim comparison. */
  claim: ClaimTerms;
}

/** Sentences at least this similar (claimSimilarity) say the same thing. */
export const SAME_CLAIM = 0.62;

export const HAS_QUOTE = /[“"][^”"]{12,}[”"]|[“"][^”"]{20,}$/;
const MONTH_OR_DAY = 'January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
/** "in Bishkek", "at the Kremlin": a preposition before a capitalised name that is not a date. */
export const PLACE = new RegExp(`\\b(?:in|at|from|to)\\s+(?:the\\s+)?(?!(?:${MONTH_OR_DAY})\\b)\\p{Lu}\\p{L}+`, 'u');
export const TIME = new RegExp(`\\b(?:${MONTH_OR_DAY}|yesterday|today|tomorrow|tonight|(?:last|next|this) (?:week|month|year)|\\d{4})\\b`, 'i');
/** Two capitalised words in a row after the first word: a person's name ("Steve Witkoff"). */
export const PERSON = /\s\p{Lu}\p{L}+\s\p{Lu}\p{L}+/u;
export const CAUSAL = /\b(because|since|due to|owing to|as a result|given that|rendering|therefore|thus|cannot|can't|unable|so that|in order to)\b/i;

/**
 * A sentence word matches a question term by stem, by a short suffix ("Europe" /
 * "European"), or as a near-spelling of a long name ("Yermack" / "Yermak").
 */
export function termMatches(term: string, sentenceStems: Set<string>, sentenceWords: readonly string[]): boolean {
  if (sentenceStems.has(term)) return true;
  if (term.length < 4 || /\d/.test(term)) return false;
  return sentenceWords.some((w) => {
    if (w[0] !== term[0]) return false;
    const s = stem(w);
    if ((s.startsWith(term) && s.length - term.length <= 3) || (term.startsWith(s) && s.length >= 4 && term.length - s.length <= 3)) return true;
    return term.length >= 5 && Math.abs(s.length - term.length) <= 1 && editDistance(s, term) <= 1;
  });
}

interface Analysed {
  c: CandidateSentence;
  words: string[];
  stems: Set<string>;
  matched: Set<string>;
}

/**
 * Score each candidate sentence for how well it answers the question: the share
 * of the question's (locally IDF-weighted) terms in it and around it, phrases
 * of the question kept together, the retrieval rank of its passage, how many
 * outlets carry the same claim, and the kind of answer asked for (a quote, a
 * number, a reason).
 */
export function scoreSentences(q: QuestionAnalysis, candidates: readonly CandidateSentence[]): ScoredSentence[] {
  const analysed: Analysed[] = candidates.map((c) => {
    const ws = contentTerms(c.text);
    const stems = new Set(ws.map(stem));
    return { c, words: ws, stems, matched: new Set(q.terms.filter((t) => termMatches(t, stems, ws))) };
  });
  // IDF over the candidate sentences: terms every sentence shares (e.g. "Putin") weigh little.
  const n = analysed.length;
  const idf = new Map(
    q.terms.map((t) => {
      const df = analysed.filter((a) => a.matched.has(t)).length;
      return [t, Math.log(1 + (n - df + 0.5) / (df + 0.5))] as const;
    }),
  );
  const totalWeight = [...idf.values()].reduce((s, w) => s + w, 0) || 1;
  const weightOf = (terms: Iterable<string>) => {
    let w = 0;
    for (const t of terms) w += idf.get(t) ?? 0;
    return w / totalWeight;
  };
  const entityStems = q.entities.map(stem);
  const phrases = adjacentPairs(q.terms);
  const bestSimilarity = Math.max(...candidates.map((c) => c.passage.similarity ?? 0), 0);

  const preliminary = analysed.map((a, i) => {
    const { c, words: ws, stems, matched } = a;
    const coverage = weightOf(matched);
    // The sentences either side in the same passage often carry the rest of the question ("in Geneva").
    const around = new Set(matched);
    for (const j of [i - 1, i + 1]) {
      const b = analysed[j];
      if (b && b.c.passage.id === c.passage.id) for (const t of b.matched) around.add(t);
    }
    const contextCoverage = weightOf(around);
    const entitiesFound = entityStems.filter((e) => termMatches(e, stems, ws)).length;
    const passageFit = Math.max(0, 1 - 4 * (bestSimilarity - (c.passage.similarity ?? 0))) * 0.5 + 0.5 / (1 + c.passageRank * 0.5);
    const stemSeq = ws.map(stem);
    const phraseHits = phrases.filter(([x, y]) => stemSeq.some((s, k) => s === x && stemSeq[k + 1] === y)).length;

    let score = 0.45 * coverage + 0.15 * contextCoverage + 0.3 * passageFit + Math.min(0.16, 0.08 * phraseHits);
    if (entityStems.length && entitiesFound === 0) score -= 0.2;
    if (q.asksForQuote && HAS_QUOTE.test(c.text)) score += 0.12;
    if (q.asksForNumber && /\d/.test(c.text)) score += 0.1;
    if (q.asksWhy && CAUSAL.test(c.text)) score += 0.1;
    if (q.asksWhere && PLACE.test(c.text)) score += 0.1;
    if (q.asksWhen && TIME.test(c.text)) score += 0.1;
    if (q.asksWho && PERSON.test(c.text)) score += 0.05;
    if (ws.length < 5) score -= 0.15; // fragments and headings say little on their own
    if (!/[.!?”"’)]$/.test(c.text)) score -= 0.15; // headlines and cut-off teasers
    return { ...c, score, coverage, matched, entitiesFound, corroboration: 0, claim: claimTerms(c.text) };
  });

  // Claims several outlets carry are the story's core: a small bonus, computed for the leaders only.
  const leaders = [...preliminary].sort((a, b) => b.score - a.score).slice(0, 12);
  for (const s of leaders) {
    const docs = new Set<string>();
    for (const o of preliminary) {
      if (o.passage.docId !== s.passage.docId && !docs.has(o.passage.docId) && claimSimilarity(s.claim, o.claim) >= SAME_CLAIM) docs.add(o.passage.docId);
    }
    s.corroboration = docs.size;
    s.score += Math.min(0.15, 0.05 * docs.size);
  }
  return preliminary;
}

const adjacentPairs = (terms: readonly string[]): [string, string][] => terms.slice(1).map((t, i) => [terms[i]!, t]);
