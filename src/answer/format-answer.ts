import type { Citation, Claim } from '../types.js';
import type { AnswerType } from './question.js';
import { labelList } from '../text/labels.js';

/** What the coverage lacks, for "The coverage doesn't …; it reports: …". */
const LACKING: Record<AnswerType, string> = {
  person: "doesn't name who",
  org: "doesn't name the organisation",
  name: "doesn't give the name",
  place: "doesn't say where",
  date: "doesn't say when",
  number: "doesn't give a number for this",
  reason: "doesn't give a reason",
  quote: "doesn't quote them on this",
  yesno: "doesn't settle this",
  description: "doesn't say",
  compare: "doesn't say",
  coverage: "doesn't say",
};

/** An abstention's text: why, then that the nearest passages follow. */
export const abstentionText = (text: string): string => `${text} The nearest passages are listed below.`;

export const ABOUT_THE_BOT = "That's a question about Newsdesk itself, not about the coverage: it answers questions about the articles it has.";

/** "The coverage doesn't say when; it reports: … [1]" */
export const lackingText = (answerType: AnswerType, best: string): string => `The coverage ${LACKING[answerType]}; it reports: ${best} [1]`;

/** The format phase of composing: one line per claim, its citation markers, and how many sources report it. */
export function formatClaims(claims: readonly Claim[], citations: readonly Citation[], articleCount: number): string {
  const lines = claims.map((c) => {
    const cited = [...new Map(c.citations.map((n) => [citations[n - 1]!.articleId, citations[n - 1]!.label])).values()];
    const reporting = cited.length;
    const markers = c.citations.map((n) => `[${n}]`).join('');
    const reach = reporting >= 2 ? ` (reported by ${reporting} of ${articleCount} sources: ${labelList(cited)})` : '';
    return `${c.text} ${markers}${reach}`;
  });
  return lines.join('\n');
}
