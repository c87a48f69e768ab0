import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/quotes/extract-quotes.js';
import { findQuotedSpans } from '../../src/quotes/find-quotes.js';
import { nameKey } from '../../src/quotes/names.js';
import { escapeText } from '../../src/bot/render/text.js';

/** An article from paragraphs, as the cleaner lays it out. */
function doc(...paragraphs: string[]) {
  let at = 0;
  const spans = paragraphs.map((p) => {
    const s = { start: at, end: at + p.length };
    at += p.length + 2;
    return s;
  });
  return { cleaned: paragraphs.join('\n\n'), paragraphs: spans };
}
const quotesOf = (...paragraphs: string[]) => {
  const r = extractQuotes(doc(...paragraphs));
  return r.quotes.map((q) => ({ text: q.text, speaker: q.speaker === null ? null : r.persons[q.speaker]!.names[0]!, kind: q.kind, unit: q.unit, paragraph: q.paragraph }));
};

describe('finding quotes', () => {
  it('curly, straight and single quotes; apostrophes are not quotes', () => {
    const text = `He called it “ridiculous,” then "complete nonsense" and 'nonsense,' as Zelenskiy’s aide said ‘Legally Impossible’ — don’t.`;
    expect(findQuotedSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(['ridiculous,', 'complete nonsense', 'nonsense,', 'Legally Impossible']);
  });

  it('a nested quote stays inside the outer one', () => {
    const text = `“He told me ‘we will never sign’ and left the room,” she said.`;
    expect(findQuotedSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(['He told me ‘we will never sign’ and left the room,']);
  });
});

describe('speakers', () => {
  it('a split quote is one quote in two pieces, both by the speaker named between them', () => {
    const q = quotesOf('Vladimir Putin spoke in Bishkek.', '“The truth is, we never intended to do that,” he insisted. “But if they want to hear it from us, well, then we’ll document it.”');
    expect(q).toHaveLength(2);
    expect(q.map((x) => x.speaker)).toEqual(['Vladimir Putin', 'Vladimir Putin']);
    expect(q[0]!.unit).toBe(q[1]!.unit);
    expect(q.every((x) => x.kind === 'direct')).toBe(true);
  });

  it('curly and straight quotes are attributed alike, before and after the quote', () => {
    const curly = quotesOf('“As long as Zelenskyy is president, no one should count on us giving up territory,” Yermak told The Atlantic.');
    const straight = quotesOf('Andriy Yermak added: "As long as Zelenskyy is president, no one should count on us giving up territory."');
    expect(curly[0]).toMatchObject({ speaker: 'Yermak', kind: 'direct' });
    expect(straight[0]).toMatchObject({ speaker: 'Andriy Yermak', kind: 'direct' });
  });

  it('a speaker named only in the previous paragraph is found through "she" and through a role', () => {
    const byPronoun = quotesOf('Harbour master Kadri Saar spoke at the ceremony on Saturday.', '“The lighthouse is once again the first thing sailors see of our city,” she said.');
    expect(byPronoun[0]).toMatchObject({ speaker: 'Kadri Saar', paragraph: 2 });
    const byRole = quotesOf('Russian President Vladimir Putin spoke in Bishkek on Thursday.', '“That is exactly the content of the talks with the American side,” the Russian president told reporters.');
    expect(byRole[0]).toMatchObject({ speaker: 'Vladimir Putin' });
  });

  it('the speaker of the verb governing an embedded fragment, not the last name before it', () => {
    const q = quotesOf('Putin has reiterated Moscow’s position after what his press secretary, Dmitry Peskov, called an “information frenzy” over the plans.');
    expect(q[0]).toMatchObject({ speaker: 'Dmitry Peskov', kind: 'fragment' });
    const y = quotesOf('Chief of Staff Andriy Yermak reiterated on Thursday that Zelensky “has no intention of leaving the territory.”');
    expect(y[0]).toMatchObject({ speaker: 'Andriy Yermak', kind: 'fragment' });
  });

  it('a quote with no identifiable speaker is kept with speaker unknown, never guessed', () => {
    const q = quotesOf('Ukraine said such a withdrawal would open the way for an attack on the capital.', '“The front line will hold through the winter whatever happens.”');
    expect(q).toEqual([expect.objectContaining({ speaker: null, kind: 'direct', text: 'The front line will hold through the winter whatever happens.' })]);
  });

  it('a pull quote repeating an attributed quote of the same article takes its speaker', () => {
    const q = quotesOf('“The president has lost his legitimate position.”', 'Putin added: “They made a mistake. Since then, the president has lost his legitimate position.”');
    expect(q.map((x) => x.speaker)).toEqual(['Putin', 'Putin']);
  });

  it('a scare-quoted phrase with no speaker is not a quote; nor is a name in quotation marks', () => {
    expect(quotesOf('The revised “peace plan” was published on Friday by the mediators.')).toEqual([]);
    expect(quotesOf('Our ‘Dniepr’ grouping faces them on one side, while the ‘Vostok’ group is encircling them.')).toEqual([]);
  });

  it('family-name spellings share one key', () => {
    expect(new Set(['Zelensky', 'Zelenskyy', 'Zelenskiy', 'Zelenskiy’s'].map(nameKey)).size).toBe(1);
  });
});

describe('Markdown in quotes', () => {
  it('quoted text is escaped for Discord', () => {
    const q = quotesOf('“We will **never** sign _this_ deal, @everyone knows it,” Putin said.');
    expect(escapeText(q[0]!.text)).toBe('We will \\*\\*never\\*\\* sign \\_this\\_ deal, @\u200Beveryone knows it,');
  });
});

describe('/quotes rendering', () => {
  it('escapes Markdown and mass mentions in quoted words, and cites outlet and paragraph', async () => {
    const { renderStatementsPage } = await import('../../src/bot/render/quotes.js');
    const doc = { id: '009_x', file: '009_x.txt', title: 'T', outlet: 'Example *News*' };
    const listing = {
      speaker: 'Jane Doe',
      statements: [{ speaker: 'Jane Doe', kind: 'direct' as const, documents: ['009_x'], quotes: [{ docId: '009_x', paragraph: 3, start: 0, end: 10, text: 'We **never** said _that_, @everyone', doc }] }],
      speakers: [],
      sourceCount: 5,
    };
    const field = renderStatementsPage(listing, 0, 'k').embeds[0]!.fields![0]!;
    expect(field.name).toBe('Jane Doe — 1 of 5 outlets');
    expect(field.value).toBe('“We \\*\\*never\\*\\* said \\_that\\_, @\u200Beveryone” — Example \\*News\\* ¶3 `009_x`');
  });
});
