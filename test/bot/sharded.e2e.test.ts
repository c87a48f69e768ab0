/**
 * The sharded bot (`npm run start:sharded` = src/bot/sharded.ts: discord.js's ShardingManager, one
 * process per gateway shard) against the loopback Discord with two shards and two servers, each
 * routed to its own shard by `(guild_id >> 22) % 2`, and one index in PostgreSQL (`npm run
 * db:local`) shared by both shard processes: each answers in its own server, a /reindex in one is
 * seen by the other within seconds, and SIGTERM stops them all gracefully.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndexBackend } from '../../src/index/open-backend.js';
import { startProcess, type RunningProcess } from '../support/bot-process.js';
import { postgresEnv, startLocalDatabase, type LocalDatabase } from '../support/database.js';
import { shardOfGuild } from '../support/fake-discord/gateway.js';
import { startFakeDiscord, type FakeDiscord, type InteractionRef } from '../support/fake-discord/index.js';
import { makeWorkspace, type Workspace } from '../support/workspace.js';

const YERMAK = /As long as (Mr\. )?Zelensk\w+ is president/;
const PASSWORD = 'pw-sharded-secret';
// Two servers whose ids route to shard 0 and shard 1 of 2.
const GUILD_0 = String(1_000_000_000_000n << 22n);
const GUILD_1 = String(1_000_000_000_001n << 22n);

let db: LocalDatabase;
let w: Workspace;
let server: FakeDiscord;
let bot: RunningProcess | undefined;

beforeAll(async () => {
  db = await startLocalDatabase();
  w = makeWorkspace(postgresEnv(db, 'sharded'));
  const backend = await openIndexBackend(w.config, { forIndexing: true });
  await backend.runIndex({ what: 'test' });
  await backend.close();
  server = await startFakeDiscord({ shards: 2, guilds: [{ id: GUILD_0 }, { id: GUILD_1 }] });
});
afterAll(async () => {
  bot?.kill();
  await server?.close();
  await db?.stop();
  w?.cleanup();
});

/** Send an interaction in `guildId`; it must reach exactly one gateway session (the guild's shard). */
function send(guildId: string, name: string, options: { name: string; value: string | boolean }[] = [], permissions?: bigint): InteractionRef {
  const payload = server.slashCommand({ name, options, guildId, ...(permissions !== undefined && { permissions }) });
  expect(server.dispatch('INTERACTION_CREATE', payload)).toBe(1);
  return { id: payload.id, token: payload.token };
}

/** The answer's text as the user sees it (the edited deferral). */
async function answer(ref: InteractionRef): Promise<string> {
  const r = await server.waitForResponse<{ embeds?: { title?: string; description?: string }[]; content?: string }>(
    { method: 'PATCH', path: `/webhooks/${server.applicationId}/${ref.token}/messages/@original` },
    60_000,
  );
  return [r.body!.embeds?.[0]?.title, r.body!.embeds?.[0]?.description, r.body!.content].filter(Boolean).join('\n');
}

describe('npm run start:sharded', () => {
  it('runs one process per shard (SHARD_COUNT=auto → the 2 Discord recommends), each answering in its own server from the shared index', async () => {
    expect([shardOfGuild(GUILD_0, 2), shardOfGuild(GUILD_1, 2)]).toEqual([0, 1]);
    bot = startProcess('src/bot/sharded.ts', {
      DISCORD_TOKEN: server.token,
      DISCORD_CLIENT_ID: server.applicationId,
      DISCORD_API_BASE: server.apiBase,
      SEEDS_DIR: w.seedsDir,
      INDEX_DIR: w.indexDir,
      ...postgresEnv({ url: `postgres://postgres:${PASSWORD}@127.0.0.1:${db.port}/postgres` }, 'sharded'),
      INDEX_POLL_SECONDS: '1',
      SHARD_COUNT: 'auto',
    });
    await bot.waitFor(/All 2 shard\(s\) ready/, 180_000);
    // Each shard got its own server only (READY and GUILD_CREATE routed by guild id).
    await bot.waitFor(/\[shard 0\] Ready as .* in 1 server; 5 articles/, 10_000);
    await bot.waitFor(/\[shard 1\] Ready as .* in 1 server; 5 articles/, 10_000);
    const identified = server.gatewayLog.filter((e) => e.kind === 'identify').map((e) => (e as { payload: { shard?: [number, number] } }).payload.shard);
    expect(identified.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);

    expect(await answer(send(GUILD_0, 'ask', [{ name: 'question', value: 'what did Yermak say?' }]))).toMatch(YERMAK);
    expect(await answer(send(GUILD_1, 'ask', [{ name: 'question', value: 'what did Yermak say?' }]))).toMatch(YERMAK);
  });

  it("a /reindex in shard 0's server is answered from shard 1's server within seconds (two processes, one database)", async () => {
    writeFileSync(
      path.join(w.seedsDir, '005_lighthouse.txt'),
      'Tallinn harbour lighthouse reopens\n\nThe old lighthouse at the entrance of Tallinn harbour reopened on Saturday. Harbour master Kadri Saar said the restored lamp can be seen from 40 kilometres away.\n',
    );
    const reindex = await answer(send(GUILD_0, 'reindex', [], PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages));
    expect(reindex).toMatch(/Re-index complete[\s\S]*Added 1 \(005\\_lighthouse\)/);
    let text = '';
    for (let i = 0; i < 10 && !/Kadri Saar/.test(text); i++) {
      if (i) await new Promise((r) => setTimeout(r, 1000));
      text = await answer(send(GUILD_1, 'ask', [{ name: 'question', value: 'What did the harbour master say about the lighthouse?' }]));
    }
    expect(text).toMatch(/Kadri Saar/);
  });

  it('SIGTERM stops every shard gracefully and exits 0; neither the token nor the database password is printed', async () => {
    bot!.child.kill('SIGTERM');
    expect(await bot!.exited).toMatchObject({ code: 0 });
    expect(bot!.stdout()).toMatch(/SIGTERM: stopping 2 shard\(s\)/);
    expect(bot!.stdout().match(/\[shard \d\] stop requested by the shard manager: shutting down/g)).toHaveLength(2);
    expect(server.gatewayLog.filter((e) => e.kind === 'close' && (e as { code: number }).code === 1000)).toHaveLength(2);
    expect(bot!.stdout() + bot!.stderr()).not.toContain(server.token);
    expect(bot!.stdout() + bot!.stderr()).not.toContain(PASSWORD);
    expect(bot!.stderr()).toBe('');
  });
});
