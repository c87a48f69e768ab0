/**
 * What a public server throws at the bot, end to end through the loopback gateway with a real
 * Engine and an unmodified discord.js client: hostile questions (/ask, /search, mentions), an
 * article full of mentions / markdown / RTL text, rate limits, other bots and the bot's own
 * messages. Every request the bot makes is checked: all mentions disabled, accepted by the
 * Discord-like validation (embed limits), known route — and the token never printed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { loadBotConfig, loadBotLimits } from '../../src/bot/config.js';
import { RateLimiter, rateLimitMessage } from '../../src/bot/rate-limit.js';
import { embedText, MASS_MENTION, messageBody, startHarness, useHarness, type Harness, type MessageBody } from './harness.js';

const YERMAK = /As long as (Mr\. )?Zelensk\w+ is president/;
const IN_WORDS = 'Please ask a question in words, e.g. "what did Yermak say?".';
const TOO_LONG = (n: number) => `Questions can be at most 500 characters; yours has ${n}. Please shorten it.`;
const RATE_LIMITED = /^You're asking faster than I can keep up — try again in (\d+) s\.$/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const ROLE = '<@&123456789012345678>';
const USER = '<@234567890123456789>';

// Nothing the bot logs or this process prints may show the token (checked by useHarness).
const harness = useHarness();
let h: Harness;
beforeAll(() => {
  h = harness();
});

const ask = (question: string) => h.slash('ask', [{ name: 'question', value: question }]);
const search = (query: string) => h.slash('search', [{ name: 'query', value: query }]);

/** Every text the bot sent since request number `since`: contents and embed texts. */
function sentTexts(since = 0): string[] {
  return h.server.requests
    .slice(since)
    .map(messageBody)
    .filter((b): b is MessageBody => b !== undefined)
    .flatMap((b) => [b.content ?? '', ...(b.embeds ?? []).map(embedText)]);
}

/** Markdown that would render (an unescaped `*`, `_`, `` ` ``, `~`, `|`) in untrusted text. */
const unescaped = (s: string, ch: string) => new RegExp(`(^|[^\\\\])\\${ch}`).test(s);

describe('hostile questions', () => {
  describe.each(['ask', 'search'] as const)('/%s refuses, privately and without deferring,', (command) => {
    const send = (text: string) => (command === 'ask' ? ask(text) : search(text));
    it.each([
      ['an empty question', '', IN_WORDS],
      ['white space only', ' \t \n  ', IN_WORDS],
      ['zero-width and control characters only', '\u200B\u200C\u200D\uFEFF\u0000\u0007\u202E', IN_WORDS],
      ['mentions only', `@everyone @here ${ROLE} ${USER} <#123456789012345678>`, IN_WORDS],
      ['10,000 characters', 'x'.repeat(10_000), TOO_LONG(10_000)],
    ])('%s', async (_, text, message) => {
      const cb = await h.callback(send(text));
      expect(cb).toMatchObject({ type: 4, data: { content: message, flags: 64, allowed_mentions: { parse: [] }, embeds: [], components: [] } });
    });
  });

  it.each([
    ['control and zero-width characters inside words', 'what\u0000 did Yer\u200Bmak\u200D say?\u0007\uFEFF', 'what did Yermak say?'],
    ['a right-to-left override', '\u202Ewhat did Yermak say?\u202C', 'what did Yermak say?'],
    ['mention syntax around the question', `@everyone ${ROLE} what did ${USER} Yermak say? @here <#123456789012345678>`, 'what did Yermak say?'],
  ])('/ask with %s: cleaned, then answered', async (_, question, title) => {
    const ref = ask(question);
    expect((await h.callback(ref)).type).toBe(5);
    const body = await h.original(ref);
    expect(body.embeds![0]!.title).toBe(title);
    expect(body.embeds![0]!.description).toMatch(YERMAK);
  });

  it('/ask in Arabic with emoji: rendered intact (no broken surrogate pairs), within limits', async () => {
    const question = 'ماذا قال يرماك؟ 🤔 what did Yermak say? 🇺🇦👍🏽';
    const ref = ask(question);
    expect((await h.callback(ref)).type).toBe(5);
    const embed = (await h.original(ref)).embeds![0]!;
    expect(embed.title).toBe(question);
    expect(embedText(embed)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no lone surrogate
  });

  it('/ask with markdown and code fences: the title shows them literally (escaped)', async () => {
    const ref = ask('**what** did `Yermak` _say_? ```js\nalert(1)\n``` ||spoiler|| ~~x~~ # heading > quote [link](https://evil.example)');
    expect((await h.callback(ref)).type).toBe(5);
    const embed = (await h.original(ref)).embeds![0]!;
    for (const ch of ['*', '_', '`', '|', '~']) expect(unescaped(embed.title!, ch), `${ch} in ${embed.title}`).toBe(false);
    expect(embed.title).toContain('\\*\\*what\\*\\* did \\`Yermak\\` \\_say\\_?');
    expect(embed.title).toContain('\\[link](https://evil.example)'); // a masked link shown as text
    // answered, or (the noise words are in no article) a well-formed abstention
    expect(embed.description).toMatch(/As long as|^The coverage doesn't say/);
  });

  it('/search with markdown and mentions: cleaned and escaped', async () => {
    const ref = search(`@everyone **Yermak** ${ROLE} \`territory\``);
    expect((await h.callback(ref)).type).toBe(5);
    const embed = (await h.original(ref)).embeds![0]!;
    expect(embed.title).toBe('Search: \\*\\*Yermak\\*\\* \\`territory\\`');
    expect(embed.fields!.length).toBeGreaterThan(0);
  });

  describe('mentions', () => {
    const mention = async (content: string) => {
      const msg = h.server.messageCreate({ content, mentionBot: true });
      expect(h.server.sendMessage(msg).delivered).toBe(1);
      return (await h.replyTo(h.server.channelId, msg.id)).body!;
    };

    it.each([
      ['white space only', ' \t  ', /^Ask me a question about the news articles after the mention/],
      ['zero-width characters only', '\u200B\u200D\uFEFF', new RegExp(`^${IN_WORDS.replace(/[.?()]/g, '\\$&')}$`)],
      ['10,000 characters', 'x'.repeat(10_000), new RegExp(`^${TOO_LONG(10_000).replace(/[.?()]/g, '\\$&')}$`)],
      ['mentions only', `@everyone ${ROLE} ${USER}`, new RegExp(`^${IN_WORDS.replace(/[.?()]/g, '\\$&')}$`)],
    ])('%s → a short reply that pings nobody', async (_, content, reply) => {
      const body = await mention(content);
      expect(body.content).toMatch(reply);
      expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    });

    it('markdown, RTL, emoji and @everyone around a real question → answered, escaped, nobody pinged', async () => {
      const body = await mention(`@everyone **what** did Yermak say? 🤔 \u202E ${ROLE} @here`);
      expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
      const embed = body.embeds![0]!;
      expect(embed.title).toBe('\\*\\*what\\*\\* did Yermak say? 🤔');
      expect(embed.description).toMatch(YERMAK);
    });
  });

  it('nothing the bot sent contains a live @everyone/@here or a bidi override', () => {
    for (const text of sentTexts()) {
      expect(text).not.toMatch(MASS_MENTION);
      expect(text).not.toMatch(BIDI);
    }
  });
});

describe('an article full of mentions, markdown and RTL text', () => {
  const admin = { permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages };
  let since = 0;
  let answers: APIEmbed[] = [];

  beforeAll(async () => {
    writeFileSync(
      path.join(h.w.seedsDir, '010_spam_wave.md'),
      [
        '---',
        'title: "Spam wave pinged @everyone in the **Harbour** server"',
        `outlet: "Harbour ${ROLE} Wire"`,
        'url: https://example.org/news/spam-wave',
        '---',
        'Spam wave pinged @everyone in the **Harbour** server',
        '',
        `Moderator Lina Haddad said the spam bots pinged @everyone, @here and the role ${ROLE} forty times in one hour on Friday, and asked ${USER} to ban them.`,
        '',
        'Haddad said the bots posted **bold** _links_ and ```js\nrequire("x")\n``` code fences, ||spoilers|| and > quotes to break the chat.',
        '',
        '# Not a heading',
        '',
        'قال المشرف إن الرسائل المزعجة توقفت يوم السبت. Haddad said the Arabic-speaking members \u202Ereported the spam first 🚨 and the moderators thanked them.',
      ].join('\n'),
    );
    since = h.server.requests.length;
    const ref = h.slash('reindex', [], admin);
    expect((await h.callback(ref)).type).toBe(5);
    const summary = (await h.original(ref)).embeds![0]!;
    expect(summary.description).toContain('Added 1 (010\\_spam\\_wave)');

    for (const q of [
      'What did moderator Lina Haddad say about the spam bots?',
      'What did the spam bots post to break the chat?',
      'Who reported the spam first?',
    ]) {
      const a = ask(q);
      expect((await h.callback(a)).type).toBe(5);
      answers.push((await h.original(a)).embeds![0]!);
    }
  });

  it('answers from it: mentions shown as text, never pinging (allowed_mentions.parse is empty everywhere)', () => {
    const [mentions] = answers;
    expect(mentions!.description).toMatch(/Lina Haddad said the spam bots pinged @\u200Beveryone, @\u200Bhere and the role <@&123456789012345678>/);
    expect(embedText(mentions)).toContain('`010_spam_wave`');
    const made = h.server.requests.slice(since).filter((r) => messageBody(r)?.embeds?.length || messageBody(r)?.content);
    expect(made.length).toBeGreaterThanOrEqual(4);
    for (const r of made) {
      expect(messageBody(r)!.allowed_mentions).toEqual({ parse: [] }); // no roles / users lists either
    }
  });

  it('escapes its markdown and code fences, and drops the bidi override', () => {
    const all = answers.map(embedText).join('\n');
    expect(all).toContain('\\*\\*Harbour\\*\\*'); // title in the Sources line
    const [, markdown, rtl] = answers;
    // Whichever of the article's markdown-laden sentences the answer quotes, its markdown is escaped.
    expect(markdown!.description).toMatch(/\\`\\`\\`/);
    expect(markdown!.description).toMatch(/\\\*\\\*bold\\\*\\\*|\\\|\\\|spoilers\\\|\\\|/);
    for (const ch of ['*', '_', '`', '|', '~']) for (const a of answers) expect(unescaped(a.description!, ch), a.description).toBe(false);
    expect(rtl!.description).toContain('Arabic-speaking members reported the spam first 🚨');
    expect(all).not.toMatch(BIDI);
    expect(all).not.toMatch(MASS_MENTION);
  });

  it('"Show passages", /search and /source on it stay escaped and within limits', async () => {
    const first = h.server.requests.length;
    const a = ask('What did the spam bots post to break the chat?');
    await h.callback(a);
    const body = await h.original(a);
    const click = await h.callback(
      h.server.sendInteraction(h.server.buttonClick({ customId: body.components![0]!.components[0]!.custom_id, messageId: h.server.originalResponse(a)!.id })),
    );
    expect(click).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(click.data!.embeds!.map((e) => e.description).join('\n')).toContain('\\`\\`\\` code fences');

    const s = search('spam bots pinged everyone');
    await h.callback(s);
    expect(embedText((await h.original(s)).embeds![0])).toContain('@\u200Beveryone');

    const src = await h.callback(h.slash('source', [{ name: 'article', value: '010_spam_wave' }]));
    expect(src.type).toBe(4);
    const page = embedText(src.data!.embeds![0]);
    expect(page).toContain('\\*\\*bold\\*\\* \\_links\\_ and \\`\\`\\`js');
    expect(page).toContain('\\`\\`\\` code fences, \\|\\|spoilers\\|\\| and > quotes to break the chat. # Not a heading'); // mid-line: inert
    expect(page).toContain('قال المشرف إن الرسائل المزعجة توقفت يوم السبت. Haddad said the Arabic-speaking members reported the spam first 🚨');
    for (const text of sentTexts(first)) {
      expect(text).not.toMatch(MASS_MENTION);
      expect(text).not.toMatch(BIDI);
    }
  });
});

describe('abuse', () => {
  // a second bot on its own loopback server, sharing the engine, with small limits
  let r: Harness;
  beforeAll(async () => {
    r = await startHarness({ engine: h.engine, workspace: h.w, bot: { rateLimits: { userPerMinute: 3, channelPerMinute: 8 } } });
  });
  afterEach(() => r.checkRequests());
  afterAll(async () => {
    await r?.close();
    expect(r.logger.lines.join('\n')).not.toContain(r.server.token);
  });

  const user = (name: string) => ({ id: r.server.world.resolveUser({ username: name }).id });
  const newsChannel = () => r.server.world.firstGuild.channels.find((c) => 'name' in c && c.name === 'news')!.id;
  const askAs = async (who: { id: string }, channelId?: string) => {
    const ref = r.slash('ask', [{ name: 'question', value: 'what did Yermak say?' }], { user: who, ...(channelId ? { channelId } : {}) });
    return { ref, cb: await r.callback(ref) };
  };
  const expectLimited = (cb: Awaited<ReturnType<typeof askAs>>['cb']) => {
    expect(cb).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    const seconds = Number(RATE_LIMITED.exec(cb.data!.content!)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
  };

  it('/ask: per user (3/min here), then per channel (8/min here); other channels are not affected', async () => {
    const alice = user('alice');
    const bob = user('bob');
    const carol = user('carol');
    const answered = [];
    for (let i = 0; i < 3; i++) {
      const a = await askAs(alice);
      expect(a.cb.type).toBe(5);
      answered.push(a.ref);
    }
    expectLimited((await askAs(alice)).cb); // alice's 4th in a minute
    // an invalid question costs nothing and still gets its own explanation
    expect((await r.callback(r.slash('ask', [{ name: 'question', value: ' ' }], { user: alice }))).data!.content).toBe(IN_WORDS);
    for (const who of [bob, bob, bob, carol, carol]) {
      const a = await askAs(who);
      expect(a.cb.type).toBe(5);
      answered.push(a.ref);
    }
    expectLimited((await askAs(carol)).cb); // the 9th in #general: the channel's limit
    const elsewhere = await askAs(carol, newsChannel()); // carol's 3rd, in #news
    expect(elsewhere.cb.type).toBe(5);
    answered.push(elsewhere.ref);
    for (const ref of answered) expect((await r.original(ref)).embeds![0]!.description).toMatch(YERMAK);
    // /search counts too (it runs the model)
    const s = await r.callback(r.slash('search', [{ name: 'query', value: 'Yermak' }], { user: alice }));
    expectLimited(s);
    expect(r.logger.lines).toContainEqual(expect.stringMatching(/^INFO rate limit \(user\): refusing questions from \d+ in \d+ for \d+ s$/));
  });

  it('mentions: over the limit the first refused message gets a short reply, later ones are ignored', async () => {
    const dave = user('dave');
    const channelId = newsChannel();
    const send = (content = 'what did Yermak say?', author = dave) => {
      const msg = r.server.messageCreate({ content, mentionBot: true, author, channelId });
      expect(r.server.sendMessage(msg).delivered).toBe(1);
      return msg;
    };
    for (let i = 0; i < 3; i++) {
      const m = send();
      expect((await r.replyTo(channelId, m.id)).body!.embeds![0]!.description).toMatch(YERMAK);
    }
    const fourth = send();
    const refusal = (await r.replyTo(channelId, fourth.id)).body!;
    expect(refusal.content).toMatch(RATE_LIMITED);
    expect(refusal.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const fifth = send();
    const sixth = send('');
    // a later message from someone else is answered: the earlier ones were handled (in order) and ignored
    const marker = send('what did Yermak say?', user('erin'));
    await r.replyTo(channelId, marker.id);
    const repliedTo = r.server.requests.map((q) => (q.body as MessageBody | null)?.message_reference?.message_id).filter(Boolean);
    expect(repliedTo).not.toContain(fifth.id);
    expect(repliedTo).not.toContain(sixth.id);
  });

  it('ignores other bots and its own messages (including its own replies echoed back by the gateway)', async () => {
    const fromBot = r.server.messageCreate({ content: 'what did Yermak say?', mentionBot: true, bot: true, channelId: newsChannel() });
    const fromSelf = r.server.messageCreate({
      content: 'what did Yermak say?',
      mentionBot: true,
      author: { id: r.server.botUser.id },
      channelId: newsChannel(),
    });
    expect(fromSelf.author.id).toBe(r.server.botUser.id);
    const selfDm = r.server.messageCreate({ content: 'what did Yermak say?', author: { id: r.server.botUser.id }, dm: true });
    r.server.sendMessage(fromBot);
    r.server.sendMessage(fromSelf);
    r.server.sendMessage(selfDm);
    const marker = r.server.messageCreate({ content: 'what did Yermak say?', mentionBot: true, author: user('frank'), channelId: newsChannel() });
    r.server.sendMessage(marker);
    const reply = await r.replyTo(newsChannel(), marker.id);
    const repliedTo = r.server.requests.map((q) => (q.body as MessageBody | null)?.message_reference?.message_id).filter(Boolean);
    for (const m of [fromBot, fromSelf, selfDm]) expect(repliedTo).not.toContain(m.id);
    // the bot's reply came back to it as MESSAGE_CREATE (the fake echoes like Discord) and got no reply
    const replyId = (reply.response!.body as { id: string }).id;
    await new Promise((res) => setTimeout(res, 300));
    expect(repliedTo).not.toContain(replyId);
    expect(r.server.requests.filter((q) => (q.body as MessageBody | null)?.message_reference?.message_id === replyId)).toEqual([]);
  });
});

describe('rate limiter and its settings', () => {
  it('is a sliding one-minute window per user and per channel; refusals do not count; 0 turns a limit off', () => {
    let now = 1_000_000;
    const l = new RateLimiter({ userPerMinute: 2, channelPerMinute: 3 }, () => now);
    expect(l.take('u1', 'c1').ok).toBe(true);
    now += 20_000;
    expect(l.take('u1', 'c1').ok).toBe(true);
    expect(l.take('u1', 'c1')).toEqual({ ok: false, retryAfterSeconds: 40, scope: 'user', firstRefusal: true });
    expect(l.take('u1', 'c1')).toMatchObject({ ok: false, firstRefusal: false });
    expect(l.take('u2', 'c1').ok).toBe(true);
    expect(l.take('u3', 'c1')).toMatchObject({ ok: false, scope: 'channel', retryAfterSeconds: 40 });
    now += 40_000; // the first question leaves the window
    expect(l.take('u1', 'c1').ok).toBe(true);
    expect(l.take('u1', 'c2')).toMatchObject({ ok: false, scope: 'user', retryAfterSeconds: 20 });

    const userOnly = new RateLimiter({ userPerMinute: 1, channelPerMinute: 0 }, () => now);
    for (let i = 0; i < 100; i++) expect(userOnly.take(`u${i}`, 'c').ok).toBe(true);
    const off = new RateLimiter({ userPerMinute: 0, channelPerMinute: 0 });
    for (let i = 0; i < 100; i++) expect(off.take('u', 'c').ok).toBe(true);
    expect(off.trackedKeys).toBe(0);
  });

  it('forgets users and channels idle for a minute (memory stays bounded)', () => {
    let now = 0;
    const l = new RateLimiter({ userPerMinute: 5, channelPerMinute: 500 }, () => now);
    for (let i = 0; i < 1000; i++) l.take(`user${i}`, `channel${i % 10}`);
    expect(l.trackedKeys).toBe(1010);
    now += 61_000;
    l.take('late', 'c');
    expect(l.trackedKeys).toBe(2);
  });

  it('RATE_LIMIT_* and SHUTDOWN_TIMEOUT_SECONDS: empty = default, 0 = off, anything else is refused naming the variable', () => {
    expect(loadBotLimits({})).toEqual({ rateLimits: { userPerMinute: 6, channelPerMinute: 20 }, shutdownTimeoutMs: 10_000 });
    expect(loadBotLimits({ RATE_LIMIT_USER_PER_MINUTE: '', RATE_LIMIT_CHANNEL_PER_MINUTE: ' ', SHUTDOWN_TIMEOUT_SECONDS: '' })).toEqual(loadBotLimits({}));
    expect(loadBotLimits({ RATE_LIMIT_USER_PER_MINUTE: '0', RATE_LIMIT_CHANNEL_PER_MINUTE: '0', SHUTDOWN_TIMEOUT_SECONDS: '3' })).toEqual({
      rateLimits: { userPerMinute: 0, channelPerMinute: 0 },
      shutdownTimeoutMs: 3000,
    });
    for (const [name, value] of [
      ['RATE_LIMIT_USER_PER_MINUTE', '-1'],
      ['RATE_LIMIT_CHANNEL_PER_MINUTE', 'lots'],
      ['SHUTDOWN_TIMEOUT_SECONDS', '1.5'],
    ] as const) {
      expect(() => loadBotLimits({ [name]: value })).toThrow(expect.objectContaining({ name: 'EngineError', code: 'CONFIG' }));
      expect(() => loadBotLimits({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name}: must be a whole number`));
    }
    const env = {
      DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB',
      DISCORD_CLIENT_ID: '123456789012345678',
      RATE_LIMIT_USER_PER_MINUTE: '2',
    };
    expect(loadBotConfig(env)).toMatchObject({ rateLimits: { userPerMinute: 2, channelPerMinute: 20 }, shutdownTimeoutMs: 10_000 });
    expect(rateLimitMessage(7)).toBe("You're asking faster than I can keep up — try again in 7 s.");
  });
});
