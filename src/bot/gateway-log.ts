import { Events, GatewayCloseCodes, type Client } from 'discord.js';
import type { Logger } from './logger.js';

/** Reconnects within `windowMs` that make a "keeps dropping" warning (and every further `warnEvery`). */
export const RECONNECT_WARNING = { warnEvery: 5, windowMs: 60_000 };

/** A gateway close code in words: Discord's own codes by name, the WebSocket ones that matter here. */
function describeClose(code: number): string {
  const name = (GatewayCloseCodes as Record<number, string | undefined>)[code];
  if (name) return `${code} ${name}`;
  // Also what a refused connection looks like (@discordjs/ws reports it as a close, not an error).
  if (code === 1006) return '1006, the connection was lost or refused';
  if (code === 1000 || code === 1001) return `${code}, closed by the server`;
  return String(code);
}

/**
 * One log line per change of the gateway connection's state — closed (with its code),
 * reconnecting, resumed, ready again (a new session), disconnected for good, connection errors —
 * and a warning when reconnects repeat (a server that keeps closing the connection was otherwise
 * invisible: ~300 silent reconnects in 2.5 minutes). The token is never part of a line.
 */
export function watchGateway(client: Client, logger: Logger, token: string, options = RECONNECT_WARNING): { stop(): void } {
  // Once the bot closes the connection itself (shutdown), its closing is not news.
  let stopped = false;
  const log = {
    info: (line: string) => stopped || logger.info(line),
    warn: (line: string) => stopped || logger.warn(line),
    error: (line: string) => stopped || logger.error(line),
  };
  const redact = (s: string) => (token ? s.split(token).join('[token]') : s);
  const reconnects: number[] = [];
  const watched = new WeakSet<object>();
  let readyBefore = false;

  // The close code is only on the shard's own 'close' event; shards exist once the client connects.
  const watchShards = () => {
    for (const shard of client.ws.shards.values()) {
      if (watched.has(shard)) continue;
      watched.add(shard);
      shard.on('close', (event) => log.warn(`Gateway connection closed (code ${describeClose(event.code)})`));
    }
  };

  client.on(Events.ShardReady, () => {
    watchShards();
    if (readyBefore) log.info('Gateway: ready again (a new session; events missed meanwhile are not replayed)');
    readyBefore = true;
  });
  client.on(Events.ShardReconnecting, () => {
    const now = Date.now();
    reconnects.push(now);
    while (reconnects.length && reconnects[0]! < now - options.windowMs) reconnects.shift();
    log.info('Gateway: reconnecting…');
    if (reconnects.length >= options.warnEvery && reconnects.length % options.warnEvery === 0) {
      log.warn(
        `Gateway: ${reconnects.length} reconnects in the last ${options.windowMs / 1000} s — the connection keeps dropping ` +
          '(check the network, or DISCORD_API_BASE if it points at a server of your own)',
      );
    }
  });
  client.on(Events.ShardResume, (_id, replayed) => log.info(`Gateway: resumed (${replayed} missed event${replayed === 1 ? '' : 's'} replayed)`));
  client.on(Events.ShardDisconnect, (event) => log.error(`Gateway: disconnected for good (code ${describeClose(event.code)}); not reconnecting`));
  client.on(Events.ShardError, (error) => log.warn(`Gateway connection error: ${redact(error?.message ?? String(error))}`));
  return { stop: () => void (stopped = true) };
}
