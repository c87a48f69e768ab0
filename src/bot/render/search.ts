import type { APIEmbed } from 'discord.js';
import type { ScoredPassage } from '../../index-light.js';
import { oneLine, truncate } from '../../format/shorten.js';
import { LIMITS } from './limits.js';
import { COLORS, message, type RenderedMessage } from './message.js';
import { passageField } from './passages.js';
import { count, escapeText } from './text.js';

/** /search: the top passages with attribution, no answer composed. */
export function renderSearchResults(query: string, passages: readonly ScoredPassage[], article?: string, filter?: string): RenderedMessage {
  const title = truncate(`Search: ${escapeText(oneLine(query, 230))}`, LIMITS.title);
  const foot = truncate(
    `${count(passages.length, 'passage')}, best first${article ? ` · limited to ${article}` : ''}${filter ? ` · only ${filter}` : ''} · /ask composes an answer with citations`,
    LIMITS.footer,
  );
  // 10 passages × (snippet + attribution) must stay within 6000 characters with the title and footer
  const snippet = Math.max(120, Math.floor((LIMITS.embedTotal - title.length - foot.length - 200) / Math.max(1, passages.length)) - 160);
  const embed: APIEmbed = {
    title,
    color: COLORS.search,
    ...(passages.length
      ? { fields: passages.slice(0, LIMITS.fields).map((p, i) => passageField(p, i, Math.min(snippet, 400))) }
      : { description: 'No passage matched. Try other words, or /sources to see what the articles cover.' }),
    footer: { text: foot },
  };
  return message([embed]);
}
