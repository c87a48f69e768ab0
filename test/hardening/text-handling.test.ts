/**
 * Hostile or odd text, at the stage that handles it (issue #11, cases 6, 7 and 10–13): front matter
 * that fails to parse, invisible characters between words, look-alike letters, question length in
 * characters as typed, and linear-time cleaning and chunking of long or odd articles. No timing
 * here (speed belongs in `npm run bench`): linear time is shown by counting the work done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { normalizeQuestion } from '../../src/engine/validate-question.js';
import { cleanText } from '../../src/ingest/clean-text.js';
import { parseArticle } from '../../src/ingest/load-corpus.js';
import { makeWorkspace, testEmbedder, type Workspace } from '../support/workspace.js';

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
    expect(normalizeQuestion(`what did ${'𝐘'.repeat(251)} say?`)).toBe(`what did ${'Y'.repeat(251)} say?`);
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

describe('look-alike letters and combining marks (case 12)', () => {
  it.each([
    ['Cyrillic е and а inside a Latin name', 'What did Y\u0435rm\u0430k say?'],
    ['Greek capitals and a Cyrillic о', 'What did \u0423\u0435rmak s\u0430y? Wh\u043E is \u0392\u043Eris?'],
    ['mathematical bold letters', 'What did 𝐘𝐞𝐫𝐦𝐚𝐤 say?'],
    ['full-width letters', 'What did Ｙｅｒｍａｋ say?'],
    ['a combining grapheme joiner and a variation selector', 'What did Yer\u034Fma\uFE0Fk say?'],
    ['combining marks with no precomposed letter', 'What did Y\u0306e\u0336rmak say?'],
  ])('%s: normalised before matching', (_, raw) => {
    expect(normalizeQuestion(raw).replace(' Who is Boris?', '')).toBe('What did Yermak say?');
  });

  it('composes accents (NFKC) and leaves real non-Latin words alone', () => {
    expect(normalizeQuestion('What did Zelenskyy say in Kyiv about cafe\u0301s?')).toBe('What did Zelenskyy say in Kyiv about cafés?');
    expect(normalizeQuestion('Что сказал Ермак?')).toBe('Что сказал Ермак?');
    expect(normalizeQuestion('Τι είπε ο Γερμάκ;')).toBe('Τι είπε ο Γερμάκ;');
  });

  it('article text: a look-alike name is folded to the Latin one', () => {
    const { cleaned } = cleanText('Andriy Y\u0435rm\u0430k met 𝐏𝐮𝐭𝐢𝐧 in Moscow… he said.\n\nОн сказал: «нет».');
    expect(cleaned).toBe('Andriy Yermak met Putin in Moscow… he said.\n\nОн сказал: «нет».');
  });
});

describe('through the engine, on the seeds', () => {
  let w: Workspace;
  let engine: Engine;
  beforeAll(async () => {
    w = makeWorkspace();
    engine = await Engine.open({ config: w.config, embedder: await testEmbedder() });
  });
  afterAll(async () => {
    await engine?.close();
    w?.cleanup();
  });

  it.each([
    ['Cyrillic look-alike letters', 'What did Y\u0435rm\u0430k say?'],
    ['mathematical bold letters', 'What did 𝐘𝐞𝐫𝐦𝐚𝐤 say?'],
    ['a NUL between words', 'What\u0000did Yermak say?'],
  ])('a question with %s is answered like the plain one', async (_, question) => {
    // Compared with the plain question's retrieval and answer (whatever the answer layer makes of it).
    const plain = 'What did Yermak say?';
    const [answer, expected] = [await engine.ask(question), await engine.ask(plain)];
    expect(answer.question).toBe(plain);
    expect(answer.text).toBe(expected.text);
    expect((await engine.search(question, { limit: 10 })).map((p) => p.id)).toEqual((await engine.search(plain, { limit: 10 })).map((p) => p.id));
    const keyword = (await engine.search(question, { limit: 10 })).filter((p) => p.keywordRank !== undefined);
    expect(keyword.some((p) => /Yermak/.test(p.text))).toBe(true);
  });
});
