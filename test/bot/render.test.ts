/** Pure rendering: Discord's limits, clean truncation, escaping. No Discord, no model. */
import { describe, expect, it } from 'vitest';
import type { Answer, Citation, ArticleMeta, Passage, ScoredPassage, ArticleInfo } from '../../src/types.js';
import { renderAnswer, renderCitedPassages } from '../../src/bot/render/answer.js';
import { linesToFields } from '../../src/bot/render/fields.js';
import { LIMITS, embedLength, fitEmbed, packEmbeds } from '../../src/bot/render/limits.js';
import type { RenderedMessage } from '../../src/bot/render/message.js';
import { renderReindexSummary } from '../../src/bot/render/reindex.js';
import { renderSearchResults } from '../../src/bot/render/search.js';
import { passagePages, renderSourcePage, renderSourcesPage, targetPage } from '../../src/bot/render/sources.js';
import { escapeText, joinLines, linkOrText, safeUrl } from '../../src/bot/render/text.js';
import { truncate } from '../../src/text/shorten.js';
import { sourceChoices } from '../../src/bot/source-lookup.js';
import { expectEmbedWithinLimits } from '../support/discord-limits.js';
import { stripBotMention } from '../../src/bot/mentions.js';

const article = (i: number, extra: Partial<ArticleMeta> = {}): ArticleMeta => ({
  id: `${String(i).padStart(3, '0')}_${'ab'.repeat(8)}`,
  file: `${String(i).padStart(3, '0')}_${'ab'.repeat(8)}.txt`,
  title: `Article number ${i} about *important* things`,
  ...extra,
});

const citation = (n: number, passage = `Passage ${n} says something quotable. It goes on.`, d = article(n)): Citation => ({
  n,
  articleId: d.id,
  label: d.outlet ?? d.title,
  article: d,
  paragraph: n + 1,
  passageId: `${d.id}#${n}`,
  passage,
  quote: passage.split('. ')[0]!,
  score: 1 / n,
});

const scored = (i: number, text = `Nearby passage ${i}.`): ScoredPassage => ({
  id: `${article(i).id}#0`,
  articleId: article(i).id,
  paragraph: 1,
  start: 0,
  end: text.length,
  text,
  article: article(i),
  score: 0.5,
});

function answer(text: string, citations: Citation[], extra: Partial<Answer> = {}): Answer {
  return { question: 'what did Yermak say?', text, abstained: false, claims: [], citations, passages: [], articleCount: 5, ...extra };
}

/** Every limit Discord enforces on a message we send. */
function expectWithinLimits(m: RenderedMessage): void {
  expect(m.allowedMentions).toEqual({ parse: [] });
  if (m.content !== undefined) expect(m.content.length).toBeLessThanOrEqual(LIMITS.content);
  expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  expect(m.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const e of m.embeds) expectEmbedWithinLimits(e);
  expect(m.components.length).toBeLessThanOrEqual(LIMITS.rows);
  for (const row of m.components) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const b of row.components) expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
  }
}

/** No "[", "[1", "[12" left dangling before the ellipsis, and every [ in the text is closed. */
function expectNoHalfMarker(s: string): void {
  expect(s).not.toMatch(/\[\d*…/);
  expect(s).not.toMatch(/\[\d*$/);
}

describe('truncate', () => {
  it('leaves short text alone and ends long text with a single "…" within the limit', () => {
    expect(truncate('short', 10)).toBe('short');
    const t = truncate('word '.repeat(100), 50);
    expect(t.length).toBeLessThanOrEqual(50);
    expect(t.endsWith('…')).toBe(true);
    expect(t).not.toMatch(/\s…$/);
  });

  it('never cuts inside a citation marker, whatever the limit', () => {
    const text = 'Yermak said no territory would be given up. [1][2][13] Putin disagreed [4] and [15][16].';
    for (let max = 2; max < text.length; max++) {
      const t = truncate(text, max);
      expect(t.length).toBeLessThanOrEqual(max);
      expectNoHalfMarker(t);
      // every marker left is one of the original complete markers
      for (const m of t.match(/\[\d+\]/g) ?? []) expect(['[1]', '[2]', '[13]', '[4]', '[15]', '[16]']).toContain(m);
    }
  });

  it('never leaves a dangling escape backslash or half a surrogate pair', () => {
    const text = escapeText('a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p');
    for (let max = 2; max < text.length; max++) {
      const t = truncate(text, max);
      expect(t).not.toMatch(/(^|[^\\])(\\\\)*\\…$/);
    }
    const emoji = '🙂'.repeat(20);
    for (let max = 2; max < 40; max++) expect(truncate(emoji, max)).not.toMatch(/[\uD800-\uDBFF]…$/);
  });
});

describe('escaping', () => {
  it('escapes Discord markdown in quoted text but keeps [n] markers', () => {
    const s = escapeText('**bold** _it_ `code` ~~del~~ ||spoiler|| [1][2]\n# heading\n> quote\n- item\n-# small\n[link](http://evil)');
    expect(s).toContain('\\*\\*bold\\*\\*');
    expect(s).toContain('\\_it\\_');
    expect(s).toContain('\\`code\\`');
    expect(s).toContain('\\|\\|spoiler\\|\\|');
    expect(s).toContain('[1][2]');
    expect(s).toContain('\\# heading');
    expect(s).toContain('\\> quote');
    expect(s).toContain('\\- item');
    expect(s).toContain('\\-# small');
    expect(s).toContain('\\[link](http://evil)');
  });

  it('neutralises @everyone and @here with a zero-width space', () => {
    const s = escapeText('hey @everyone and @here, see <@&123>');
    expect(s).not.toMatch(/@everyone|@here/);
    expect(s).toContain('@\u200beveryone');
    expect(s).toContain('@\u200bhere');
  });

  it('links only http(s) URLs, escaping brackets in the text', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('https://ex.org/a_(b)')).toBe('https://ex.org/a_%28b%29');
    expect(linkOrText('A [b] *c*', 'https://ex.org/x')).toBe('[A \\[b\\] \\*c\\*](https://ex.org/x)');
    expect(linkOrText('plain', undefined)).toBe('plain');
  });

  it('strips mentions of the bot only', () => {
    expect(stripBotMention('<@42> what did <@7> say? <@!42>', '42')).toBe('what did <@7> say?');
  });
});

describe('renderAnswer', () => {
  it('puts the answer with markers in the description, maps every [n] in Sources, and adds the button', () => {
    const d = article(1, { outlet: 'Al Jazeera', url: 'https://aljazeera.com/x' });
    const a = answer('"As long as he is president, no one should expect us to give up territory," Yermak said. [1][2]', [
      citation(1, 'P one. Two.', d),
      citation(2),
    ]);
    const m = renderAnswer(a, { passagesKey: 'k1' });
    expectWithinLimits(m);
    const e = m.embeds[0]!;
    expect(e.description).toContain('[1][2]');
    const sources = e
      .fields!.filter((f) => f.name.startsWith('Sources'))
      .map((f) => f.value)
      .join('\n');
    expect(sources).toContain('**[1]** [Al Jazeera](https://aljazeera.com/x) — Article number 1 about \\*important\\* things · ¶2 · `001_abababababababab`');
    // No outlet: the title cut at a word to at most 40 characters (src/text/labels.ts).
    expect(sources).toContain('**[2]** Article number 2 about \\*important\\*… · ¶3 · `002_abababababababab`');
    expect(m.components[0]!.components[0]).toMatchObject({ label: 'Show passages', custom_id: 'ask:passages:k1' });
  });

  it('stays within every limit with a huge answer and 30 citations', () => {
    const citations = Array.from({ length: 30 }, (_, i) =>
      citation(i + 1, 'x '.repeat(2000), article(i + 1, { url: `https://example.org/${'p'.repeat(200)}/${i}`, outlet: 'O'.repeat(300) })),
    );
    const text = Array.from({ length: 400 }, (_, i) => `Claim number ${i} is made here. [${(i % 30) + 1}]`).join(' ');
    const m = renderAnswer(answer(text, citations, { question: 'q'.repeat(1000) }), { passagesKey: 'k' });
    expectWithinLimits(m);
    const e = m.embeds[0]!;
    expectNoHalfMarker(e.description!);
    expect(e.description!.endsWith('…')).toBe(true);
    const sources = (e.fields ?? []).map((f) => f.value).join('\n');
    expect(sources).toContain('**[1]**');
    expect(sources).toMatch(/…and \d+ more$/); // what did not fit is counted, not silently dropped
  });

  it('30 short sources fit in ≤ 25 fields and ≤ 6000 characters', () => {
    const citations = Array.from({ length: 30 }, (_, i) => citation(i + 1));
    const m = renderAnswer(answer('Short. [1]', citations), {});
    expectWithinLimits(m);
    const text = m.embeds[0]!.fields!.map((f) => f.value).join('\n');
    for (let n = 1; n <= 30; n++) expect(text).toContain(`**[${n}]**`);
  });

  it('escapes the question and answer, and neutralises @everyone', () => {
    const a = answer('He said **nothing** to @everyone [1]', [citation(1)], { question: '@everyone <@&123> what did *he* say?' });
    const e = renderAnswer(a).embeds[0]!;
    expect(e.title).toBe('@\u200beveryone <@&123> what did \\*he\\* say?');
    expect(e.description).toBe('He said \\*\\*nothing\\*\\* to @\u200beveryone [1]');
  });

  it('on abstention shows the explanation and the 3 nearest passages, no button', () => {
    const a = answer('The coverage doesn\'t say: none of the 5 articles mentions "sourdough".', [], {
      abstained: true,
      passages: [1, 2, 3, 4].map((i) => scored(i, `Passage ${i} ${'words '.repeat(200)}`)),
    });
    const m = renderAnswer(a, { passagesKey: 'k' });
    expectWithinLimits(m);
    const e = m.embeds[0]!;
    expect(e.description).toContain("The coverage doesn't say");
    expect(e.fields!.map((f) => f.name)).toEqual([
      'Nearest passages',
      expect.stringMatching(/^1\. Article number 1/),
      expect.stringMatching(/^2\./),
      expect.stringMatching(/^3\./),
    ]);
    expect(e.fields![1]!.value).toContain('`001_abababababababab` · ¶1');
    expect(m.components).toEqual([]);
  });
});

describe('renderCitedPassages', () => {
  it('bolds the quote inside the escaped passage', () => {
    const [m] = renderCitedPassages(answer('x [1]', [citation(1, 'Intro *stars*. He said "no". The end.')]));
    expect(m!.embeds[0]!.description).toBe('**Intro \\*stars\\***. He said "no". The end.');
    expect(m!.embeds[0]!.title).toBe('[1] Article number 1 about \\*important\\*…');
  });

  it('splits many long passages over several messages, each within limits', () => {
    const citations = Array.from({ length: 12 }, (_, i) => citation(i + 1, `Sentence. ${'long text '.repeat(500)}`));
    const messages = renderCitedPassages(answer('x', citations));
    expect(messages.length).toBeGreaterThan(1);
    messages.forEach(expectWithinLimits);
    expect(messages.flatMap((m) => m.embeds).length).toBe(12);
  });
});

describe('limits helpers', () => {
  it('fitEmbed enforces per-part limits and the 6000 total', () => {
    const e = fitEmbed({
      title: 't'.repeat(500),
      description: 'd'.repeat(5000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `n${i}`.repeat(200), value: 'v'.repeat(2000) })),
      footer: { text: 'f'.repeat(3000) },
    });
    expect(embedLength(e)).toBeLessThanOrEqual(6000);
    expect(e.title!.length).toBeLessThanOrEqual(256);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(25);
  });

  it('packEmbeds keeps ≤ 10 embeds and ≤ 6000 characters per message', () => {
    const groups = packEmbeds(Array.from({ length: 25 }, () => ({ description: 'x'.repeat(1000) })));
    for (const g of groups) {
      expect(g.length).toBeLessThanOrEqual(10);
      expect(g.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    }
    expect(groups.flat().length).toBe(25);
  });

  it('linesToFields respects value, field count and budget limits and counts what it left out', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'z'.repeat(80)}`);
    const fields = linesToFields(lines, { name: 'Sources', budget: 3000 });
    const total = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(3000);
    for (const f of fields) expect(f.value.length).toBeLessThanOrEqual(1024);
    expect(fields.at(-1)!.value).toMatch(/…and \d+ more$/);
    const shown = fields.flatMap((f) => f.value.split('\n')).filter((l) => l.startsWith('line')).length;
    expect(fields.at(-1)!.value).toContain(`…and ${200 - shown} more`);
  });

  it('joinLines keeps whole lines', () => {
    expect(joinLines(['aaa', 'bbb', 'ccc'], 100)).toBe('aaa\nbbb\nccc');
    const j = joinLines(
      Array.from({ length: 50 }, (_, i) => `line-${i}`),
      60,
    );
    expect(j.length).toBeLessThanOrEqual(60);
    expect(
      j
        .split('\n')
        .slice(0, -1)
        .every((l) => /^line-\d+$/.test(l)),
    ).toBe(true);
  });
});

describe('search, sources, source, reindex', () => {
  it('search results: one field per passage, within limits', () => {
    const m = renderSearchResults(
      'yermak',
      Array.from({ length: 10 }, (_, i) => scored(i, 'y '.repeat(3000))),
    );
    expectWithinLimits(m);
    expect(m.embeds[0]!.fields).toHaveLength(10);
    expect(renderSearchResults('nothing', []).embeds[0]!.description).toMatch(/No passage matched/);
  });

  it('sources: 10 per page with Prev/Next buttons, clamped pages', () => {
    const sources: ArticleInfo[] = Array.from({ length: 23 }, (_, i) => ({ ...article(i), passageCount: i + 1, published: '2025-11-28' }));
    const first = renderSourcesPage(sources, 0);
    expectWithinLimits(first);
    expect(first.embeds[0]!.footer!.text).toMatch(/^Page 1\/3 · 23 articles/);
    const [prev, next] = first.components[0]!.components;
    expect(prev).toMatchObject({ custom_id: 'sources:prev:0', disabled: true });
    expect(next).toMatchObject({ custom_id: 'sources:next:0' });
    expect(next!.disabled).toBeUndefined();
    const last = renderSourcesPage(sources, targetPage('next', 5, 3));
    expect(last.embeds[0]!.footer!.text).toMatch(/^Page 3\/3/);
    expect(last.embeds[0]!.description).toContain('**21.**');
    expect(renderSourcesPage(sources.slice(0, 5), 0).components).toEqual([]);
  });

  it('source: metadata fields and passages split into pages', () => {
    const info: ArticleInfo = { ...article(7, { outlet: 'Reuters', url: 'https://r.com/a', published: '2025-11-28' }), passageCount: 30 };
    const passages: Passage[] = Array.from({ length: 30 }, (_, i) => ({
      id: `${info.id}#${i}`,
      articleId: info.id,
      paragraph: i + 1,
      start: 0,
      end: 1,
      text: `Paragraph ${i + 1}. ${'text '.repeat(120)}`,
    }));
    const pages = passagePages(passages);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat()).toHaveLength(30);
    const m = renderSourcePage(info, passages, 1);
    expectWithinLimits(m);
    expect(m.embeds[0]!.fields!.map((f) => f.name)).toEqual(['ID', 'Outlet', 'Published', 'Passages']);
    expect(m.embeds[0]!.description).toContain(`**¶${pages[1]![0]!.paragraph}**`);
    expect(m.components[0]!.components.map((b) => b.custom_id)).toEqual([`source:prev:1:${info.id}`, `source:next:1:${info.id}`]);
  });

  it('reindex summary', () => {
    const m = renderReindexSummary({
      articleCount: 6,
      passageCount: 70,
      added: ['005_x'],
      changed: [],
      removed: [],
      unchangedCount: 5,
      embeddedCount: 3,
      wrote: true,
      seconds: 1.2,
      timings: { read: 0, chunk: 0, embed: 1, index: 0, write: 0 },
      warnings: [],
    });
    expectWithinLimits(m);
    expect(m.embeds[0]!.description).toContain('Added 1 (005\\_x)');
    // The bot's own wording for managers: no per-stage timings (the terminal's `npm run index` has them).
    expect(m.embeds[0]!.description).not.toMatch(/Time:|embed 1\.00 s/);
  });

  it('reindex with nothing to do says so, and lists at most five ids of a long change', () => {
    const idle = renderReindexSummary({
      articleCount: 5,
      passageCount: 60,
      added: [],
      changed: [],
      removed: [],
      unchangedCount: 5,
      embeddedCount: 0,
      wrote: false,
      seconds: 0.1,
      timings: { read: 0, chunk: 0, embed: 0, index: 0, write: 0 },
      warnings: [],
    });
    expect(idle.embeds[0]!.title).toBe('Index is up to date');
    expect(idle.embeds[0]!.description).toBe(
      'Nothing changed: 5 article(s), 60 passage(s) are already in the index.\nAdded 0 · changed 0 · removed 0 · unchanged 5',
    );
    const many = renderReindexSummary({
      articleCount: 12,
      passageCount: 90,
      added: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'],
      changed: [],
      removed: [],
      unchangedCount: 5,
      embeddedCount: 7,
      wrote: true,
      seconds: 2,
      timings: { read: 0, chunk: 0, embed: 2, index: 0, write: 0 },
      warnings: ['bad.txt: not UTF-8'],
    });
    expect(many.embeds[0]!.description).toContain('Added 7 (a1, a2, a3, a4, a5, …)');
    expect(many.embeds[0]!.description).toMatch(/\nWarning: bad\.txt: not UTF-8$/);
  });
});

describe('autocomplete choices', () => {
  const sources: ArticleInfo[] = Array.from({ length: 40 }, (_, i) => ({
    ...article(i, { title: i === 2 ? 'Putin speaks in Bishkek' : `Title ${i} ${'long '.repeat(40)}` }),
    passageCount: 1,
  }));

  it('matches id, title and outlet; at most 25; names ≤ 100 characters', () => {
    expect(sourceChoices(sources, '002')[0]!.value).toBe(sources[2]!.id);
    expect(sourceChoices(sources, 'bishkek').map((c) => c.value)).toEqual([sources[2]!.id]);
    const all = sourceChoices(sources, '');
    expect(all).toHaveLength(25);
    for (const c of all) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
    }
    expect(sourceChoices(sources, 'zzz-nothing')).toEqual([]);
  });
});
