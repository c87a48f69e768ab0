import { askConversation } from '../engine/ask-in-turn.js';
import type { Engine } from '../engine/engine.js';
import type { Tuning } from '../engine/tuning.js';
import type { RetrievalTuning } from '../retrieve/tuning.js';
import type { EvalQuestion } from './questions-file.js';
import { evidenceRank, ratio, scoreQuestion, summarize, type EvalSummary, type QuestionResult } from './score-eval.js';

/** Recall is measured over this many retrieved passages (recall_at_5). */
export const EVAL_TOP_K = 5;

/** Ask every question through the engine's public API and score it. */
export async function runEval(
  engine: Engine,
  questions: readonly EvalQuestion[],
  onResult?: (r: QuestionResult) => void,
  tuning?: Tuning,
  options: { ignoreHistory?: boolean } = {},
): Promise<{ results: QuestionResult[]; summary: EvalSummary }> {
  const results: QuestionResult[] = [];
  for (const [i, q] of questions.entries()) {
    // A conversation: the history is asked first, each question read against the ones before it;
    // only the last answer is scored, and retrieval is scored on the question as it was read.
    const history = options.ignoreHistory ? [] : (q.history ?? []);
    const answers = await askConversation(engine, [...history, q.question], { tuning });
    const answer = answers[answers.length - 1]!;
    const retrieved = await engine.search(answer.standalone ?? q.question, { limit: EVAL_TOP_K, tuning });
    const r = scoreQuestion(q, i, retrieved, answer);
    results.push(r);
    onResult?.(r);
  }
  return { results, summary: summarize(results) };
}

/** Retrieval variants compared by `--retrieval-only`. */
export const RETRIEVAL_VARIANTS: readonly RetrievalTuning['mode'][] = ['hybrid', 'rrf', 'dense', 'keyword'];

export interface RetrievalVariantSummary {
  mode: RetrievalTuning['mode'];
  n: number;
  recall_at_1: number | null;
  recall_at_5: number | null;
}

/** Evidence in the top 1 / top 5 for each retrieval variant, over the questions that have evidence. */
export async function runRetrievalEval(engine: Engine, questions: readonly EvalQuestion[], tuning: Tuning = {}): Promise<RetrievalVariantSummary[]> {
  const withEvidence = questions.filter((q) => !q.out_of_scope && q.evidence.length > 0);
  const out: RetrievalVariantSummary[] = [];
  for (const mode of RETRIEVAL_VARIANTS) {
    const ranks: (number | null)[] = [];
    for (const q of withEvidence) {
      const retrieved = await engine.search(q.question, { limit: EVAL_TOP_K, tuning: { ...tuning, retrieval: { ...tuning.retrieval, mode } } });
      ranks.push(evidenceRank(q, retrieved));
    }
    out.push({
      mode,
      n: withEvidence.length,
      recall_at_1: ratio(ranks.filter((r) => r !== null && r <= 1).length, ranks.length),
      recall_at_5: ratio(ranks.filter((r) => r !== null && r <= EVAL_TOP_K).length, ranks.length),
    });
  }
  return out;
}
