/**
 * Loopback Discord (REST + gateway) for end-to-end tests with an unmodified discord.js Client:
 *
 *   const discord = await startFakeDiscord();
 *   const client = new Client({ intents, rest: { api: discord.apiBase } });
 *   await client.login(discord.token);
 *   discord.sendInteraction(discord.slashCommand({ name: 'ask', options: [{ name: 'q', value: 'hi' }] }));
 *   const req = await discord.waitForRequest({ method: 'PATCH', path: /@original$/ });
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import {
  InteractionType,
  type APIApplicationCommandAutocompleteInteraction,
  type APIAttachment,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessage,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
  type GatewayMessageCreateDispatchData,
} from 'discord.js';
import { snowflake } from './snowflake.js';
import { FakeWorld, type FakeGuildSpec, type FileUpload, type InteractionState } from './state.js';
import { FakeGateway, type GatewayLogEntry, type IdentifyPayload } from './gateway.js';
import { FakeRest } from './rest.js';
import { ApiError, isRecord, type DiscordErrorBody } from './validation.js';
import {
  buildAutocomplete,
  buildComponentInteraction,
  buildMessageCreate,
  buildModalSubmit,
  buildSlashCommand,
  type AutocompleteInput,
  type ComponentInput,
  type MessageCreateInput,
  type ModalSubmitInput,
  type SlashCommandInput,
} from './builders.js';

export interface FakeDiscordOptions {
  /** default: one guild with #general, #news and a voice channel */
  guilds?: FakeGuildSpec[];
  /**
   * Gateway sharding: the shard count GET /gateway/bot recommends (default 1). Clients may IDENTIFY
   * with `shard: [id, count]`; each session then gets only the guilds with `(guild_id >> 22) % count
   * === id` (READY, GUILD_CREATE and every guild event), and shard 0 gets what is outside guilds (DMs).
   */
  shards?: number;
}

export interface RecordedResponse {
  status: number;
  body: unknown;
  at: number;
}

export interface RecordedRequest<TBody = unknown> {
  /** 1-based arrival order */
  seq: number;
  method: string;
  /**
   * path without the /api/v10 prefix, percent-decoded per segment, e.g. "/interactions/123/tok/callback",
   * "/webhooks/1/tok/messages/@original" (the full path if it was not under /api/v10)
   */
  path: string;
  /** the path as sent (discord.js sends "@original" as "%40original") */
  rawPath: string;
  /** matched route pattern, e.g. "POST /interactions/:interactionId/:token/callback"; null = unknown endpoint */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  /** lower-cased header names */
  headers: Record<string, string>;
  /** parsed JSON body (for multipart: the parsed payload_json); null if none */
  body: TBody | null;
  rawBody: Buffer;
  files: FileUpload[];
  at: number;
  /** filled in once the response has been written */
  response?: RecordedResponse;
}

export type RequestMatcher =
  | ((req: RecordedRequest) => boolean)
  | {
      method?: string;
      /** exact path or regexp over the path (without /api/v10) */
      path?: string | RegExp;
      /** route pattern, e.g. "POST /channels/:channelId/messages" */
      route?: string;
    };

export interface InteractionRef {
  id: string;
  token: string;
}

interface Waiter {
  match: (r: RecordedRequest) => boolean;
  phase: 'request' | 'response';
  resolve: (r: RecordedRequest) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  description: string;
}

const API_PREFIX = '/api/v10';

function makeToken(botId: string): string {
  return `${Buffer.from(botId).toString('base64url')}.${randomBytes(5).toString('base64url')}.${randomBytes(28).toString('base64url')}`;
}

function toMatcher(m: RequestMatcher): (r: RecordedRequest) => boolean {
  if (typeof m === 'function') return m;
  return (r) =>
    (m.method === undefined || r.method === m.method.toUpperCase()) &&
    (m.path === undefined || (typeof m.path === 'string' ? r.path === m.path : m.path.test(r.path))) &&
    (m.route === undefined || r.route === m.route);
}

function describeMatcher(m: RequestMatcher): string {
  if (typeof m === 'function') return m.toString().slice(0, 200);
  return JSON.stringify({ ...m, path: m.path instanceof RegExp ? String(m.path) : m.path });
}

export function summarize(r: RecordedRequest): string {
  const status = r.response ? ` → ${r.response.status}` : ' → (pending)';
  return `${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query).toString()}` : ''}${status}${r.route ? '' : ' [unknown route]'}`;
}

export class FakeDiscord {
  readonly world: FakeWorld;
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  /** the default human user */
  readonly user: APIUser;
  readonly guildId: string;
  /** first text channel of the first guild */
  readonly channelId: string;
  readonly requests: RecordedRequest[] = [];
  /** resolves with the first IDENTIFY payload */
  readonly identified: Promise<IdentifyPayload>;

  private readonly http: http.Server;
  private readonly gateway: FakeGateway;
  private readonly rest: FakeRest;
  private readonly waiters = new Set<Waiter>();
  private restDelayMs = 0;
  private requestSeq = 0;
  private port = 0;
  private closed = false;
  private readonly logLine: (line: string) => void;

  constructor(opts: FakeDiscordOptions = {}) {
    this.world = new FakeWorld(opts);
    this.applicationId = this.world.applicationId;
    this.botUser = this.world.botUser;
    this.user = this.world.defaultUser;
    this.guildId = this.world.firstGuild.id;
    this.channelId = this.world.firstTextChannel().id;
    // IDENTIFY / REST with another token fail with 4004 / 401
    this.token = makeToken(this.botUser.id);
    this.logLine = process.env['FAKE_DISCORD_DEBUG'] ? (l) => console.error(`[fake-discord] ${l}`) : () => undefined;

    this.gateway = new FakeGateway(this.world, () => this.token, {
      resumeUrl: () => this.gatewayUrl,
      log: this.logLine,
      shards: opts.shards ?? 1,
    });
    this.rest = new FakeRest(this.world, this.gateway, {
      gatewayUrl: () => this.gatewayUrl,
      shards: opts.shards ?? 1,
    });
    this.identified = new Promise((resolve) => {
      const off = this.gateway.onLog((e) => {
        if (e.kind === 'identify') {
          off();
          resolve(e.payload);
        }
      });
    });
    this.http = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.logLine(`internal error: ${String(err)}`);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ code: 0, message: `fake-discord internal error: ${String(err)}` }));
        }
      });
    });
    this.http.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => this.gateway.handleUpgrade(req, socket, head));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(0, '127.0.0.1', () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    this.port = (this.http.address() as AddressInfo).port;
    this.logLine(`listening on 127.0.0.1:${this.port}`);
    return this;
  }

  /** value for `new Client({ rest: { api } })` */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** what GET /gateway/bot returns */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  // -------------------------------------------------------------------------------------------
  // gateway

  get identifyPayloads(): readonly IdentifyPayload[] {
    return this.gateway.identifyPayloads;
  }

  get gatewayLog(): readonly GatewayLogEntry[] {
    return this.gateway.log;
  }

  get openGatewayConnections(): number {
    return this.gateway.openConnectionCount;
  }

  /** Resolves once `count` IDENTIFYs have been received in total. */
  waitForIdentify(count = 1, timeoutMs = 10_000): Promise<IdentifyPayload> {
    return this.waitForGateway((e) => e.kind === 'identify', timeoutMs, count).then((e) => (e as Extract<GatewayLogEntry, { kind: 'identify' }>).payload);
  }

  /** Resolves with the `count`-th gateway log entry matching `predicate` (already logged ones count). */
  waitForGateway(predicate: (e: GatewayLogEntry) => boolean, timeoutMs = 10_000, count = 1): Promise<GatewayLogEntry> {
    const existing = this.gateway.log.filter(predicate);
    if (existing.length >= count) return Promise.resolve(existing[count - 1]!);
    return new Promise((resolve, reject) => {
      let seen = existing.length;
      const timer = setTimeout(() => {
        off();
        reject(
          new Error(
            `fake-discord: gateway event not seen within ${timeoutMs} ms. Log:\n${this.gateway.log
              .slice(-15)
              .map((e) => `  ${JSON.stringify(e).slice(0, 200)}`)
              .join('\n')}`,
          ),
        );
      }, timeoutMs);
      const off = this.gateway.onLog((e) => {
        if (predicate(e) && ++seen >= count) {
          clearTimeout(timer);
          off();
          resolve(e);
        }
      });
    });
  }

  /**
   * Dispatch a gateway event to every identified session (buffered for resumable disconnected
   * sessions). INTERACTION_CREATE payloads are registered so callbacks to them are accepted;
   * MESSAGE_CREATE payloads are stored so they can be replied to / fetched.
   * Returns the number of sessions it was delivered to (after intent filtering).
   */
  dispatch(event: string, data: unknown): number {
    if (event === 'INTERACTION_CREATE' && isRecord(data)) this.registerInteraction(data as unknown as APIInteraction);
    if (event === 'MESSAGE_CREATE' && isRecord(data)) this.storeIncomingMessage(data as unknown as GatewayMessageCreateDispatchData);
    return this.gateway.dispatch(event, data);
  }

  /** Close all gateway sockets. No code → abrupt TCP terminate (client sees 1006 and resumes); 4000 → resumable close. */
  dropConnections(code?: number): number {
    return this.gateway.dropConnections(code);
  }

  /** Send op 7 RECONNECT (client closes and resumes). */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Forget sessions: the next RESUME gets INVALID_SESSION and the client must re-IDENTIFY. */
  invalidateSessions(): void {
    this.gateway.invalidateSessions();
  }

  // -------------------------------------------------------------------------------------------
  // payload builders

  slashCommand(input: SlashCommandInput): APIChatInputApplicationCommandInteraction {
    return buildSlashCommand(this.world, input);
  }

  autocomplete(input: AutocompleteInput): APIApplicationCommandAutocompleteInteraction {
    return buildAutocomplete(this.world, input);
  }

  /** MESSAGE_COMPONENT interaction for a button (or, with componentType, a select menu). */
  buttonClick(input: ComponentInput): APIMessageComponentInteraction {
    return buildComponentInteraction(this.world, input);
  }

  modalSubmit(input: ModalSubmitInput): APIModalSubmitInteraction {
    return buildModalSubmit(this.world, input);
  }

  messageCreate(input: MessageCreateInput): GatewayMessageCreateDispatchData {
    return buildMessageCreate(this.world, input);
  }

  /** Dispatch INTERACTION_CREATE. Throws if no gateway session would receive it. */
  sendInteraction(payload: APIInteraction): InteractionRef {
    const delivered = this.dispatch('INTERACTION_CREATE', payload);
    if (delivered === 0) throw new Error('fake-discord: no identified gateway session to deliver INTERACTION_CREATE to (did the client log in?)');
    return { id: payload.id, token: payload.token };
  }

  /** Dispatch MESSAGE_CREATE. Returns how many sessions received it (0 if filtered out by intents). */
  sendMessage(payload: GatewayMessageCreateDispatchData): { id: string; channelId: string; delivered: number } {
    const delivered = this.dispatch('MESSAGE_CREATE', payload);
    return { id: payload.id, channelId: payload.channel_id, delivered };
  }

  private registerInteraction(p: APIInteraction): void {
    const user = p.member?.user ?? p.user;
    if (!user) throw new Error('fake-discord: interaction payload has neither member.user nor user');
    if (p.message && !this.world.messages.has(p.message.id)) {
      this.world.storeMessage({ data: p.message, guildId: p.guild_id ?? null, ephemeral: ((p.message.flags ?? 0) & 64) !== 0, deleted: false });
    }
    const data = 'data' in p && isRecord(p.data) ? (p.data as Record<string, unknown>) : {};
    const state: InteractionState = {
      id: p.id,
      token: p.token,
      type: p.type,
      ...(p.type === InteractionType.ApplicationCommand || p.type === InteractionType.ApplicationCommandAutocomplete
        ? { commandType: data['type'] as InteractionState['commandType'], commandName: String(data['name'] ?? '') }
        : {}),
      guildId: p.guild_id ?? null,
      channelId: p.channel_id ?? p.channel?.id ?? '',
      user,
      createdAt: Date.now(),
      ...(p.message ? { sourceMessageId: p.message.id } : {}),
      authorizingOwners: { ...p.authorizing_integration_owners } as Record<string, string>,
      followupIds: [],
    };
    this.world.interactions.set(p.id, state);
  }

  private storeIncomingMessage(d: GatewayMessageCreateDispatchData): void {
    const { guild_id, member: _member, channel_type: _ct, ...rest } = d as GatewayMessageCreateDispatchData & { channel_type?: number };
    const data = { ...rest, mentions: d.mentions.map(({ member: _m, ...u }) => u) } as APIMessage;
    this.world.storeMessage({ data, guildId: guild_id ?? null, ephemeral: false, deleted: false });
  }

  // -------------------------------------------------------------------------------------------
  // attachments (a user's upload, as slash-command attachment options carry it)

  /**
   * A file a user uploads with a slash command: returns the attachment object Discord puts in
   * `resolved.attachments` (pass its `id` as the value of an Attachment option, type 11), whose
   * `url` this server serves like Discord's CDN (`GET /attachments/:channelId/:id/:filename`).
   * `servedAs` overrides the CDN's Content-Type (Discord sniffs uploads: a .md may come as text/plain).
   */
  uploadAttachment(input: { filename: string; data: string | Buffer; contentType?: string; servedAs?: string; channelId?: string }): APIAttachment {
    const id = snowflake();
    const data = typeof input.data === 'string' ? Buffer.from(input.data) : input.data;
    const channelId = input.channelId ?? this.channelId;
    const url = `http://127.0.0.1:${this.port}/attachments/${channelId}/${id}/${encodeURIComponent(input.filename)}?ex=${Math.floor(Date.now() / 1000 + 86400).toString(16)}&is=${Math.floor(Date.now() / 1000).toString(16)}&hm=${randomBytes(32).toString('hex')}&`;
    const api: APIAttachment = {
      id,
      filename: input.filename,
      size: data.length,
      url,
      proxy_url: url.replace('/attachments/', '/proxy/attachments/'),
      ...(input.contentType ? { content_type: input.contentType } : {}),
      ephemeral: true,
    };
    this.world.attachments.set(id, { api, data, ...(input.servedAs ? { servedAs: input.servedAs } : {}) });
    return api;
  }

  /** Serve an uploaded attachment as Discord's CDN would; false when `path` is not a CDN path. */
  private serveCdn(method: string, path: string, record: RecordedRequest, res: http.ServerResponse): boolean {
    const m = /^\/attachments\/(\d+)\/(\d+)\/([^/]+)$/.exec(path);
    if (!m) return false;
    record.route = `${method} /attachments/:channelId/:attachmentId/:filename (CDN)`;
    const stored = this.world.attachments.get(m[2]!);
    const ok = method === 'GET' && stored !== undefined && stored.api.filename === decodeURIComponent(m[3]!);
    if (!ok) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found');
      record.response = { status: 404, body: 'Not Found', at: Date.now() };
    } else {
      const type = stored.servedAs ?? stored.api.content_type ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': String(stored.data.length) });
      res.end(stored.data);
      record.response = { status: 200, body: null, at: Date.now() };
    }
    this.notify(record, 'response');
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // state inspection

  /** The current state of the interaction's original response message (after defer/edit etc.). */
  originalResponse(ref: InteractionRef | string): APIMessage | undefined {
    const state = this.world.interactions.get(typeof ref === 'string' ? ref : ref.id);
    const id = state?.originalMessageId;
    return id ? this.world.messages.get(id)?.data : undefined;
  }

  getMessage(id: string): APIMessage | undefined {
    return this.world.messages.get(id)?.data;
  }

  // -------------------------------------------------------------------------------------------
  // requests

  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Requests that hit no known route (they got 404 {message:"Unknown", code:0}). */
  unexpectedRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.route === null);
  }

  /**
   * Resolve with the first recorded (since the last clearRequests) or future request matching.
   * Resolves as soon as the request arrives — its `response` may not be set yet (see waitForResponse).
   */
  waitForRequest<TBody = unknown>(matcher: RequestMatcher, timeoutMs = 10_000): Promise<RecordedRequest<TBody>> {
    return this.wait(matcher, timeoutMs, 'request') as Promise<RecordedRequest<TBody>>;
  }

  /** Like waitForRequest but resolves once the response has been written (req.response is set). */
  waitForResponse<TBody = unknown>(matcher: RequestMatcher, timeoutMs = 10_000): Promise<RecordedRequest<TBody>> {
    return this.wait(matcher, timeoutMs, 'response') as Promise<RecordedRequest<TBody>>;
  }

  /** The POST /interactions/:id/:token/callback for this interaction. */
  waitForInteractionCallback<TBody = unknown>(ref: InteractionRef, timeoutMs = 10_000): Promise<RecordedRequest<TBody>> {
    return this.waitForRequest<TBody>({ method: 'POST', path: `/interactions/${ref.id}/${ref.token}/callback` }, timeoutMs);
  }

  private wait(matcher: RequestMatcher, timeoutMs: number, phase: 'request' | 'response'): Promise<RecordedRequest> {
    const match = toMatcher(matcher);
    const done = (r: RecordedRequest): boolean => match(r) && (phase === 'request' || r.response !== undefined);
    const found = this.requests.find(done);
    if (found) return Promise.resolve(found);
    if (this.closed) return Promise.reject(new Error('fake-discord: server is closed'));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match: done,
        phase,
        resolve,
        reject,
        description: describeMatcher(matcher),
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(
            new Error(
              `fake-discord: no ${phase === 'response' ? 'completed ' : ''}request matching ${waiter.description} within ${timeoutMs} ms.\n` +
                `Recent requests (${this.requests.length} total):\n${
                  this.requests
                    .slice(-20)
                    .map((r) => `  ${summarize(r)}`)
                    .join('\n') || '  (none)'
                }`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  private notify(r: RecordedRequest, phase: 'request' | 'response'): void {
    for (const w of [...this.waiters]) {
      // response-phase waiters only match once r.response is set
      if (phase === 'request' && w.phase === 'response') continue;
      if (w.match(r)) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(r);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // fault injection

  /** Delay every REST response by `ms` (0 to disable). */
  setRestDelay(ms: number): void {
    this.restDelayMs = ms;
  }

  // -------------------------------------------------------------------------------------------
  // http

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fullPath = url.pathname;
    const versioned = fullPath.startsWith(`${API_PREFIX}/`);
    const rawPath = versioned ? fullPath.slice(API_PREFIX.length) : fullPath;
    const path = decodePath(rawPath);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;

    let body: unknown = null;
    let files: FileUpload[] = [];
    let parseError: DiscordErrorBody | null = null;
    const contentType = headers['content-type'] ?? '';
    if (rawBody.length > 0) {
      if (contentType.startsWith('application/json')) {
        try {
          body = JSON.parse(rawBody.toString('utf8'));
        } catch {
          parseError = { code: 50109, message: 'The request body contains invalid JSON.' };
        }
      } else if (contentType.startsWith('multipart/form-data')) {
        try {
          ({ body, files } = await parseMultipart(rawBody, contentType));
        } catch (err) {
          parseError = { code: 50035, message: `Invalid multipart body: ${String(err)}` };
        }
      }
    }

    const matched = versioned ? this.rest.match(method, rawPath) : null;
    const record: RecordedRequest = {
      seq: ++this.requestSeq,
      method,
      path,
      rawPath,
      route: matched ? `${matched.route.method} ${matched.route.pattern}` : null,
      params: matched?.params ?? {},
      query: Object.fromEntries(url.searchParams.entries()),
      headers,
      body,
      rawBody,
      files,
      at: Date.now(),
    };
    this.requests.push(record);
    this.logLine(`REST ${method} ${path}`);
    this.notify(record, 'request');
    if (!versioned && this.serveCdn(method, path, record, res)) return;

    if (this.restDelayMs > 0) await new Promise((r) => setTimeout(r, this.restDelayMs));

    let status: number;
    let replyBody: unknown;
    let extraHeaders: Record<string, string> = {};
    let after: (() => void) | undefined;
    if (parseError) {
      status = 400;
      replyBody = parseError;
    } else if (!matched) {
      status = 404;
      replyBody = { message: 'Unknown', code: 0 };
    } else if (matched.route.auth && headers['authorization'] !== `Bot ${this.token}`) {
      status = 401;
      replyBody = { message: '401: Unauthorized', code: 0 };
    } else {
      try {
        const reply = matched.route.handler({ method, path, params: matched.params, query: record.query, body, files });
        status = reply.status;
        replyBody = reply.body;
        extraHeaders = reply.headers ?? {};
        after = reply.after;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        status = err.status;
        replyBody = err.body;
      }
    }

    const resetAfter = 1;
    const outHeaders: Record<string, string> = {
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '4',
      'x-ratelimit-reset': ((Date.now() + resetAfter * 1000) / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': bucketHash(record.route ?? `${method} ${path}`),
      ...extraHeaders,
    };
    if (status === 204 || replyBody === undefined) {
      res.writeHead(status === 200 && replyBody === undefined ? 204 : status, outHeaders);
      res.end();
    } else {
      const text = JSON.stringify(replyBody);
      res.writeHead(status, { ...outHeaders, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    }
    record.response = { status, body: replyBody ?? null, at: Date.now() };
    if (status >= 400) this.logLine(`REST ${method} ${path} → ${status} ${JSON.stringify(replyBody)}`);
    this.notify(record, 'response');
    if (after && !this.closed) setImmediate(after);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error(`fake-discord: closed while waiting for request matching ${w.description}`));
    }
    this.waiters.clear();
    await this.gateway.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

function decodePath(p: string): string {
  return p
    .split('/')
    .map((seg) => {
      try {
        return decodeURIComponent(seg);
      } catch {
        return seg;
      }
    })
    .join('/');
}

function bucketHash(route: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < route.length; i++) {
    h ^= route.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0').repeat(4);
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<{ body: unknown; files: FileUpload[] }> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  let body: unknown = null;
  const fields: Record<string, unknown> = {};
  const files: FileUpload[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') {
      if (key === 'payload_json') body = JSON.parse(value);
      else fields[key] = value;
    } else {
      const data = Buffer.from(await value.arrayBuffer());
      files.push({ field: key, filename: value.name, contentType: value.type || 'application/octet-stream', size: data.length, data });
    }
  }
  if (body === null && Object.keys(fields).length > 0) body = fields;
  return { body, files };
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(opts).listen();
}
