import type { RatedAnswer } from './store.js';

/**
 * A rated answer as a line of the eval's questions file (src/eval/questions-file.ts), to grow the
 * dev sets from real questions. Everything in it is provisional and marked for review: for 👍 the
 * cited sentences stand in as evidence (must_mention is left for the reviewer to write); for 👎
 * nothing is known to be right, so there is no evidence, only the answer that was wrong and why.
 */
export function toEvalQuestion(r: RatedAnswer, index: number) {
  const base = {
    id: `fb${String(index + 1).padStart(3, '0')}`,
    question: r.standalone ?? r.question,
    ...(r.standalone && { asked: r.question }),
    kind: 'feedback',
    rating: r.rating,
    must_mention: [] as string[][],
    needs_review: true,
    rated_at: r.at,
    index_generation: r.index,
  };
  if (r.rating === 'up') {
    return {
      ...base,
      evidence: r.abstained ? [] : r.citations.map((c) => ({ source: c.source, text: c.quote })),
      ...(r.abstained && { out_of_scope: true }),
      review: r.abstained
        ? 'rated 👍 on an abstention: probably out of scope; confirm nothing in the articles answers it'
        : 'provisional: the cited sentences of an answer rated 👍; check the evidence is complete and write must_mention',
      ...(r.comments.length && { comments: r.comments }),
    };
  }
  return {
    ...base,
    evidence: [],
    answer_given: r.answer,
    review: r.abstained
      ? 'rated 👎 on an abstention: find the sentences that answer it (evidence, must_mention)'
      : 'rated 👎: decide whether the articles answer it (add evidence and must_mention) or not (out_of_scope: true)',
    ...(r.comments.length && { comments: r.comments }),
  };
}
