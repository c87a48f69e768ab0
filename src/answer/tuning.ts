/**
 * Every weight and threshold of the answer layer, in one documented table. `Engine.ask(q, {
 * tuning: { answer: {…} } })` and `npm run eval -- --tuning file.json` override any of them.
 */
export interface AnswerTuning {
  /** Retrieved passages handed to answer composition: enough to find every outlet carrying a claim. */
  passages: number;
  /** Most distinct claims in one answer. */
  maxClaims: number;
  /** A further claim must score at least this share of the best one. */
  relativeCutoff: number;
}

export const defaultAnswerTuning: AnswerTuning = {
  passages: 10,
  maxClaims: 3,
  relativeCutoff: 0.85,
};
