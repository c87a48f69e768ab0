/**
 * Conversations, feedback and filters end to end (issue #16): a real Engine (real model, a real
 * index of the seeds plus one article with an outlet and a date), unmodified discord.js clients
 * made by createBot, and the loopback Discord server, extended with threads, message replies,
 * buttons and modals. Two servers: one bot with feedback on (FEEDBACK_FILE) and the Message
 * Content intent (follow-ups in its threads need no mention), one with feedback off.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { Engine } from '../../src/engine/engine.js';
import { createBot, type Bot } from '../../src/bot/create-bot.js';
import { memoryLogger } from '../../src/bot/logger.js';
import { registerCommands } from '../../src/bot/register-commands.js';
import { FeedbackStore } from '../../src/feedback/store.js';
import { readQuestionsFile } from '../../src/eval/questions-file.js';
import { startFakeDiscord, type FakeDiscord, type InteractionRef, type RecordedRequest } from '../support/fake-discord/index.js';
import { makeWorkspace, REPO, testEmbedder, type Workspace } from '../support/workspace.js';

interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: { components: { custom_id: string; label: string; emoji?: { name: string } }[] }[];
  flags?: number;
  message_reference?: { message_id: string };
  allowed_mentions?: { parse?: string[] };
}
interface CallbackBody {
  type: number;
  data?: MessageBody & { choices?: { name: string; value: string }[]; custom_id?: string; title?: string };
}

const LEDGER_ARTICLE = `---
title: Envoys prepare for Moscow round as Kyiv weighs revised plan
outlet: The Harbor Ledger
published: 2025-11-29
---
Ukrainian negotiators spent Saturday reviewing the revised peace framework, a senior official in Kyiv told the Ledger.

The official said the delegation would insist on security guarantees written into any final text, and that no date had been set for a vote in parliament.
`;

let w: Workspace;
let engine: Engine;
/** Feedback on, Message Content intent, a clock that tests can move forward. */
let server: FakeDiscord;
let bot: Bot;
/** Feedback off. */
let plainServer: FakeDiscord;
let plainBot: Bot;
let feedbackFile: string;
let skewMs = 0;
const logger = memoryLogger();

beforeAll(async () => {
  w = makeWorkspace();
  writeFileSync(path.join(w.seedsDir, '005_harbor-ledger-envoys.md'), LEDGER_ARTICLE);
  feedbackFile = path.join(w.dir, 'feedback.jsonl');
  const [s, p, e] = await Promise.all([startFakeDiscord(), startFakeDiscord(), testEmbedder().then((embedder) => Engine.open({ config: w.config, embedder }))]);
  server = s;
  plainServer = p;
  engine = e;
  for (const srv of [server, plainServer])
    await registerCommands({ token: srv.token, clientId: srv.applicationId, guildId: srv.guildId, apiBase: srv.apiBase });
  bot = createBot({
    engine,
    config: { token: server.token, apiBase: server.apiBase },
    logger,
    messageContent: true,
    feedback: new FeedbackStore(feedbackFile, 'a test salt of sixteen+ characters'),
    conversation: { now: () => Date.now() + skewMs },
  });
  plainBot = createBot({ engine, config: { token: plainServer.token, apiBase: plainServer.apiBase }, logger });
  await Promise.all([bot.start(), plainBot.start()]);
});

afterEach(() => {
  for (const srv of [server, plainServer]) {
    expect(srv.unexpectedRequests().map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(srv.requests.filter((r) => (r.response?.status ?? 200) >= 400).map((r) => `${r.method} ${r.path} → ${JSON.stringify(r.response?.body)}`)).toEqual(
      [],
    );
    srv.clearRequests();
  }
  skewMs = 0;
});

afterAll(async () => {
  await Promise.all([bot?.stop(), plainBot?.stop()]);
  await Promise.all([server?.close(), plainServer?.close()]);
  await engine?.close();
  w?.cleanup();
});

const callback = async (srv: FakeDiscord, ref: InteractionRef) =>
  (await srv.waitForResponse<CallbackBody>({ method: 'POST', path: `/interactions/${ref.id}/${ref.token}/callback` })).body!;
const original = async (srv: FakeDiscord, ref: InteractionRef) =>
  (await srv.waitForResponse<MessageBody>({ method: 'PATCH', path: `/webhooks/${srv.applicationId}/${ref.token}/messages/@original` }, 30_000)).body!;

type Option = { name: string; value: string | boolean };
async function ask(srv: FakeDiscord, question: string, options: Option[] = [], extra: { user?: { id: string; username: string }; channelId?: string } = {}) {
  const ref = srv.sendInteraction(srv.slashCommand({ name: 'ask', options: [{ name: 'question', value: question }, ...options], ...extra }));
  expect((await callback(srv, ref)).type).toBe(5);
  const body = await original(srv, ref);
  return { ref, body, embed: body.embeds![0]!, message: srv.originalResponse(ref)! };
}

/** The bot's reply (a channel message referencing `messageId`). */
const replyTo = (srv: FakeDiscord, channelId: string, messageId: string) =>
  srv.waitForResponse<MessageBody>(
    (r: RecordedRequest) =>
      r.method === 'POST' && r.path === `/channels/${channelId}/messages` && (r.body as MessageBody)?.message_reference?.message_id === messageId,
    30_000,
  );

const readAs = (e: APIEmbed) => /↳ read as: (.+)$/.exec(e.description ?? '')?.[1];
const ALICE = { id: '300000000000000001', username: 'alice' };
const BOB = { id: '300000000000000002', username: 'bob' };

describe('follow-up questions', () => {
  it('a three-turn conversation in a thread the bot opened: follow-ups need no mention, are shown as read, and the thread is shared', async () => {
    const first = await ask(server, 'what did Yermak say?', [{ name: 'thread', value: true }], { user: ALICE });
    expect(first.embed.description).toMatch(/territory/);
    expect(readAs(first.embed)).toBeUndefined();
    const created = await server.waitForResponse({ method: 'POST', path: `/channels/${server.channelId}/messages/${first.message.id}/threads` });
    expect(created.response!.status).toBe(201);
    expect((created.body as { name: string }).name).toBe('what did Yermak say?');
    const threadId = (created.response!.body as { id: string }).id;

    // Turn 2: a plain message in the thread, no mention.
    const second = server.messageCreate({ content: 'who did he say it to?', channelId: threadId, author: ALICE });
    server.sendMessage(second);
    const reply2 = (await replyTo(server, threadId, second.id)).body!.embeds![0]!;
    expect(readAs(reply2)).toBe('who did Yermak say it to?');
    expect(reply2.description).toMatch(/Atlantic/);

    // Turn 3, from someone else in the same thread: the thread's conversation is public to it.
    const third = server.messageCreate({ content: 'when did he say that?', channelId: threadId, author: BOB });
    server.sendMessage(third);
    const reply3 = (await replyTo(server, threadId, third.id)).body!.embeds![0]!;
    expect(readAs(reply3)).toMatch(/^when did Yermak say/);
    expect(reply3.description).toMatch(/Thursday/);
  });

  it('a reply to one of the bot’s answers is read against it', async () => {
    const q = server.messageCreate({ content: 'what did Yermak say?', mentionBot: true, author: ALICE });
    server.sendMessage(q);
    const answer = await replyTo(server, server.channelId, q.id);
    const answerId = (answer.response!.body as { id: string }).id;
    // A reply pings the replied-to author by default: the bot gets its text without the Message Content intent.
    const followUp = server.messageCreate({ content: 'who did he say it to?', replyTo: answerId, author: ALICE });
    server.sendMessage(followUp);
    const reply = (await replyTo(server, server.channelId, followUp.id)).body!.embeds![0]!;
    expect(readAs(reply)).toBe('who did Yermak say it to?');
    expect(reply.description).toMatch(/Atlantic/);
  });

  it('two users asking in one channel never share context', async () => {
    const channelId = server.world.firstGuild.channels.find((c) => c.name === 'news')!.id;
    const a1 = await ask(server, 'what did Yermak say?', [], { user: ALICE, channelId });
    expect(a1.embed.description).toMatch(/territory/);
    // Bob's first question looks like a follow-up, but Alice's conversation is not his.
    const b1 = await ask(server, 'who did he say it to?', [], { user: BOB, channelId });
    expect(readAs(b1.embed)).toBeUndefined();
    const b2 = await ask(server, 'what did Stanovaya say?', [], { user: BOB, channelId });
    expect(readAs(b2.embed)).toBeUndefined();
    const a2 = await ask(server, 'who did he say it to?', [], { user: ALICE, channelId });
    expect(readAs(a2.embed)).toBe('who did Yermak say it to?');
    const b3 = await ask(server, 'what is her organisation called?', [], { user: BOB, channelId });
    expect(readAs(b3.embed)).toMatch(/Stanovaya/);
  });

  it('a conversation is forgotten after its time limit (30 minutes)', async () => {
    const channelId = server.world.firstGuild.channels.find((c) => c.name === 'news')!.id;
    const user = { id: '300000000000000003', username: 'carol' };
    await ask(server, 'what did Yermak say?', [], { user, channelId });
    skewMs = 31 * 60_000;
    const later = await ask(server, 'who did he say it to?', [], { user, channelId });
    expect(readAs(later.embed)).toBeUndefined();
    // and it is really gone from memory, not only hidden
    expect(bot.context.conversations.store.history({ guild: server.guildId, channel: channelId, user: user.id })).toEqual([]);
  });
});

describe('feedback', () => {
  it('a 👍 click is stored with a salted user hash and exported as an eval question; 👎 opens an optional form', async () => {
    const { embed, body, message } = await ask(server, 'who is going to Moscow next week?', [], { user: ALICE });
    const buttons = body.components!.flatMap((r) => r.components);
    const up = buttons.find((b) => b.emoji?.name === '👍')!;
    const down = buttons.find((b) => b.emoji?.name === '👎')!;
    expect(up.custom_id).toMatch(/^fb:up:/);
    const cb = await callback(server, server.sendInteraction(server.buttonClick({ customId: up.custom_id, messageId: message.id, user: ALICE })));
    expect(cb).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(/recorded/) } });

    const lines = readFileSync(feedbackFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const rating = lines.find((l) => l.rating === 'up')!;
    expect(rating).toMatchObject({ type: 'rating', question: 'who is going to Moscow next week?', answer: expect.stringMatching(/Witkoff/), abstained: false });
    expect(rating.user).toMatch(/^[0-9a-f]{32}$/);
    expect(readFileSync(feedbackFile, 'utf8')).not.toContain(ALICE.id); // never the raw user id
    expect((rating.citations as unknown[]).length).toBeGreaterThan(0);
    expect(rating.index).toEqual(engine.indexGeneration);

    // 👎: the form opens at once (the rating is already stored); its text becomes a comment.
    const downClick = server.sendInteraction(server.buttonClick({ customId: down.custom_id, messageId: message.id, user: BOB }));
    const modal = await callback(server, downClick);
    expect(modal.type).toBe(9);
    const submit = server.sendInteraction(
      server.modalSubmit({ customId: modal.data!.custom_id!, fields: { why: 'it did not say when exactly' }, messageId: message.id, user: BOB }),
    );
    expect(await callback(server, submit)).toMatchObject({ type: 4, data: { flags: 64 } });

    const out = path.join(w.dir, 'export.jsonl');
    const run = await promisify(execFile)('npx', ['tsx', 'src/cli/feedback-command.ts', '--export', out, '--file', feedbackFile], {
      cwd: REPO,
      env: { ...process.env },
    });
    expect(run.stdout).toMatch(/Wrote 2 rated questions \(1 👍, 1 👎\)/);
    const exported = await readQuestionsFile(out); // the eval reads it as it is
    expect(exported.map((q) => q.question)).toEqual(['who is going to Moscow next week?', 'who is going to Moscow next week?']);
    const raw = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(raw[0]).toMatchObject({ rating: 'up', needs_review: true, kind: 'feedback' });
    expect(exported[0]!.evidence.length).toBeGreaterThan(0);
    expect(embed.description).toContain(exported[0]!.evidence[0]!.text.slice(0, 20));
    expect(raw[1]).toMatchObject({ rating: 'down', comments: ['it did not say when exactly'], evidence: [] });
  });

  it('with feedback off (no FEEDBACK_FILE) answers have no 👍 / 👎 buttons', async () => {
    const { body } = await ask(plainServer, 'what did Yermak say?');
    const ids = (body.components ?? []).flatMap((r) => r.components.map((c) => c.custom_id));
    expect(ids.some((id) => id.startsWith('ask:passages:'))).toBe(true);
    expect(ids.some((id) => id.startsWith('fb:'))).toBe(false);
    const abstained = await ask(plainServer, 'what did Macron say about the plan?');
    expect(abstained.body.components ?? []).toEqual([]);
  });
});

describe('filters', () => {
  it('outlet: is suggested from the indexed outlets, restricts the answer and says so; unknown outlets and empty date ranges list what exists', async () => {
    const ac = await callback(
      server,
      server.sendInteraction(
        server.autocomplete({
          name: 'ask',
          options: [
            { name: 'question', value: 'x' },
            { name: 'outlet', value: 'harb', focused: true },
          ],
        }),
      ),
    );
    expect(ac.type).toBe(8);
    expect(ac.data!.choices).toEqual([{ name: 'The Harbor Ledger', value: 'The Harbor Ledger' }]);

    const { embed } = await ask(server, 'what will the delegation insist on?', [{ name: 'outlet', value: 'The Harbor Ledger' }]);
    expect(embed.description).toMatch(/security guarantees/);
    expect(embed.footer!.text).toMatch(/^Only outlet The Harbor Ledger \(1 of 6 articles\)/);
    expect(fieldText(embed)).toContain('005_harbor-ledger-envoys');
    expect(fieldText(embed)).not.toMatch(/00[0-4]_/);

    const search = server.sendInteraction(
      server.slashCommand({
        name: 'search',
        options: [
          { name: 'query', value: 'delegation' },
          { name: 'since', value: '2025-11-28' },
        ],
      }),
    );
    await callback(server, search);
    const found = await original(server, search);
    expect(found.embeds![0]!.footer!.text).toMatch(/only published since 2025-11-28 \(1 of 6 articles\)/);

    const unknown = await callback(
      server,
      server.sendInteraction(
        server.slashCommand({
          name: 'ask',
          options: [
            { name: 'question', value: 'what did Yermak say?' },
            { name: 'outlet', value: 'Daily Planet' },
          ],
        }),
      ),
    );
    expect(unknown).toMatchObject({
      type: 4,
      data: { flags: 64, content: 'No indexed article is from an outlet called "Daily Planet". Outlets in the index: The Harbor Ledger.' },
    });
    const empty = await callback(
      server,
      server.sendInteraction(
        server.slashCommand({
          name: 'ask',
          options: [
            { name: 'question', value: 'what did Yermak say?' },
            { name: 'since', value: '2030-01-01' },
          ],
        }),
      ),
    );
    expect(empty.data!.content).toMatch(
      /^No indexed article matches published since 2030-01-01\. Articles in the index were published from 2025-11-29 to 2025-11-29 \(5 have no date\)\.$/,
    );
  });
});

const fieldText = (e: APIEmbed) => (e.fields ?? []).map((f) => `${f.name}\n${f.value}`).join('\n');
