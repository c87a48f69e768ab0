import { defaultAnswerTuning, type AnswerTuning } from '../answer/tuning.js';
import { defaultConversationTuning, type ConversationTuning } from '../conversation/tuning.js';
import { defaultRetrievalTuning, type RetrievalTuning } from '../retrieve/tuning.js';

/** Overrides of the stages' tunables for one call (see each stage's `tuning.ts`). */
export interface Tuning {
  retrieval?: Partial<RetrievalTuning>;
  answer?: Partial<AnswerTuning>;
  /** Follow-up resolution (src/conversation/tuning.ts). */
  conversation?: Partial<ConversationTuning>;
}

/** The stages' defaults with the call's overrides applied. */
export function resolveTuning(t: Tuning = {}): { retrieval: RetrievalTuning; answer: AnswerTuning; conversation: ConversationTuning } {
  return {
    retrieval: { ...defaultRetrievalTuning, ...t.retrieval },
    answer: { ...defaultAnswerTuning, ...t.answer },
    conversation: { ...defaultConversationTuning, ...t.conversation },
  };
}

export type { AnswerTuning, ConversationTuning, RetrievalTuning };
