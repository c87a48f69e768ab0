import type { ArticleMeta } from '../types.js';

/**
 * How an article is named wherever it is cited: citations, "(reported by …)" lines, /sources and
 * `npm run sources`. One implementation for the answer layer, the bot and the CLI.
 */

/** A short title is at most this many characters (a plain-text article's "title" is often its 60-word lede). */
export const SHORT_TITLE_CHARS = 40;

/**
 * `title` cut to at most `max` characters at a word boundary, with "…" when cut. White space is
 * folded first; a first word longer than the budget is cut between characters.
 */
export function shortTitle(title: string, max = SHORT_TITLE_CHARS): string {
  const t = title.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const room = t.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  const cut = (space >= max / 3 ? room.slice(0, space) : room).replace(/[\s,;:.\-–—(]+$/u, '');
  // never end inside a surrogate pair
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** The outlet when known ("Al Jazeera"), else a short form of the title, else the id. */
export function articleLabel(article: Pick<ArticleMeta, 'outlet' | 'title' | 'id'>): string {
  const outlet = article.outlet?.replace(/\s+/g, ' ').trim();
  if (outlet) return outlet;
  return shortTitle(article.title) || article.id;
}

/** "The Harbour Times: “Kestwick sea wall approved…”", or the title alone in quotes (the id without one): an article named in a sentence. */
export function articleName(a: Pick<ArticleMeta, 'title' | 'outlet' | 'id'>): string {
  return a.outlet ? `${a.outlet}: “${a.title}”` : `“${a.title || a.id}”`;
}

/** "Al Jazeera, Reuters and 2 more": labels of distinct articles for "(reported by …)" lines. */
export function labelList(labels: readonly string[], max = 3): string {
  const distinct = [...new Set(labels)];
  if (distinct.length <= max) {
    return distinct.length <= 1 ? (distinct[0] ?? '') : `${distinct.slice(0, -1).join(', ')} and ${distinct[distinct.length - 1]}`;
  }
  return `${distinct.slice(0, max).join(', ')} and ${distinct.length - max} more`;
}
