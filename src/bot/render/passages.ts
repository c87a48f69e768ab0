import type { APIEmbedField } from 'discord.js';
import type { ArticleMeta, ScoredPassage } from '../../index-light.js';
import { articleLabel } from '../../format/labels.js';
import { oneLine, truncate } from '../../format/shorten.js';
import { LIMITS } from './limits.js';
import { escapeText, linkOrText, safeUrl } from './text.js';

/** `code` span for an id (ids are file names: a backtick would end the span early, a bidi override reverse the line). */
export const code = (s: string) => `\`${s.replace(/`/g, 'ˋ').replace(/[\u202A-\u202E\u2066-\u2069]/g, '')}\``;

/** How an article is named in citations: its outlet when known, else a short title (src/text/labels.ts). */
export { articleLabel };

/** "Outlet — Title" when the outlet is known, else the short title, on one line, as plain text. */
export function articleHeading(article: ArticleMeta, max = 90): string {
  const label = articleLabel(article);
  return oneLine(article.outlet && article.title && article.outlet !== article.title ? `${label} — ${article.title}` : label, max);
}

/** "`id` · ¶3 · [link](url)" attribution line for a passage. */
export function attribution(article: ArticleMeta, paragraph: number): string {
  const href = safeUrl(article.url);
  return [code(article.id), `¶${paragraph}`, ...(article.published ? [escapeText(article.published)] : []), ...(href ? [`[article](${href})`] : [])].join(
    ' · ',
  );
}

/** One field per passage: title/outlet and paragraph as the name, a snippet and attribution as the value. */
export function passageField(p: ScoredPassage, index: number, snippet = 300): APIEmbedField {
  const name = `${index + 1}. ${escapeText(articleHeading(p.article, 200))}`;
  const attr = attribution(p.article, p.paragraph);
  const text = truncate(escapeText(p.text.replace(/\s+/g, ' ').trim()), Math.min(snippet, LIMITS.fieldValue - attr.length - 1));
  return { name: truncate(name, LIMITS.fieldName), value: `${text}\n${attr}` };
}

/** A masked link to the article when its url is known (used in source lines). */
export const articleLink = (article: ArticleMeta, max = 80) => linkOrText(oneLine(articleLabel(article), max), article.url);
