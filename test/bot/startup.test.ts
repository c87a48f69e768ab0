/**
 * `npm start` and `npm run deploy-commands` as processes: configuration errors in one line
 * (never a stack trace, never the token), command registration against the loopback Discord,
 * and a real start that answers a slash command.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../src/bot/config.js';
import { EngineError } from '../../src/errors.js';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { makeWorkspace, REPO, type Workspace } from '../support/workspace.js';

const TOKEN_LIKE = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';
const CLIENT_ID = '123456789012345678';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment without any DISCORD_* inherited from the developer's shell. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DISCORD_')));
  return { ...env, ...extra };
}

/** Run a bot entry point as `npm start` / `npm run deploy-commands` do; `until` resolves early once stdout matches. */
function run(script: string, env: Record<string, string>, opts: { until?: RegExp; timeoutMs?: number } = {}): Promise<Run & { stop?: () => Promise<Run> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/bot', script)], { cwd: REPO, env: cleanEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Run>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish in time.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 30_000);
    void exited.then((r) => {
      clearTimeout(timer);
      resolve(r);
    });
    if (opts.until) {
      child.stdout.on('data', () => {
        if (opts.until!.test(stdout)) {
          clearTimeout(timer);
          resolve({
            code: null,
            stdout,
            stderr,
            stop: () => {
              child.kill('SIGTERM');
              return exited;
            },
          });
        }
      });
    }
  });
}

const oneLineError = (r: Run, pattern: RegExp) => {
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
};

describe('loadDiscordConfig', () => {
  const base = { DISCORD_TOKEN: TOKEN_LIKE, DISCORD_CLIENT_ID: CLIENT_ID };

  it('reads the variables, treating empty ones as unset', () => {
    expect(loadDiscordConfig({ ...base, DISCORD_GUILD_ID: '', DISCORD_API_BASE: '' })).toEqual({ token: TOKEN_LIKE, clientId: CLIENT_ID });
    expect(
      loadDiscordConfig({ ...base, DISCORD_TOKEN: `Bot ${TOKEN_LIKE}`, DISCORD_GUILD_ID: '987654321098765432', DISCORD_API_BASE: 'http://127.0.0.1:9/api/' }),
    ).toEqual({
      token: TOKEN_LIKE,
      clientId: CLIENT_ID,
      guildId: '987654321098765432',
      apiBase: 'http://127.0.0.1:9/api',
    });
  });

  it.each([
    [{ DISCORD_TOKEN: '' }, /^Invalid configuration: DISCORD_TOKEN: is not set/],
    [{ DISCORD_TOKEN: 'abc.def' }, /^Invalid configuration: DISCORD_TOKEN: does not look like a bot token/],
    [{ DISCORD_CLIENT_ID: 'my-app' }, /^Invalid configuration: DISCORD_CLIENT_ID: must be the numeric Application ID/],
    [{ DISCORD_CLIENT_ID: undefined }, /^Invalid configuration: DISCORD_CLIENT_ID: is not set/],
    [{ DISCORD_GUILD_ID: 'general' }, /^Invalid configuration: DISCORD_GUILD_ID: must be a numeric server id/],
    [{ DISCORD_API_BASE: 'discord.com' }, /^Invalid configuration: DISCORD_API_BASE: must be an http\(s\) URL/],
  ])('%j → one message naming the variable', (override, message) => {
    const env = { ...base, ...override };
    expect(() => loadDiscordConfig(env)).toThrow(EngineError);
    expect(() => loadDiscordConfig(env)).toThrow(expect.objectContaining({ code: 'CONFIG' }));
    expect(() => loadDiscordConfig(env)).toThrow(message);
  });

  it('never includes the token in its messages', () => {
    const secret = 'SECRET-never-print-me';
    try {
      loadDiscordConfig({ ...base, DISCORD_TOKEN: secret });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
    }
  });
});

describe('npm start: configuration errors', () => {
  it('a missing DISCORD_TOKEN → exit 1 with one line naming it, no stack trace', async () => {
    const r = await run('main.ts', { DISCORD_TOKEN: '', DISCORD_CLIENT_ID: CLIENT_ID });
    oneLineError(r, /^Error: Invalid configuration: DISCORD_TOKEN: is not set; set it to the bot token/);
  });

  it('a malformed DISCORD_TOKEN → one line naming it, without printing the value', async () => {
    const secret = 'not-a-token-SECRET-4242';
    const r = await run('main.ts', { DISCORD_TOKEN: secret, DISCORD_CLIENT_ID: CLIENT_ID });
    oneLineError(r, /^Error: Invalid configuration: DISCORD_TOKEN: does not look like a bot token/);
    expect(r.stdout + r.stderr).not.toContain('SECRET-4242');
  });

  it('npm run start:sharded with a bad SHARD_COUNT → one line naming it', async () => {
    const r = await run('sharded.ts', { DISCORD_TOKEN: TOKEN_LIKE, DISCORD_CLIENT_ID: CLIENT_ID, SHARD_COUNT: 'many' });
    oneLineError(r, /^Error: Invalid configuration: SHARD_COUNT: must be auto or a positive whole number of shards$/);
  });

  it('a malformed DISCORD_CLIENT_ID → one line naming it', async () => {
    const r = await run('main.ts', { DISCORD_TOKEN: TOKEN_LIKE, DISCORD_CLIENT_ID: '12ab' });
    oneLineError(r, /^Error: Invalid configuration: DISCORD_CLIENT_ID: /);
    expect(r.stderr).not.toContain(TOKEN_LIKE);
  });
});

describe('against the loopback Discord', () => {
  let server: FakeDiscord;
  let w: Workspace;
  beforeAll(async () => {
    server = await startFakeDiscord();
    w = makeWorkspace();
  });
  afterAll(async () => {
    await server?.close();
    w?.cleanup();
  });
  const discordEnv = () => ({ DISCORD_TOKEN: server.token, DISCORD_CLIENT_ID: server.applicationId, DISCORD_API_BASE: server.apiBase });

  it('deploy-commands registers the 9 commands in the guild, or globally without DISCORD_GUILD_ID', async () => {
    const guild = await run('deploy-commands.ts', { ...discordEnv(), DISCORD_GUILD_ID: server.guildId });
    expect(guild.stderr).toBe('');
    expect(guild.stdout.trim()).toBe(
      `Registered 9 commands in server ${server.guildId}: /ask, /search, /sources, /source, /quotes, /compare, /reindex, /add, /remove`,
    );
    expect(guild.code).toBe(0);
    const put = server.requests.find((r) => r.method === 'PUT' && r.path === `/applications/${server.applicationId}/guilds/${server.guildId}/commands`);
    expect(put?.response?.status).toBe(200);
    expect((put!.body as { name: string }[]).map((c) => c.name)).toEqual([
      'ask',
      'search',
      'sources',
      'source',
      'quotes',
      'compare',
      'reindex',
      'add',
      'remove',
    ]);

    const global = await run('deploy-commands.ts', discordEnv());
    expect(global.code).toBe(0);
    expect(global.stdout).toMatch(/^Registered 9 global commands: \/ask, /);
    expect(server.world.globalCommands.size).toBe(9);
  });

  it('deploy-commands with a token Discord rejects → one line, no token', async () => {
    const r = await run('deploy-commands.ts', { ...discordEnv(), DISCORD_TOKEN: TOKEN_LIKE });
    oneLineError(r, /^Error: Discord refused the commands \(401 .*\)\. Check DISCORD_TOKEN\.$/);
    expect(r.stderr).not.toContain(TOKEN_LIKE);
  });

  it('npm start builds the missing index, logs in, logs one ready line and answers /ask; SIGTERM stops it', async () => {
    // SHARD_COUNT is for `npm run start:sharded`: `npm start` stays one unsharded process (discord.js would read it).
    const started = await run(
      'main.ts',
      { ...discordEnv(), SEEDS_DIR: w.seedsDir, INDEX_DIR: w.indexDir, SHARD_COUNT: 'auto' },
      { until: /Ready as .*\n/, timeoutMs: 90_000 },
    );
    expect(started.stdout).toMatch(/Built the index: 5 articles, \d+ passages/);
    expect(started.stdout).toMatch(/Ready as FakeBot in 1 server; 5 articles, \d+ passages\n/);
    expect(started.stdout + started.stderr).not.toContain(server.token);

    const ref = server.sendInteraction(server.slashCommand({ name: 'ask', options: [{ name: 'question', value: 'what did Yermak say?' }] }));
    expect((await server.waitForInteractionCallback(ref)).body).toEqual({ type: 5, data: { flags: 0 } });
    const edit = await server.waitForResponse<{ embeds: { description: string }[] }>({
      method: 'PATCH',
      path: `/webhooks/${server.applicationId}/${ref.token}/messages/@original`,
    });
    expect(edit.body!.embeds[0]!.description).toMatch(/As long as .* territory/);

    const stopped = await started.stop!();
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toBe('');
  });

  it('npm start with a well-formed token that Discord rejects → one line naming DISCORD_TOKEN, no token', async () => {
    const r = await run('main.ts', { ...discordEnv(), DISCORD_TOKEN: TOKEN_LIKE, SEEDS_DIR: w.seedsDir, INDEX_DIR: w.indexDir }, { timeoutMs: 60_000 });
    oneLineError(r, /^Error: Discord rejected DISCORD_TOKEN/);
    expect(r.stdout + r.stderr).not.toContain(TOKEN_LIKE);
  });
});
