/**
 * REST routes of the fake Discord API (paths relative to /api/v10).
 */
import {
  ApplicationCommandType,
  ChannelType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIApplicationCommand,
  type APIMessage,
  type APIUser,
} from 'discord.js';
import { guildCreatePayload, memberPayload, messageMemberPayload } from './payloads.js';
import { snowflake } from './snowflake.js';
import { P } from './permissions.js';
import type { FakeGateway } from './gateway.js';
import type { FakeWorld, FileUpload, InteractionState, MessageBody, StoredMessage } from './state.js';
import { ApiError, isRecord, validateAutocompleteChoices, validateCommands, validateMessageBody, validateModal } from './validation.js';

export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  files: FileUpload[];
}

export interface RouteReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** run after the response was written (gateway echoes) */
  after?: () => void;
}

export interface Route {
  method: string;
  pattern: string;
  auth: boolean;
  segments: string[];
  handler: (ctx: RouteContext) => RouteReply;
}

export interface RestOptions {
  token: () => string;
  gatewayUrl: () => string;
  /** ms after INTERACTION_CREATE within which the initial callback must arrive; 0 = no deadline */
  interactionDeadlineMs: number;
  /** Shard count GET /gateway/bot recommends. */
  shards: number;
  validate: boolean;
  /** dispatch MESSAGE_CREATE/UPDATE/DELETE for messages the bot creates over REST, as Discord does */
  echoMessages: boolean;
}

function safeDecode(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

const notFound = (code: number, message: string): never => {
  throw new ApiError(404, { code, message });
};

export class FakeRest {
  readonly routes: Route[] = [];

  constructor(
    private readonly world: FakeWorld,
    private readonly gateway: FakeGateway,
    private readonly opts: RestOptions,
  ) {
    this.registerRoutes();
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    const parts = path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = route.segments[i]!;
        const part = safeDecode(parts[i]!);
        if (seg.startsWith(':')) params[seg.slice(1)] = part;
        else if (seg !== part) {
          ok = false;
          break;
        }
      }
      if (ok) return { route, params };
    }
    return null;
  }

  private add(method: string, pattern: string, auth: boolean, handler: (ctx: RouteContext) => RouteReply): void {
    // literal routes must win over parameterised ones (e.g. /users/@me vs /users/:id)
    const route: Route = { method, pattern, auth, segments: pattern.split('/').filter(Boolean), handler };
    const literalScore = (r: Route): number => r.segments.filter((s) => !s.startsWith(':')).length;
    const idx = this.routes.findIndex((r) => r.segments.length === route.segments.length && literalScore(r) < literalScore(route));
    if (idx === -1) this.routes.push(route);
    else this.routes.splice(idx, 0, route);
  }

  // ---------------------------------------------------------------------------------------------

  private registerRoutes(): void {
    const w = this.world;
    const json = (body: unknown, status = 200): RouteReply => ({ status, body });
    const noContent: RouteReply = { status: 204 };

    // gateway
    this.add('GET', '/gateway', false, () => json({ url: this.opts.gatewayUrl() }));
    this.add('GET', '/gateway/bot', true, () =>
      json({
        url: this.opts.gatewayUrl(),
        shards: this.opts.shards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      }),
    );

    // users / application
    this.add('GET', '/users/@me', true, () => json(w.botUser));
    this.add('GET', '/users/:userId', true, ({ params }) => json(w.users.get(params['userId']!) ?? notFound(10013, 'Unknown User')));
    this.add('POST', '/users/@me/channels', true, ({ body }) => {
      const recipient = isRecord(body) && typeof body['recipient_id'] === 'string' ? w.users.get(body['recipient_id']) : undefined;
      if (!recipient) notFound(10013, 'Unknown User');
      return json(w.dmChannelFor(recipient!));
    });
    this.add('GET', '/applications/@me', true, () => json(this.applicationObject()));
    this.add('PATCH', '/applications/@me', true, ({ body }) => json({ ...this.applicationObject(), ...(isRecord(body) ? body : {}) }));
    this.add('GET', '/oauth2/applications/@me', true, () => json(this.applicationObject()));

    // application commands (global + guild)
    for (const scope of ['global', 'guild'] as const) {
      const base = scope === 'global' ? '/applications/:appId/commands' : '/applications/:appId/guilds/:guildId/commands';
      const store = (p: Record<string, string>): Map<string, APIApplicationCommand> => {
        if (p['appId'] !== w.applicationId) throw new ApiError(403, { code: 50001, message: 'Missing Access' });
        if (scope === 'global') return w.globalCommands;
        const gid = p['guildId']!;
        if (!w.guild(gid)) throw new ApiError(403, { code: 50001, message: 'Missing Access' });
        let m = w.guildCommands.get(gid);
        if (!m) w.guildCommands.set(gid, (m = new Map()));
        return m;
      };
      this.add('GET', base, true, ({ params }) => json([...store(params).values()]));
      this.add('PUT', base, true, ({ params, body }) => {
        const m = store(params);
        if (!Array.isArray(body))
          throw new ApiError(400, {
            code: 50035,
            message: 'Invalid Form Body',
            errors: { _errors: [{ code: 'BASE_TYPE_LIST', message: 'Must be an array' }] },
          });
        if (this.opts.validate) validateCommands(body);
        const previous = [...m.values()];
        m.clear();
        const out = body.map((c) => {
          const cmd = this.commandObject(c, params['guildId'] ?? null, previous);
          m.set(cmd.id, cmd);
          return cmd;
        });
        return json(out);
      });
      this.add('POST', base, true, ({ params, body }) => {
        const m = store(params);
        if (this.opts.validate) validateCommands([body]);
        const previous = [...m.values()];
        const cmd = this.commandObject(body, params['guildId'] ?? null, previous);
        const existed = m.has(cmd.id);
        m.set(cmd.id, cmd);
        return json(cmd, existed ? 200 : 201);
      });
      this.add('GET', `${base}/:commandId`, true, ({ params }) =>
        json(store(params).get(params['commandId']!) ?? notFound(10063, 'Unknown application command')),
      );
      this.add('PATCH', `${base}/:commandId`, true, ({ params, body }) => {
        const m = store(params);
        const existing = m.get(params['commandId']!) ?? notFound(10063, 'Unknown application command');
        const merged = { ...existing, ...(isRecord(body) ? body : {}), id: existing.id, version: snowflake() } as APIApplicationCommand;
        m.set(existing.id, merged);
        return json(merged);
      });
      this.add('DELETE', `${base}/:commandId`, true, ({ params }) => {
        const m = store(params);
        if (!m.delete(params['commandId']!)) notFound(10063, 'Unknown application command');
        return noContent;
      });
    }

    // interactions
    this.add('POST', '/interactions/:interactionId/:token/callback', false, (ctx) => this.interactionCallback(ctx));
    this.add('POST', '/webhooks/:appId/:token', false, (ctx) => this.followup(ctx));
    this.add('GET', '/webhooks/:appId/:token/messages/:messageId', false, ({ params }) => {
      const { stored } = this.webhookMessage(params);
      return json(stored.data);
    });
    this.add('PATCH', '/webhooks/:appId/:token/messages/:messageId', false, (ctx) => this.webhookEdit(ctx));
    this.add('DELETE', '/webhooks/:appId/:token/messages/:messageId', false, ({ params }) => {
      const { stored } = this.webhookMessage(params);
      return this.deleteMessage(stored);
    });

    // channels & messages
    this.add('GET', '/channels/:channelId', true, ({ params }) => {
      const ch = w.channel(params['channelId']!) ?? notFound(10003, 'Unknown Channel');
      return json(ch.channel);
    });
    this.add('GET', '/channels/:channelId/messages', true, ({ params, query }) => {
      this.requireChannel(params['channelId']!, P.ViewChannel | P.ReadMessageHistory);
      const limit = Math.min(100, Math.max(1, Number(query['limit'] ?? 50)));
      let list = [...w.messages.values()]
        .filter((m) => m.data.channel_id === params['channelId'] && !m.deleted && !m.ephemeral)
        .map((m) => m.data)
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
      if (query['before']) list = list.filter((m) => BigInt(m.id) < BigInt(query['before']!));
      if (query['after']) list = list.filter((m) => BigInt(m.id) > BigInt(query['after']!));
      return json(list.slice(0, limit));
    });
    this.add('GET', '/channels/:channelId/messages/:messageId', true, ({ params }) => {
      this.requireChannel(params['channelId']!, P.ViewChannel | P.ReadMessageHistory);
      const m = w.messages.get(params['messageId']!);
      if (!m || m.deleted || m.ephemeral || m.data.channel_id !== params['channelId']) notFound(10008, 'Unknown Message');
      return json(m!.data);
    });
    this.add('POST', '/channels/:channelId/messages', true, (ctx) => this.createChannelMessage(ctx));
    this.add('PATCH', '/channels/:channelId/messages/:messageId', true, ({ params, body, files }) => {
      this.requireChannel(params['channelId']!, P.ViewChannel);
      const stored = w.messages.get(params['messageId']!);
      if (!stored || stored.deleted || stored.data.channel_id !== params['channelId']) return notFound(10008, 'Unknown Message');
      if (stored.data.author.id !== w.botUser.id) throw new ApiError(403, { code: 50005, message: 'Cannot edit a message authored by another user' });
      const b = this.messageBody(body, { requireContent: false, files });
      const msg = w.applyEdit(stored, b, files, { markEdited: true });
      return { status: 200, body: msg, after: () => this.echo('MESSAGE_UPDATE', stored) };
    });
    this.add('DELETE', '/channels/:channelId/messages/:messageId', true, ({ params }) => {
      const ch = this.requireChannel(params['channelId']!, P.ViewChannel);
      const stored = w.messages.get(params['messageId']!);
      if (!stored || stored.deleted || stored.data.channel_id !== params['channelId']) return notFound(10008, 'Unknown Message');
      if (stored.data.author.id !== w.botUser.id && ch.guild && (w.permissionsIn(ch.guild, w.botUser.id, ch.channel.id) & P.ManageMessages) === 0n) {
        throw new ApiError(403, { code: 50013, message: 'Missing Permissions' });
      }
      return this.deleteMessage(stored);
    });
    // threads: start a public thread on a message (the thread takes the message's id, as on Discord)
    this.add('POST', '/channels/:channelId/messages/:messageId/threads', true, ({ params, body }) => {
      const ch = this.requireChannel(params['channelId']!, P.ViewChannel | P.CreatePublicThreads);
      if (!ch.guild || (ch.channel.type !== ChannelType.GuildText && ch.channel.type !== ChannelType.GuildAnnouncement)) {
        throw new ApiError(400, { code: 50024, message: 'Cannot execute action on this channel type' });
      }
      const stored = w.messages.get(params['messageId']!);
      if (!stored || stored.deleted || stored.data.channel_id !== params['channelId']) return notFound(10008, 'Unknown Message');
      if (stored.data.thread || ch.guild.threads.some((t) => t.id === stored.data.id))
        throw new ApiError(400, { code: 160004, message: 'A thread has already been created for this message' });
      const b = isRecord(body) ? body : {};
      const name = typeof b['name'] === 'string' ? b['name'] : '';
      if (this.opts.validate && (name.length < 1 || name.length > 100)) {
        throw new ApiError(400, {
          code: 50035,
          message: 'Invalid Form Body',
          errors: { name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } },
        });
      }
      const archive = typeof b['auto_archive_duration'] === 'number' ? b['auto_archive_duration'] : 1440;
      const thread = w.addThread(ch.guild, ch.channel.id, stored.data.id, name, w.botUser.id, archive);
      stored.data.thread = thread;
      const guildId = ch.guild.id;
      return { status: 201, body: thread, after: () => this.gateway.dispatch('THREAD_CREATE', { ...thread, guild_id: guildId, newly_created: true }) };
    });

    // guilds
    this.add('GET', '/guilds/:guildId', true, ({ params }) => {
      const g = w.guild(params['guildId']!) ?? notFound(10004, 'Unknown Guild');
      const {
        joined_at: _j,
        large: _l,
        member_count: _mc,
        voice_states: _v,
        members: _m,
        channels: _c,
        threads: _t,
        presences: _p,
        stage_instances: _s,
        guild_scheduled_events: _e,
        soundboard_sounds: _ss,
        unavailable: _u,
        ...guild
      } = guildCreatePayload(w, g);
      return json({ ...guild, approximate_member_count: g.memberCount });
    });
    this.add('GET', '/guilds/:guildId/channels', true, ({ params }) => json((w.guild(params['guildId']!) ?? notFound(10004, 'Unknown Guild')).channels));
    this.add('GET', '/guilds/:guildId/roles', true, ({ params }) => json((w.guild(params['guildId']!) ?? notFound(10004, 'Unknown Guild')).roles));
    this.add('GET', '/guilds/:guildId/members/:userId', true, ({ params }) => {
      const g = w.guild(params['guildId']!) ?? notFound(10004, 'Unknown Guild');
      const m = g.members.get(params['userId']!) ?? notFound(10007, 'Unknown Member');
      return json(memberPayload(w, g, m));
    });
    this.add('GET', '/guilds/:guildId/members', true, ({ params }) => {
      const g = w.guild(params['guildId']!) ?? notFound(10004, 'Unknown Guild');
      return json([...g.members.values()].map((m) => memberPayload(w, g, m)));
    });
  }

  // ---------------------------------------------------------------------------------------------

  private applicationObject(): Record<string, unknown> {
    const w = this.world;
    return {
      id: w.applicationId,
      name: w.botUser.username,
      icon: null,
      description: '',
      summary: '',
      type: null,
      hook: true,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: 'a'.repeat(64),
      flags: 0,
      is_monetized: false,
      is_verified: false,
      is_discoverable: false,
      team: null,
      owner: { ...w.users.get(w.firstGuild.ownerId) },
      bot: w.botAuthor,
      redirect_uris: [],
      interactions_endpoint_url: null,
      approximate_guild_count: w.guilds.size,
      approximate_user_install_count: 0,
      integration_types_config: { '0': {} },
      tags: [],
    };
  }

  private commandObject(input: unknown, guildId: string | null, previous: APIApplicationCommand[]): APIApplicationCommand {
    const c = isRecord(input) ? input : {};
    const type = typeof c['type'] === 'number' ? c['type'] : ApplicationCommandType.ChatInput;
    const name = String(c['name'] ?? '');
    const prior = previous.find((p) => (typeof c['id'] === 'string' && p.id === c['id']) || (p.name === name && p.type === type));
    const id = prior?.id ?? this.world.commandIdFor(name, guildId);
    return {
      id,
      application_id: this.world.applicationId,
      version: snowflake(),
      default_member_permissions: null,
      type,
      name,
      name_localizations: null,
      description: type === ApplicationCommandType.ChatInput ? String(c['description'] ?? '') : '',
      description_localizations: null,
      dm_permission: true,
      contexts: null,
      integration_types: [0],
      nsfw: false,
      ...c,
      ...(guildId ? { guild_id: guildId } : {}),
    } as APIApplicationCommand;
  }

  private messageBody(body: unknown, opts: { requireContent: boolean; files: FileUpload[]; prefix?: string[] }): MessageBody {
    const b = isRecord(body) ? body : {};
    if (this.opts.validate) validateMessageBody(b, { requireContent: opts.requireContent, fileCount: opts.files.length, prefix: opts.prefix });
    return b as MessageBody;
  }

  private requireChannel(channelId: string, needed: bigint) {
    const w = this.world;
    const ch = w.channel(channelId) ?? notFound(10003, 'Unknown Channel');
    if (ch.guild) {
      const perms = w.permissionsIn(ch.guild, w.botUser.id, channelId);
      if ((perms & P.ViewChannel) === 0n) throw new ApiError(403, { code: 50001, message: 'Missing Access' });
      if ((perms & needed) !== needed) throw new ApiError(403, { code: 50013, message: 'Missing Permissions' });
    }
    return ch;
  }

  private createChannelMessage({ params, body, files }: RouteContext): RouteReply {
    const w = this.world;
    const channelId = params['channelId']!;
    const ch = this.requireChannel(channelId, P.ViewChannel | P.SendMessages | (files.length ? P.AttachFiles : 0n));
    if (ch.channel.type === ChannelType.GuildCategory) {
      throw new ApiError(400, { code: 50008, message: 'Cannot send messages in a non-text channel' });
    }
    if (ch.guild && ch.channel.type === ChannelType.PublicThread && (w.permissionsIn(ch.guild, w.botUser.id, channelId) & P.SendMessagesInThreads) === 0n) {
      throw new ApiError(403, { code: 50013, message: 'Missing Permissions' });
    }
    const b = this.messageBody(body, { requireContent: true, files });
    const ref = b.message_reference?.message_id;
    if (ref) {
      const target = w.messages.get(ref);
      const missing = !target || target.deleted || target.data.channel_id !== (b.message_reference?.channel_id ?? channelId);
      if (missing && b.message_reference?.fail_if_not_exists !== false) {
        throw new ApiError(400, {
          code: 50035,
          message: 'Invalid Form Body',
          errors: { message_reference: { _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }] } },
        });
      }
      if (missing && b.message_reference) b.message_reference = null;
    }
    const msg = w.messageFromBody({ channelId, guildId: ch.guild?.id ?? null, author: w.botAuthor, body: b, files });
    const stored = w.storeMessage({ data: msg, guildId: ch.guild?.id ?? null, ephemeral: false, deleted: false });
    return { status: 200, body: msg, after: () => this.echo('MESSAGE_CREATE', stored) };
  }

  private deleteMessage(stored: StoredMessage): RouteReply {
    stored.deleted = true;
    return {
      status: 204,
      after: () => {
        if (!this.opts.echoMessages || stored.ephemeral) return;
        this.gateway.dispatch('MESSAGE_DELETE', {
          id: stored.data.id,
          channel_id: stored.data.channel_id,
          ...(stored.guildId ? { guild_id: stored.guildId } : {}),
        });
      },
    };
  }

  /** Gateway echo of a bot-authored message (Discord sends MESSAGE_CREATE/UPDATE for these too). */
  private echo(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', stored: StoredMessage): void {
    if (!this.opts.echoMessages || stored.ephemeral || stored.deleted) return;
    this.gateway.dispatch(t, this.gatewayMessage(stored));
  }

  gatewayMessage(stored: StoredMessage): Record<string, unknown> {
    const w = this.world;
    const guild = stored.guildId ? w.guild(stored.guildId) : undefined;
    const withMember = (u: APIUser): Record<string, unknown> => {
      const m = guild?.members.get(u.id);
      return guild && m ? { ...u, member: messageMemberPayload(w, guild, m) } : { ...u };
    };
    const author = guild?.members.get(stored.data.author.id);
    const channel = w.channel(stored.data.channel_id);
    return {
      ...stored.data,
      ...(guild ? { guild_id: guild.id } : {}),
      ...(guild && author && !stored.data.webhook_id ? { member: messageMemberPayload(w, guild, author) } : {}),
      mentions: stored.data.mentions.map(withMember),
      ...(channel ? { channel_type: channel.channel.type } : {}),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // interactions

  private interaction(id: string, token: string): InteractionState {
    const state = this.world.interactions.get(id);
    if (!state || state.token !== token) return notFound(10062, 'Unknown interaction');
    return state;
  }

  private interactionByToken(appId: string, token: string): InteractionState {
    if (appId !== this.world.applicationId) return notFound(10015, 'Unknown Webhook');
    for (const s of this.world.interactions.values()) if (s.token === token) return s;
    return notFound(10015, 'Unknown Webhook');
  }

  private interactionMessage(state: InteractionState, body: MessageBody, files: FileUpload[], loading: boolean): StoredMessage {
    const w = this.world;
    const isCommand = state.type === InteractionType.ApplicationCommand;
    const msgType = isCommand
      ? state.commandType === ApplicationCommandType.ChatInput
        ? MessageType.ChatInputCommand
        : MessageType.ContextMenuCommand
      : MessageType.Default;
    const ephemeral = ((body.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
    const metadata = {
      id: state.id,
      type: state.type,
      user: state.user,
      authorizing_integration_owners: state.authorizingOwners,
      ...(isCommand ? { name: state.commandName, command_type: state.commandType } : {}),
      ...(state.sourceMessageId ? { interacted_message_id: state.sourceMessageId } : {}),
    };
    const msg: APIMessage = w.messageFromBody({
      channelId: state.channelId,
      guildId: state.guildId,
      author: w.botAuthor,
      body: loading ? { flags: body.flags ?? 0 } : body,
      files: loading ? [] : files,
      type: msgType,
      extra: {
        webhook_id: w.applicationId,
        application_id: w.applicationId,
        interaction_metadata: metadata as APIMessage['interaction_metadata'],
        ...(isCommand ? { interaction: { id: state.id, type: state.type, name: state.commandName ?? '', user: state.user } as APIMessage['interaction'] } : {}),
      },
    });
    if (loading) msg.flags = (msg.flags ?? 0) | MessageFlags.Loading;
    return w.storeMessage({ data: msg, guildId: state.guildId, ephemeral, deleted: false, interactionId: state.id });
  }

  private interactionCallback({ params, query, body, files }: RouteContext): RouteReply {
    const w = this.world;
    const state = this.interaction(params['interactionId']!, params['token']!);
    const now = Date.now();
    if (this.opts.interactionDeadlineMs > 0 && !state.response && now - state.createdAt > this.opts.interactionDeadlineMs) {
      return notFound(10062, 'Unknown interaction');
    }
    if (state.response) throw new ApiError(400, { code: 40060, message: 'Interaction has already been acknowledged.' });
    if (!isRecord(body) || typeof body['type'] !== 'number') {
      throw new ApiError(400, {
        code: 50035,
        message: 'Invalid Form Body',
        errors: { type: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } },
      });
    }
    const type = body['type'] as InteractionResponseType;
    const data = isRecord(body['data']) ? body['data'] : {};
    const T = InteractionResponseType;
    const allowed: Partial<Record<InteractionType, InteractionResponseType[]>> = {
      [InteractionType.ApplicationCommand]: [T.ChannelMessageWithSource, T.DeferredChannelMessageWithSource, T.Modal, T.LaunchActivity],
      [InteractionType.MessageComponent]: [
        T.ChannelMessageWithSource,
        T.DeferredChannelMessageWithSource,
        T.DeferredMessageUpdate,
        T.UpdateMessage,
        T.Modal,
        T.LaunchActivity,
      ],
      [InteractionType.ApplicationCommandAutocomplete]: [T.ApplicationCommandAutocompleteResult],
      [InteractionType.ModalSubmit]: [T.ChannelMessageWithSource, T.DeferredChannelMessageWithSource, T.DeferredMessageUpdate, T.UpdateMessage],
    };
    if (!(allowed[state.type] ?? []).includes(type)) {
      throw new ApiError(400, {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          type: {
            _errors: [
              { code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Interaction response type ${type} is not valid for interaction type ${state.type}` },
            ],
          },
        },
      });
    }
    if ((type === T.UpdateMessage || type === T.DeferredMessageUpdate) && !state.sourceMessageId) {
      throw new ApiError(400, {
        code: 50035,
        message: 'Invalid Form Body',
        errors: { type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'This interaction has no message to update' }] } },
      });
    }

    let message: StoredMessage | undefined;
    let after: (() => void) | undefined;
    switch (type) {
      case T.ChannelMessageWithSource: {
        const b = this.messageBody(data, { requireContent: true, files, prefix: ['data'] });
        message = this.interactionMessage(state, b, files, false);
        const m = message;
        after = () => this.echo('MESSAGE_CREATE', m);
        break;
      }
      case T.DeferredChannelMessageWithSource: {
        message = this.interactionMessage(state, { flags: typeof data['flags'] === 'number' ? data['flags'] : 0 }, [], true);
        const m = message;
        after = () => this.echo('MESSAGE_CREATE', m);
        break;
      }
      case T.DeferredMessageUpdate:
        message = w.messages.get(state.sourceMessageId!);
        break;
      case T.UpdateMessage: {
        const source = w.messages.get(state.sourceMessageId!);
        if (!source) return notFound(10008, 'Unknown Message');
        const b = this.messageBody(data, { requireContent: false, files, prefix: ['data'] });
        w.applyEdit(source, b, files, { markEdited: true });
        message = source;
        after = () => this.echo('MESSAGE_UPDATE', source);
        break;
      }
      case T.ApplicationCommandAutocompleteResult:
        if (this.opts.validate) validateAutocompleteChoices(data);
        break;
      case T.Modal:
        if (this.opts.validate) validateModal(data);
        break;
    }
    state.response = { type, at: now, body };
    if (message) state.originalMessageId = message.data.id;

    if (query['with_response'] === 'true') {
      return {
        status: 200,
        body: {
          interaction: {
            id: state.id,
            type: state.type,
            ...(message
              ? {
                  response_message_id: message.data.id,
                  response_message_loading: type === T.DeferredChannelMessageWithSource,
                  response_message_ephemeral: message.ephemeral,
                }
              : {}),
          },
          resource: {
            type,
            ...(message && (type === T.ChannelMessageWithSource || type === T.UpdateMessage) ? { message: message.data } : {}),
          },
        },
        after,
      };
    }
    return { status: 204, after };
  }

  private webhookMessage(params: Record<string, string>): { state: InteractionState; stored: StoredMessage } {
    const state = this.interactionByToken(params['appId']!, params['token']!);
    const messageId = params['messageId']!;
    const id = messageId === '@original' ? state.originalMessageId : messageId;
    if (!id) {
      // the original response does not exist until the interaction is acknowledged
      return notFound(state.response ? 10008 : 10015, state.response ? 'Unknown Message' : 'Unknown Webhook');
    }
    const stored = this.world.messages.get(id);
    const belongs = id === state.originalMessageId || state.followupIds.includes(id);
    if (!stored || stored.deleted || !belongs) return notFound(10008, 'Unknown Message');
    return { state, stored };
  }

  private webhookEdit({ params, body, files }: RouteContext): RouteReply {
    const { stored } = this.webhookMessage(params);
    const wasLoading = ((stored.data.flags ?? 0) & MessageFlags.Loading) !== 0;
    const b = this.messageBody(body, { requireContent: false, files });
    const msg = this.world.applyEdit(stored, b, files, { markEdited: !wasLoading });
    if (wasLoading && this.opts.validate) {
      // a deferred response must end up with something to show
      validateMessageBody(msg as unknown as Record<string, unknown>, { requireContent: true, fileCount: msg.attachments.length });
    }
    return { status: 200, body: msg, after: () => this.echo('MESSAGE_UPDATE', stored) };
  }

  private followup({ params, query, body, files }: RouteContext): RouteReply {
    const state = this.interactionByToken(params['appId']!, params['token']!);
    if (!state.response) return notFound(10015, 'Unknown Webhook');
    const b = this.messageBody(body, { requireContent: true, files });
    const stored = this.interactionMessage(state, b, files, false);
    stored.data.type = MessageType.Default;
    state.followupIds.push(stored.data.id);
    const after = (): void => this.echo('MESSAGE_CREATE', stored);
    // without ?wait=true Discord answers 204 and doesn't return the message
    if (query['wait'] !== 'true') return { status: 204, after };
    return { status: 200, body: stored.data, after: () => this.echo('MESSAGE_CREATE', stored) };
  }
}
