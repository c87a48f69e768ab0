/**
 * The index database (INDEX_BACKEND=postgres) failing under the front ends: unreachable at
 * start-up (one clear line, exit 1), stopped under a running bot (questions get "the index is
 * unavailable right now", no crash) and back again (the bot answers again by itself, no restart).
 * The database's password is never printed. A real Postgres-protocol server (`npm run db:local`,
 * data in a folder so it survives the restart), the real bot process, the loopback Discord.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openIndexBackend } from '../../src/index/open-backend.js';
import { startProcess, type RunningProcess } from '../support/bot-process.js';
import { postgresEnv, startLocalDatabase, type LocalDatabase } from '../support/database.js';
import { startFakeDiscord, type FakeDiscord, type InteractionRef } from '../support/fake-discord/index.js';
import { makeWorkspace, type Workspace } from '../support/workspace.js';

const YERMAK = /As long as (Mr\. )?Zelensk\w+ is president/;
const PASSWORD = 'pw-n0t-for-logs';

let dataDir: string;
let db: LocalDatabase | undefined;
let w: Workspace;
let server: FakeDiscord | undefined;
const running: RunningProcess[] = [];

/** The database's URL with a password in it (the local server accepts any): it must never be printed. */
const urlWithPassword = (port: number) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

const start = (script: string, env: Record<string, string>, args: string[] = []) => {
  const p = startProcess(script, { SEEDS_DIR: w.seedsDir, INDEX_DIR: w.indexDir, ...env }, args);
  running.push(p);
  return p;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-pgdata-'));
  db = await startLocalDatabase({ dataDir });
  w = makeWorkspace(postgresEnv(db, 'faults'));
  const backend = await openIndexBackend(w.config, { forIndexing: true });
  await backend.runIndex({ what: 'test' });
  await backend.close();
});
afterEach(async () => {
  for (const p of running.splice(0)) p.kill();
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await db?.stop();
  w?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the database unreachable at start-up', () => {
  it.each([
    ['npm run ask', 'src/cli/ask-command.ts', ['what did Yermak say?']],
    ['npm run index', 'src/cli/index-command.ts', []],
    ['npm start', 'src/bot/main.ts', []],
  ])('%s: one clear line naming host and port (not the password), exit 1', async (_, script, args) => {
    const port = await closedPort();
    server = await startFakeDiscord();
    const p = start(
      script,
      {
        ...postgresEnv({ url: urlWithPassword(port) }, 'faults'),
        DISCORD_TOKEN: server.token,
        DISCORD_CLIENT_ID: server.applicationId,
        DISCORD_API_BASE: server.apiBase,
        DEBUG: '',
      },
      args,
    );
    expect((await p.exited).code).toBe(1);
    expect(p.stderr().trim()).toBe(
      `Error: Cannot reach the index database postgres://postgres@127.0.0.1:${port}/postgres (connection refused). Is it running? Check DATABASE_URL. \`npm run db:local\` starts a local one.`,
    );
    expect(p.stdout() + p.stderr()).not.toContain(PASSWORD);
  });
});

describe('the database stopped and restarted under a running bot', () => {
  it('questions meanwhile get "the index is unavailable right now"; the bot stays up and answers again once the database is back', async () => {
    const port = db!.port;
    server = await startFakeDiscord();
    const bot = start('src/bot/main.ts', {
      ...postgresEnv({ url: urlWithPassword(port) }, 'faults'),
      INDEX_POLL_SECONDS: '1',
      DISCORD_TOKEN: server.token,
      DISCORD_CLIENT_ID: server.applicationId,
      DISCORD_API_BASE: server.apiBase,
    });
    await bot.waitFor(/Ready as .* 5 articles/);
    const fake = server;
    /** What the user sees for a question: the answer's embed, or the (ephemeral) notice. */
    const ask = async (question = 'what did Yermak say?'): Promise<string> => {
      const ref: InteractionRef = fake.sendInteraction(fake.slashCommand({ name: 'ask', options: [{ name: 'question', value: question }] }));
      const r = await fake.waitForResponse<{ content?: string; embeds?: { description?: string }[]; data?: { content?: string } }>(
        (x) =>
          (x.method === 'PATCH' && x.path === `/webhooks/${fake.applicationId}/${ref.token}/messages/@original`) ||
          (x.method === 'POST' && x.path === `/webhooks/${fake.applicationId}/${ref.token}`) ||
          (x.method === 'POST' && x.path === `/interactions/${ref.id}/${ref.token}/callback` && (x.body as { type: number }).type === 4),
        30_000,
      );
      const b = r.body!;
      return b.data?.content ?? b.content ?? b.embeds?.[0]?.description ?? '';
    };

    expect(await ask()).toMatch(YERMAK);
    await db!.stop();
    db = undefined;
    expect(await ask()).toBe('The index is unavailable right now (its database cannot be reached); please try again in a minute.');
    expect(await ask('who is Stanovaya?')).toMatch(/^The index is unavailable right now/);

    db = await startLocalDatabase({ dataDir, port });
    // Back by itself: the pool opens new connections, the generation check finds the same index.
    let answer = '';
    for (let i = 0; i < 20 && !YERMAK.test(answer); i++) {
      answer = await ask();
      if (!YERMAK.test(answer)) await new Promise((r) => setTimeout(r, 500));
    }
    expect(answer).toMatch(YERMAK);
    expect(bot.child.exitCode).toBeNull();
    expect(bot.stdout() + bot.stderr()).not.toContain(PASSWORD);
    expect(bot.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  });
});
