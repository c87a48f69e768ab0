import { defaultAnswerTuning, type AnswerTuning } from '../answer/tuning.js';
import { defaultRetrievalTuning, type RetrievalTuning } from '../retrieve/tuning.js';

/** Overrides of the stages' tunables for one call (see each stage's `tuning.ts`). */
export interface Tuning {
  retrieval?: Partial<RetrievalTuning>;
  answer?: Partial<AnswerTuning>;
}

/** The stages' defaults with the call's overrides applied. */
export function resolveTuning(t: Tuning = {}): { retrieval: RetrievalTuning; answer: AnswerTuning } {
  return { retrieval: { ...defaultRetrievalTuning, ...t.retrieval }, answer: { ...defaultAnswerTuning, ...t.answer } };
}

export type { AnswerTuning, RetrievalTuning };
