import { Client, Events, GatewayIntentBits, Partials, type Interaction } from 'discord.js';
import { commands } from './commands/index.js';
import type { DiscordConfig } from './config.js';
import { createContext, type BotContext, type BotEngine } from './context.js';
import { consoleLogger, type Logger } from './logger.js';
import { handleMessage } from './mentions.js';
import { notice } from './render/message.js';
import { logDeliveryFailure, replyEphemeral, replyFailure } from './respond.js';
import { count } from './render/text.js';

export interface CreateBotOptions {
  engine: BotEngine;
  /** Only `token` and `apiBase` are used here (the ids are for deploy-commands). */
  config: Pick<DiscordConfig, 'token'> & Partial<DiscordConfig>;
  logger?: Logger;
}

export interface Bot {
  client: Client;
  context: BotContext;
  /** Log in and resolve once the client is ready (logs one "Ready as …" line). */
  start(): Promise<void>;
  /** Disconnect (the engine is the caller's to close). */
  stop(): Promise<void>;
}

/**
 * Intents: Guilds, GuildMessages and DirectMessages only. MessageContent is privileged and not
 * needed: Discord includes the content of messages that mention the bot and of DMs anyway.
 * Partials.Channel: DM channels are not cached before their first message.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

/** A Discord client wired to the engine: slash commands, their buttons and autocomplete, mentions and DMs. */
export function createBot({ engine, config, logger = consoleLogger }: CreateBotOptions): Bot {
  const client = new Client({
    intents: INTENTS,
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    ...(config.apiBase ? { rest: { api: config.apiBase } } : {}),
  });
  const ctx = createContext(engine, logger);

  const onInteraction = async (interaction: Interaction): Promise<void> => {
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (!command) return replyEphemeral(interaction, notice(`Unknown command /${interaction.commandName}. Commands may be out of date: run \`npm run deploy-commands\`.`));
      try {
        await command.execute(interaction, ctx);
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
    } else if (interaction.isButton()) {
      const [name = '', ...args] = interaction.customId.split(':');
      const command = commands.get(name);
      try {
        if (command?.button) await command.button(interaction, ctx, args);
        else await replyEphemeral(interaction, notice('This button is not recognised any more.'));
      } catch (e) {
        await replyFailure(interaction, ctx, e, `button ${interaction.customId}`);
      }
    }
  };

  client.on(Events.InteractionCreate, (interaction) => {
    onInteraction(interaction).catch((e: unknown) => logger.error('interaction handler failed', e));
  });
  client.on(Events.MessageCreate, (msg) => {
    if (!client.user) return;
    handleMessage(msg, ctx, client.user.id).catch((e: unknown) => logger.error('message handler failed', e));
  });
  client.on(Events.Error, (e) => logger.error('Discord client error', e));
  client.on(Events.Warn, (m) => logger.warn(m));

  return {
    client,
    context: ctx,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(config.token);
      await ready;
      const sources = engine.listSources();
      const passages = sources.reduce((n, s) => n + s.passages, 0);
      logger.info(
        `Ready as ${client.user?.tag} in ${count(client.guilds.cache.size, 'server')}; ${count(sources.length, 'article')}, ${count(passages, 'passage')}`,
      );
    },
    async stop() {
      await client.destroy();
    },
  };
}
