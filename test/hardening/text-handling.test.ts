/**
 * Hostile or odd text, at the stage that handles it (issue #11, cases 6, 7 and 10–13): front matter
 * that fails to parse, invisible characters between words, look-alike letters, question length in
 * characters as typed, and linear-time cleaning and chunking of long or odd articles. No timing
 * here (speed belongs in `npm run bench`): linear time is shown by counting the work done.
 */
import { describe, expect, it } from 'vitest';
import { normalizeQuestion } from '../../src/engine/validate-question.js';
import { cleanText } from '../../src/ingest/clean-text.js';
import { parseArticle } from '../../src/ingest/load-corpus.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('front matter that fails to parse (case 13)', () => {
  // A "billion laughs" alias bomb: the YAML parser refuses it (too many aliases).
  const bomb = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');

  it.each([
    ['a YAML alias bomb', `---\n${bomb}\ntitle: Secret title\noutlet: Nobody\n---\nFerry resumes on Issyk-Kul\n\nThe ferry resumed service on Tuesday, captain Nurlan Beishenov said.\n`],
    ['unclosed brackets', '---\ntitle: [unclosed\noutlet: Lake Wire\n---\nFerry resumes on Issyk-Kul\n\nThe ferry resumed service on Tuesday, captain Nurlan Beishenov said.\n'],
    ['a list instead of a mapping', '---\n- title\n- outlet\n---\nFerry resumes on Issyk-Kul\n\nThe ferry resumed service on Tuesday, captain Nurlan Beishenov said.\n'],
  ])('%s: the block is dropped with a warning and only the body is indexed', (_, text) => {
    const { document, warnings } = parseArticle('story.md', bytes(text));
    expect(warnings).toEqual([expect.stringMatching(/^front matter (is not valid YAML \(.+\)|is not a YAML mapping); ignored it and indexed the text after it$/)]);
    expect(document!.meta.title).toBe('Ferry resumes on Issyk-Kul');
    expect(document!.cleaned).toBe('Ferry resumes on Issyk-Kul\n\nThe ferry resumed service on Tuesday, captain Nurlan Beishenov said.');
    expect(document!.cleaned).not.toMatch(/---|lol|title:|outlet:/);
  });
});

describe('question length is counted as typed (case 10)', () => {
  it('251 mathematical bold letters are 251 characters, not 502 UTF-16 units', () => {
    expect(normalizeQuestion(`what did ${'𝐘'.repeat(251)} say?`)).toBe(`what did ${'𝐘'.repeat(251)} say?`);
    expect(() => normalizeQuestion('𝐘'.repeat(501))).toThrow('Questions can be at most 500 characters; yours has 501. Please shorten it.');
  });

  it('an emoji with a skin tone, a flag or a family is one character each', () => {
    const q = `what did Yermak say? ${'👍🏽🇺🇦👨‍👩‍👧'.repeat(160)}`; // 21 + 480 characters as seen, 2,580 UTF-16 units
    expect(() => normalizeQuestion(q)).toThrow('Questions can be at most 500 characters; yours has 501. Please shorten it.');
    expect(() => normalizeQuestion(q.slice(0, q.length - '👨‍👩‍👧'.length))).not.toThrow();
  });
});

describe('invisible and control characters between words (case 11)', () => {
  it.each([
    ['NUL between words', 'what\u0000did Yermak say?', 'what did Yermak say?'],
    ['BEL, unit separator and NEL between words', 'what\u0007did\u001FYermak\u0085say?', 'what did Yermak say?'],
    ['vertical tab and form feed', 'what\u000Bdid\u000CYermak say?', 'what did Yermak say?'],
    ['zero-width characters inside a word still join it', 'what did Yer\u200Bmak\u2060 say?\uFEFF', 'what did Yermak say?'],
  ])('question: %s', (_, raw, clean) => {
    expect(normalizeQuestion(raw)).toBe(clean);
  });

  it('article text: a control character between words becomes a space, a zero-width one inside a word is removed', () => {
    const { cleaned } = cleanText('The talks\u0000resumed in Gen\u200Beva\u000Bon Tuesday.\n\nPeskov\u0007said\u001Fnothing.');
    expect(cleaned).toBe('The talks resumed in Geneva on Tuesday.\n\nPeskov said nothing.');
  });
});
