/**
 * Follow-up resolution on its own (no model, no index): a name lookup standing for the corpus's
 * capitalisation, and conversation turns as the engine would keep them.
 */
import { describe, expect, it } from 'vitest';
import { resolveFollowUp, turnOf } from '../../src/conversation/resolve.js';
import { ConversationStore } from '../../src/conversation/state.js';
import type { ConversationTurn } from '../../src/types.js';

const CORPUS_NAMES = new Set([
  'yermak',
  'zelensky',
  'zelenskiy',
  'putin',
  'stanovaya',
  'witkoff',
  'steve',
  'moscow',
  'bishkek',
  'atlantic',
  'kremlin',
  'europe',
  'r.politik',
  'tatiana',
]);
const names = { isName: (w: string) => CORPUS_NAMES.has(w.toLowerCase()) };
const answered = (text: string) => ({ abstained: false, claims: [{ text }], citations: [{ passageId: 'doc#1' }] });
const turn = (question: string, answer: string, standalone = question): ConversationTurn => turnOf(question, standalone, answered(answer), names);

const YERMAK = turn(
  'what did Yermak say?',
  '“As long as Mr. Zelenskiy is president, no one should expect us to give up territory,” Yermak told The Atlantic magazine.',
);
const MOSCOW = turn(
  'who is going to moscow next week',
  'U.S. representatives, including Trump’s special envoy Steve Witkoff, are also scheduled to visit Moscow next week.',
);
const STANOVAYA = turn('what did stanovaya say', '“He feels more confident than ever,” Stanovaya said.');

describe('resolveFollowUp', () => {
  it('replaces pronouns and possessives with the conversation’s subject', () => {
    expect(resolveFollowUp('who did he say it to?', [YERMAK], names)).toEqual({ standalone: 'who did Yermak say it to?', rewritten: true, how: 'pronoun' });
    expect(resolveFollowUp('did he mention nato?', [YERMAK], names).standalone).toBe('did Yermak mention nato?');
    expect(resolveFollowUp('whats her organisation called', [STANOVAYA], names).standalone).toBe('whats Stanovaya’s organisation called');
  });

  it('takes the answer’s person for "he" after a who-question, not a name inside a quote or a possessive owner', () => {
    expect(MOSCOW.answerEntity?.text).toBe('Steve Witkoff');
    expect(resolveFollowUp('where is he staying?', [MOSCOW], names).standalone).toBe('where is Steve Witkoff staying?');
    expect(YERMAK.answerNames.map((e) => e.text)).toContain('Zelenskiy');
    expect(resolveFollowUp('when did he say that', [YERMAK], names).standalone).toBe('when did Yermak say that');
  });

  it('"there" becomes the place, with "to" after a verb of motion', () => {
    const bishkek = turn('where did putin speak', 'Putin spoke in the Kyrgyz capital Bishkek on Thursday.');
    expect(resolveFollowUp('who else was there', [bishkek], names).standalone).toBe('who else was in Bishkek');
    expect(resolveFollowUp('is he going there again', [bishkek], names).standalone).toBe('is Putin going to Bishkek again');
    expect(resolveFollowUp('is there a date', [bishkek], names).rewritten).toBe(false); // existential there
  });

  it('ellipsis: "and X?" / "what about X" asks the last question again about X', () => {
    expect(resolveFollowUp('and zelensky?', [YERMAK], names).standalone).toBe('what did Zelensky say?');
    const putin = turn('what did putin say about ukraine', 'Putin said Russia was ready for serious talks.');
    expect(resolveFollowUp('what about Europe?', [putin], names).standalone).toBe('what did putin say about Europe?');
  });

  it('a bare wh-word asks the last question again for that: "when?" drops the date words it would be answered by', () => {
    expect(resolveFollowUp('when?', [MOSCOW], names)).toEqual({ standalone: 'when is Steve Witkoff going to moscow?', rewritten: true, how: 'wh-ellipsis' });
    expect(resolveFollowUp('and when was that?', [YERMAK], names).standalone).toBe('when did Yermak say that?');
  });

  it('a question that stands on its own is not rewritten, even with a pronoun about its own subject', () => {
    for (const q of [
      'how many troops did kyiv lose in october',
      'what did putin say about his conditions',
      'who founded R.Politik?',
      'and did putin offer a written guarantee?',
      'is it true that the plan changed',
    ]) {
      expect(resolveFollowUp(q, [YERMAK], names)).toEqual({ standalone: q, rewritten: false });
    }
    expect(resolveFollowUp('who did he say it to?', [], names).rewritten).toBe(false); // nothing before it
  });

  it('works without compromise too (names only from the corpus), for measuring what it adds', () => {
    const tuning = { useCompromise: false, lookback: 3, maxEllipsisWords: 6 };
    const t = turnOf('what did Yermak say?', 'what did Yermak say?', answered('Yermak told The Atlantic magazine.'), names, tuning);
    expect(resolveFollowUp('who did he say it to?', [t], names, tuning).standalone).toBe('who did Yermak say it to?');
  });
});

describe('ConversationStore', () => {
  const key = (user: string) => ({ guild: 'g', channel: 'c', user });

  it('keeps the last turns per (guild, channel, user) and forgets them after the time limit', () => {
    let now = 1_000_000;
    const store = new ConversationStore({ ttlMs: 30 * 60_000, maxTurns: 2, now: () => now });
    const at = (q: string) => ({ ...YERMAK, question: q, at: now });
    store.add(key('a'), at('1'));
    store.add(key('a'), at('2'));
    store.add(key('a'), at('3'));
    expect(store.history(key('a')).map((t) => t.question)).toEqual(['2', '3']);
    expect(store.history(key('b'))).toEqual([]);
    now += 5 * 60_000 + 1;
    expect(store.history(key('a'), 5 * 60_000)).toEqual([]); // outside the same-channel window
    expect(store.history(key('a'))).toHaveLength(2); // still within the limit
    now += 30 * 60_000;
    expect(store.history(key('a'))).toEqual([]);
    expect(store.size).toBe(0);
  });

  it('holds at most maxConversations, forgetting the least recently used; sweep drops expired ones', () => {
    let now = 0;
    const store = new ConversationStore({ maxConversations: 3, ttlMs: 1000, now: () => now });
    for (const u of ['a', 'b', 'c']) store.add(key(u), { ...YERMAK, at: now });
    store.history(key('a')); // a is used again
    store.add(key('d'), { ...YERMAK, at: now });
    expect(store.size).toBe(3);
    expect(store.history(key('b'))).toEqual([]);
    expect(store.history(key('a'))).toHaveLength(1);
    now = 5000;
    expect(store.sweep()).toBe(3);
    expect(store.size).toBe(0);
  });
});
