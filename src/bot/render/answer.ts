import { ButtonStyle, type APIEmbed } from 'discord.js';
import type { Answer, Citation } from '../../index-light.js';
import { oneLine, truncate } from '../../format/shorten.js';
import { linesToFields } from './fields.js';
import { LIMITS, packEmbeds } from './limits.js';
import { COLORS, buttonRows, message, NO_MENTIONS, type RenderedMessage } from './message.js';
import { code, articleLabel, articleLink, passageField } from './passages.js';
import { count, escapeText, safeUrl } from './text.js';

/** Custom id of the "Show passages" button: `ask:passages:<key>` (key from the bot's answer cache). */
export const passagesButtonId = (key: string) => `ask:passages:${key}`;

export interface RenderAnswerOptions {
  /** Key under which the answer is cached; adds the "Show passages" button. */
  passagesKey?: string;
  /** The article the question was limited to, if any. */
  article?: string;
  /** Key under which the answer is cached; adds the 👍 / 👎 buttons (only when feedback is on). */
  feedbackKey?: string;
}

/** Custom ids of the feedback buttons: `fb:up:<key>` / `fb:down:<key>`. */
export const feedbackButtonId = (rating: 'up' | 'down', key: string) => `fb:${rating}:${key}`;

/** The line under an answer saying how a follow-up was understood, so a wrong reading is visible. */
export const readAsLine = (answer: Answer) => (answer.standalone ? `\n\n↳ read as: ${escapeText(oneLine(answer.standalone, 300))}` : '');

/** Characters the answer text may take at most, so that the Sources section keeps some room. */
const SOURCES_ROOM = 1800;

/** `[n] Label · ¶p · \`id\`` with a link to the article when known. */
export function citationLine(c: Citation): string {
  const label =
    c.article.outlet && c.article.title && c.article.outlet !== c.article.title
      ? `${articleLink(c.article)} — ${escapeText(oneLine(c.article.title, 60))}`
      : articleLink(c.article);
  return `**[${c.n}]** ${label} · ¶${c.paragraph} · ${code(c.articleId)}`;
}

function footer(answer: Answer, article?: string): string {
  const where = article ? `Limited to ${article}` : answer.filter ? `Only ${answer.filter}` : `Searched ${count(answer.articleCount, 'article')}`;
  const ms = answer.timings ? ` · ${Math.round(answer.timings.total)} ms` : '';
  return `${where}${ms}`;
}

/**
 * The reply to a question (/ask, a mention, a DM): the answer with its [n] markers, a Sources
 * section mapping each [n] to its article, and a "Show passages" button. When the engine abstains,
 * its explanation and the nearest passages instead.
 */
export function renderAnswer(answer: Answer, opts: RenderAnswerOptions = {}): RenderedMessage {
  const title = truncate(escapeText(oneLine(answer.question, 240)), LIMITS.title);
  const foot = footer(answer, opts.article);
  const base = title.length + foot.length;

  if (answer.abstained) {
    const fields = answer.passages.slice(0, 3).map((p, i) => passageField(p, i, 280));
    const room = LIMITS.embedTotal - base - fields.reduce((n, f) => n + f.name.length + f.value.length, 0) - 40;
    const embed: APIEmbed = {
      title,
      color: COLORS.abstain,
      description: truncate(escapeText(answer.text), Math.min(LIMITS.description, room) - readAsLine(answer).length) + readAsLine(answer),
      ...(fields.length
        ? { fields: [{ name: 'Nearest passages', value: 'None of these answers the question; they are the closest the articles come.' }, ...fields] }
        : {}),
      footer: { text: foot },
    };
    return message([embed], feedbackRow(opts));
  }

  const lines = answer.citations.map(citationLine);
  const wanted = lines.reduce((n, l) => n + l.length + 1, 'Sources'.length + 20);
  const descMax = Math.min(LIMITS.description, LIMITS.embedTotal - base - Math.min(wanted, SOURCES_ROOM));
  const readAs = readAsLine(answer);
  const description = truncate(escapeText(answer.text), descMax - readAs.length) + readAs;
  const fields = lines.length ? linesToFields(lines, { name: 'Sources', budget: LIMITS.embedTotal - base - description.length }) : [];
  const embed: APIEmbed = { title, color: COLORS.answer, description, ...(fields.length ? { fields } : {}), footer: { text: foot } };
  const buttons = [
    ...(opts.passagesKey && answer.citations.length
      ? [{ customId: passagesButtonId(opts.passagesKey), label: 'Show passages', style: ButtonStyle.Secondary as const, emoji: '📄' }]
      : []),
    ...feedbackButtons(opts),
  ];
  return message([embed], buttons.length ? buttonRows(buttons) : []);
}

function feedbackButtons(opts: RenderAnswerOptions) {
  if (!opts.feedbackKey) return [];
  return [
    { customId: feedbackButtonId('up', opts.feedbackKey), label: 'Helpful', style: ButtonStyle.Secondary as const, emoji: '👍' },
    { customId: feedbackButtonId('down', opts.feedbackKey), label: 'Not helpful', style: ButtonStyle.Secondary as const, emoji: '👎' },
  ];
}

const feedbackRow = (opts: RenderAnswerOptions) => (opts.feedbackKey ? buttonRows(feedbackButtons(opts)) : []);

/** `before **quote** after`, escaped; the quote is bolded when it is found in the passage. */
function highlight(passage: string, quote: string, max: number): string {
  const at = quote ? passage.indexOf(quote) : -1;
  if (at >= 0) {
    const text = `${escapeText(passage.slice(0, at))}**${escapeText(quote)}**${escapeText(passage.slice(at + quote.length))}`;
    if (text.length <= max) return text;
  }
  return truncate(escapeText(passage), max);
}

/**
 * The full cited passages of an answer ("Show passages"): one embed per citation, packed into
 * as few messages as Discord's limits allow (the caller sends the first as the ephemeral reply
 * and the rest as ephemeral follow-ups).
 */
export function renderCitedPassages(answer: Answer): RenderedMessage[] {
  const embeds: APIEmbed[] = answer.citations.map((c) => {
    const href = safeUrl(c.article.url);
    return {
      title: truncate(`[${c.n}] ${escapeText(oneLine(articleLabel(c.article), 200))}`, LIMITS.title),
      ...(href ? { url: href } : {}),
      color: COLORS.answer,
      description: highlight(c.passage, c.quote, LIMITS.description),
      footer: { text: `${c.articleId} · paragraph ${c.paragraph}${c.article.published ? ` · ${c.article.published}` : ''}` },
    };
  });
  if (embeds.length === 0) return [{ content: 'This answer cites no passages.', embeds: [], components: [], allowedMentions: NO_MENTIONS }];
  const header = truncate(`Passages cited in the answer to: ${escapeText(oneLine(answer.question, 300))}`, LIMITS.content);
  return packEmbeds(embeds).map((group, i) => ({ ...(i === 0 ? { content: header } : {}), embeds: group, components: [], allowedMentions: NO_MENTIONS }));
}
