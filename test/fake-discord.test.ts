/**
 * Proves the loopback Discord server in test/support/fake-discord works with a plain,
 * unmodified discord.js Client over the real REST + gateway protocol.
 */
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelType, Client, EmbedBuilder, Events, GatewayIntentBits, MessageFlags, Partials, type Interaction, type Message } from 'discord.js';
import { startFakeDiscord, type FakeDiscord, type GatewayLogEntry } from './support/fake-discord/index.js';

type Handler<T> = (value: T) => unknown;

let server: FakeDiscord;
let client: Client;
let onInteraction: Handler<Interaction> = () => undefined;
let onMessage: Handler<Message> = () => undefined;
const handlerErrors: unknown[] = [];

const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

beforeAll(async () => {
  server = await startFakeDiscord();
  client = new Client({
    intents: INTENTS,
    partials: [Partials.Channel],
    rest: { api: server.apiBase },
  });
  client.on(Events.InteractionCreate, (i) => {
    Promise.resolve()
      .then(() => onInteraction(i))
      .catch((e: unknown) => handlerErrors.push(e));
  });
  client.on(Events.MessageCreate, (m) => {
    Promise.resolve()
      .then(() => onMessage(m))
      .catch((e: unknown) => handlerErrors.push(e));
  });
});

afterEach(() => {
  onInteraction = () => undefined;
  onMessage = () => undefined;
  // every REST call the client made must have hit a known route, and no handler may have thrown
  expect(server.unexpectedRequests().map((r) => `${r.method} ${r.path}`)).toEqual([]);
  expect(handlerErrors).toEqual([]);
});

afterAll(async () => {
  await client?.destroy();
  await server?.close();
});

describe('fake Discord server with an unmodified discord.js Client', { timeout: 15_000 }, () => {
  it('logs in: READY + GUILD_CREATE make the client ready, IDENTIFY carries our intents', async () => {
    const ready = once(client, Events.ClientReady);
    await client.login(server.token);
    await ready;

    expect(client.isReady()).toBe(true);
    expect(client.application?.id).toBe(server.applicationId);
    expect(client.user?.id).toBe(server.botUser.id);
    expect(client.user?.bot).toBe(true);
    const guild = client.guilds.cache.get(server.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(server.channelId)?.type).toBe(ChannelType.GuildText);
    expect(guild?.roles.everyone.id).toBe(server.guildId);
    expect(guild?.members.me?.id).toBe(server.botUser.id);

    const identify = await server.identified;
    const expected = INTENTS.reduce((a, b) => a | b, 0);
    expect(identify.intents).toBe(expected);
    expect(identify.intents & GatewayIntentBits.MessageContent).toBe(0);
    expect(identify.token).toBe(server.token);

    // plain JSON gateway, no transport compression (zlib-sync is not installed)
    const connect = server.gatewayLog.find((e): e is Extract<GatewayLogEntry, { kind: 'connect' }> => e.kind === 'connect');
    expect(connect?.query).toEqual({ v: '10', encoding: 'json' });
    // the only REST call discord.js makes to log in
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /gateway/bot']);
    expect(server.requests[0]?.headers['authorization']).toBe(`Bot ${server.token}`);
  });

  it('slash command: deferReply then editReply with embeds and no mentions', async () => {
    server.clearRequests();
    onInteraction = async (i) => {
      if (!i.isChatInputCommand() || i.commandName !== 'ask') return;
      await i.deferReply();
      await i.editReply({
        embeds: [new EmbedBuilder().setTitle('Answer').setDescription(`You asked: ${i.options.getString('question', true)}`)],
        allowedMentions: { parse: [] },
      });
    };
    const ref = server.sendInteraction(server.slashCommand({ name: 'ask', options: [{ name: 'question', value: 'What happened in <@1234>?' }] }));

    const callback = await server.waitForInteractionCallback(ref);
    expect(callback.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(callback.query).toEqual({ with_response: 'false' });

    const patch = await server.waitForResponse({
      method: 'PATCH',
      path: `/webhooks/${server.applicationId}/${ref.token}/messages/@original`,
    });
    expect(patch.seq).toBeGreaterThan(callback.seq);
    expect(patch.body).toMatchObject({
      embeds: [{ title: 'Answer', description: 'You asked: What happened in <@1234>?' }],
      allowed_mentions: { parse: [] },
    });
    expect(patch.response?.status).toBe(200);

    const original = server.originalResponse(ref);
    expect(original?.embeds[0]?.title).toBe('Answer');
    expect((original?.flags ?? 0) & MessageFlags.Loading).toBe(0);
    expect(original?.interaction_metadata?.id).toBe(ref.id);
  });

  it('ephemeral reply → callback type 4 with flags 64', async () => {
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: 'only you can see this', flags: MessageFlags.Ephemeral });
    };
    const ref = server.sendInteraction(server.slashCommand({ name: 'help' }));
    const callback = await server.waitForInteractionCallback(ref);
    expect(callback.body).toMatchObject({ type: 4, data: { content: 'only you can see this', flags: 64 } });
    const done = await server.waitForResponse({ path: callback.path });
    expect(done.response?.status).toBe(204);
    expect((server.originalResponse(ref)?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('autocomplete → respond() sends callback type 8 with choices', async () => {
    const topics = ['alpha', 'alps', 'beta', 'gamma'];
    onInteraction = async (i) => {
      if (!i.isAutocomplete()) return;
      const typed = String(i.options.getFocused());
      await i.respond(topics.filter((t) => t.startsWith(typed)).map((t) => ({ name: t.toUpperCase(), value: t })));
    };
    const ref = server.sendInteraction(
      server.autocomplete({
        name: 'ask',
        options: [
          { name: 'question', value: 'x' },
          { name: 'topic', value: 'al', focused: true },
        ],
      }),
    );
    const callback = await server.waitForInteractionCallback(ref);
    expect(callback.body).toEqual({
      type: 8,
      data: {
        choices: [
          { name: 'ALPHA', value: 'alpha' },
          { name: 'ALPS', value: 'alps' },
        ],
      },
    });
  });

  it('button click → reply and ephemeral followUp', async () => {
    onInteraction = async (i) => {
      if (!i.isButton()) return;
      await i.reply({ content: `clicked ${i.customId} on ${i.message.id}` });
      await i.followUp({ content: 'more details', flags: MessageFlags.Ephemeral });
    };
    const payload = server.buttonClick({ customId: 'sources:42' });
    const ref = server.sendInteraction(payload);
    const callback = await server.waitForInteractionCallback(ref);
    expect(callback.body).toMatchObject({ type: 4, data: { content: `clicked sources:42 on ${payload.message.id}` } });

    const followUp = await server.waitForResponse({ method: 'POST', path: `/webhooks/${server.applicationId}/${ref.token}` });
    expect(followUp.query).toMatchObject({ wait: 'true' });
    expect(followUp.body).toMatchObject({ content: 'more details', flags: 64 });
    expect(followUp.response?.status).toBe(200);
  });

  it('button click → update() edits the message the button is on', async () => {
    onInteraction = async (i) => {
      if (!i.isButton()) return;
      await i.update({ content: 'page 2', components: [] });
    };
    const payload = server.buttonClick({ customId: 'page:2' });
    const ref = server.sendInteraction(payload);
    const callback = await server.waitForResponse({ method: 'POST', path: `/interactions/${ref.id}/${ref.token}/callback` });
    expect(callback.body).toMatchObject({ type: 7, data: { content: 'page 2', components: [] } });
    expect(callback.response?.status).toBe(204);
    expect(server.getMessage(payload.message.id)?.content).toBe('page 2');
  });

  it('MESSAGE_CREATE in a guild (mentioning the bot) and in a DM → message.reply()', async () => {
    const received: Message[] = [];
    onMessage = async (m) => {
      if (m.author.bot) return; // discord.js also sees our own replies (Discord echoes them)
      received.push(m);
      if (m.mentions.users.has(client.user!.id) || m.channel.type === ChannelType.DM) await m.reply(`pong: ${m.content}`);
    };

    // guild message that mentions the bot: content is visible without MESSAGE_CONTENT
    const guildMsg = server.messageCreate({ content: 'what is new?', mentionBot: true });
    expect(server.sendMessage(guildMsg).delivered).toBe(1);
    const guildReply = await server.waitForResponse({ method: 'POST', path: `/channels/${server.channelId}/messages` });
    expect(guildReply.body).toMatchObject({
      content: `pong: <@${server.botUser.id}> what is new?`,
      message_reference: { message_id: guildMsg.id },
    });
    expect(guildReply.response?.status).toBe(200);
    expect(received[0]?.guildId).toBe(server.guildId);
    expect(received[0]?.content).toBe(`<@${server.botUser.id}> what is new?`);

    // DM: no guild_id, needs Partials.Channel + channel_type
    const dm = server.messageCreate({ content: 'hello in private', dm: true });
    expect(dm.guild_id).toBeUndefined();
    server.sendMessage(dm);
    const dmReply = await server.waitForResponse({ method: 'POST', path: `/channels/${dm.channel_id}/messages` });
    expect(dmReply.body).toMatchObject({ content: 'pong: hello in private', message_reference: { message_id: dm.id } });
    expect(received[1]?.channel.type).toBe(ChannelType.DM);
    expect(received[1]?.guildId).toBeNull();

    // guild message without a mention: Discord blanks the content for bots without MESSAGE_CONTENT
    const plain = server.messageCreate({ content: 'chatting among humans' });
    const seen = new Promise<Message>((resolve) => {
      onMessage = (m) => {
        if (m.id === plain.id) resolve(m);
      };
    });
    server.sendMessage(plain);
    expect((await seen).content).toBe('');
  });

  it('survives dropped gateway connections: resumes and replays, then handles new interactions', async () => {
    const answered: string[] = [];
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      answered.push(i.id);
      await i.reply({ content: `still here (${i.commandName})` });
    };
    const since = Date.now();

    // 1) abrupt TCP drop; an interaction dispatched while disconnected is replayed on RESUME
    expect(server.dropConnections()).toBe(1);
    const during = server.sendInteraction(server.slashCommand({ name: 'during-outage' }));
    const resume = await server.waitForGateway((e) => e.kind === 'resume' && e.at >= since);
    expect(resume).toMatchObject({ kind: 'resume', ok: true });
    expect(resume.kind === 'resume' && resume.replayed).toBeGreaterThanOrEqual(1);
    expect((await server.waitForInteractionCallback(during)).body).toMatchObject({ type: 4 });

    // 2) server closes with 4000 (unknown error) → client resumes again
    server.dropConnections(4000);
    await server.waitForGateway((e) => e.kind === 'resume' && e.at >= since && e.ok, 10_000, 2);
    const after = server.sendInteraction(server.slashCommand({ name: 'after-outage' }));
    expect((await server.waitForInteractionCallback(after)).body).toMatchObject({ type: 4, data: { content: 'still here (after-outage)' } });
    expect(answered).toEqual([during.id, after.id]);
    expect(server.identifyPayloads).toHaveLength(1);
  });

  it('invalidated session → client re-identifies (READY + GUILD_CREATE again) and keeps working', async () => {
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'new session' });
    };
    server.invalidateSessions();
    server.dropConnections(4000);
    await server.waitForIdentify(2, 15_000);
    await once(client, Events.ShardReady);
    const ref = server.sendInteraction(server.slashCommand({ name: 'fresh' }));
    expect((await server.waitForInteractionCallback(ref)).body).toMatchObject({ type: 4, data: { content: 'new session' } });
  }, 20_000);
});
