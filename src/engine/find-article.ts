import type { ArticleInfo } from '../types.js';

/** What was typed, compared without case or extra white space. */
export const normalizeTyped = (s: string | undefined) => (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();

/** How well an article matches what was typed (normalised): 0 best … 4 no match. */
export function articleRank(s: ArticleInfo, typed: string): number {
  if (!typed) return 3;
  const id = s.id.toLowerCase();
  const names = [normalizeTyped(s.title), normalizeTyped(s.outlet)];
  if (id === typed) return 0;
  if (id.startsWith(typed)) return 1;
  if (names.some((n) => n.startsWith(typed))) return 2;
  if (id.includes(typed) || names.some((n) => n.includes(typed))) return 3;
  return 4;
}

/**
 * The article id meant by what someone typed: an exact id, or the one article whose id starts
 * with it or whose title/outlet matches it. Undefined when none or several match. Shared by every
 * front end ("/source article:", `npm run source -- 002`, `--source`).
 */
export function findArticle(articles: readonly ArticleInfo[], typedRaw: string): string | undefined {
  const typed = typedRaw.trim();
  if (!typed) return undefined;
  if (articles.some((s) => s.id === typed)) return typed;
  const t = normalizeTyped(typed);
  for (const best of [0, 1, 2, 3]) {
    const hits = articles.filter((s) => articleRank(s, t) === best || (best === 0 && (normalizeTyped(s.title) === t || normalizeTyped(s.outlet) === t)));
    if (hits.length === 1) return hits[0]!.id;
    if (hits.length > 1) return undefined;
  }
  return undefined;
}
