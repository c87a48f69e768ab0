import { paragraphAt } from '../chunk/chunk-article.js';
import type { Citation, Claim } from '../types.js';
import type { Candidate } from './candidates.js';
import type { QuestionAnalysis } from './question.js';
import { articleLabel } from '../text/labels.js';

/**
 * The cite phase of composing: number the citations of the chosen claims. Each claim is cited by
 * its own sentences and by the same-claim sentences of other articles (every outlet that reports it).
 */
export function citeClaims(
  chosen: readonly Candidate[][],
  candidates: readonly Candidate[],
  q: QuestionAnalysis,
  sameClaim: (a: Candidate, b: Candidate) => boolean,
): { claims: Claim[]; citations: Citation[] } {
  // Each claim is supported by its own sentences and by same-claim sentences of other articles.
  const citations: Citation[] = [];
  const citationFor = (s: Candidate, extension: readonly Candidate[] = []): number => {
    const existing = citations.find((c) => c.passageId === s.passage.id);
    if (existing) {
      for (const t of [s, ...extension]) if (!existing.quote.includes(t.text)) existing.quote = `${existing.quote} ${t.text}`;
      return existing.n;
    }
    const c = citationOf(s, citations.length + 1);
    if (extension.length)
      c.quote = [s, ...extension]
        .sort((a, b) => a.start - b.start)
        .map((t) => t.text)
        .join(' ');
    citations.push(c);
    return c.n;
  };
  const claims: Claim[] = chosen.map(([head, ...extension]) => {
    // In the article's order: an attribution can come before the quote it names.
    const own = [head!, ...extension].sort((a, b) => a.start - b.start);
    const numbers = [citationFor(head!, extension)];
    const citedArticles = new Set([head!.passage.articleId]);
    if (q.answerType !== 'compare') {
      for (const s of candidates) {
        if (citedArticles.has(s.passage.articleId) || s.features.heading) continue;
        if (own.some((x) => sameClaim(x, s))) {
          citedArticles.add(s.passage.articleId);
          numbers.push(citationFor(s));
        }
      }
    }
    return { text: own.map((t) => t.text).join(' '), citations: [...new Set(numbers)] };
  });
  return { claims, citations };
}

export function citationOf(s: Candidate, n: number): Citation {
  return {
    n,
    articleId: s.passage.articleId,
    label: articleLabel(s.passage.article),
    article: s.passage.article,
    // The cited sentence's own paragraph (a passage can span several).
    paragraph: paragraphAt(s.passage, s.start - s.passage.start),
    passageId: s.passage.id,
    passage: s.passage.text,
    quote: s.text,
    score: s.passage.score,
  };
}
