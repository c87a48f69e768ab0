/**
 * The loopback Discord server in a process of its own (started by remote.ts), so that its clock
 * and its 3 s interaction deadline keep running while the bot's process is busy: a test of the
 * bot's responsiveness must not share an event loop with the server that times it.
 */
import { startFakeDiscord, type FakeDiscordOptions, type RecordedRequest } from './index.js';
import type { SlashCommandInput } from './builders.js';

export type RemoteRequest =
  | { id: number; op: 'slash'; input: SlashCommandInput }
  | { id: number; op: 'series'; inputs: SlashCommandInput[]; intervalMs: number }
  | { id: number; op: 'wait'; method: string; path: string; timeoutMs: number }
  | { id: number; op: 'close' };

/** A recorded request as the test sees it: when it arrived (server clock), its answer, its body. */
export interface RemoteResponse {
  at: number;
  status: number;
  body: unknown;
}

export type RemoteReply =
  | { type: 'ready'; token: string; apiBase: string; applicationId: string; guildId: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

const send = (m: RemoteReply) => process.send?.(m);
const options = JSON.parse(process.env.FAKE_DISCORD_OPTIONS ?? '{}') as FakeDiscordOptions;
const server = await startFakeDiscord(options);
process.on('disconnect', () => void server.close().finally(() => process.exit(0)));

const summary = (r: RecordedRequest): RemoteResponse => ({ at: r.at, status: r.response?.status ?? 0, body: r.body });

process.on('message', (m: RemoteRequest) => {
  const reply = (p: Promise<unknown>) =>
    p.then(
      (value) => send({ type: 'reply', id: m.id, ok: true, value }),
      (e: unknown) => send({ type: 'reply', id: m.id, ok: false, error: (e as Error)?.message ?? String(e) }),
    );
  if (m.op === 'slash') {
    // The dispatch time is taken here, on the server's clock, like the deadline it enforces.
    void reply((async () => ({ ...server.sendInteraction(server.slashCommand(m.input)), sentAt: Date.now() }))());
  } else if (m.op === 'series') {
    // Dispatched on this process's timers: a busy bot process cannot delay them.
    void reply(
      (async () => {
        const refs: (ReturnType<typeof server.sendInteraction> & { sentAt: number })[] = [];
        for (const [i, input] of m.inputs.entries()) {
          if (i > 0) await new Promise((r) => setTimeout(r, m.intervalMs));
          refs.push({ ...server.sendInteraction(server.slashCommand(input)), sentAt: Date.now() });
        }
        return refs;
      })(),
    );
  } else if (m.op === 'wait') {
    void reply(server.waitForResponse({ method: m.method, path: m.path }, m.timeoutMs).then(summary));
  } else if (m.op === 'close') {
    void reply(server.close()).finally(() => process.exit(0));
  }
});

send({ type: 'ready', token: server.token, apiBase: server.apiBase, applicationId: server.applicationId, guildId: server.guildId });
