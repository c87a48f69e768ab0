import { Client, Events, GatewayIntentBits, Partials, type Interaction } from 'discord.js';
import { commands } from './commands/index.js';
import type { DiscordConfig } from './config.js';
import { createContext, type BotContext, type BotEngine } from './context.js';
import { consoleLogger, type Logger } from './logger.js';
import { watchGateway } from './gateway-log.js';
import { handleMessage } from './mentions.js';
import { guarded } from './preconditions.js';
import { notice } from './render/message.js';
import { logDeliveryFailure, replyEphemeral, replyFailure } from './respond.js';
import { count } from './render/text.js';
import { NO_RATE_LIMITS, type RateLimitOptions } from './rate-limit.js';
import { feedbackButton, feedbackModal } from './feedback.js';
import type { ConversationSettings } from './config.js';
import type { FeedbackStore } from '../index-light.js';

export interface CreateBotOptions {
  engine: BotEngine;
  /** Only `token` and `apiBase` are used here (the ids are for deploy-commands). */
  config: Pick<DiscordConfig, 'token'> & Partial<DiscordConfig>;
  logger?: Logger;
  /**
   * Per-user / per-channel question limits. Default: none. `npm start` passes the
   * RATE_LIMIT_USER_PER_MINUTE / RATE_LIMIT_CHANNEL_PER_MINUTE settings (6 and 20 by default).
   */
  rateLimits?: RateLimitOptions;
  /** Answers kept in memory for the "Show passages" button (default 200; the oldest are forgotten). */
  answerCacheSize?: number;
  /** Conversation bounds (default: 30 min, 5 min same-channel window, 4 turns, 10,000 conversations) and the clock. */
  conversation?: Partial<ConversationSettings> & { now?: () => number };
  /** Guilds whose answers open a thread by default (ANSWER_IN_THREADS). */
  threadGuilds?: 'all' | ReadonlySet<string>;
  /** Ask for the Message Content intent, so follow-ups in the bot's threads need no mention (DISCORD_MESSAGE_CONTENT=1). */
  messageContent?: boolean;
  /** Where 👍 / 👎 are stored (FEEDBACK_FILE); without it answers have no feedback buttons. */
  feedback?: FeedbackStore;
}

/** What a new interaction gets while the bot is shutting down. */
export const SHUTTING_DOWN = "I'm restarting right now and can't take new questions — please try again in a minute.";

export interface ShutdownResult {
  /** True when every answer in progress was delivered (or failed) before the deadline. */
  finished: boolean;
  /** Interactions / messages still being handled when the client was destroyed. */
  abandoned: number;
}

export interface Bot {
  client: Client;
  context: BotContext;
  /** Log in and resolve once the client is ready (logs one "Ready as …" line). */
  start(): Promise<void>;
  /** Disconnect at once (the engine is the caller's to close). */
  stop(): Promise<void>;
  /** Interactions and messages being handled right now. */
  readonly inFlight: number;
  /** True once shutdown() has been called. */
  readonly stopping: boolean;
  /**
   * Graceful stop (SIGINT/SIGTERM): from now on new slash commands and buttons get a short ephemeral
   * "restarting" note, autocomplete gets no suggestions and mentions are ignored; answers already in
   * progress get up to `timeoutMs` to be delivered; then the client is destroyed.
   */
  shutdown(timeoutMs?: number): Promise<ShutdownResult>;
}

/**
 * Intents: Guilds, GuildMessages and DirectMessages only. MessageContent is privileged and not
 * needed: Discord includes the content of messages that mention the bot and of DMs anyway.
 * Partials.Channel: DM channels are not cached before their first message.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

/** A Discord client wired to the engine: slash commands, their buttons and autocomplete, mentions and DMs. */
export function createBot({
  engine,
  config,
  logger = consoleLogger,
  rateLimits = NO_RATE_LIMITS,
  answerCacheSize = 200,
  conversation,
  threadGuilds,
  messageContent,
  feedback,
}: CreateBotOptions): Bot {
  const client = new Client({
    intents: messageContent ? [...INTENTS, GatewayIntentBits.MessageContent] : INTENTS,
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    ...(config.apiBase ? { rest: { api: config.apiBase } } : {}),
  });
  const ctx = createContext(
    engine,
    logger,
    answerCacheSize,
    rateLimits,
    { ...conversation, ...(threadGuilds && { threadGuilds }) },
    feedback,
    config.articleManagerRole,
  );
  // Conversations past their time limit are dropped even if nobody asks again.
  const sweeper = setInterval(() => ctx.conversations.store.sweep(), 60_000);
  sweeper.unref();
  let stopping = false;
  const inFlight = new Set<Promise<void>>();
  /** Run a handler, keeping track of it until it settles (shutdown waits for these). */
  const track = (work: () => Promise<void>, what: string): void => {
    const p: Promise<void> = work()
      .catch((e: unknown) => logger.error(`${what} failed`, e))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  /** While shutting down: a polite refusal instead of an answer (nothing is started that would need the engine). */
  const turnAway = async (interaction: Interaction): Promise<void> => {
    try {
      if (interaction.isAutocomplete()) await interaction.respond([]);
      else if (interaction.isRepliable()) await replyEphemeral(interaction, notice(SHUTTING_DOWN));
    } catch (e) {
      logDeliveryFailure(ctx, e, 'shutdown notice');
    }
  };

  const onInteraction = async (interaction: Interaction): Promise<void> => {
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (!command)
        return replyEphemeral(
          interaction,
          notice(`Unknown command /${interaction.commandName}. Commands may be out of date: run \`npm run deploy-commands\`.`),
        );
      try {
        await guarded(command.preconditions, interaction, ctx, () => command.execute(interaction, ctx));
      } catch (e) {
        await replyFailure(interaction, ctx, e, `/${interaction.commandName}`);
      }
    } else if (interaction.isAutocomplete()) {
      const command = commands.get(interaction.commandName);
      try {
        if (command?.autocomplete) await command.autocomplete(interaction, ctx);
        else await interaction.respond([]);
      } catch (e) {
        logDeliveryFailure(ctx, e, `autocomplete of /${interaction.commandName}`);
      }
    } else if (interaction.isModalSubmit()) {
      try {
        if (interaction.customId.startsWith('fb:')) await feedbackModal(interaction, ctx);
        else await replyEphemeral(interaction, notice('This form is not recognised any more.'));
      } catch (e) {
        await replyFailure(interaction, ctx, e, `form ${interaction.customId}`);
      }
    } else if (interaction.isButton()) {
      const [name = '', ...args] = interaction.customId.split(':');
      const command = commands.get(name);
      try {
        if (name === 'fb') await feedbackButton(interaction, ctx, args);
        else if (command?.button) {
          const button = command.button;
          await guarded(command.buttonPreconditions?.[args[0] ?? ''], interaction, ctx, () => button(interaction, ctx, args));
        } else await replyEphemeral(interaction, notice('This button is not recognised any more.'));
      } catch (e) {
        await replyFailure(interaction, ctx, e, `button ${interaction.customId}`);
      }
    }
  };

  client.on(Events.InteractionCreate, (interaction) => {
    track(() => (stopping ? turnAway(interaction) : onInteraction(interaction)), 'interaction handler');
  });
  client.on(Events.MessageCreate, (msg) => {
    if (!client.user || stopping) return;
    const botId = client.user.id;
    track(() => handleMessage(msg, ctx, botId), 'message handler');
  });
  client.on(Events.Error, (e) => logger.error('Discord client error', e));
  const gateway = watchGateway(client, logger, config.token);
  client.on(Events.Warn, (m) => logger.warn(m));

  return {
    client,
    context: ctx,
    async start() {
      // Before going online: loading it on the first follow-up would hold up every other question.
      engine.prepareConversations();
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(config.token);
      await ready;
      const sources = engine.listArticles();
      const passages = sources.reduce((n, s) => n + s.passageCount, 0);
      logger.info(
        `Ready as ${client.user?.tag} in ${count(client.guilds.cache.size, 'server')}; ${count(sources.length, 'article')}, ${count(passages, 'passage')}`,
      );
    },
    async stop() {
      clearInterval(sweeper);
      gateway.stop();
      await client.destroy();
    },
    get inFlight() {
      return inFlight.size;
    },
    get stopping() {
      return stopping;
    },
    async shutdown(timeoutMs = 10_000) {
      stopping = true;
      const deadline = Date.now() + Math.max(0, timeoutMs);
      // new shutdown notices join the set while we wait, so wait until it is empty or time is up
      while (inFlight.size > 0 && Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        const timeUp = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, deadline - Date.now());
        });
        await Promise.race([Promise.allSettled([...inFlight]), timeUp]);
        clearTimeout(timer);
      }
      const abandoned = inFlight.size;
      clearInterval(sweeper);
      gateway.stop();
      await client.destroy();
      return { finished: abandoned === 0, abandoned };
    },
  };
}
