import type { Answer, Citation, Claim, ScoredPassage } from '../engine/types.js';
import { analyzeQuestion } from './analyze-question.js';
import { candidateSentences } from './candidate-sentences.js';
import { scoreSentences, type ScoredSentence } from './score-sentences.js';
import { claimSimilarity } from './sentence-similarity.js';

/**
 * When to say "the coverage doesn't say": the best passage is not close to the
 * question in embedding space AND no sentence carries most of the question's
 * words. Calibrated on the shared in-scope questions against our own
 * out-of-scope ones (test/fixtures/out-of-scope.jsonl); see README "Abstention".
 */
export const ABSTAIN_BELOW = { similarity: 0.62, coverage: 0.5 };

export interface ComposeInput {
  question: string;
  /** Retrieved passages, best first. */
  passages: readonly ScoredPassage[];
  /** Number of articles in the index. */
  sourceCount: number;
  /** Names in the question that no article contains (found by keyword search). */
  unknownEntities?: string[];
}

export interface ComposeOptions {
  /** Most distinct claims in one answer. */
  maxClaims?: number;
  /** A further claim must score at least this share of the best one. */
  relativeCutoff?: number;
  /** Sentences at least this similar are one claim reported by several outlets. */
  sameClaim?: number;
}

const labelOf = (p: ScoredPassage) => p.doc.outlet ?? truncate(p.doc.title, 60);
const truncate = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

/**
 * Compose a short extractive answer: the best sentences of the retrieved
 * passages, near-duplicates from different outlets merged into one claim that
 * cites them all, each claim followed by its [n] citations.
 */
export function composeAnswer(input: ComposeInput, options: ComposeOptions = {}): Answer {
  const { maxClaims = 3, relativeCutoff = 0.8, sameClaim = 0.62 } = options;
  const { question, passages, sourceCount } = input;
  const q = analyzeQuestion(question);
  const scored = scoreSentences(q, candidateSentences(passages)).sort((a, b) => b.score - a.score);
  const best = scored[0];
  const bestSimilarity = Math.max(0, ...passages.map((p) => p.similarity ?? 0));

  const abstain = (reason: string): Answer => ({
    question,
    text: `The coverage doesn't say${reason}. The nearest passages are listed below.`,
    abstained: true,
    claims: [],
    citations: [],
    passages: [...passages],
    sourceCount,
  });
  if (input.unknownEntities?.length) {
    return abstain(`: none of the ${sourceCount} articles mentions ${input.unknownEntities.map((e) => `"${e}"`).join(' or ')}`);
  }
  if (!best || (bestSimilarity < ABSTAIN_BELOW.similarity && best.coverage < ABSTAIN_BELOW.coverage)) {
    return abstain(' anything that answers this');
  }

  // Pick distinct claims, best first.
  const chosen: ScoredSentence[] = [];
  for (const s of scored) {
    if (chosen.length >= maxClaims || s.score < best.score * relativeCutoff) break;
    if (chosen.some((c) => c.passage.docId === s.passage.docId ? overlaps(c, s) : false)) continue;
    if (chosen.some((c) => claimSimilarity(c.text, s.text) >= sameClaim)) continue;
    chosen.push(s);
  }

  // Each claim is supported by its own sentence and by same-claim sentences of other articles.
  const citations: Citation[] = [];
  const citationFor = (s: ScoredSentence): number => {
    const existing = citations.find((c) => c.passageId === s.passage.id);
    if (existing) {
      if (!existing.quote.includes(s.text)) existing.quote = `${existing.quote} ${s.text}`;
      return existing.n;
    }
    const c: Citation = {
      n: citations.length + 1,
      docId: s.passage.docId,
      label: labelOf(s.passage),
      doc: s.passage.doc,
      paragraph: s.passage.paragraph,
      passageId: s.passage.id,
      passage: s.passage.text,
      quote: s.text,
      score: s.passage.score,
    };
    citations.push(c);
    return c.n;
  };

  const claims: Claim[] = chosen.map((claim) => {
    const support = [claim];
    for (const s of scored) {
      if (support.some((x) => x.passage.docId === s.passage.docId)) continue;
      if (claimSimilarity(claim.text, s.text) >= sameClaim) support.push(s);
    }
    return { text: claim.text, citations: support.map(citationFor) };
  });

  const lines = claims.map((c) => {
    const docs = new Set(c.citations.map((n) => citations[n - 1]!.docId)).size;
    const markers = c.citations.map((n) => `[${n}]`).join('');
    const reach = docs >= 2 ? ` (reported by ${docs} of ${sourceCount} sources)` : '';
    return `${c.text} ${markers}${reach}`;
  });
  return { question, text: lines.join('\n'), abstained: false, claims, citations, passages: [...passages], sourceCount };
}

const overlaps = (a: ScoredSentence, b: ScoredSentence) => a.start < b.end && b.start < a.end;
