/**
 * `npm start`: load the configuration, open the engine (building the index when there is none,
 * so the first question is fast), log in to Discord and answer until stopped (Ctrl-C / SIGTERM).
 */
import { DiscordjsError, DiscordjsErrorCodes, DiscordAPIError } from 'discord.js';
import { Engine } from '../engine/engine.js';
import { isEngineError } from '../engine/errors.js';
import { BotConfigError, loadBotConfig, loadDotenv } from './config.js';
import { createBot, type Bot } from './create-bot.js';
import { consoleLogger as log } from './logger.js';

/** One line for a failure at start; never a stack trace (unless DEBUG=1), never the token. */
function startupMessage(e: unknown): string {
  if (e instanceof BotConfigError || isEngineError(e)) return e.message;
  if (e instanceof DiscordjsError && e.code === DiscordjsErrorCodes.TokenInvalid) return 'Discord rejected DISCORD_TOKEN (invalid token). Reset it in the Developer Portal (Bot → Reset Token).';
  if (e instanceof DiscordAPIError && e.status === 401) return 'Discord rejected DISCORD_TOKEN (401 Unauthorized). Reset it in the Developer Portal (Bot → Reset Token).';
  if (e instanceof Error && /disallowed intents/i.test(e.message)) return `Discord refused the gateway intents: ${e.message}`;
  return `could not start: ${(e as Error)?.message ?? String(e)}`;
}

async function main(): Promise<void> {
  loadDotenv();
  const config = loadBotConfig();
  let engine: Engine | undefined;
  let bot: Bot | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    await bot?.stop().catch(() => undefined);
    await engine?.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // a long-running bot logs a stray rejection instead of dying on it
  process.on('unhandledRejection', (e) => log.error('unhandled rejection', e));

  log.info('Loading the model and the index…');
  engine = await Engine.open({ config: config.engine });
  if (engine.initialBuild) {
    log.info(`Built the index: ${engine.initialBuild.documents} articles, ${engine.initialBuild.chunks} passages in ${engine.initialBuild.seconds.toFixed(1)} s`);
  }
  bot = createBot({ engine, config, logger: log });
  await bot.start();
}

main().catch(async (e: unknown) => {
  process.stderr.write(`Error: ${startupMessage(e)}\n`);
  if (process.env.DEBUG && !(e instanceof BotConfigError)) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
  process.exit(1);
});
