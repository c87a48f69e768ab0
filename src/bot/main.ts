/**
 * `npm start`: load the configuration, open the engine (building the index when there is none,
 * so the first question is fast), log in to Discord and answer until stopped (Ctrl-C / SIGTERM).
 */
import { DiscordjsError, DiscordjsErrorCodes, DiscordAPIError } from 'discord.js';
import { Engine, isEngineError, loadDotenv, FeedbackStore, messageOf, runMain, type FailureReport } from '../index.js';
import { loadBotConfig, startupMessage } from './config.js';
import { createBot, type Bot } from './create-bot.js';
import { consoleLogger as log } from './logger.js';
import { SHUTDOWN_MESSAGE } from './shard-messages.js';

/** One line for a failure at start, never the token; those it can name say what to do (no stack, even with DEBUG=1). */
function startupFailure(e: unknown): FailureReport {
  if (isEngineError(e)) return { message: startupMessage(e), expected: true };
  if (e instanceof DiscordjsError && e.code === DiscordjsErrorCodes.TokenInvalid)
    return { message: 'Discord rejected DISCORD_TOKEN (invalid token). Reset it in the Developer Portal (Bot → Reset Token).', expected: true };
  if (e instanceof DiscordAPIError && e.status === 401)
    return { message: 'Discord rejected DISCORD_TOKEN (401 Unauthorized). Reset it in the Developer Portal (Bot → Reset Token).', expected: true };
  if (e instanceof Error && /disallowed intents/i.test(e.message)) return { message: `Discord refused the gateway intents: ${e.message}`, expected: true };
  return { message: `could not start: ${messageOf(e)}`, expected: false };
}

/** Set by the first SIGINT/SIGTERM. */
let stopping = false;

async function main(): Promise<void> {
  loadDotenv();
  // discord.js reads SHARDS / SHARD_COUNT from the environment, as ShardingManager sets them for
  // each shard; `npm start` is one unsharded process even when .env sets SHARD_COUNT for start:sharded.
  if (!process.env.SHARDING_MANAGER) {
    delete process.env.SHARDS;
    delete process.env.SHARD_COUNT;
  }
  const config = loadBotConfig();
  let engine: Engine | undefined;
  let bot: Bot | undefined;
  /**
   * SIGINT/SIGTERM: stop taking questions, let answers in progress finish (up to
   * SHUTDOWN_TIMEOUT_SECONDS), disconnect, close the engine, exit 0. A second signal exits at once.
   */
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    const bound = config.shutdownTimeoutMs;
    // the last resort, should a disconnect or the engine hang
    setTimeout(() => {
      log.warn(`shutdown took longer than ${(bound + 5000) / 1000} s; exiting anyway`);
      process.exit(1);
    }, bound + 5000).unref();
    log.info(`${signal}: shutting down${bot?.inFlight ? ` (finishing ${bot.inFlight} in progress, up to ${bound / 1000} s)` : ''}`);
    const result = await bot?.shutdown(bound).catch((e: unknown) => {
      log.error('could not disconnect cleanly', e);
      return undefined;
    });
    if (result && !result.finished) log.warn(`gave up on ${result.abandoned} unfinished answer(s) after ${bound / 1000} s`);
    // a re-index in progress is not waited for beyond the bound: the index on disk is replaced atomically
    await Promise.race([engine?.close().catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Under `npm run start:sharded`, the manager asks its shards to stop over IPC.
  process.on('message', (m) => {
    if (m === SHUTDOWN_MESSAGE && !stopping) void shutdown('stop requested by the shard manager');
  });
  // a long-running bot logs a stray rejection instead of dying on it
  process.on('unhandledRejection', (e) => log.error('unhandled rejection', e));

  log.info('Loading the model and the index…');
  engine = await Engine.open({ config: config.engine, name: 'the bot', onWait: (m) => log.info(m) });
  if (engine.initialBuild) {
    log.info(
      `Built the index: ${engine.initialBuild.articleCount} articles, ${engine.initialBuild.passageCount} passages in ${engine.initialBuild.seconds.toFixed(1)} s`,
    );
  }
  if (stopping) return;
  bot = createBot({
    engine,
    config,
    logger: log,
    rateLimits: config.rateLimits,
    conversation: config.conversation,
    threadGuilds: config.threadGuilds,
    messageContent: config.messageContent,
    ...(config.feedbackFile && { feedback: new FeedbackStore(config.feedbackFile, config.feedbackSalt) }),
  });
  await bot.start();
}

runMain(
  main,
  startupFailure,
  // A signal during start-up: the shutdown exits.
  { keepRunning: true, onFailure: () => !stopping },
);
