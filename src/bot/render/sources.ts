import { ButtonStyle, type APIEmbed } from 'discord.js';
import type { Passage, ArticleInfo } from '../../index-light.js';
import { oneLine, truncate } from '../../format/shorten.js';
import { LIMITS, packGreedy } from './limits.js';
import { COLORS, buttonRows, message, type ButtonRow, type RenderedMessage } from './message.js';
import { code, articleLabel } from './passages.js';
import { count, escapeText, joinLines, linkOrText, safeUrl } from './text.js';

export const SOURCES_PER_PAGE = 10;

/** Prev/Next buttons; custom ids `<prefix>:prev:<page>[:suffix]` / `<prefix>:next:<page>[:suffix]` (page = the current one). */
export function pagerRow(prefix: string, page: number, pages: number, suffix?: string): ButtonRow[] {
  if (pages <= 1) return [];
  const id = (dir: string) => `${prefix}:${dir}:${page}${suffix ? `:${suffix}` : ''}`;
  return buttonRows([
    { customId: id('prev'), label: 'Prev', emoji: '◀️', style: ButtonStyle.Secondary, disabled: page <= 0 },
    { customId: id('next'), label: 'Next', emoji: '▶️', style: ButtonStyle.Secondary, disabled: page >= pages - 1 },
  ]);
}

/** The page a Prev/Next click leads to, kept within range (the list may have changed since). */
export function targetPage(direction: string, current: number, pages: number): number {
  const next = direction === 'prev' ? current - 1 : direction === 'next' ? current + 1 : current;
  return Math.min(Math.max(0, Number.isFinite(next) ? next : 0), Math.max(0, pages - 1));
}

/** /sources: the indexed articles, 10 per page. */
export function renderSourcesPage(sources: readonly ArticleInfo[], page: number): RenderedMessage {
  const pages = Math.max(1, Math.ceil(sources.length / SOURCES_PER_PAGE));
  const p = targetPage('stay', page, pages);
  const passages = sources.reduce((n, s) => n + s.passageCount, 0);
  const lines = sources.slice(p * SOURCES_PER_PAGE, (p + 1) * SOURCES_PER_PAGE).map((s, i) => {
    // Named as citations name it: the outlet (then the title) when known, else a short title.
    const head = s.outlet
      ? `**${escapeText(oneLine(articleLabel(s), 60))}** · ${linkOrText(oneLine(s.title || s.id, 90), s.url)}`
      : linkOrText(articleLabel(s), s.url);
    const meta = [code(s.id), ...(s.published ? [escapeText(oneLine(s.published, 40))] : []), count(s.passageCount, 'passage')];
    return `**${p * SOURCES_PER_PAGE + i + 1}.** ${head}\n${meta.join(' · ')}`;
  });
  const embed: APIEmbed = {
    title: 'Indexed articles',
    color: COLORS.sources,
    description: sources.length
      ? joinLines(lines, LIMITS.description)
      : 'No articles are indexed yet. Add one with /add, or put .txt, .md or .html files in the articles folder and run /reindex.',
    footer: { text: `Page ${p + 1}/${pages} · ${count(sources.length, 'article')}, ${count(passages, 'passage')} · /source shows one article` },
  };
  return message([embed], pagerRow('sources', p, pages));
}

/** Split an article's passages into pages of at most `budget` characters (and 8 passages). */
export function passagePages(passages: readonly Passage[], budget = 3600, perPage = 8): Passage[][] {
  return packGreedy(passages, (p) => Math.min(p.text.length + 20, 1520), budget, perPage);
}

/**
 * /source: one article's metadata and, page by page, its passages. `pageId` is what the
 * Prev/Next buttons carry to find the article again (its id, or a short alias of a long id).
 */
export function renderSourcePage(info: ArticleInfo, passages: readonly Passage[], page: number, pageId: string = info.id): RenderedMessage {
  const pages = passagePages(passages);
  const p = targetPage('stay', page, pages.length);
  const shown = pages[p] ?? [];
  const budget = Math.floor(3600 / Math.max(1, shown.length));
  const lines = shown.map((x) => `**¶${x.paragraph}** ${truncate(escapeText(x.text.replace(/\s+/g, ' ').trim()), Math.min(1500, budget))}`);
  const href = safeUrl(info.url);
  const embed: APIEmbed = {
    title: truncate(escapeText(oneLine(info.title || info.id, 250)), LIMITS.title),
    ...(href ? { url: href } : {}),
    color: COLORS.sources,
    fields: [
      { name: 'ID', value: code(info.id), inline: true },
      ...(info.outlet ? [{ name: 'Outlet', value: escapeText(oneLine(info.outlet, 200)), inline: true }] : []),
      ...(info.published ? [{ name: 'Published', value: escapeText(oneLine(info.published, 100)), inline: true }] : []),
      { name: 'Passages', value: String(info.passageCount), inline: true },
    ],
    description: lines.length ? joinLines(lines, LIMITS.description, (n) => `…and ${count(n, 'more passage')}`) : 'This article has no passages.',
    footer: { text: `Page ${p + 1}/${pages.length || 1} · file ${oneLine(info.file, 120)}` },
  };
  return message([embed], pagerRow('source', p, pages.length, pageId));
}
