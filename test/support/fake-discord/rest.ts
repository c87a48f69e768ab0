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
import { messageMemberPayload } from './payloads.js';
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

/** ms after INTERACTION_CREATE within which the initial callback must arrive, as on Discord */
const INTERACTION_DEADLINE_MS = 3000;

export interface RestOptions {
  gatewayUrl: () => string;
  /** Shard count GET /gateway/bot recommends. */
  shards: number;
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
    this.routes.push({ method, pattern, auth, segments: pattern.split('/').filter(Boolean), handler });
  }

  // ---------------------------------------------------------------------------------------------

  private registerRoutes(): void {
    const w = this.world;
    const json = (body: unknown): RouteReply => ({ status: 200, body });

    // gateway
    this.add('GET', '/gateway/bot', true, () =>
      json({
        url: this.opts.gatewayUrl(),
        shards: this.opts.shards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      }),
    );

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
      this.add('PUT', base, true, ({ params, body }) => {
        const m = store(params);
        if (!Array.isArray(body))
          throw new ApiError(400, {
            code: 50035,
            message: 'Invalid Form Body',
            errors: { _errors: [{ code: 'BASE_TYPE_LIST', message: 'Must be an array' }] },
          });
        validateCommands(body);
        const previous = [...m.values()];
        m.clear();
        const out = body.map((c) => {
          const cmd = this.commandObject(c, params['guildId'] ?? null, previous);
          m.set(cmd.id, cmd);
          return cmd;
        });
        return json(out);
      });
    }

    // interactions
    this.add('POST', '/interactions/:interactionId/:token/callback', false, (ctx) => this.interactionCallback(ctx));
    this.add('POST', '/webhooks/:appId/:token', false, (ctx) => this.followup(ctx));
    this.add('PATCH', '/webhooks/:appId/:token/messages/:messageId', false, (ctx) => this.webhookEdit(ctx));
    this.add('DELETE', '/webhooks/:appId/:token/messages/:messageId', false, ({ params }) => {
      const { stored } = this.webhookMessage(params);
      return this.deleteMessage(stored);
    });

    // channels & messages
    this.add('POST', '/channels/:channelId/messages', true, (ctx) => this.createChannelMessage(ctx));
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
      if (name.length < 1 || name.length > 100) {
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
  }

  // ---------------------------------------------------------------------------------------------

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
    validateMessageBody(b, { requireContent: opts.requireContent, fileCount: opts.files.length, prefix: opts.prefix });
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
        if (stored.ephemeral) return;
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
    if (stored.ephemeral || stored.deleted) return;
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
    if (!state.response && now - state.createdAt > INTERACTION_DEADLINE_MS) {
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
        validateAutocompleteChoices(data);
        break;
      case T.Modal:
        validateModal(data);
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
    if (wasLoading) {
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
