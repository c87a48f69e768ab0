import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { RemoteReply, RemoteRequest, RemoteResponse } from './child.js';
import type { SlashCommandInput } from './builders.js';
import type { FakeDiscordOptions, InteractionRef } from './index.js';

export type { RemoteResponse };

/** The loopback Discord server running in a child process (child.ts), driven over IPC. */
export interface RemoteFakeDiscord {
  token: string;
  apiBase: string;
  applicationId: string;
  guildId: string;
  /** Dispatch a slash command; `sentAt` is the server's clock at dispatch. */
  slash(input: SlashCommandInput): Promise<InteractionRef & { sentAt: number }>;
  /** Dispatch slash commands `intervalMs` apart, timed by the server process; resolves once all are sent. */
  slashSeries(inputs: SlashCommandInput[], intervalMs: number): Promise<(InteractionRef & { sentAt: number })[]>;
  /** The first request matching method and path (arrival time on the server's clock, its status and body). */
  waitForResponse(method: string, path: string, timeoutMs?: number): Promise<RemoteResponse>;
  close(): Promise<void>;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export async function startRemoteFakeDiscord(options: Omit<FakeDiscordOptions, 'log'> = {}): Promise<RemoteFakeDiscord> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child: ChildProcess = fork(new URL('./child.ts', import.meta.url), [], {
    execArgv: ['--import', tsx],
    env: { ...process.env, FAKE_DISCORD_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced', // structured clone: permissions are BigInts
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  const ready = new Promise<Extract<RemoteReply, { type: 'ready' }>>((resolve, reject) => {
    child.on('message', (m: RemoteReply) => {
      if (m.type === 'ready') return resolve(m);
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(new Error(m.error));
    });
    child.once('exit', (code) => {
      reject(new Error(`fake Discord process exited (${code})`));
      for (const p of pending.values()) p.reject(new Error(`fake Discord process exited (${code})`));
    });
  });
  const info = await ready;
  const call = <T>(req: DistributiveOmit<RemoteRequest, 'id'>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...req, id });
    });
  return {
    token: info.token,
    apiBase: info.apiBase,
    applicationId: info.applicationId,
    guildId: info.guildId,
    slash: (input) => call({ op: 'slash', input }),
    slashSeries: (inputs, intervalMs) => call({ op: 'series', inputs, intervalMs }),
    waitForResponse: (method, path, timeoutMs = 30_000) => call({ op: 'wait', method, path, timeoutMs }),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      await call({ op: 'close' }).catch(() => undefined);
      await exited;
    },
  };
}
