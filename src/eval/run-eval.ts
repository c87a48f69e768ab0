import type { Engine } from '../engine/engine.js';
import type { EvalQuestion } from './questions-file.js';
import { scoreQuestion, summarize, type EvalSummary, type QuestionResult } from './score-eval.js';

/** Recall is measured over this many retrieved passages (recall_at_5). */
export const EVAL_TOP_K = 5;

/** Ask every question through the engine's public API and score it. */
export async function runEval(
  engine: Engine,
  questions: readonly EvalQuestion[],
  onResult?: (r: QuestionResult) => void,
): Promise<{ results: QuestionResult[]; summary: EvalSummary }> {
  const results: QuestionResult[] = [];
  for (const [i, q] of questions.entries()) {
    const retrieved = await engine.search(q.question, { limit: EVAL_TOP_K });
    const answer = await engine.ask(q.question);
    const r = scoreQuestion(q, i, retrieved, answer);
    results.push(r);
    onResult?.(r);
  }
  return { results, summary: summarize(results) };
}
