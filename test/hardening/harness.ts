/**
 * Shared wiring for the hardening tests: a real Engine (real model, temp copy of the seeds), the
 * loopback Discord server, and an unmodified discord.js client made by createBot — as in
 * test/bot/bot.e2e.test.ts — plus capture of everything the test process prints, so tests can
 * assert the bot token never shows up anywhere.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { Engine } from '../../src/engine/engine.js';
import { createBot, type Bot, type CreateBotOptions } from '../../src/bot/create-bot.js';
import type { DiscordConfig } from '../../src/bot/config.js';
import { memoryLogger } from '../../src/bot/logger.js';
import { registerCommands } from '../../src/bot/register-commands.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type InteractionRef, type RecordedRequest } from '../support/fake-discord/index.js';
import { makeWorkspace, testEmbedder, type Workspace } from '../support/workspace.js';
import { expectEmbedWithinLimits } from '../support/discord-limits.js';

export { expectEmbedWithinLimits };

export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: { components: { custom_id: string; label: string; disabled?: boolean }[] }[];
  allowed_mentions?: { parse?: string[]; replied_user?: boolean; roles?: string[]; users?: string[] };
  flags?: number;
  message_reference?: { message_id: string };
}
export interface CallbackBody {
  type: number;
  data?: MessageBody & { choices?: { name: string; value: string }[] };
}

/** Everything written to this process's stdout/stderr while capturing (the bot's console logger writes there). */
export function captureOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const tap =
    (real: typeof out) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (real as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = tap(out) as typeof process.stdout.write;
  process.stderr.write = tap(err) as typeof process.stderr.write;
  return {
    text: () => chunks.join(''),
    restore: () => {
      process.stdout.write = out;
      process.stderr.write = err;
    },
  };
}

/** The message part of a request: callback data, webhook (edit / follow-up) or channel message body. */
export function messageBody(r: RecordedRequest): MessageBody | undefined {
  if (!r.body || typeof r.body !== 'object') return undefined;
  if (r.path.endsWith('/callback')) return (r.body as CallbackBody).data;
  if (r.path.startsWith('/webhooks/') || /^\/channels\/\d+\/messages/.test(r.path)) return r.body as MessageBody;
  return undefined;
}

export interface Harness {
  server: FakeDiscord;
  engine: Engine;
  bot: Bot;
  w: Workspace;
  logger: ReturnType<typeof memoryLogger>;
  slash(
    name: string,
    options?: { name: string; value: string | number | boolean }[],
    extra?: Partial<Parameters<FakeDiscord['slashCommand']>[0]>,
  ): InteractionRef;
  callback(ref: InteractionRef, timeoutMs?: number): Promise<CallbackBody>;
  original(ref: InteractionRef, timeoutMs?: number): Promise<MessageBody>;
  /** The reply the bot posts to a message (mention / DM). */
  replyTo(channelId: string, messageId: string, timeoutMs?: number): Promise<RecordedRequest<MessageBody>>;
  /** Every message-bearing request so far disabled all mentions, was accepted, and hit a known route. */
  checkRequests(): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Share an engine (and its model) between harnesses of one test file. */
  engine?: Engine;
  /** Workspace of that engine. */
  workspace?: Workspace;
  bot?: Omit<CreateBotOptions, 'engine' | 'config' | 'logger'>;
  /** Discord settings besides the token and API base (e.g. articleManagerRole), for the bot and the command registration. */
  discord?: Partial<Omit<DiscordConfig, 'token' | 'apiBase'>>;
  server?: FakeDiscordOptions;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const w = opts.workspace ?? makeWorkspace();
  const [server, engine] = await Promise.all([
    startFakeDiscord(opts.server),
    opts.engine ?? testEmbedder().then((embedder) => Engine.open({ config: w.config, embedder })),
  ]);
  await registerCommands({ token: server.token, clientId: server.applicationId, guildId: server.guildId, apiBase: server.apiBase, ...opts.discord });
  const logger = memoryLogger();
  const bot = createBot({ engine, config: { token: server.token, apiBase: server.apiBase, ...opts.discord }, logger, ...opts.bot });
  await bot.start();

  const h: Harness = {
    server,
    engine,
    bot,
    w,
    logger,
    slash: (name, options = [], extra = {}) => server.sendInteraction(server.slashCommand({ ...extra, name, options })),
    callback: async (ref, timeoutMs = 10_000) =>
      (await server.waitForResponse<CallbackBody>({ method: 'POST', path: `/interactions/${ref.id}/${ref.token}/callback` }, timeoutMs)).body!,
    original: async (ref, timeoutMs = 30_000) =>
      (await server.waitForResponse<MessageBody>({ method: 'PATCH', path: `/webhooks/${server.applicationId}/${ref.token}/messages/@original` }, timeoutMs))
        .body!,
    replyTo: (channelId, messageId, timeoutMs = 30_000) =>
      server.waitForResponse<MessageBody>(
        (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && (r.body as MessageBody)?.message_reference?.message_id === messageId,
        timeoutMs,
      ),
    checkRequests() {
      expect(server.unexpectedRequests().map((r) => `${r.method} ${r.path}`)).toEqual([]);
      for (const r of server.requests) {
        const body = messageBody(r);
        if (body && (body.content !== undefined || body.embeds !== undefined)) {
          expect(body.allowed_mentions?.parse, `${r.method} ${r.path}`).toEqual([]);
          for (const e of body.embeds ?? []) expectEmbedWithinLimits(e);
        }
      }
      expect(
        server.requests.filter((r) => (r.response?.status ?? 200) >= 400).map((r) => `${r.method} ${r.path} → ${JSON.stringify(r.response?.body)}`),
      ).toEqual([]);
    },
    async close() {
      await bot.stop().catch(() => undefined);
      await server.close();
      if (!opts.engine) {
        await engine.close();
        if (!opts.workspace) w.cleanup();
      }
    },
  };
  return h;
}

/** Text of an embed as a user reads it: title, description, fields, footer. */
export const embedText = (e: APIEmbed | undefined): string =>
  [e?.title, e?.description, ...(e?.fields ?? []).flatMap((f) => [f.name, f.value]), e?.footer?.text].filter(Boolean).join('\n');

/**
 * What Discord would turn into a ping or mass mention if allowed_mentions did not stop it:
 * a bare @everyone / @here (not broken by the zero-width space the renderer inserts).
 */
export const MASS_MENTION = /@(everyone|here)\b/i;

/**
 * One harness for a test file (or describe block): started before its tests, requests checked
 * after each, closed after all — and neither the bot's log nor anything the process printed may
 * contain the token. Returns a getter, as the harness only exists once `beforeAll` has run.
 */
export function useHarness(opts: HarnessOptions = {}): () => Harness {
  let h: Harness | undefined;
  let output: ReturnType<typeof captureOutput> | undefined;
  beforeAll(async () => {
    output = captureOutput();
    h = await startHarness(opts);
  });
  afterEach(() => h?.checkRequests());
  afterAll(async () => {
    await h?.close();
    output?.restore();
    if (h) {
      expect(h.logger.lines.join('\n')).not.toContain(h.server.token);
      expect(output?.text()).not.toContain(h.server.token);
    }
  });
  return () => h!;
}

/** Hold every `engine.ask` until `release()` (to act between the deferral and the answer); `restore()` undoes it. */
export function holdAnswers(h: Harness): { release: () => void; restore: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const realAsk = h.engine.ask;
  h.engine.ask = async (...args) => {
    await gate;
    return realAsk.apply(h.engine, args);
  };
  return {
    release,
    restore: () => {
      release();
      h.engine.ask = realAsk;
    },
  };
}
