import type { APIEmbed, APIEmbedField } from 'discord.js';
import { sharedLead } from '../../format/labels.js';
import type { Comparison, ComparedClaim, QuoteListing, StatementView } from '../../index-light.js';
import { oneLine, truncate } from '../../format/shorten.js';
import { LIMITS, packGreedy } from './limits.js';
import { COLORS, message, type RenderedMessage } from './message.js';
import { code, articleLabel } from './passages.js';
import { pagerRow, targetPage } from './sources.js';
import { count, escapeText, joinLines } from './text.js';

export const SPEAKERS_PER_PAGE = 20;

/** A statement as an embed field: each outlet's wording (escaped), cited with outlet and paragraph. */
function statementField(s: StatementView, articleCount: number): APIEmbedField {
  const name = `${s.speaker ?? 'Speaker unknown'}${s.kind === 'fragment' ? ' (fragment)' : ''} — ${s.articleIds.length} of ${articleCount} outlets`;
  const budget = Math.floor((LIMITS.fieldValue - 20) / Math.max(1, s.quotes.length));
  const lines = s.quotes.map((q) => {
    const cite = ` — ${escapeText(oneLine(articleLabel(q.article), 40))} ¶${q.paragraph} ${code(q.articleId)}`;
    return `“${truncate(escapeText(q.text.replace(/\s+/g, ' ')), Math.max(40, budget - cite.length - 2))}”${cite}`;
  });
  return { name: truncate(escapeText(name), LIMITS.fieldName), value: joinLines(lines, LIMITS.fieldValue) };
}

/** Statements in pages (at most 4 per page, within an embed's budget). */
export const statementPages = (statements: readonly StatementView[]) =>
  packGreedy(
    statements,
    (s) =>
      Math.min(
        1100,
        s.quotes.reduce((n, q) => n + q.text.length + 60, 60),
      ),
    4200,
    4,
  );

/** /quotes with a speaker or source: statements, page by page. `ref` is what the buttons carry to find the filter again. */
export function renderStatementsPage(listing: QuoteListing, page: number, ref: string): RenderedMessage {
  const pages = statementPages(listing.statements);
  const p = targetPage('stay', page, pages.length);
  const who = listing.speaker ? `Quotes of ${listing.speaker}` : 'Quotes';
  const where = listing.article ? ` in ${listing.article}` : '';
  const direct = listing.statements.filter((s) => s.kind === 'direct').length;
  const embed: APIEmbed = {
    title: truncate(escapeText(`${who}${where}`), LIMITS.title),
    color: COLORS.search,
    ...(listing.statements.length ? { fields: (pages[p] ?? []).map((s) => statementField(s, listing.articleCount)) } : { description: 'No quotations found.' }),
    footer: {
      text: `Page ${p + 1}/${pages.length || 1} · ${count(direct, 'statement')}, ${count(listing.statements.length - direct, 'fragment')} · full quotes first`,
    },
  };
  return message([embed], pagerRow('quotes', p, pages.length, ref));
}

/** /quotes without a speaker: who is quoted, with their number of statements. */
export function renderSpeakersPage(listing: QuoteListing, page: number): RenderedMessage {
  const speakers = listing.speakers;
  const pages = Math.max(1, Math.ceil(speakers.length / SPEAKERS_PER_PAGE));
  const p = targetPage('stay', page, pages);
  const lines = speakers
    .slice(p * SPEAKERS_PER_PAGE, (p + 1) * SPEAKERS_PER_PAGE)
    .map(
      (s) =>
        `**${escapeText(s.name)}** — ${count(s.statementCount, 'statement')}${s.fragmentCount ? `, ${count(s.fragmentCount, 'fragment')}` : ''} · in ${s.articleCount} of ${listing.articleCount} outlets`,
    );
  const embed: APIEmbed = {
    title: 'Who is quoted',
    color: COLORS.search,
    description: lines.length ? joinLines(lines, LIMITS.description) : 'The articles quote no one.',
    footer: { text: `Page ${p + 1}/${pages} · /quotes speaker:<name> shows each outlet's wording` },
  };
  return message([embed], pagerRow('quotes', p, pages, '-'));
}

const claimLine = (c: ComparedClaim) => `${escapeText(oneLine(c.text, 400))} — ¶${c.paragraph} ${code(c.articleId)}`;

/** /compare: each outlet's claim side by side, then what only one outlet reports, then what every outlet reports. */
export function renderComparison(c: Comparison): RenderedMessage {
  const fields: APIEmbedField[] = c.perArticle.map((s) => ({
    name: truncate(escapeText(oneLine(articleLabel(s.article), 200)), LIMITS.fieldName),
    value: truncate(claimLine(s.claims[0]!), LIMITS.fieldValue),
  }));
  if (c.onlyIn.length) {
    fields.push({
      name: 'Only in one outlet',
      value: joinLines(
        c.onlyIn.map((o) => `Only in **${escapeText(oneLine(articleLabel(o.article), 60))}**: ${claimLine(o)}`),
        LIMITS.fieldValue,
      ),
    });
  }
  if (c.shared.length) {
    const name = (id: string) => {
      const article = c.perArticle.find((x) => x.articleId === id)?.article;
      return article ? oneLine(articleLabel(article), 60) : id;
    };
    fields.push({
      name: c.shared.every((s) => !s.missing.length) ? 'Every outlet reports' : 'What they report together',
      value: joinLines(
        c.shared.map(
          (s) =>
            `${escapeText(sharedLead(s.articleIds.length, s.missing.map(name)))}: ${escapeText(oneLine(s.text, 300))} — ${s.claims.map((x) => `¶${x.paragraph} ${code(x.articleId)}`).join(', ')}`,
        ),
        LIMITS.fieldValue,
      ),
    });
  }
  const embed: APIEmbed = {
    title: truncate(`Coverage of: ${escapeText(oneLine(c.topic, 200))}`, LIMITS.title),
    color: COLORS.answer,
    ...(fields.length ? { fields } : { description: 'No article covers this topic.' }),
    footer: { text: `${count(c.perArticle.length, 'outlet')} of ${c.articleCount} cover it` },
  };
  return message([embed]);
}
