/**
 * The bot end to end: a real Engine (real model, real index on a temp copy of the seeds), an
 * unmodified discord.js client created by createBot, and the loopback Discord server. Every
 * assertion is on the HTTP requests the bot actually makes.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { Engine } from '../../src/engine/engine.js';
import { createBot, INTENTS, type Bot } from '../../src/bot/create-bot.js';
import { memoryLogger } from '../../src/bot/logger.js';
import { registerCommands } from '../../src/bot/register-commands.js';
import { ALREADY_RUNNING, NOT_ALLOWED } from '../../src/bot/commands/reindex.js';
import { startFakeDiscord, type FakeDiscord, type InteractionRef, type RecordedRequest } from '../support/fake-discord/index.js';
import { makeWorkspace, testEmbedder, type Workspace } from '../support/workspace.js';

const YERMAK_SOURCES = ['000_5ed6bed9a529a53f', '001_5d1f077759e5ea62', '003_fef9203f1872d730'];
const YERMAK_QUOTE = /As long as (Mr\. )?Zelensk\w+ is president, no one should (count on|expect) us (giving|to give) up territory/;

interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: { components: { custom_id: string; label: string; disabled?: boolean }[] }[];
  allowed_mentions?: { parse?: string[]; replied_user?: boolean };
  flags?: number;
  message_reference?: { message_id: string };
}
interface CallbackBody {
  type: number;
  data?: MessageBody & { choices?: { name: string; value: string }[] };
}

let server: FakeDiscord;
let w: Workspace;
let engine: Engine;
let bot: Bot;
const logger = memoryLogger();

beforeAll(async () => {
  w = makeWorkspace();
  const [s, e] = await Promise.all([startFakeDiscord(), testEmbedder().then((embedder) => Engine.open({ config: w.config, embedder }))]);
  server = s;
  engine = e;
  // register the commands as `npm run deploy-commands` does (the fake validates them like Discord)
  await registerCommands({ token: server.token, clientId: server.applicationId, guildId: server.guildId, apiBase: server.apiBase });
  bot = createBot({ engine, config: { token: server.token, clientId: server.applicationId, apiBase: server.apiBase }, logger });
  await bot.start();
});

afterEach(() => {
  expect(server.unexpectedRequests().map((r) => `${r.method} ${r.path}`)).toEqual([]);
  // every request with message content the bot ever made disabled mentions
  for (const r of server.requests) {
    const body = messageBody(r);
    if (body && (body.content !== undefined || body.embeds !== undefined)) {
      expect(body.allowed_mentions?.parse, `${r.method} ${r.path}`).toEqual([]);
    }
  }
  // responses the bot sent were all accepted (no 4xx from Discord-like validation)
  expect(server.requests.filter((r) => (r.response?.status ?? 200) >= 400).map((r) => `${r.method} ${r.path} → ${JSON.stringify(r.response?.body)}`)).toEqual(
    [],
  );
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
  await engine?.close();
  w?.cleanup();
});

describe('going online', () => {
  it('loads what reading follow-ups needs before it goes online, so the first follow-up does not hold up other questions', () => {
    // (Runs before any question: only the bot's start can have loaded them.)
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    for (const pkg of ['compromise', 'chrono-node']) expect(loaded.some((f) => f.includes(`${path.sep}node_modules${path.sep}${pkg}${path.sep}`))).toBe(true);
  });
});

/** The message part of a request: callback data, webhook (edit / follow-up) or channel message body. */
function messageBody(r: RecordedRequest): MessageBody | undefined {
  if (!r.body || typeof r.body !== 'object') return undefined;
  if (r.path.endsWith('/callback')) return (r.body as CallbackBody).data;
  if (r.path.startsWith('/webhooks/') || /^\/channels\/\d+\/messages/.test(r.path)) return r.body as MessageBody;
  return undefined;
}

const slash = (
  name: string,
  options: { name: string; value: string | number | boolean }[] = [],
  extra: Parameters<FakeDiscord['slashCommand']>[0] = { name },
) => server.sendInteraction(server.slashCommand({ ...extra, name, options }));

const callback = async (ref: InteractionRef) =>
  (await server.waitForResponse<CallbackBody>({ method: 'POST', path: `/interactions/${ref.id}/${ref.token}/callback` })).body!;
const original = async (ref: InteractionRef, timeoutMs = 30_000) =>
  (await server.waitForResponse<MessageBody>({ method: 'PATCH', path: `/webhooks/${server.applicationId}/${ref.token}/messages/@original` }, timeoutMs)).body!;

const fieldText = (e: APIEmbed | undefined) => (e?.fields ?? []).map((f) => `${f.name}\n${f.value}`).join('\n');

async function ask(question: string, options: { name: string; value: string }[] = []) {
  const ref = slash('ask', [{ name: 'question', value: question }, ...options]);
  expect(await callback(ref)).toEqual({ type: 5, data: { flags: 0 } }); // deferred at once, publicly
  return { ref, body: await original(ref) };
}

describe('startup', () => {
  it('logs in with only non-privileged intents and logs a ready line', async () => {
    const identify = await server.identified;
    expect(identify.intents).toBe(INTENTS.reduce((a, b) => a | b, 0));
    expect(logger.lines).toContainEqual(expect.stringMatching(/^INFO Ready as \S+ in 1 server; 5 articles, \d+ passages$/));
    expect(server.world.guildCommands.get(server.guildId)?.size).toBe(9);
  });
});

describe('/ask', () => {
  it('defers, then answers with [n] citations, a Sources field and a Show passages button that sends the passages ephemerally', async () => {
    const { ref, body } = await ask('what did Yermak say?');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const embed = body.embeds![0]!;
    expect(embed.title).toBe('what did Yermak say?');
    expect(embed.description).toMatch(YERMAK_QUOTE);
    const markers = [...embed.description!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(markers.length).toBeGreaterThan(0);
    const sources = embed
      .fields!.filter((f) => f.name.startsWith('Sources'))
      .map((f) => f.value)
      .join('\n');
    for (const n of markers) expect(sources).toMatch(new RegExp(`\\*\\*\\[${n}\\]\\*\\* .+ · ¶\\d+ · \`00\\d_[0-9a-f]{16}\``));
    expect(YERMAK_SOURCES.filter((id) => sources.includes(id)).length).toBeGreaterThanOrEqual(2);

    const button = body.components![0]!.components[0]!;
    expect(button.label).toBe('Show passages');
    expect(button.custom_id).toMatch(/^ask:passages:[\w-]+$/);

    const message = server.originalResponse(ref)!;
    const click = server.sendInteraction(server.buttonClick({ customId: button.custom_id, messageId: message.id }));
    const cb = await callback(click);
    expect(cb.type).toBe(4);
    expect(cb.data!.flags).toBe(64); // ephemeral
    expect(cb.data!.allowed_mentions).toEqual({ parse: [] });
    const passages = cb.data!.embeds!;
    expect(passages.length).toBe(markers.length ? new Set(markers).size : 0);
    expect(passages.map((e) => e.description).join('\n')).toMatch(/\*\*.*As long as .*territory.*\*\*/); // quote bolded in its passage
    expect(passages[0]!.title).toMatch(/^\[1\] /);
    expect(passages[0]!.footer!.text).toMatch(/^00\d_[0-9a-f]{16} · paragraph \d+$/);
  });

  it('an unknown answer key (e.g. after a restart) gets a short ephemeral note', async () => {
    const click = server.sendInteraction(server.buttonClick({ customId: 'ask:passages:gone' }));
    const cb = await callback(click);
    expect(cb).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(/no longer in memory/) } });
  });

  it.each([
    ['empty', '   ', 'Please ask a question in words, e.g. "what did Yermak say?".'],
    ['600 characters', 'x'.repeat(600), 'Questions can be at most 500 characters; yours has 600. Please shorten it.'],
  ])('%s question → the engine message, ephemeral, without deferring', async (_, question, message) => {
    const ref = slash('ask', [{ name: 'question', value: question }]);
    expect(await callback(ref)).toMatchObject({ type: 4, data: { content: message, flags: 64, allowed_mentions: { parse: [] }, embeds: [], components: [] } });
  });

  it('an unknown source → ephemeral error naming it', async () => {
    const ref = slash('ask', [
      { name: 'question', value: 'what did Yermak say?' },
      { name: 'source', value: 'nope_*x*' },
    ]);
    const cb = await callback(ref);
    expect(cb).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('There is no article "nope\\_\\*x\\*" in the index') } });
  });

  it('a source limits the answer to that article', async () => {
    const { body } = await ask('what did Yermak say?', [{ name: 'source', value: '001_5d1f077759e5ea62' }]);
    const embed = body.embeds![0]!;
    expect(embed.description).toMatch(/As long as/);
    const ids = new Set(fieldText(embed).match(/00\d_[0-9a-f]{16}/g));
    expect([...ids]).toEqual(['001_5d1f077759e5ea62']);
    expect(embed.footer!.text).toMatch(/^Limited to 001_5d1f077759e5ea62/);
  });

  it('@everyone and <@&123> in a question ping nobody (and are left out of the question the engine sees)', async () => {
    const since = server.requests.length;
    const { body } = await ask('@everyone <@&123> what did Yermak say? @here');
    expect(body.embeds![0]!.title).toBe('what did Yermak say?');
    expect(body.embeds![0]!.description).toMatch(YERMAK_QUOTE);
    const made = server.requests.slice(since).filter((r) => messageBody(r)?.embeds || messageBody(r)?.content);
    expect(made.length).toBeGreaterThan(0);
    for (const r of made) expect(messageBody(r)!.allowed_mentions).toEqual({ parse: [] });
  });

  it('out of scope → says the coverage does not say, and lists the nearest passages', async () => {
    const { body } = await ask('How do I bake sourdough bread?');
    const embed = body.embeds![0]!;
    expect(embed.description).toMatch(/^The coverage doesn't say/);
    expect(embed.fields![0]!.name).toBe('Nearest passages');
    expect(embed.fields!.slice(1)).toHaveLength(3);
    for (const f of embed.fields!.slice(1)) expect(f.value).toMatch(/`00\d_[0-9a-f]{16}` · ¶\d+/);
    expect(body.components).toEqual([]);
  });

  it('an unexpected failure after deferring → ephemeral "Something went wrong (ref …)", placeholder removed, details only in the log', async () => {
    const realAsk = engine.ask;
    engine.ask = async () => {
      throw new Error('secret internal detail');
    };
    try {
      const ref = slash('ask', [{ name: 'question', value: 'what did Yermak say?' }]);
      expect((await callback(ref)).type).toBe(5);
      const follow = await server.waitForResponse<MessageBody>({ method: 'POST', path: `/webhooks/${server.applicationId}/${ref.token}` });
      expect(follow.body).toMatchObject({ flags: 64, content: expect.stringMatching(/^Something went wrong answering that \(ref [0-9A-F]{6}\)\.$/) });
      const refId = /ref ([0-9A-F]{6})/.exec(follow.body!.content!)![1]!;
      expect(JSON.stringify(follow.body)).not.toContain('secret internal detail');
      await server.waitForResponse({ method: 'DELETE', path: `/webhooks/${server.applicationId}/${ref.token}/messages/@original` });
      expect(logger.lines).toContainEqual(expect.stringMatching(new RegExp(`^ERROR \\[ref ${refId}\\] /ask failed :: secret internal detail`)));
    } finally {
      engine.ask = realAsk;
    }
  });
});

describe('autocomplete', () => {
  it('/ask source: typing "002" suggests the 002 article', async () => {
    const ref = server.sendInteraction(
      server.autocomplete({
        name: 'ask',
        options: [
          { name: 'question', value: 'x' },
          { name: 'source', value: '002', focused: true },
        ],
      }),
    );
    const cb = await callback(ref);
    expect(cb.type).toBe(8);
    expect(cb.data!.choices!.map((c) => c.value)).toEqual(['002_74fab2486cdf4fb4']);
    expect(cb.data!.choices![0]!.name.length).toBeLessThanOrEqual(100);
  });

  it('/source article: matches titles too, and lists everything when nothing is typed', async () => {
    const byTitle = await callback(
      server.sendInteraction(server.autocomplete({ name: 'source', options: [{ name: 'article', value: 'pledges written', focused: true }] })),
    );
    expect(byTitle.data!.choices!.map((c) => c.value)).toEqual(['003_fef9203f1872d730']);
    const all = await callback(server.sendInteraction(server.autocomplete({ name: 'source', options: [{ name: 'article', value: '', focused: true }] })));
    expect(all.data!.choices).toHaveLength(5);
  });
});

describe('/search, /sources, /source', () => {
  it('/search returns the top passages with attribution, no answer', async () => {
    const ref = slash('search', [
      { name: 'query', value: 'Yermak' },
      { name: 'limit', value: 3 },
    ]);
    expect((await callback(ref)).type).toBe(5);
    const embed = (await original(ref)).embeds![0]!;
    expect(embed.title).toBe('Search: Yermak');
    expect(embed.fields).toHaveLength(3);
    expect(embed.fields!.map((f) => f.value).join('\n')).toMatch(/Yermak/);
    for (const f of embed.fields!) expect(f.value).toMatch(/`00\d_[0-9a-f]{16}` · ¶\d+$/);
  });

  it('/sources lists the articles with their passage counts', async () => {
    const ref = slash('sources');
    const cb = await callback(ref);
    expect(cb.type).toBe(4);
    const embed = cb.data!.embeds![0]!;
    for (const s of engine.listArticles()) expect(embed.description).toContain(`\`${s.id}\` · ${s.passageCount} passage`);
    expect(embed.footer!.text).toMatch(/^Page 1\/1 · 5 articles/);
    expect(cb.data!.components).toEqual([]);
  });

  it('/source shows metadata and passages, with working Prev/Next', async () => {
    const ref = slash('source', [{ name: 'article', value: '000_5ed6bed9a529a53f' }]);
    const cb = await callback(ref);
    expect(cb.type).toBe(4);
    const embed = cb.data!.embeds![0]!;
    expect(embed.title).toMatch(/^President Vladimir Putin has rejected claims/);
    expect(embed.fields![0]).toMatchObject({ name: 'ID', value: '`000_5ed6bed9a529a53f`' });
    expect(embed.description).toMatch(/^\*\*¶1\*\* /);
    expect(embed.footer!.text).toMatch(/^Page 1\/(\d+)/);
    const pages = Number(/^Page 1\/(\d+)/.exec(embed.footer!.text)![1]);
    expect(pages).toBeGreaterThan(1);
    const next = cb.data!.components![0]!.components[1]!;
    expect(next.custom_id).toBe('source:next:0:000_5ed6bed9a529a53f');

    const click = server.sendInteraction(server.buttonClick({ customId: next.custom_id, messageId: server.originalResponse(ref)!.id }));
    const upd = await callback(click);
    expect(upd.type).toBe(7);
    expect(upd.data!.embeds![0]!.footer!.text).toMatch(/^Page 2\//);
    expect(upd.data!.embeds![0]!.description).not.toMatch(/^\*\*¶1\*\* /);
    expect(upd.data!.components![0]!.components[0]).toMatchObject({ custom_id: 'source:prev:1:000_5ed6bed9a529a53f' });
  });

  it('/source with a unique id prefix works; an unknown article is an ephemeral error', async () => {
    const ok = await callback(slash('source', [{ name: 'article', value: '004' }]));
    expect(ok.data!.embeds![0]!.fields![0]!.value).toBe('`004_026a93b63b322719`');
    const bad = await callback(slash('source', [{ name: 'article', value: 'nothing-like-this' }]));
    expect(bad).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('There is no article "nothing-like-this"') } });
  });
});

describe('mentions and DMs', () => {
  const replyTo = (channelId: string, messageId: string) =>
    server.waitForResponse<MessageBody>(
      (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && (r.body as MessageBody)?.message_reference?.message_id === messageId,
    );

  it('a guild message mentioning the bot gets the /ask answer as a reply, pinging nobody', async () => {
    const msg = server.messageCreate({ content: 'what did Yermak say? @everyone', mentionBot: true });
    expect(server.sendMessage(msg).delivered).toBe(1);
    const reply = await replyTo(server.channelId, msg.id);
    expect(reply.body!.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const embed = reply.body!.embeds![0]!;
    expect(embed.title).toBe('what did Yermak say?');
    expect(embed.description).toMatch(YERMAK_QUOTE);
    expect(embed.fields![0]!.name).toBe('Sources');
    const button = reply.body!.components![0]!.components[0]!;
    expect(button.label).toBe('Show passages');

    // the button works on a plain message reply too: passages privately to whoever clicks
    const replyId = (reply.response!.body as { id: string }).id;
    const cb = await callback(server.sendInteraction(server.buttonClick({ customId: button.custom_id, messageId: replyId })));
    expect(cb).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(cb.data!.embeds!.map((e) => e.description).join('\n')).toMatch(/As long as/);
  });

  it('a DM gets the same answer', async () => {
    const dm = server.messageCreate({ content: 'what did Yermak say?', dm: true });
    server.sendMessage(dm);
    const reply = await replyTo(dm.channel_id, dm.id);
    expect(reply.body!.embeds![0]!.description).toMatch(YERMAK_QUOTE);
    expect(reply.body!.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('a mention without a question gets a short hint; an invalid one the engine message', async () => {
    const empty = server.messageCreate({ content: '', mentionBot: true });
    server.sendMessage(empty);
    expect((await replyTo(server.channelId, empty.id)).body!.content).toMatch(/^Ask me a question about the news articles after the mention/);
    const long = server.messageCreate({ content: 'y'.repeat(600), mentionBot: true });
    server.sendMessage(long);
    expect((await replyTo(server.channelId, long.id)).body!.content).toBe('Questions can be at most 500 characters; yours has 600. Please shorten it.');
  });

  it('messages from bots, and guild messages without a mention, get no reply', async () => {
    const fromBot = server.messageCreate({ content: 'what did Yermak say?', mentionBot: true, bot: true });
    const plain = server.messageCreate({ content: 'what did Yermak say?' });
    server.sendMessage(fromBot);
    server.sendMessage(plain);
    // a later message that is answered proves the earlier ones were handled (in order) and ignored
    const marker = server.messageCreate({ content: 'what did Yermak say?', mentionBot: true });
    server.sendMessage(marker);
    await replyTo(server.channelId, marker.id);
    const repliedTo = server.requests.map((r) => (r.body as MessageBody | null)?.message_reference?.message_id).filter(Boolean);
    expect(repliedTo).not.toContain(fromBot.id);
    expect(repliedTo).not.toContain(plain.id);
  });
});

describe('/reindex', () => {
  const admin = { name: 'reindex', permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages };

  it('is registered for server managers only, and refused at run time without Manage Server', async () => {
    const registered = [...server.world.guildCommands.get(server.guildId)!.values()].find((c) => c.name === 'reindex')!;
    expect(registered.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    const ref = slash('reindex', [], { name: 'reindex', permissions: PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel });
    const cb = await callback(ref);
    expect(cb).toMatchObject({ type: 4, data: { content: NOT_ALLOWED, flags: 64, allowed_mentions: { parse: [] }, embeds: [], components: [] } });
    // refused by its managesServer precondition, before execute: no re-index started, nothing more sent
    expect(engine.isReindexing).toBe(false);
    expect(logger.lines.filter((l) => l.includes('/reindex started'))).toEqual([]);
    expect(server.requests.filter((r) => r.path.includes(ref.token)).map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /interactions/${ref.id}/${ref.token}/callback`,
    ]);
  });

  it('with Manage Server: defers, re-indexes, replies with the summary, and the new article answers at once', async () => {
    writeFileSync(
      path.join(w.seedsDir, '005_lighthouse.txt'),
      [
        '---',
        'title: Tallinn harbour lighthouse reopens after restoration',
        'outlet: Baltic Harbour Gazette',
        'url: https://example.org/news/tallinn-lighthouse',
        'published: 2025-11-29',
        '---',
        'Tallinn harbour lighthouse reopens after restoration',
        '',
        'The old lighthouse at the entrance of Tallinn harbour reopened to visitors on Saturday after a two-year restoration that cost 4.2 million euros.',
        '',
        'Harbour master Kadri Saar said the restored lamp can be seen from 40 kilometres away. "The lighthouse is once again the first thing sailors see of our city," Saar told reporters at the ceremony.',
        '',
        'The restoration replaced the rusted iron stairs and repainted the tower in its original red and white stripes.',
      ].join('\n'),
    );
    const ref = slash('reindex', [], admin);
    expect(await callback(ref)).toEqual({ type: 5, data: { flags: 64 } });
    const embed = (await original(ref)).embeds![0]!;
    expect(embed.title).toBe('Re-index complete: the new index is in service');
    expect(embed.description).toMatch(/^Indexed 6 article\(s\) into \d+ passage\(s\)/);
    expect(embed.description).toContain('Added 1 (005\\_lighthouse)');

    // hot swap: same engine, same bot, no restart
    const { body } = await ask('What did the harbour master say about the lighthouse?');
    expect(body.embeds![0]!.description).toMatch(/Kadri Saar/);
    const sources = fieldText(body.embeds![0]);
    expect(sources).toContain('[Baltic Harbour Gazette](https://example.org/news/tallinn-lighthouse)');
    expect(sources).toContain('`005_lighthouse`');
  });

  it('a second /reindex while one runs is refused politely; questions are answered meanwhile', async () => {
    const first = slash('reindex', [{ name: 'full', value: true }], admin); // full: re-embeds everything, takes seconds
    const second = slash('reindex', [], admin);
    expect(await callback(first)).toEqual({ type: 5, data: { flags: 64 } });
    expect(await callback(second)).toMatchObject({ type: 4, data: { content: ALREADY_RUNNING, flags: 64 } });
    expect(engine.isReindexing).toBe(true);
    const { body } = await ask('what did Yermak say?'); // from the old index, while the new one is built
    expect(body.embeds![0]!.description).toMatch(YERMAK_QUOTE);
    const done = (await original(first)).embeds![0]!;
    expect(done.description).toMatch(/embedded \d+ passage/);
    expect(engine.isReindexing).toBe(false);
  });

  it('/sources paginates once there are more than 10 articles (Prev/Next update the message)', async () => {
    for (let i = 6; i < 18; i++) {
      writeFileSync(
        path.join(w.seedsDir, `${String(i).padStart(3, '0')}_extra.txt`),
        `Extra note ${i}\n\nShort filler article number ${i} about harbour cranes.\n`,
      );
    }
    const ref = slash('reindex', [], admin);
    await callback(ref);
    expect((await original(ref)).embeds![0]!.description).toMatch(/^Indexed 18 article/);

    const list = slash('sources');
    const cb = await callback(list);
    expect(cb.data!.embeds![0]!.footer!.text).toMatch(/^Page 1\/2 · 18 articles/);
    const [prev, next] = cb.data!.components![0]!.components;
    expect(prev).toMatchObject({ custom_id: 'sources:prev:0', disabled: true });
    const messageId = server.originalResponse(list)!.id;
    const upd = await callback(server.sendInteraction(server.buttonClick({ customId: next!.custom_id, messageId })));
    expect(upd.type).toBe(7);
    expect(upd.data!.embeds![0]!.footer!.text).toMatch(/^Page 2\/2/);
    expect(upd.data!.embeds![0]!.description).toMatch(/^\*\*11\.\*\* /);
    expect(upd.data!.components![0]!.components[1]).toMatchObject({ custom_id: 'sources:next:1', disabled: true });
    expect(server.getMessage(messageId)!.embeds[0]!.footer!.text).toMatch(/^Page 2\/2/);
    const back = await callback(server.sendInteraction(server.buttonClick({ customId: 'sources:prev:1', messageId })));
    expect(back.data!.embeds![0]!.footer!.text).toMatch(/^Page 1\/2/);
  });
});
