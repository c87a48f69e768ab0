import type { Answer, ScoredPassage } from '../engine/types.js';
import type { EvalQuestion } from './questions-file.js';

export interface QuestionResult {
  id: string;
  question: string;
  outOfScope: boolean;
  hasEvidence: boolean;
  /** Rank (1-based) of the first retrieved passage containing evidence; null when none in the top k. */
  evidenceRank: number | null;
  answerHit: boolean;
  missing: string[][];
  abstained: boolean;
  citedSources: string[];
  citationsOk: number;
  answer: string;
}

export interface EvalSummary {
  n: number;
  recall_at_1: number | null;
  recall_at_5: number | null;
  answer_hit_rate: number | null;
  citation_precision: number | null;
  abstention_rate: number | null;
  false_abstention_rate: number | null;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Score one question: retrieval ranks (top-k passages) and the composed answer. */
export function scoreQuestion(q: EvalQuestion, index: number, retrieved: readonly ScoredPassage[], answer: Answer): QuestionResult {
  const evidenceRank = retrieved.findIndex((p) => q.evidence.some((e) => p.doc.file === e.source && norm(p.text).includes(norm(e.text))));
  const text = answer.abstained ? '' : answer.text.toLowerCase();
  const missing = q.must_mention.filter((group) => !group.some((alt) => text.includes(alt.toLowerCase())));
  const sources = new Set(q.evidence.map((e) => e.source));
  const citedSources = answer.citations.map((c) => c.doc.file);
  return {
    id: q.id ?? `q${index + 1}`,
    question: q.question,
    outOfScope: q.out_of_scope,
    hasEvidence: q.evidence.length > 0,
    evidenceRank: evidenceRank >= 0 ? evidenceRank + 1 : null,
    answerHit: !answer.abstained && missing.length === 0,
    missing,
    abstained: answer.abstained,
    citedSources,
    citationsOk: citedSources.filter((s) => sources.has(s)).length,
    answer: answer.text,
  };
}

const ratio = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 1000) / 1000);

/** The summary metrics over all questions (definitions in README "Evaluation"). */
export function summarize(results: readonly QuestionResult[]): EvalSummary {
  const inScope = results.filter((r) => !r.outOfScope);
  const withEvidence = inScope.filter((r) => r.hasEvidence);
  const oos = results.filter((r) => r.outOfScope);
  // Precision needs to know the right sources: questions without evidence don't count.
  const cited = withEvidence.reduce((n, r) => n + r.citedSources.length, 0);
  return {
    n: results.length,
    recall_at_1: ratio(withEvidence.filter((r) => r.evidenceRank !== null && r.evidenceRank <= 1).length, withEvidence.length),
    recall_at_5: ratio(withEvidence.filter((r) => r.evidenceRank !== null && r.evidenceRank <= 5).length, withEvidence.length),
    answer_hit_rate: ratio(inScope.filter((r) => r.answerHit).length, inScope.length),
    citation_precision: ratio(withEvidence.reduce((n, r) => n + r.citationsOk, 0), cited),
    abstention_rate: ratio(oos.filter((r) => r.abstained).length, oos.length),
    false_abstention_rate: ratio(inScope.filter((r) => r.abstained).length, inScope.length),
  };
}
