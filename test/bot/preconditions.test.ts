/**
 * The precondition runner: order, first refusal wins (later checks not run), and the refusal shown
 * privately — through an unmodified discord.js client logged in to the loopback Discord server.
 * Also which command declares which precondition, and that their wording is today's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Events, GatewayIntentBits, type ChatInputCommandInteraction } from 'discord.js';
import { commandList, commandsJson } from '../../src/bot/commands/index.js';
import { NOT_ALLOWED } from '../../src/bot/commands/reindex.js';
import { createContext, type BotContext, type BotEngine } from '../../src/bot/context.js';
import { memoryLogger } from '../../src/bot/logger.js';
import { firstRefusal, guarded, indexBusy, onlyManagers, type Precondition } from '../../src/bot/preconditions.js';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';

const logger = memoryLogger();
// The preconditions under test never look at the engine.
const ctx: BotContext = createContext(undefined as unknown as BotEngine, logger);

/** A precondition that records that it ran and refuses with `refusal` (undefined: holds). */
const step = (name: string, ran: string[], refusal?: string): Precondition => ({
  name,
  check: () => {
    ran.push(name);
    return refusal;
  },
});

describe('firstRefusal', () => {
  it('runs the preconditions in the order declared; the first refusal wins and the rest are not run', () => {
    const ran: string[] = [];
    const interaction = {} as ChatInputCommandInteraction; // the steps never look at it
    const refusal = firstRefusal([step('a', ran), step('b', ran, 'no: b'), step('c', ran, 'no: c')], interaction, ctx);
    expect(refusal).toEqual({ precondition: 'b', message: 'no: b' });
    expect(ran).toEqual(['a', 'b']);
  });

  it('is undefined when every precondition holds (and each ran once)', () => {
    const ran: string[] = [];
    expect(firstRefusal([step('a', ran), step('b', ran)], {} as ChatInputCommandInteraction, ctx)).toBeUndefined();
    expect(ran).toEqual(['a', 'b']);
  });
});

describe('guarded, against the loopback Discord server', () => {
  let server: FakeDiscord;
  let client: Client;
  /** What the next interaction runs: its preconditions, and a record of whether the handler ran. */
  let next: { preconditions: Precondition[]; handled: boolean };

  beforeAll(async () => {
    server = await startFakeDiscord();
    client = new Client({ intents: [GatewayIntentBits.Guilds], allowedMentions: { parse: [] }, rest: { api: server.apiBase } });
    client.on(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const run = next;
      void guarded(run.preconditions, interaction, ctx, async () => {
        run.handled = true;
        await interaction.reply({ content: 'handled' });
      });
    });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(server.token);
    await ready;
  });

  afterAll(async () => {
    await client?.destroy();
    await server?.close();
  });

  const callbackOf = async (preconditions: Precondition[]) => {
    next = { preconditions, handled: false };
    const ref = server.sendInteraction(server.slashCommand({ name: 'ask', options: [{ name: 'question', value: 'what?' }] }));
    const response = await server.waitForResponse<{ type: number; data?: { content?: string; flags?: number } }>({
      method: 'POST',
      path: `/interactions/${ref.id}/${ref.token}/callback`,
    });
    return { body: response.body!, handled: next.handled, status: response.response?.status };
  };

  it('a refusal is the reply, ephemeral, with the first refusing precondition’s message; the handler never runs', async () => {
    const ran: string[] = [];
    const { body, handled, status } = await callbackOf([step('a', ran), step('b', ran, 'Sorry, not you.'), step('c', ran, 'never shown')]);
    expect(status).toBe(204);
    expect(body).toMatchObject({ type: 4, data: { content: 'Sorry, not you.', flags: 64, allowed_mentions: { parse: [] } } });
    expect(handled).toBe(false);
    expect(ran).toEqual(['a', 'b']);
  });

  it('when every precondition holds, the handler answers', async () => {
    const { body, handled } = await callbackOf([step('a', [])]);
    expect(handled).toBe(true);
    expect(body).toMatchObject({ type: 4, data: { content: 'handled' } });
    expect(body.data?.flags ?? 0).toBe(0);
  });
});

describe('the commands’ preconditions', () => {
  const declared = Object.fromEntries(commandList.map((c) => [c.data.name, (c.preconditions ?? []).map((p) => p.name)]));

  it('each command declares the checks it had at the top of execute, in the same order', () => {
    expect(declared).toEqual({
      ask: ['validQuestion', 'notRateLimited'],
      search: ['validQuestion', 'notRateLimited'],
      compare: ['validQuestion', 'notRateLimited'],
      sources: [],
      source: [],
      quotes: [],
      reindex: ['managesServer', 'indexIdle'],
      add: ['articleManager', 'oneArticle', 'indexIdle'],
      remove: ['articleManager'],
    });
    const remove = commandList.find((c) => c.data.name === 'remove')!;
    expect(Object.fromEntries(Object.entries(remove.buttonPreconditions ?? {}).map(([k, ps]) => [k, ps.map((p) => p.name)]))).toEqual({
      confirm: ['articleManager'],
    });
  });

  it('the commands registered without a default permission for ARTICLE_MANAGER_ROLE are those declaring articleManager', () => {
    const open = commandsJson({ articleManagerRole: 'Article managers' }).filter((c) => c.default_member_permissions === null);
    expect(open.map((c) => c.name).sort()).toEqual(['add', 'remove']);
  });

  it('refusals keep their wording', () => {
    expect(NOT_ALLOWED).toBe('Sorry, only members with the **Manage Server** permission can re-index the articles.');
    expect(onlyManagers('re-index the articles')).toBe(NOT_ALLOWED);
    expect(onlyManagers('add articles', 'Article *managers*')).toBe(
      'Sorry, only members with the **Manage Server** permission or the **Article managers** role can add articles.',
    );
    expect(indexBusy('/add')).toBe(
      'The index is being updated right now (a re-index, or an article being added or removed). Try /add again when it has finished.',
    );
  });
});
