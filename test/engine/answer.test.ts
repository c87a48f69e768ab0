import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { EngineError } from '../../src/errors.js';
import { corpusWordMisses, corpusWordsMissed } from '../../src/index/postgres/pg-backend.js';
import { postgresEnv, startLocalDatabase, type LocalDatabase } from '../support/database.js';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scoreQuotes } from '../../src/eval/score-quotes.js';
import { quotesJsonSchema, statementsToJson } from '../../src/quotes/quotes-json.js';
import { makeWorkspace, REPO, testEmbedder, type Workspace } from '../support/workspace.js';

// The three outlets that carry Yermak's quote.
const YERMAK_SOURCES = ['000_5ed6bed9a529a53f', '001_5d1f077759e5ea62', '003_fef9203f1872d730'];

// One suite, run against each storage backend: the files in INDEX_DIR, and PostgreSQL + pgvector
// (a real Postgres-protocol server, `npm run db:local`, started here).
describe.each(['files', 'postgres'] as const)('%s backend', (backend) => {
  let engine: Engine;
  let db: LocalDatabase | undefined;

  beforeAll(async () => {
    if (backend === 'postgres') db = await startLocalDatabase();
    const w = makeWorkspace(db ? postgresEnv(db, 'answer_test') : {});
    engine = await Engine.open({ config: w.config, embedder: await testEmbedder() });
    expect(engine.backendKind).toBe(backend);
  });

  afterAll(async () => {
    await engine?.close(); // the shared model stays loaded: the engine closes only what it opened
    await db?.stop();
    // Every word the answer layer asked the database about had been looked up with the question.
    expect({ misses: corpusWordMisses(), words: corpusWordsMissed() }).toEqual({ misses: 0, words: [] });
  });

  describe('hybrid retrieval', () => {
    it.each(['what did Yermak say?', 'what did Yermack say?', 'yermak'])('finds the Yermak passages for %j', async (q) => {
      const hits = await engine.search(q, { limit: 5 });
      const withYermak = hits.filter((p) => p.text.includes('Yermak'));
      expect(new Set(withYermak.map((p) => p.articleId))).toEqual(new Set(YERMAK_SOURCES));
      expect(hits[0]!.text).toContain('Yermak');
      for (const h of hits) {
        expect(h.score).toBeGreaterThan(0);
        expect(h.article.id).toBe(h.articleId);
      }
    });

    it('keyword search alone finds a misspelt name (fuzzy), dense search alone finds a paraphrase', async () => {
      const hits = await engine.search('Stanovoya', { limit: 3 });
      expect(hits.some((p) => p.text.includes('Stanovaya') && p.keywordRank !== undefined)).toBe(true);
      const para = await engine.search('the army will stop shooting once Kyiv pulls its soldiers out of the regions', { limit: 5 });
      expect(para.some((p) => /withdraw|leave the territories/.test(p.text) && p.denseRank !== undefined)).toBe(true);
    });

    it('can be restricted to one source, and refuses an unknown one', async () => {
      const hits = await engine.search('peace plan', { article: '002_74fab2486cdf4fb4', limit: 10 });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((p) => p.articleId === '002_74fab2486cdf4fb4')).toBe(true);
      // The engine names the id; each front end says how to list the ids in its own terms (no "/sources" in a terminal).
      const unknown = await engine.search('peace plan', { article: 'nope' }).catch((e: unknown) => e);
      expect(unknown).toMatchObject({ code: 'UNKNOWN_SOURCE', data: { article: 'nope' }, message: 'There is no article "nope" in the index.' });
    });
  });

  describe('answers', () => {
    it('"what did Yermak say?" quotes him and cites the outlets that carry the quote', async () => {
      const a = await engine.ask('what did Yermak say?');
      expect(a.abstained).toBe(false);
      expect(a.text).toMatch(/As long as (Mr\. )?Zelensk\w+ is president, no one should (count on|expect) us (giving|to give) up territory/);
      const quoteClaim = a.claims.find((c) => /As long as/.test(c.text))!;
      const cited = new Set(quoteClaim.citations.map((n) => a.citations[n - 1]!.articleId));
      expect([...cited].filter((id) => YERMAK_SOURCES.includes(id)).length).toBeGreaterThanOrEqual(2);
      expect(a.text).toMatch(/reported by [23] of 5 sources/);
      // Every [n] in the text maps to a citation whose passage holds the quoted sentence.
      for (const m of a.text.matchAll(/\[(\d+)\]/g)) {
        const c = a.citations[Number(m[1]) - 1]!;
        expect(c.passage).toContain(c.quote.split(' ').slice(0, 6).join(' '));
        expect(c.paragraph).toBeGreaterThan(0);
      }
    });

    it('answers a single-source question from that source only', async () => {
      const a = await engine.ask('How many troops did Putin claim Ukraine lost in October?');
      expect(a.text).toContain('47,000');
      expect(a.citations.map((c) => c.articleId)).toEqual(['004_026a93b63b322719']);
    });

    it.each(['What did Emmanuel Macron say about the peace plan?', 'How do I bake sourdough bread?', 'What did Putin say about climate change?'])(
      'abstains on the out-of-scope question %j and shows the nearest passages',
      async (q) => {
        const a = await engine.ask(q);
        expect(a.abstained).toBe(true);
        expect(a.text).toMatch(/^The coverage doesn't say/);
        expect(a.citations).toEqual([]);
        expect(a.passages.length).toBeGreaterThan(0);
      },
    );

    it('refuses empty and over-long questions with a clear message, and ignores invisible characters', async () => {
      await expect(engine.ask('   \u200B ')).rejects.toMatchObject({ code: 'INVALID_QUESTION' });
      const long = engine.ask('why '.repeat(200));
      await expect(long).rejects.toBeInstanceOf(EngineError);
      await expect(long).rejects.toThrow(/at most 500 characters; yours has 799/);
      const a = await engine.ask('what did Yer\u200Bmak\u0007 say?');
      expect(a.text).toContain('As long as');
    });
  });

  describe('question kinds', () => {
    it('abstains on a quantity the coverage does not give, but answers "how many outlets" from the corroboration count', async () => {
      const age = await engine.ask('How old is Andriy Yermak?');
      expect(age.abstained).toBe(true);
      const outlets = await engine.ask('How many outlets reported what Yermak said?');
      expect(outlets.abstained).toBe(false);
      expect(outlets.text).toMatch(/reported by [23] of 5 sources/);
    });
  });

  describe('comparing outlets', () => {
    it('"how did the outlets differ on …" answers with the comparison: one claim per article side by side, each citing its own, then "Only in …" and what they all report', async () => {
      const a = await engine.ask('How did the outlets differ on the peace plan?');
      const c = await engine.compare('the peace plan');
      expect(a.abstained).toBe(false);
      expect(c.perArticle.length).toBeGreaterThanOrEqual(3);
      const docsOf = (claim: { citations: number[] }) => new Set(claim.citations.map((n) => a.citations[n - 1]!.articleId));
      const perArticle = a.claims.slice(0, c.perArticle.length).map(docsOf);
      expect(perArticle.every((d) => d.size === 1)).toBe(true);
      expect(new Set(perArticle.map((d) => [...d][0])).size).toBe(c.perArticle.length);
      const lines = a.text.split('\n');
      c.onlyIn.forEach((o, i) => {
        expect(lines[c.perArticle.length + i]).toMatch(/^Only in /);
        expect([...docsOf(a.claims[c.perArticle.length + i]!)]).toEqual([o.articleId]);
      });
      c.shared.forEach((s, i) => expect(docsOf(a.claims[c.perArticle.length + c.onlyIn.length + i]!).size).toBe(s.articleIds.length));
      expect(a.text).toMatch(/peace plan/i);
    });
  });

  describe('what did X say about Y, from the quote index', () => {
    it('answers with X’s statements about Y, every outlet’s wording cited — also the one that never uses Y’s words', async () => {
      const a = await engine.ask('What did Putin say about the written guarantee?');
      expect(a.abstained).toBe(false);
      const lines = a.text.split('\n');
      expect(lines[0]).toBe('Vladimir Putin on the written guarantee, as quoted in the coverage:');
      // The four translations of "we never intended to … we will document it": 002's ("let’s put it
      // on record") is introduced by "put on paper", and shares no word with the topic.
      expect(lines[1]).toMatch(/^“The truth is, we had no intention of doing so\. But if they want to hear from us, we will document it/);
      expect(a.text).toContain('“It sounds funny to us, honestly, we never planned to');
      expect(a.text).toMatch(/\(reported by 4 of 5 sources: [^)]+\)/);
      expect(new Set(a.citations.map((c) => c.articleId))).toEqual(
        new Set(['000_5ed6bed9a529a53f', '001_5d1f077759e5ea62', '002_74fab2486cdf4fb4', '003_fef9203f1872d730']),
      );
      expect(a.citations.find((c) => c.articleId === '002_74fab2486cdf4fb4')!.paragraph).toBe(8);
      // Statements on other subjects are left out.
      expect(a.text).not.toMatch(/withdraw|legitimate|American side/);
    });

    it('finds the statement through the sentence around the quote (Crimea is named before “That is exactly the content…”)', async () => {
      const a = await engine.ask('what did Putin say about Crimea?');
      expect(a.text.split('\n').slice(1).join('\n')).toMatch(
        /^“That is exactly the content of the talks with the American side\.” \[1\]\n“That is precisely what our talks with the American side will be about” \[2\] \(reported by 2 of 5 sources: [^)]+\)$/,
      );
      expect(a.citations.map((c) => [c.articleId, c.paragraph])).toEqual([
        ['000_5ed6bed9a529a53f', 24],
        ['003_fef9203f1872d730', 18],
      ]);
    });

    it('abstains with the usual words when none of X’s statements (and nothing else X said) is about Y', async () => {
      const a = await engine.ask('what did Yermak say about China?');
      expect(a.abstained).toBe(true);
      expect(a.text).toMatch(/^The coverage doesn't say what Yermak said about this\./);
    });

    it('answers a speaker quoted only in a few words with the reporter’s sentence around them, not the bare words', async () => {
      const a = await engine.ask('what did Peskov say?');
      expect(a.abstained).toBe(false);
      expect(a.text).not.toMatch(/as quoted in the coverage/);
      expect(a.text).toMatch(/his press secretary, Dmitry Peskov, called an “information frenzy” over/);
    });

    it('reads the rest of "what did X say <something>" as its topic even without "about": not every statement of X is listed', async () => {
      const a = await engine.ask('What did Putin say the leaked Witkoff–Ushakov communications revealed?');
      expect(a.abstained).toBe(false);
      expect(a.citations.length).toBeLessThanOrEqual(4);
      expect(a.text).not.toMatch(/more: \/quotes/);
    });

    it('"what did X call Y" is answered with the words X used, from the reporter’s sentence, not X’s full statements', async () => {
      const a = await engine.ask('What did Putin call the claims that Russia plans to attack Europe?');
      expect(a.abstained).toBe(false);
      expect(a.text).toMatch(/nonsense|lie|ridiculous/);
    });

    it('leaves people who are not quoted to the usual answer (Bondarev’s view is reported, never quoted)', async () => {
      const a = await engine.ask('What does Boris Bondarev expect from the revised peace plan?');
      expect(a.abstained).toBe(false);
      expect(a.text).not.toMatch(/as quoted in the coverage/);
      expect(a.text).toMatch(/reject/);
    });
  });

  describe('sources', () => {
    it('lists the articles and returns one article with exactly its passages, in order', async () => {
      const sources = engine.listArticles();
      expect(sources.map((s) => s.id)).toEqual(YERMAK_SOURCES.slice(0, 2).concat(['002_74fab2486cdf4fb4', YERMAK_SOURCES[2]!, '004_026a93b63b322719']));
      for (const s of sources) {
        const got = (await engine.getArticle(s.id))!;
        expect(got.info).toEqual(s);
        expect(got.passages).toHaveLength(s.passageCount);
        expect(got.passages.every((p) => p.articleId === s.id)).toBe(true);
        expect(got.passages.map((p) => p.start)).toEqual([...got.passages.map((p) => p.start)].sort((a, b) => a - b));
      }
      expect(await engine.getArticle('nope')).toBeUndefined();
    });
  });

  describe('the quote index (stored with the index: files, or the generation in the database)', () => {
    it('meets the gold set’s targets, resolves a speaker, and refuses an unknown one', () => {
      const gold = quotesJsonSchema.parse(JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/quotes-gold.json'), 'utf8')));
      const { scores } = scoreQuotes(gold, statementsToJson(engine.quotes().statements));
      expect(scores.statement_recall).toBeGreaterThanOrEqual(0.9);
      expect(scores.speaker_accuracy).toBeGreaterThanOrEqual(0.9);
      expect(scores.grouping_f1).toBeGreaterThanOrEqual(0.85);
      const yermak = engine.quotes({ speaker: 'Yermak' });
      expect(yermak.speaker).toBe('Andriy Yermak');
      expect(yermak.statements.length).toBeGreaterThan(0);
      expect(yermak.statements.every((st) => st.quotes.every((q) => YERMAK_SOURCES.includes(q.articleId) && q.article.id === q.articleId))).toBe(true);
      expect(() => engine.quotes({ speaker: 'Lavrov' })).toThrow(/No one called "Lavrov" is quoted/);
    });

    it('compares outlets on a topic (Engine.compare) from every covering article’s sentences', async () => {
      const c = await engine.compare('the peace plan');
      expect(c.perArticle.length).toBeGreaterThanOrEqual(3);
      for (const s of c.perArticle) expect(s.claims[0]!.passage).toContain(s.claims[0]!.text);
    });
  });

  // A corpus whose articles name their outlet and date (test/fixtures/corpora/second, 54 reports),
  // copied so that articles can be added and removed.
  describe('on a corpus with outlets and dates: filters, add and remove', () => {
    let w2: Workspace;
    let engine2: Engine;
    const second = path.join(REPO, 'test/fixtures/corpora/second/seeds');

    beforeAll(async () => {
      const seeds = path.join(makeWorkspace().dir, 'second-seeds');
      cpSync(second, seeds, { recursive: true });
      w2 = makeWorkspace({ SEEDS_DIR: seeds, ...(db ? { ...postgresEnv(db, 'answer_test_second') } : {}) });
      w2 = { ...w2, seedsDir: seeds };
      engine2 = await Engine.open({ config: w2.config, embedder: await testEmbedder() });
    });
    afterAll(async () => {
      await engine2?.close();
    });

    it('an outlet or date filter keeps retrieval, answers and quote answers to those articles', async () => {
      const hits = await engine2.search('Enceladus ice discovery', { filter: { outlet: 'Tollund Herald' }, limit: 10 });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.article.outlet === 'Tollund Herald')).toBe(true);
      const one = await engine2.ask('what did Osei-Brandt say?', { filter: { outlet: 'Tollund Herald' } });
      expect(one.text).toMatch(/^Amara Osei-Brandt, as quoted in the coverage:\n“I told my mother I was working on 'ice'\. She said that sounded cold” \[1\]$/);
      expect(one.citations.map((c) => c.articleId)).toEqual(['046_tollund-chemist']);
      const later = await engine2.ask('what did Osei-Brandt say?', { filter: { since: '2025-06-05' } });
      expect(later.citations.every((c) => c.articleId === '046_tollund-chemist')).toBe(true);
      const differ = await engine2.ask('how did the outlets differ on the measles outbreak?', { filter: { outlet: 'Northline Post' } });
      expect(differ.citations.every((c) => c.article.outlet === 'Northline Post')).toBe(true);
      expect(() => engine2.checkFilter({ outlet: 'Daily Planet' })).toThrow(/No indexed article is from an outlet called "Daily Planet"/);
    });

    it('adds an article (a new index generation, serving it at once) and removes it again (another generation)', async () => {
      const before = engine2.indexGeneration;
      const added = await engine2.addArticle(
        { kind: 'file', path: path.join(REPO, 'test/fixtures/html/standard-article.html') },
        { addedBy: 'tester', now: new Date('2025-12-01T09:00:00Z') },
      );
      const id = added.article.id;
      expect(added.summary.added).toEqual([id]);
      expect(added.summary.embeddedCount).toBe(added.article.passageCount);
      expect(engine2.indexGeneration).not.toBe(before);
      expect(engine2.hasArticle(id)).toBe(true);
      expect(readdirSync(w2.seedsDir)).toContain(added.file);
      const hits = await engine2.search(added.article.title, { limit: 3 });
      expect(hits[0]!.articleId).toBe(id);

      const removed = await engine2.removeArticle(id);
      expect(removed.summary.removed).toEqual([id]);
      expect(engine2.hasArticle(id)).toBe(false);
      expect(readdirSync(w2.seedsDir)).not.toContain(added.file);
      expect((await engine2.search(added.article.title, { limit: 3 })).every((h) => h.articleId !== id)).toBe(true);
    });
  });
});
