import type { APIEmbedField } from 'discord.js';
import type { ArticleMeta, ScoredPassage } from '../../index-light.js';
import { docLabel } from '../../format/labels.js';
import { oneLine, truncate } from '../../format/shorten.js';
import { LIMITS } from './limits.js';
import { escapeText, linkOrText, safeUrl } from './text.js';

/** `code` span for an id (ids are file names: a backtick would end the span early, a bidi override reverse the line). */
export const code = (s: string) => `\`${s.replace(/`/g, 'ˋ').replace(/[\u202A-\u202E\u2066-\u2069]/g, '')}\``;

/** How an article is named in citations: its outlet when known, else a short title (src/text/labels.ts). */
export { docLabel };

/** "Outlet — Title" when the outlet is known, else the short title, on one line, as plain text. */
export function docName(doc: ArticleMeta, max = 90): string {
  const label = docLabel(doc);
  return oneLine(doc.outlet && doc.title && doc.outlet !== doc.title ? `${label} — ${doc.title}` : label, max);
}

/** "`id` · ¶3 · [link](url)" attribution line for a passage. */
export function attribution(doc: ArticleMeta, paragraph: number): string {
  const href = safeUrl(doc.url);
  return [code(doc.id), `¶${paragraph}`, ...(doc.published ? [escapeText(doc.published)] : []), ...(href ? [`[article](${href})`] : [])].join(' · ');
}

/** One field per passage: title/outlet and paragraph as the name, a snippet and attribution as the value. */
export function passageField(p: ScoredPassage, index: number, snippet = 300): APIEmbedField {
  const name = `${index + 1}. ${escapeText(docName(p.doc, 200))}`;
  const attr = attribution(p.doc, p.paragraph);
  const text = truncate(escapeText(p.text.replace(/\s+/g, ' ').trim()), Math.min(snippet, LIMITS.fieldValue - attr.length - 1));
  return { name: truncate(name, LIMITS.fieldName), value: `${text}\n${attr}` };
}

/** A masked link to the article when its url is known (used in source lines). */
export const docLink = (doc: ArticleMeta, max = 80) => linkOrText(oneLine(docLabel(doc), max), doc.url);
