import { contentTerms, stem } from '../retrieve/terms.js';
import type { QuestionAnalysis } from './analyze-question.js';
import type { CandidateSentence } from './candidate-sentences.js';
import { editDistance } from './sentence-similarity.js';

export interface ScoredSentence extends CandidateSentence {
  score: number;
  /** Share (0–1) of the question's term weight this sentence contains. */
  coverage: number;
  /** Question entities found in the sentence. */
  entitiesFound: number;
}

const HAS_QUOTE = /[“"][^”"]{12,}[”"]|[“"][^”"]{20,}$/;

/** A sentence word matches a question term by stem, or as a near-spelling of a long name ("Yermack"). */
function matches(term: string, sentenceStems: Set<string>, sentenceWords: string[]): boolean {
  if (sentenceStems.has(term)) return true;
  if (term.length < 5) return false;
  return sentenceWords.some((w) => w.length >= 5 && w[0] === term[0] && editDistance(stem(w), term) <= 1);
}

/**
 * Score each candidate sentence for how well it answers the question: the share
 * of the question's (locally IDF-weighted) terms it contains, the retrieval rank
 * of its passage, and the kind of answer asked for (a quote, a number).
 */
export function scoreSentences(q: QuestionAnalysis, candidates: readonly CandidateSentence[]): ScoredSentence[] {
  const analysed = candidates.map((c) => {
    const ws = contentTerms(c.text);
    return { c, words: ws, stems: new Set(ws.map(stem)) };
  });
  // IDF over the candidate sentences: terms every sentence shares (e.g. "Putin") weigh little.
  const n = analysed.length;
  const idf = new Map(
    q.terms.map((t) => {
      const df = analysed.filter((a) => matches(t, a.stems, a.words)).length;
      return [t, Math.log(1 + (n - df + 0.5) / (df + 0.5))] as const;
    }),
  );
  const entityStems = q.entities.map(stem);
  const totalWeight = [...idf.values()].reduce((s, w) => s + w, 0) || 1;
  const bestSimilarity = Math.max(...candidates.map((c) => c.passage.similarity ?? 0), 0);

  return analysed.map(({ c, words: ws, stems }) => {
    let weight = 0;
    for (const [t, w] of idf) if (matches(t, stems, ws)) weight += w;
    const coverage = weight / totalWeight;
    const entitiesFound = entityStems.filter((e) => matches(e, stems, ws)).length;
    // Passage relevance relative to the best passage (dense cosine), and its fused rank.
    const passageFit = Math.max(0, 1 - 4 * (bestSimilarity - (c.passage.similarity ?? 0))) * 0.5 + 0.5 / (1 + c.passageRank * 0.5);
    let score = 0.6 * coverage + 0.3 * passageFit;
    if (entityStems.length && entitiesFound === 0) score -= 0.2;
    if (q.asksForQuote && HAS_QUOTE.test(c.text)) score += 0.12;
    if (q.asksForNumber && /\d/.test(c.text)) score += 0.1;
    if (ws.length < 5) score -= 0.15; // fragments and headings say little on their own
    if (!/[.!?”"’)]$/.test(c.text)) score -= 0.05; // headlines and cut-off lines
    return { ...c, score, coverage, entitiesFound };
  });
}
