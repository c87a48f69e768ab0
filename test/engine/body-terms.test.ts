/** The second stage's "which matched words are in the body": from term counts, the same as tokenising the body. */
import { describe, expect, it } from 'vitest';
import { bodyTerms } from '../../src/retrieve/body-terms.js';
import { words } from '../../src/text/terms.js';

const spansOf = (text: string, sentences: string[], headings: number) =>
  sentences.map((s, i) => {
    const start = text.indexOf(s);
    return { start, end: start + s.length, flags: i < headings ? 1 : 0 };
  });
const counts = (text: string) => {
  const m = new Map<string, number>();
  for (const w of words(text)) m.set(w, (m.get(w) ?? 0) + 1);
  return (t: string) => m.get(t) ?? 0;
};
const tokenised = (text: string, spans: { start: number; end: number; flags: number }[]) =>
  new Set(spans.filter((s) => !s.flags).flatMap((s) => words(text.slice(s.start, s.end))));

describe('bodyTerms', () => {
  it('a word only in the headline is not in the body; one in both, or only in the body, is', () => {
    const sentences = ['Ferry service resumes on Issyk-Kul', 'The ferry resumed service on Tuesday.', 'Tickets cost 300 som.'];
    const text = sentences.join('\n\n');
    const spans = spansOf(text, sentences, 1);
    const terms = ['ferry', 'resumes', 'issyk', 'tickets', 'tuesday'];
    const body = bodyTerms(text, spans, (s) => s.flags === 1, terms, counts(text));
    expect([...body].sort()).toEqual(['ferry', 'tickets', 'tuesday']);
    expect([...body].sort()).toEqual(terms.filter((t) => tokenised(text, spans).has(t)).sort());
  });

  it('headlines that need no tokenising (none of the terms in them) and ones that do give what tokenising gives', () => {
    const cases: [string, string][] = [
      ['Smith’s firm buys 600,000 shares in Ashby-Vale', 'Smith said the firm paid 3.5m for the stake.'],
      ["O'Neill's U.S. trip: Q1 sales, COVID-19 rules", 'The trip was cut short by COVID-19 rules.'],
      ['Ferry resumes, crews say', 'Crews,engineers and staff returned on Tuesday.'],
      ['Ισσυκ-Κουλ: Ferry resumes', 'The ferry resumed service.'],
    ];
    for (const [headline, body] of cases) {
      const text = `${headline}\n\n${body}`;
      const spans = spansOf(text, [headline, body], 1);
      const all = [...new Set(words(text))];
      const expected = tokenised(text, spans);
      for (const terms of [all, all.slice(0, 3), all.slice(-3), ['nowhere', 'ferry'], ['crewsengineers']]) {
        expect([...bodyTerms(text, spans, (s) => s.flags === 1, terms, counts(text))].sort()).toEqual(terms.filter((t) => expected.has(t)).sort());
      }
    }
  });

  it('spans that do not cut the text at white space: the body is tokenised instead (the counts would mislead)', () => {
    const text = 'Ferry news:Ferry resumes today';
    const spans = [
      { start: 0, end: 10, flags: 1 },
      { start: 11, end: text.length, flags: 0 },
    ];
    const terms = ['news', 'ferry', 'today'];
    // No white space at the cut ("news:Ferry"): the fallback tokenises the body, so it holds every body word.
    expect(bodyTerms(text, spans, (s) => s.flags === 1, terms, counts(text))).toEqual(tokenised(text, spans));
  });
});
