/**
 * Hostile or odd text, at the stage that handles it (issue #11, cases 6, 7 and 10–13): front matter
 * that fails to parse, invisible characters between words, look-alike letters, question length in
 * characters as typed, and linear-time cleaning and chunking of long or odd articles. No timing
 * here (speed belongs in `npm run bench`): linear time is shown by counting the work done.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkArticle, DEFAULT_CHUNK_OPTIONS } from '../../src/chunk/chunk-article.js';
import { Engine } from '../../src/engine/engine.js';
import { normalizeQuestion } from '../../src/engine/validate-question.js';
import { BOILERPLATE, cleanText } from '../../src/ingest/clean-text.js';
import { parseArticle } from '../../src/ingest/load-corpus.js';
import { makeWorkspace, testEmbedder, type Workspace } from '../support/workspace.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('front matter that fails to parse (case 13)', () => {
  // A "billion laughs" alias bomb: the YAML parser refuses it (too many aliases).
  const bomb = [
    'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
  ].join('\n');

  it.each([
    [
      'a YAML alias bomb',
      `---\n${bomb}\ntitle: Secret title\noutlet: Nobody\n---\nFerry resumes on Issyk-Kul\n\nThe ferry resumed service on Tuesday, captain Nurlan Beishenov said.\n`,
    ],
    [
      'unclosed brackets',
      '---\ntitle: [unclosed\noutlet: Lake Wire\n---\nFerry resumes on Issyk-Kul\n\nThe ferry resumed service on Tuesday, captain Nurlan Beishenov said.\n',
    ],
    [
      'a list instead of a mapping',
      '---\n- title\n- outlet\n---\nFerry resumes on Issyk-Kul\n\nThe ferry resumed service on Tuesday, captain Nurlan Beishenov said.\n',
    ],
  ])('%s: the block is dropped with a warning and only the body is indexed', (_, text) => {
    const { article, warnings } = parseArticle('story.md', bytes(text));
    expect(warnings).toEqual([
      expect.stringMatching(/^front matter (is not valid YAML \(.+\)|is not a YAML mapping); ignored it and indexed the text after it$/),
    ]);
    expect(article!.meta.title).toBe('Ferry resumes on Issyk-Kul');
    expect(article!.cleaned).toBe('Ferry resumes on Issyk-Kul\n\nThe ferry resumed service on Tuesday, captain Nurlan Beishenov said.');
    expect(article!.cleaned).not.toMatch(/---|lol|title:|outlet:/);
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

describe('teaser lines (case 7)', () => {
  /** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Few words, so that lines share long beginnings as often as possible.
  const WORDS = ['Peskov', 'said', 'the', 'talks', 'in', 'Geneva', 'would', 'resume', 'soon', 'Kyiv', 'Moscow', 'envoy'];
  const ELLIPSES = ['...', '…', ' ...', ' …', '... ...'];

  /** The rule itself, checked the slow way: a line is a teaser iff it ends in an ellipsis, is at least 20 characters without it, and a later line is that text plus more. */
  function expectedParagraphs(lines: string[]): string[] {
    const kept: string[] = [];
    const seen = new Set<string>();
    lines.forEach((line, i) => {
      if (seen.has(line)) return;
      const stripped = /(…|\.\.\.)$/.test(line) ? line.replace(/(\s*(…|\.\.\.))+$/, '') : undefined;
      const teaser = stripped !== undefined && stripped.length >= 20 && lines.slice(i + 1).some((l) => l.length > stripped.length && l.startsWith(stripped));
      if (teaser) return;
      seen.add(line);
      kept.push(line);
    });
    return kept;
  }

  function article(rnd: () => number): string[] {
    const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
    const sentence = () => {
      const words = Array.from({ length: 2 + Math.floor(rnd() * 10) }, () => pick(WORDS));
      return `${words[0]!.charAt(0).toUpperCase()}${words.join(' ').slice(1)}${pick(['.', '', '!', ''])}`;
    };
    const lines: string[] = [];
    const n = 5 + Math.floor(rnd() * 40);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      if (r < 0.35 && lines.length) {
        // A cut-off copy of another line (earlier or later in the end), with an ellipsis.
        const of = pick(lines);
        const cut = of.slice(0, Math.max(1, Math.floor(rnd() * (of.length + 3)))).trimEnd();
        lines.push(`${cut}${pick(ELLIPSES)}`);
      } else if (r < 0.45 && lines.length) {
        lines.push(`${pick(lines)} ${sentence()}`); // a longer line starting with an earlier one
      } else if (r < 0.5 && lines.length) {
        lines.push(pick(lines)); // an exact repeat
      } else {
        lines.push(`${sentence()}${rnd() < 0.3 ? pick(ELLIPSES) : ''}`);
      }
    }
    // Shuffle, so a teaser is as likely to come after its full line as before it.
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    return lines;
  }

  it('over 500 generated articles, exactly the teasers (and exact repeats) are dropped: no other line ever is', () => {
    const rnd = random(20251128);
    let teasers = 0;
    let keptThatLookLikeTeasers = 0;
    for (let a = 0; a < 500; a++) {
      const lines = article(rnd);
      const expected = expectedParagraphs(lines);
      const { cleaned } = cleanText(lines.join('\n\n'));
      expect(cleaned.split('\n\n'), `article ${a}:\n${lines.join('\n')}`).toEqual(expected);
      teasers += new Set(lines).size - expected.length; // distinct lines dropped
      keptThatLookLikeTeasers += expected.filter(
        (l) => /(…|\.\.\.)$/.test(l) && lines.some((o) => o !== l && o.startsWith(l.replace(/(\s*(…|\.\.\.))+$/, ''))),
      ).length;
    }
    // The generator exercises both sides of the rule.
    expect(teasers).toBeGreaterThan(100);
    expect(keptThatLookLikeTeasers).toBeGreaterThan(100);
  });

  it('a line is not a teaser of an earlier line, nor of one that is only as long as its text', () => {
    const full = 'Peskov said the talks in Geneva would resume soon after the envoy left.';
    const cut = 'Peskov said the talks in Geneva would...';
    expect(cleanText([full, cut].join('\n\n')).cleaned).toBe(`${full}\n\n${cut}`);
    expect(cleanText([cut, full].join('\n\n')).cleaned).toBe(full);
    expect(cleanText(['Peskov said the talks in Geneva would …', 'Peskov said the talks in Geneva would'].join('\n\n')).cleaned).toBe(
      'Peskov said the talks in Geneva would …\n\nPeskov said the talks in Geneva would',
    );
  });

  it('no boilerplate pattern backtracks catastrophically on an odd line', async () => {
    // With the old "Follow us on" pattern each extra word doubled the work (10 words: 2.5 s; 30 never
    // end). Each pattern runs in a worker that is stopped after 10 s, so a hang fails instead of
    // freezing the test run.
    const odd = [
      `Follow us on ${'a '.repeat(30)}!`,
      `Follow us on: ${'Facebook, '.repeat(40)}!`,
      `By ${'news '.repeat(40)}3 days ago!`,
      `${'1 '.repeat(40)}Min Read!`,
    ];
    const code = `const { parentPort, workerData } = require('node:worker_threads');
      parentPort.postMessage(workerData.patterns.map(([source, flags]) => workerData.lines.map((l) => new RegExp(source, flags).test(l))));`;
    const worker = new Worker(code, { eval: true, workerData: { patterns: BOILERPLATE.map((re) => [re.source, re.flags]), lines: odd } });
    const result = await new Promise<boolean[][] | 'hung'>((resolve, reject) => {
      const timer = setTimeout(() => resolve('hung'), 10_000);
      worker.once('message', (m: boolean[][]) => (clearTimeout(timer), resolve(m)));
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(result).not.toBe('hung');
    expect((result as boolean[][]).flat().some(Boolean)).toBe(false);
    expect(cleanText('Peskov spoke.\n\nFollow us on: Facebook, Twitter, Google News, Instagram').removed).toEqual([
      'Follow us on: Facebook, Twitter, Google News, Instagram',
    ]);
  });
});

describe('chunking long unpunctuated text (case 6)', () => {
  /** An article of `kb` kilobytes with no sentence punctuation: one sentence, as a scraped table or transcript gives. */
  const unpunctuated = (kb: number) => {
    const words = ['peskov', 'said', 'the', 'talks', 'in', 'geneva', 'would', 'resume', 'soon', 'kyiv', 'moscow', 'envoy', 'delegation', 'ceasefire'];
    let body = 'Transcript\n\n';
    for (let i = 0; body.length < kb * 1000; i++) body += `${words[(i * 7 + (i >> 3)) % words.length]} `;
    return parseArticle('long.txt', new TextEncoder().encode(body)).article!;
  };

  it('tokenizes each part of the text a bounded number of times, whatever its length (linear, not quadratic)', async () => {
    const embedder = await testEmbedder();
    for (const kb of [30, 120]) {
      const article = unpunctuated(kb);
      let tokenized = 0;
      const passages = chunkArticle(article, (t) => {
        tokenized += t.length;
        return embedder.countTokens(t);
      });
      // Main re-tokenised ever-longer prefixes: 16× the text at 30 KB, 64× at 120 KB (and 94 s for 1 MB).
      expect(tokenized / article.cleaned.length, `${kb} KB`).toBeLessThan(12);
      // Still exact: within the budget, covering the text word for word, in order.
      for (const p of passages) expect(embedder.countTokens(p.text)).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxTokens);
      const words = article.cleaned.split(/\s+/);
      expect(
        passages
          .map((p) => p.text)
          .join(' ')
          .split(/\s+/),
      ).toEqual(words);
    }
  });

  it('a single "word" over the budget (no spaces at all) is cut too, never left as one over-long passage', async () => {
    const embedder = await testEmbedder();
    const article = parseArticle('dots.txt', new TextEncoder().encode(`Data\n\n${'a.'.repeat(3000)}`)).article!;
    const passages = chunkArticle(article, (t) => embedder.countTokens(t));
    expect(passages.length).toBeGreaterThan(10);
    for (const p of passages) expect(embedder.countTokens(p.text)).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxTokens);
    expect(
      passages
        .slice(1)
        .map((p) => p.text)
        .join(''),
    ).toBe('a.'.repeat(3000));
  });
});
