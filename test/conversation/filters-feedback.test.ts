import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyArticleFilter, parseDay } from '../../src/engine/article-filter.js';
import type { ArticleMeta } from '../../src/types.js';
import { toEvalQuestion } from '../../src/feedback/export.js';
import { FeedbackStore, readFeedback } from '../../src/feedback/store.js';

const articles: ArticleMeta[] = [
  { id: 'a', file: 'a.txt', title: 'A', outlet: 'The Harbor Ledger', published: '2025-03-01' },
  { id: 'b', file: 'b.txt', title: 'B', outlet: 'Northline Post', published: '2025-03-10' },
  { id: 'c', file: 'c.txt', title: 'C', outlet: 'Northline Post', published: '12 March 2025' },
  { id: 'd', file: 'd.txt', title: 'D' },
];

describe('outlet and date filters', () => {
  it('reads dates in plain words (chrono-node) relative to now', () => {
    const now = new Date(2025, 2, 15);
    expect(parseDay('2025-11-27', now)).toBe('2025-11-27');
    expect(parseDay('last week', now)).toBe('2025-03-08');
    expect(parseDay('yesterday', now)).toBe('2025-03-14');
    expect(parseDay('3 March', now)).toBe('2025-03-03');
    expect(parseDay('whenever', now)).toBeUndefined();
  });

  it('keeps the articles of an outlet (case and "The" ignored) and of a date range, and describes it', () => {
    const now = new Date(2025, 2, 15);
    expect([...applyArticleFilter(articles, { outlet: 'harbor ledger' }, now)!.articleIds]).toEqual(['a']);
    const f = applyArticleFilter(articles, { outlet: 'northline', since: 'March 5' }, now)!;
    expect([...f.articleIds]).toEqual(['b', 'c']);
    expect(f.description).toBe('outlet Northline Post, published since 2025-03-05 (2 of 4 articles)');
    expect([...applyArticleFilter(articles, { until: '2025-03-10' }, now)!.articleIds]).toEqual(['a', 'b']);
    expect(applyArticleFilter(articles, {}, now)).toBeUndefined();
  });

  it('a filter matching nothing says what exists', () => {
    expect(() => applyArticleFilter(articles, { outlet: 'Daily Planet' })).toThrow(
      'No indexed article is from an outlet called "Daily Planet". Outlets in the index: Northline Post, The Harbor Ledger.',
    );
    expect(() => applyArticleFilter(articles, { since: '2026-01-01' })).toThrow(
      'No indexed article matches published since 2026-01-01. Articles in the index were published from 2025-03-01 to 2025-03-12 (1 have no date).',
    );
    expect(() => applyArticleFilter(articles, { since: 'blue' })).toThrow(/Cannot read "blue" as a date/);
  });
});

describe('feedback store', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-feedback-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('appends ratings and comments under a lock, hashes user ids with a salt kept beside the file, and the last click counts', async () => {
    // Discord-like user ids: a short one ("111") turns up by chance in the random ids and hashes
    // written beside it (about one run in eight), which made this test fail when nothing was wrong.
    const U1 = '304221784139251712';
    const U2 = '418990715238572033';
    const file = path.join(dir, 'fb.jsonl');
    const store = new FeedbackStore(file);
    const base = {
      question: 'q',
      answer: 'A [1]',
      abstained: false,
      citations: [{ passage: 'a#0', source: 'a.txt', paragraph: 2, quote: 'A.' }],
      index: 'gen',
      answerKey: 'k1',
    };
    await Promise.all([store.rate({ ...base, rating: 'up', userId: U1 }), store.rate({ ...base, answerKey: 'k2', rating: 'up', userId: U2 })]);
    const id = await store.rate({ ...base, rating: 'down', userId: U1 });
    await store.comment(id, '  wrong   outlet ', U1);
    expect(readFileSync(file, 'utf8')).not.toMatch(new RegExp(`${U1}|${U2}`));
    expect(statSync(`${file}.salt`).mode & 0o777).toBe(0o600);
    expect(await new FeedbackStore(file).hashUser(U1)).toBe(await store.hashUser(U1)); // the salt is kept
    const { ratings } = await readFeedback(file);
    expect(ratings.map((r) => [r.answerKey, r.rating, r.comments])).toEqual([
      ['k2', 'up', []],
      ['k1', 'down', ['wrong outlet']],
    ]);
    expect(toEvalQuestion(ratings[0]!, 0)).toMatchObject({ id: 'fb001', question: 'q', evidence: [{ source: 'a.txt', text: 'A.' }], needs_review: true });
  });
});

describe('bot settings for conversations, threads and feedback', () => {
  it('defaults, values, and refusals that name the variable', async () => {
    const { loadBotFeatures } = await import('../../src/bot/config.js');
    expect(loadBotFeatures({})).toEqual({
      conversation: { ttlMs: 30 * 60_000, channelWindowMs: 5 * 60_000, maxTurns: 4, maxConversations: 10_000 },
      threadGuilds: new Set(),
      messageContent: false,
    });
    const f = loadBotFeatures({
      CONVERSATION_MINUTES: '10',
      FOLLOWUP_WINDOW_MINUTES: '20',
      ANSWER_IN_THREADS: '123456789012345678, 223456789012345678',
      DISCORD_MESSAGE_CONTENT: '1',
      FEEDBACK_FILE: 'fb.jsonl',
    });
    expect(f.conversation.channelWindowMs).toBe(10 * 60_000); // never longer than the conversation itself
    expect(f.threadGuilds).toEqual(new Set(['123456789012345678', '223456789012345678']));
    expect(f.messageContent).toBe(true);
    expect(f.feedbackFile).toBe(path.resolve('fb.jsonl'));
    expect(loadBotFeatures({ ANSWER_IN_THREADS: 'all' }).threadGuilds).toBe('all');
    for (const [name, value] of [
      ['CONVERSATION_MINUTES', '0'],
      ['ANSWER_IN_THREADS', 'general'],
      ['FEEDBACK_SALT', 'short'],
    ] as const) {
      expect(() => loadBotFeatures({ [name]: value })).toThrow(expect.objectContaining({ name: 'EngineError', code: 'CONFIG' }));
      expect(() => loadBotFeatures({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name}: `));
    }
  });
});
