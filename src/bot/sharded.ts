/**
 * `npm run start:sharded`: the bot as one process per gateway shard, run by discord.js's
 * ShardingManager (Discord requires sharding from 2,500 servers; it also spreads the CPU work of
 * answering over several processes). Each shard is a whole `npm start` (src/bot/main.ts): it loads
 * the embedding model and answers the servers Discord routes to it. With INDEX_BACKEND=postgres
 * all shards answer from the one index in the database, and a /reindex in any of them is seen by
 * all within INDEX_POLL_SECONDS; with the files backend each shard would hold its own copy.
 *
 * SHARD_COUNT: `auto` (default; Discord's recommendation from GET /gateway/bot) or a number.
 * This process holds no model and no index: it starts the shards, restarts one that dies, and on
 * SIGINT/SIGTERM lets each shut down gracefully (answers in progress are finished) before exiting.
 */
import path from 'node:path';
import { isEngineError, loadDotenv, messageOf, runMain } from '../index-light.js';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import { loadBotConfig, loadShardingConfig, startupMessage } from './config.js';
import { SHUTDOWN_MESSAGE } from './shard-messages.js';
import { consoleLogger as log } from './logger.js';

/** Discord allows one IDENTIFY per 5 s per rate-limit bucket: shards are started this far apart. */
const SHARD_SPAWN_DELAY_MS = 5_500;
/** After this long, shards still running are killed (each bounds its own shutdown well within it). */
const SHARD_STOP_TIMEOUT_MS = 60_000;
/** A shard loads the model and opens the index before it logs in: give it this long to become ready. */
const SHARD_READY_TIMEOUT_MS = 180_000;

/** Set once the shards are being started (to stop them when the start fails). */
let manager: ShardingManager | undefined;

async function main(): Promise<void> {
  loadDotenv();
  // Checked here, so a bad setting is one line from this process rather than one per shard.
  const config = loadBotConfig();
  const { shardCount } = loadShardingConfig();
  if (config.engine.backend === 'files') {
    log.warn(
      'INDEX_BACKEND=files: every shard loads its own copy of the index, and a /reindex in one shard is not seen by the others until they restart. Use INDEX_BACKEND=postgres for a shared index.',
    );
  }
  // `auto` asks Discord (at DISCORD_API_BASE, which ShardingManager's own `auto` would ignore).
  const total = shardCount === 'auto' ? await recommendedShards(config.token, config.apiBase) : shardCount;

  const fromSources = import.meta.url.endsWith('.ts');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const m = (manager = new ShardingManager(path.join(here, fromSources ? 'main.ts' : 'main.js'), {
    totalShards: total,
    token: config.token,
    mode: 'process',
    respawn: true,
    // From sources the shards need tsx's loader, resolved from here (not from the working folder).
    execArgv: [...(fromSources ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : []), '--enable-source-maps'],
  }));
  m.on('shardCreate', (shard: Shard) => {
    log.info(`Starting shard ${shard.id} of ${total}`);
    shard.on('death', (child) => {
      if (!stopping) log.warn(`Shard ${shard.id} exited (${'exitCode' in child ? child.exitCode : '?'}); starting it again`);
    });
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    m.respawn = false;
    log.info(`${signal}: stopping ${m.shards.size} shard(s)`);
    // Each shard shuts down as `npm start` does on a signal (answers in progress are finished). Asked
    // over IPC rather than by a signal: Ctrl-C has already signalled the whole process group, and a
    // second signal makes a shard exit without waiting.
    const fallback = setTimeout(() => {
      for (const shard of m.shards.values()) shard.kill();
    }, SHARD_STOP_TIMEOUT_MS);
    fallback.unref();
    await Promise.all(
      [...m.shards.values()].map(
        (shard) =>
          new Promise<void>((resolve) => {
            const child = shard.process;
            if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            shard.send(SHUTDOWN_MESSAGE).catch(() => child.kill('SIGTERM'));
          }),
      ),
    );
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  log.info(`Starting ${total} shard(s)${shardCount === 'auto' ? ' (SHARD_COUNT=auto: Discord’s recommendation)' : ''}`);
  await m.spawn({ amount: total, delay: SHARD_SPAWN_DELAY_MS, timeout: SHARD_READY_TIMEOUT_MS });
  log.info(`All ${total} shard(s) ready`);
}

/** The shard count Discord recommends for this bot (GET /gateway/bot). */
async function recommendedShards(token: string, apiBase: string | undefined): Promise<number> {
  const rest = new REST(apiBase ? { api: apiBase } : {}).setToken(token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, shards);
}

runMain(
  main,
  (e) =>
    isEngineError(e) && e.code === 'CONFIG'
      ? { message: startupMessage(e), expected: true }
      : { message: `could not start the shards: ${messageOf(e)}`, expected: false },
  {
    keepRunning: true,
    onFailure: () => {
      // A shard that could not start (its own error is above, in its output): stop the others too.
      if (manager) {
        manager.respawn = false;
        for (const shard of manager.shards.values()) shard.kill();
      }
    },
  },
);
