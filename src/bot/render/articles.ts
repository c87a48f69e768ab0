import { ButtonStyle, type APIEmbed } from 'discord.js';
import type { AddResult, RemoveResult, ArticleInfo } from '../../index-light.js';
import { articleLabel } from '../../format/labels.js';
import { oneLine, truncate } from '../../format/shorten.js';
import { LIMITS } from './limits.js';
import { COLORS, buttonRows, message, type RenderedMessage } from './message.js';
import { code } from './passages.js';
import { count, escapeText, safeUrl } from './text.js';
import { botWarnings } from './reindex.js';

/** Outlet, date, passages, id and how citations will name it. */
function articleFields(a: ArticleInfo): NonNullable<APIEmbed['fields']> {
  return [
    { name: 'Outlet', value: a.outlet ? escapeText(oneLine(a.outlet, 200)) : 'unknown', inline: true },
    { name: 'Published', value: a.published ? escapeText(oneLine(a.published, 100)) : 'unknown', inline: true },
    { name: 'Passages', value: String(a.passageCount), inline: true },
    { name: 'ID', value: code(a.id), inline: true },
    { name: 'Cited as', value: escapeText(articleLabel(a)), inline: true },
  ];
}

/** /add: what was added, as it will be cited. */
export function renderAdded(r: AddResult): RenderedMessage {
  const a = r.article;
  const href = safeUrl(a.url);
  const worded = botWarnings(r.summary);
  const warnings = worded.length ? [{ name: 'Warnings', value: truncate(escapeText(worded.join('\n')), LIMITS.fieldValue) }] : [];
  return message([
    {
      title: truncate(`Added: ${escapeText(oneLine(a.title || a.id, 250))}`, LIMITS.title),
      ...(href ? { url: href } : {}),
      color: COLORS.admin,
      fields: [...articleFields(a), ...warnings],
      footer: { text: truncate(`Saved as ${r.file} · indexed and answering in ${r.seconds.toFixed(1)} s`, LIMITS.footer) },
    },
  ]);
}

/** Custom ids of /remove's buttons: `remove:confirm:<id or ~alias>`, `remove:cancel`. */
export const removeButtonIds = (ref: string) => ({ confirm: `remove:confirm:${ref}`, cancel: 'remove:cancel' });

/** /remove: the article, and a confirmation button. */
export function renderRemoveConfirm(a: ArticleInfo, ref: string): RenderedMessage {
  const ids = removeButtonIds(ref);
  return message(
    [
      {
        title: truncate(`Remove ${escapeText(oneLine(a.title || a.id, 240))}?`, LIMITS.title),
        color: COLORS.admin,
        description: `Its file (${code(a.file)}) is deleted from the articles folder and the index is rebuilt without it. Questions keep being answered meanwhile.`,
        fields: articleFields(a),
      },
    ],
    buttonRows([
      { customId: ids.confirm, label: 'Remove', style: ButtonStyle.Danger, emoji: '🗑️' },
      { customId: ids.cancel, label: 'Cancel', style: ButtonStyle.Secondary },
    ]),
  );
}

/** /remove, done. */
export function renderRemoved(r: RemoveResult): RenderedMessage {
  return message([
    {
      title: truncate(`Removed: ${escapeText(oneLine(r.article.title || r.article.id, 240))}`, LIMITS.title),
      color: COLORS.admin,
      description: `${code(r.article.id)} is no longer in the index. It now has ${count(r.summary.articleCount, 'article')} and ${count(r.summary.passageCount, 'passage')}.`,
    },
  ]);
}
