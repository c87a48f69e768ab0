import type { Answer } from '../types.js';
import type { CandidateFeatures } from './candidates.js';
import { citationOf, citeClaims } from './cite-answer.js';
import { ABOUT_THE_BOT, abstentionText, formatClaims, lackingText } from './format-answer.js';
import type { QuestionAnalysis } from './question.js';
import { selectAnswer, type ComposeInput } from './select-answer.js';
import { defaultAnswerTuning, type AnswerableFeature, type AnswerTuning } from './tuning.js';

export { rankCandidates, type ComposeInput } from './select-answer.js';

/** What the answer layer saw for one question (`Engine.explain`). */
export interface AnswerExplanation {
  analysis: QuestionAnalysis;
  /** Candidate sentences, best first. */
  candidates: {
    text: string;
    articleId: string;
    file: string;
    paragraph: number;
    features: CandidateFeatures;
    score: number;
    /** The answerability features this candidate would give as the best one. */
    answerable: Record<AnswerableFeature, number>;
  }[];
  /** Features of the answer-or-abstain decision, and its probability of answering. */
  answerable: Record<AnswerableFeature, number>;
  probability: number;
}

/**
 * Compose a short extractive answer in three phases: select (the sentence that answers, whether
 * it really does, up to two further distinct claims), cite (number the citations, every outlet
 * that reports each claim), format (the answer's text).
 */
export function composeAnswer(input: ComposeInput, tuning: AnswerTuning = defaultAnswerTuning): Answer {
  const { analysis: q, passages, articleCount } = input;
  const base = { question: q.text, passages: [...passages], articleCount };
  const selection = selectAnswer(input, tuning);
  switch (selection.kind) {
    case 'aboutTheBot':
      return { ...base, passages: [], text: ABOUT_THE_BOT, abstained: true, claims: [], citations: [] };
    case 'abstain':
      return { ...base, text: abstentionText(selection.text), abstained: true, claims: [], citations: [] };
    case 'lacking': {
      const { best } = selection;
      return {
        ...base,
        text: lackingText(q.answerType, best.text),
        abstained: true,
        claims: [{ text: best.text, citations: [1] }],
        citations: [citationOf(best, 1)],
      };
    }
    case 'claims': {
      const { claims, citations } = citeClaims(selection.chosen, selection.candidates, q, selection.sameClaim);
      return { ...base, text: formatClaims(claims, citations, articleCount), abstained: false, claims, citations };
    }
  }
}
