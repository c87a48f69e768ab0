/**
 * The bot as a process (`npm start` = src/bot/main.ts) against the loopback Discord: the token never
 * appears in anything it prints (good, rejected and malformed tokens; DEBUG=1 for the most output),
 * `.env` is git-ignored, and SIGINT/SIGTERM stop it gracefully — new questions are turned away,
 * answers in progress are still delivered (within SHUTDOWN_TIMEOUT_SECONDS), exit code 0.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHUTTING_DOWN } from '../../src/bot/create-bot.js';
import { buildIndex } from '../../src/index/build-index.js';
import { startFakeDiscord, type FakeDiscord, type InteractionRef } from '../support/fake-discord/index.js';
import { makeWorkspace, REPO, testEmbedder, type Workspace } from '../support/workspace.js';

const YERMAK = /As long as (Mr\. )?Zelensk\w+ is president/;

interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stdout matches (rejects if the process exits first or time runs out). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const running: BotProcess[] = [];

/** Start the bot the way `npm start` does, with nothing inherited from the shell's DISCORD_* variables. */
function startBot(env: Record<string, string>): BotProcess {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('DISCORD_') && !k.startsWith('RATE_LIMIT_') && k !== 'SHUTDOWN_TIMEOUT_SECONDS'),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/bot/main.ts')], { cwd: REPO, env: { ...base, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const p: BotProcess = {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        if (pattern.test(out)) return resolve();
        const timer = setTimeout(() => done(new Error(`no ${pattern} in time.\nstdout: ${out}\nstderr: ${err}`)), timeoutMs);
        const onData = () => pattern.test(out) && done();
        const onExit = () => done(new Error(`exited before ${pattern}.\nstdout: ${out}\nstderr: ${err}`));
        const done = (e?: Error) => {
          clearTimeout(timer);
          child.stdout.off('data', onData);
          child.off('exit', onExit);
          if (e) reject(e);
          else resolve();
        };
        child.stdout.on('data', onData);
        child.on('exit', onExit);
      }),
    exited,
  };
  running.push(p);
  return p;
}

/** Wait for exit, at most `ms` (then kill -9 and fail). */
async function exitWithin(p: BotProcess, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const r = await Promise.race([p.exited, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  clearTimeout(timer);
  if (!r) {
    p.child.kill('SIGKILL');
    throw new Error(`did not exit within ${ms} ms.\nstdout: ${p.stdout()}\nstderr: ${p.stderr()}`);
  }
  return r;
}

let w: Workspace;
let server: FakeDiscord;

beforeAll(async () => {
  // a ready index, so every start only loads it
  w = makeWorkspace();
  await buildIndex(w.config, await testEmbedder());
});
afterEach(async () => {
  for (const p of running.splice(0)) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await server?.close();
});
afterAll(() => w?.cleanup());

const env = (extra: Record<string, string> = {}) => ({
  DISCORD_TOKEN: server.token,
  DISCORD_CLIENT_ID: server.applicationId,
  DISCORD_API_BASE: server.apiBase,
  SEEDS_DIR: w.seedsDir,
  INDEX_DIR: w.indexDir,
  DEBUG: '1', // stack traces on: the most output there can be
  ...extra,
});
const ask = (question = 'what did Yermak say?'): InteractionRef =>
  server.sendInteraction(server.slashCommand({ name: 'ask', options: [{ name: 'question', value: question }] }));
const edited = (ref: InteractionRef, timeoutMs = 30_000) =>
  server.waitForResponse<{ embeds: { description: string }[] }>(
    { method: 'PATCH', path: `/webhooks/${server.applicationId}/${ref.token}/messages/@original` },
    timeoutMs,
  );

describe('shutdown', () => {
  it('SIGTERM right after the deferral: new questions get a polite note, the answer in progress is delivered, exit 0', async () => {
    server = await startFakeDiscord();
    const bot = startBot(env());
    await bot.waitFor(/Ready as .*\n/);
    server.setRestDelay(1500); // Discord answering slowly: the answer is still in progress when the signal comes

    const first = ask();
    await server.waitForInteractionCallback(first); // the deferral has reached Discord
    const signalled = Date.now();
    bot.child.kill('SIGTERM');
    await bot.waitFor(/SIGTERM: shutting down \(finishing 1 in progress, up to 10 s\)\n/, 10_000);

    const second = ask('who is Yermak?'); // after the signal: turned away, ephemerally
    const refusal = await server.waitForResponse<{ type: number; data: { content: string; flags: number } }>(
      { method: 'POST', path: `/interactions/${second.id}/${second.token}/callback` },
      10_000,
    );
    expect(refusal.body).toMatchObject({ type: 4, data: { content: SHUTTING_DOWN, flags: 64 } });
    expect(refusal.response!.status).toBeLessThan(400);
    const mention = server.messageCreate({ content: 'what did Yermak say?', mentionBot: true }); // mentions are ignored
    server.sendMessage(mention);

    const edit = await edited(first);
    expect(edit.response!.status).toBe(200);
    expect(edit.body!.embeds[0]!.description).toMatch(YERMAK);

    const exit = await exitWithin(bot, 15_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(edit.response!.at).toBeLessThanOrEqual(exit.at);
    expect(exit.at - signalled).toBeLessThan(10_000 + 3_000);
    expect(bot.stderr()).toBe('');
    expect(
      server.requests.filter((r) => (r.body as { message_reference?: { message_id: string } } | null)?.message_reference?.message_id === mention.id),
    ).toEqual([]);
    // the gateway was closed properly (1000), not dropped
    expect(server.gatewayLog.filter((e) => e.kind === 'close').map((e) => (e as { code: number }).code)).toContain(1000);
    expect(bot.stdout() + bot.stderr()).not.toContain(server.token);
    expect(server.requests.filter((r) => (r.response?.status ?? 200) >= 400)).toEqual([]);
  });

  it('SIGINT when idle: exits 0 at once', async () => {
    server = await startFakeDiscord();
    const bot = startBot(env());
    await bot.waitFor(/Ready as .*\n/);
    const { body } = await edited(ask()); // it answers normally first
    expect(body!.embeds[0]!.description).toMatch(YERMAK);
    const signalled = Date.now();
    bot.child.kill('SIGINT');
    const exit = await exitWithin(bot, 10_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(5_000);
    expect(bot.stdout()).toMatch(/SIGINT: shutting down\n/);
    expect(bot.stderr()).toBe('');
    expect(bot.stdout() + bot.stderr()).not.toContain(server.token);
  });

  it('an answer that cannot finish within SHUTDOWN_TIMEOUT_SECONDS is given up on (logged), and the bot still exits 0', async () => {
    server = await startFakeDiscord();
    const bot = startBot(env({ SHUTDOWN_TIMEOUT_SECONDS: '1' }));
    await bot.waitFor(/Ready as .*\n/);
    server.setRestDelay(8000); // far longer than the bound
    const ref = ask();
    await server.waitForInteractionCallback(ref);
    const signalled = Date.now();
    bot.child.kill('SIGTERM');
    const exit = await exitWithin(bot, 10_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(1_000 + 4_000);
    expect(bot.stderr()).toMatch(/WARN gave up on 1 unfinished answer\(s\) after 1 s/);
    expect(bot.stdout() + bot.stderr()).not.toContain(server.token);
  });
});

describe('the token never appears in what the bot prints', () => {
  const TOKEN_LIKE = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

  it('a well-formed token Discord rejects (DEBUG=1: stack traces included)', async () => {
    server = await startFakeDiscord();
    const bot = startBot(env({ DISCORD_TOKEN: TOKEN_LIKE }));
    const exit = await exitWithin(bot, 90_000);
    expect(exit.code).toBe(1);
    expect(bot.stderr()).toMatch(/^Error: Discord rejected DISCORD_TOKEN/);
    const all = bot.stdout() + bot.stderr();
    expect(all).not.toContain(TOKEN_LIKE);
    for (const part of TOKEN_LIKE.split('.')) expect(all).not.toContain(part); // nor any part of it
  });

  it.each([
    ['truncated', 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GhIjKl'],
    ['an application secret', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ012345'],
    ['with spaces', 'MTIzNDU2 Nzg5MDEy.GhIjKl.abcdefghijklmnopqrstuvwxyz0123'],
  ])('a malformed token (%s)', async (_, token) => {
    server = await startFakeDiscord();
    const bot = startBot(env({ DISCORD_TOKEN: token }));
    const exit = await exitWithin(bot, 30_000);
    expect(exit.code).toBe(1);
    expect(bot.stderr()).toMatch(/^Error: Invalid configuration: DISCORD_TOKEN: does not look like a bot token/);
    expect(bot.stdout() + bot.stderr()).not.toContain(token);
  });

  it('.env is git-ignored (and .env.example holds no token)', () => {
    const ignore = readFileSync(path.join(REPO, '.gitignore'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim());
    expect(ignore).toContain('.env');
    // read-only check with git itself (exit 0 = ignored)
    expect(() => execFileSync('git', ['check-ignore', '-q', '.env'], { cwd: REPO })).not.toThrow();
    expect(readFileSync(path.join(REPO, '.env.example'), 'utf8')).toMatch(/^DISCORD_TOKEN=$/m);
  });
});
