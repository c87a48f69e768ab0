import type { Answer, Citation, ScoredPassage } from '../index-light.js';
import { articleLabel } from '../format/labels.js';
import { oneLine } from '../format/shorten.js';

/** Compact, machine-readable form of an answer (`npm run ask -- --json`). */
export function answerToJson(answer: Answer) {
  const passageJson = (p: ScoredPassage) => ({ document_id: p.articleId, paragraph: p.paragraph, passage: p.text, score: p.score });
  return {
    question: answer.question,
    read_as: answer.standalone ?? null,
    filter: answer.filter ?? null,
    answer: answer.text,
    abstained: answer.abstained,
    citations: answer.citations.map((c: Citation) => ({
      n: c.n,
      document_id: c.articleId,
      title: c.article.title,
      outlet: c.article.outlet ?? null,
      url: c.article.url ?? null,
      paragraph: c.paragraph,
      passage: c.passage,
      quote: c.quote,
      score: c.score,
    })),
    nearest: answer.abstained ? answer.passages.slice(0, 3).map(passageJson) : [],
  };
}

/** Answer and sources for a terminal. */
export function formatAnswerText(answer: Answer): string {
  const out = [answer.text];
  // What a follow-up was understood as, and which articles a filter kept, so a wrong reading shows.
  if (answer.standalone) out.push(`↳ read as: ${answer.standalone}`);
  if (answer.filter) out.push(`↳ only ${answer.filter}`);
  out.push('');
  if (answer.abstained) {
    out.push('Nearest passages:');
    for (const p of answer.passages.slice(0, 3)) out.push(`  - ${articleLabel(p.article)} ¶${p.paragraph} (${p.articleId}): ${oneLine(p.text, 160)}`);
  } else {
    out.push('Sources:');
    for (const c of answer.citations) {
      out.push(`  [${c.n}] ${c.label} — ${c.articleId}, paragraph ${c.paragraph}${c.article.url ? ` <${c.article.url}>` : ''}`);
      out.push(`      “${oneLine(c.quote, 200)}”`);
    }
  }
  return out.join('\n');
}
