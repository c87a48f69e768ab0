import type { Answer, ScoredPassage } from '../types.js';
import type { EvalQuestion } from './questions-file.js';

export interface QuestionResult {
  id: string;
  question: string;
  kind?: string;
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
  /** The question as read against its history, when it was rewritten. */
  readAs?: string;
}

export interface EvalSummary {
  n: number;
  recall_at_1: number | null;
  recall_at_5: number | null;
  answer_hit_rate: number | null;
  citation_precision: number | null;
  abstention_rate: number | null;
  false_abstention_rate: number | null;
  /** In-scope questions answered, but without what was asked (a wrong answer). */
  wrong_answers: number;
  /** In-scope questions abstained on. */
  wrong_abstentions: number;
  /** Out-of-scope questions answered anyway. */
  answered_out_of_scope: number;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Whether a retrieved passage holds one of the question's evidence texts. */
export const isEvidence = (q: EvalQuestion, p: ScoredPassage): boolean =>
  q.evidence.some((e) => p.article.file === e.source && norm(p.text).includes(norm(e.text)));

/** Rank (1-based) of the first evidence passage among `retrieved`, or null. */
export function evidenceRank(q: EvalQuestion, retrieved: readonly ScoredPassage[]): number | null {
  const i = retrieved.findIndex((p) => isEvidence(q, p));
  return i >= 0 ? i + 1 : null;
}

/** Score one question: retrieval ranks (top-k passages) and the composed answer. */
export function scoreQuestion(q: EvalQuestion, index: number, retrieved: readonly ScoredPassage[], answer: Answer): QuestionResult {
  const text = answer.abstained ? '' : answer.text.toLowerCase();
  const missing = q.must_mention.filter((group) => !group.some((alt) => text.includes(alt.toLowerCase())));
  const sources = new Set(q.evidence.map((e) => e.source));
  const citedSources = answer.abstained ? [] : answer.citations.map((c) => c.article.file);
  return {
    id: q.id ?? `q${index + 1}`,
    question: q.question,
    ...(q.kind && { kind: q.kind }),
    outOfScope: q.out_of_scope,
    hasEvidence: q.evidence.length > 0,
    evidenceRank: evidenceRank(q, retrieved),
    answerHit: !answer.abstained && missing.length === 0,
    missing,
    abstained: answer.abstained,
    citedSources,
    citationsOk: citedSources.filter((s) => sources.has(s)).length,
    answer: answer.text,
    ...(answer.standalone && { readAs: answer.standalone }),
  };
}

export const ratio = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 1000) / 1000);

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
    citation_precision: ratio(
      withEvidence.reduce((n, r) => n + r.citationsOk, 0),
      cited,
    ),
    abstention_rate: ratio(oos.filter((r) => r.abstained).length, oos.length),
    false_abstention_rate: ratio(inScope.filter((r) => r.abstained).length, inScope.length),
    wrong_answers: inScope.filter((r) => !r.abstained && !r.answerHit).length,
    wrong_abstentions: inScope.filter((r) => r.abstained).length,
    answered_out_of_scope: oos.filter((r) => !r.abstained).length,
  };
}

export interface KindRow {
  kind: string;
  n: number;
  recall_at_5: number | null;
  answer_hit_rate: number | null;
  /** Share abstained: wrong for in-scope kinds, right for out-of-scope ones. */
  abstained: number | null;
}

/** One row per `kind` (questions without one are "(none)"), in order of first appearance. */
export function summarizeByKind(results: readonly QuestionResult[]): KindRow[] {
  const groups = new Map<string, QuestionResult[]>();
  for (const r of results) {
    const k = r.kind ?? (r.outOfScope ? '(out of scope)' : '(none)');
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups].map(([kind, rs]) => {
    const withEvidence = rs.filter((r) => !r.outOfScope && r.hasEvidence);
    const inScope = rs.filter((r) => !r.outOfScope);
    return {
      kind,
      n: rs.length,
      recall_at_5: ratio(withEvidence.filter((r) => r.evidenceRank !== null && r.evidenceRank <= 5).length, withEvidence.length),
      answer_hit_rate: ratio(inScope.filter((r) => r.answerHit).length, inScope.length),
      abstained: ratio(rs.filter((r) => r.abstained).length, rs.length),
    };
  });
}
