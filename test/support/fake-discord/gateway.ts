/**
 * Discord gateway v10 (JSON encoding) over `ws`.
 *
 * Implements HELLO / IDENTIFY → READY + GUILD_CREATE / HEARTBEAT → ACK / RESUME (+ replay) → RESUMED,
 * sequence numbers, intent filtering of dispatches (incl. MESSAGE_CONTENT stripping), close codes
 * 4001-4013. No transport compression: discord.js only asks for it when zlib-sync is installed (it is not).
 */
import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import {
  GatewayCloseCodes,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayIdentifyData,
  type GatewayReadyDispatchData,
  type ApplicationFlags,
} from 'discord.js';
import { guildCreatePayload } from './payloads.js';
import type { FakeWorld } from './state.js';

export type IdentifyPayload = GatewayIdentifyData;

export interface GatewayDispatch {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

export type GatewayLogEntry =
  | { kind: 'connect'; at: number; connectionId: number; url: string; query: Record<string, string> }
  | { kind: 'identify'; at: number; connectionId: number; sessionId: string; payload: IdentifyPayload }
  | { kind: 'resume'; at: number; connectionId: number; sessionId: string; seq: number; ok: boolean; replayed: number }
  | { kind: 'close'; at: number; connectionId: number; code: number; by: 'client' | 'server'; reason: string }
  | { kind: 'heartbeat'; at: number; connectionId: number; seq: number | null }
  | { kind: 'unknown_op'; at: number; connectionId: number; op: number };

const ALL_INTENTS = Object.values(GatewayIntentBits)
  .filter((v): v is number => typeof v === 'number')
  .reduce((a, b) => a | b, 0);
/** HELLO's heartbeat_interval */
const HEARTBEAT_INTERVAL_MS = 5000;

interface Session {
  id: string;
  intents: number;
  identify: IdentifyPayload;
  seq: number;
  /** dispatched payloads, for RESUME replay (bounded) */
  buffer: GatewayDispatch[];
  connection: Connection | null;
  invalid: boolean;
  /** [shard id, shard count] from IDENTIFY ([0, 1] when the client did not shard). */
  shard: [number, number];
}

/** The shard a guild's events go to: `(guild_id >> 22) % num_shards`, as Discord routes them. */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

interface Connection {
  id: number;
  ws: WebSocket;
  session: Session | null;
}

export interface GatewayOptions {
  resumeUrl: () => string;
  log: (line: string) => void;
  /** Shard count GET /gateway/bot recommends; IDENTIFY must name a shard below the count it gives. */
  shards: number;
}

export class FakeGateway {
  readonly wss = new WebSocketServer({ noServer: true });
  readonly identifyPayloads: IdentifyPayload[] = [];
  readonly log: GatewayLogEntry[] = [];
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  private nextConnectionId = 1;
  private readonly logListeners = new Set<(e: GatewayLogEntry) => void>();

  constructor(
    private readonly world: FakeWorld,
    private readonly token: () => string,
    private readonly opts: GatewayOptions,
  ) {
    this.wss.on('connection', (ws: WebSocket, req: IncomingMessage) => this.onConnection(ws, req));
  }

  onLog(listener: (e: GatewayLogEntry) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  private record(e: GatewayLogEntry): void {
    this.log.push(e);
    for (const l of [...this.logListeners]) l(e);
  }

  get openConnectionCount(): number {
    let n = 0;
    for (const c of this.connections) if (c.ws.readyState === WebSocket.OPEN) n++;
    return n;
  }

  /** Sessions that are identified and not invalidated (connected or resumable). */
  get liveSessionCount(): number {
    let n = 0;
    for (const s of this.sessions.values()) if (!s.invalid) n++;
    return n;
  }

  handleUpgrade(req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    const query = Object.fromEntries(url.searchParams.entries());
    const conn: Connection = {
      id: this.nextConnectionId++,
      ws,
      session: null,
    };
    this.connections.add(conn);
    this.record({ kind: 'connect', at: Date.now(), connectionId: conn.id, url: req.url ?? '/', query });
    this.opts.log(`gateway: connection #${conn.id} ${req.url ?? ''}`);

    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(conn, data, isBinary));
    ws.on('close', (code: number, reason: Buffer) => this.onClose(conn, code, reason.toString()));
    ws.on('error', () => {
      /* socket errors surface as close */
    });

    if (query['encoding'] && query['encoding'] !== 'json') {
      this.closeConn(conn, GatewayCloseCodes.DecodeError, 'Only JSON encoding is supported by the fake gateway');
      return;
    }
    if (query['compress'] || query['encoding'] === 'etf') {
      this.closeConn(conn, GatewayCloseCodes.DecodeError, 'The fake gateway supports neither transport compression nor ETF');
      return;
    }
    if (query['v'] && query['v'] !== '10') {
      this.closeConn(conn, GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    this.send(conn, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS, _trace: ['["fake-discord-gateway",{"micros":0}]'] },
      s: null,
      t: null,
    });
  }

  private send(conn: Connection, payload: object): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    conn.ws.send(JSON.stringify(payload));
  }

  private closeConn(conn: Connection, code: number, reason: string): void {
    this.record({ kind: 'close', at: Date.now(), connectionId: conn.id, code, by: 'server', reason });
    this.opts.log(`gateway: closing #${conn.id} with ${code} (${reason})`);
    if (conn.ws.readyState === WebSocket.OPEN || conn.ws.readyState === WebSocket.CONNECTING) conn.ws.close(code, reason);
  }

  private onClose(conn: Connection, code: number, reason: string): void {
    this.connections.delete(conn);
    const last = this.log[this.log.length - 1];
    if (!(last?.kind === 'close' && last.connectionId === conn.id)) {
      this.record({ kind: 'close', at: Date.now(), connectionId: conn.id, code, by: 'client', reason });
    }
    const session = conn.session;
    if (session && session.connection === conn) {
      session.connection = null;
      // Discord invalidates the session when the client closes with 1000/1001.
      if (code === 1000 || code === 1001) {
        session.invalid = true;
        this.sessions.delete(session.id);
      }
    }
  }

  private onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.closeConn(conn, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(rawToString(data)) as { op?: unknown; d?: unknown };
    } catch {
      this.closeConn(conn, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    const op = payload.op;
    const now = Date.now();
    switch (op) {
      case GatewayOpcodes.Heartbeat: {
        this.record({ kind: 'heartbeat', at: now, connectionId: conn.id, seq: typeof payload.d === 'number' ? payload.d : null });
        this.send(conn, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        return;
      }
      case GatewayOpcodes.Identify:
        this.onIdentify(conn, payload.d as IdentifyPayload);
        return;
      case GatewayOpcodes.Resume:
        this.onResume(conn, payload.d as { token: string; session_id: string; seq: number });
        return;
    }
    if (!conn.session) {
      this.closeConn(conn, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
      return;
    }
    // The bot sends no presence, voice state or member requests: any other opcode is unknown here.
    this.record({ kind: 'unknown_op', at: now, connectionId: conn.id, op: typeof op === 'number' ? op : -1 });
    this.closeConn(conn, GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
  }

  private onIdentify(conn: Connection, d: IdentifyPayload): void {
    if (conn.session) {
      this.closeConn(conn, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (!d || typeof d !== 'object' || d.token !== this.token()) {
      this.closeConn(conn, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const intents = typeof d.intents === 'number' ? d.intents : NaN;
    if (!Number.isInteger(intents) || (intents & ~ALL_INTENTS) !== 0) {
      this.closeConn(conn, GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    const shard: [number, number] = d.shard ? [d.shard[0], d.shard[1]] : [0, 1];
    if (!Number.isInteger(shard[0]) || !Number.isInteger(shard[1]) || shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]) {
      this.closeConn(conn, GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return;
    }
    // Fewer shards than Discord asks for: "Sharding required" (only when the app was told to shard).
    if (shard[1] < this.opts.shards && this.opts.shards > 1) {
      this.closeConn(conn, GatewayCloseCodes.ShardingRequired, 'Sharding required.');
      return;
    }
    const mine = [...this.world.guilds.keys()].filter((id) => shardOfGuild(id, shard[1]) === shard[0]);
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      intents,
      identify: d,
      seq: 0,
      buffer: [],
      connection: conn,
      invalid: false,
      shard,
    };
    this.sessions.set(session.id, session);
    conn.session = session;
    this.identifyPayloads.push(d);
    this.record({ kind: 'identify', at: Date.now(), connectionId: conn.id, sessionId: session.id, payload: d });
    this.opts.log(`gateway: IDENTIFY on #${conn.id} intents=${intents} shard=${shard.join('/')} → session ${session.id}`);

    const ready: GatewayReadyDispatchData & Record<string, unknown> = {
      v: 10,
      user: { ...this.world.botUser },
      guilds: mine.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.opts.resumeUrl(),
      shard,
      application: { id: this.world.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
      user_settings: {},
      relationships: [],
      private_channels: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['us-east', 'us-central', 'us-south', 'us-west', 'atlanta'],
      auth: {},
      _trace: ['["fake-discord-gateway",{"micros":0}]'],
    };
    this.dispatchToSession(session, 'READY', ready);
    if ((intents & GatewayIntentBits.Guilds) !== 0) {
      for (const id of mine) {
        this.dispatchToSession(session, 'GUILD_CREATE', guildCreatePayload(this.world, this.world.guilds.get(id)!));
      }
    }
  }

  private onResume(conn: Connection, d: { token: string; session_id: string; seq: number }): void {
    if (conn.session) {
      this.closeConn(conn, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (!d || d.token !== this.token()) {
      this.closeConn(conn, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const session = this.sessions.get(d.session_id);
    if (!session || session.invalid || (session.buffer[0] && d.seq < session.buffer[0].s - 1) || d.seq > session.seq) {
      this.record({ kind: 'resume', at: Date.now(), connectionId: conn.id, sessionId: d.session_id, seq: d.seq, ok: false, replayed: 0 });
      this.opts.log(`gateway: RESUME of unknown/invalid session ${d.session_id} → INVALID_SESSION`);
      // Discord waits a moment before sending op 9
      setTimeout(() => this.send(conn, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null }), 50).unref();
      return;
    }
    const previous = session.connection;
    if (previous && previous !== conn) {
      previous.session = null;
      this.closeConn(previous, 4000, 'Session resumed elsewhere');
    }
    session.connection = conn;
    conn.session = session;
    const missed = session.buffer.filter((p) => p.s > d.seq);
    this.record({ kind: 'resume', at: Date.now(), connectionId: conn.id, sessionId: session.id, seq: d.seq, ok: true, replayed: missed.length });
    this.opts.log(`gateway: RESUME session ${session.id} from seq ${d.seq}, replaying ${missed.length}`);
    for (const p of missed) this.send(conn, p);
    this.dispatchToSession(session, 'RESUMED', { _trace: ['["fake-discord-gateway",{"micros":0}]'] });
  }

  private dispatchToSession(session: Session, t: string, d: unknown): GatewayDispatch {
    session.seq += 1;
    const payload: GatewayDispatch = { op: GatewayOpcodes.Dispatch, t, s: session.seq, d };
    session.buffer.push(payload);
    if (session.buffer.length > 2000) session.buffer.splice(0, session.buffer.length - 2000);
    if (session.connection) this.send(session.connection, payload);
    return payload;
  }

  /**
   * Dispatch an event to every live session (connected, or disconnected-but-resumable: it is buffered
   * and replayed on RESUME). Events are filtered/transformed per session by its intents.
   * Returns the number of sessions that received it.
   */
  dispatch(t: string, d: unknown): number {
    let delivered = 0;
    const guildId = guildOf(t, d);
    for (const session of this.sessions.values()) {
      if (session.invalid) continue;
      // Sharding: a guild's events go to its shard only; events outside guilds (DMs) to shard 0.
      const [shardId, shardCount] = session.shard;
      if (guildId !== undefined ? shardOfGuild(guildId, shardCount) !== shardId : shardId !== 0) continue;
      const data = this.filterForIntents(session.intents, t, d);
      if (data === undefined) continue;
      this.dispatchToSession(session, t, data);
      delivered++;
    }
    return delivered;
  }

  /**
   * Returns undefined if the session must not receive the event, else the (possibly redacted) data.
   * Only the events this server dispatches (messages, guilds, channels, threads, interactions) are filtered.
   */
  private filterForIntents(intents: number, t: string, d: unknown): unknown {
    const has = (bit: number): boolean => (intents & bit) === bit;
    const rec = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
    const inGuild = typeof rec['guild_id'] === 'string';
    const I = GatewayIntentBits;
    if (t === 'MESSAGE_CREATE' || t === 'MESSAGE_UPDATE' || t === 'MESSAGE_DELETE' || t === 'MESSAGE_DELETE_BULK') {
      if (!(inGuild ? has(I.GuildMessages) : has(I.DirectMessages))) return undefined;
      if ((t === 'MESSAGE_CREATE' || t === 'MESSAGE_UPDATE') && !has(I.MessageContent)) return this.redactContent(rec);
      return d;
    }
    if (
      t === 'GUILD_CREATE' ||
      t === 'GUILD_UPDATE' ||
      t === 'GUILD_DELETE' ||
      t.startsWith('GUILD_ROLE_') ||
      t.startsWith('CHANNEL_') ||
      t.startsWith('THREAD_') ||
      t.startsWith('STAGE_INSTANCE_')
    ) {
      return has(I.Guilds) || t === 'CHANNEL_PINS_UPDATE' ? d : undefined;
    }
    return d;
  }

  /**
   * Without the MESSAGE_CONTENT intent, guild messages arrive with empty content/embeds/attachments/components
   * unless the bot authored them or is mentioned in them (DMs are always exempt).
   */
  private redactContent(rec: Record<string, unknown>): unknown {
    if (typeof rec['guild_id'] !== 'string') return rec;
    const botId = this.world.botUser.id;
    const redact = (m: Record<string, unknown>): Record<string, unknown> => {
      const author = m['author'] as { id?: string } | undefined;
      const mentions = Array.isArray(m['mentions']) ? (m['mentions'] as Array<{ id?: string }>) : [];
      const exempt = author?.id === botId || mentions.some((u) => u.id === botId);
      const out: Record<string, unknown> = { ...m };
      if (!exempt) {
        if ('content' in out) out['content'] = '';
        if ('embeds' in out) out['embeds'] = [];
        if ('attachments' in out) out['attachments'] = [];
        if ('components' in out) out['components'] = [];
        delete out['poll'];
      }
      const ref = out['referenced_message'];
      if (typeof ref === 'object' && ref !== null) out['referenced_message'] = redact(ref as Record<string, unknown>);
      return out;
    };
    return redact(rec);
  }

  /** Close every gateway socket. No code → TCP-level terminate (client sees 1006). */
  dropConnections(code?: number, reason = 'fake-discord: dropped'): number {
    const conns = [...this.connections];
    for (const conn of conns) {
      if (code === undefined) {
        this.record({ kind: 'close', at: Date.now(), connectionId: conn.id, code: 1006, by: 'server', reason: 'terminate' });
        conn.ws.terminate();
      } else {
        this.closeConn(conn, code, reason);
      }
    }
    return conns.length;
  }

  /** Send op 7 RECONNECT to every connection (client should close and RESUME). */
  requestReconnect(): void {
    for (const conn of this.connections) this.send(conn, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
  }

  /** Forget all sessions so the next RESUME fails with INVALID_SESSION and the client re-identifies. */
  invalidateSessions(): void {
    for (const s of this.sessions.values()) s.invalid = true;
    this.sessions.clear();
  }

  close(): Promise<void> {
    for (const conn of this.connections) {
      conn.ws.terminate();
    }
    this.connections.clear();
    this.sessions.clear();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

/** The guild an event belongs to: `guild_id`, or the guild itself for GUILD_CREATE / UPDATE / DELETE. */
function guildOf(t: string, d: unknown): string | undefined {
  const rec = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
  if (typeof rec['guild_id'] === 'string') return rec['guild_id'];
  if ((t === 'GUILD_CREATE' || t === 'GUILD_UPDATE' || t === 'GUILD_DELETE') && typeof rec['id'] === 'string') return rec['id'];
  return undefined;
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
