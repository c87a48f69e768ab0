/**
 * In-memory "Discord" world: users, guilds, channels, messages, interactions and commands.
 * Shared by the REST routes and the gateway. Turning it into the JSON Discord sends for members
 * and guilds is payloads.ts' job; records are typed with discord-api-types via discord.js.
 */
import {
  ChannelType,
  Locale,
  MessageFlags,
  MessageType,
  type APIApplicationCommand,
  type APIAttachment,
  type APIDMChannel,
  type APIEmbed,
  type APIGuildCategoryChannel,
  type APIGuildVoiceChannel,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APINewsChannel,
  type APIOverwrite,
  type APIRole,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  type InteractionResponseType,
  type InteractionType,
  type ApplicationCommandType,
  type UserFlags,
  type RoleFlags,
  type ChannelFlags,
} from 'discord.js';
import { snowflake } from './snowflake.js';
import { computePermissions, DEFAULT_BOT_ROLE_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, P, toPermissionBits, type PermissionInput } from './permissions.js';

// ---------------------------------------------------------------------------------------------
// Specs (what tests pass in)

export type FakeChannelKind = ChannelType.GuildText | ChannelType.GuildVoice | ChannelType.GuildCategory | ChannelType.GuildAnnouncement;

export interface FakeOverwriteSpec {
  /** role id (type 0) or user id (type 1); the guild id targets @everyone */
  id: string;
  type: 0 | 1;
  allow?: PermissionInput;
  deny?: PermissionInput;
}

export interface FakeChannelSpec {
  id?: string;
  name: string;
  /** default GuildText */
  type?: FakeChannelKind;
  /** id of a category channel in the same spec */
  parentId?: string | null;
  topic?: string | null;
  nsfw?: boolean;
  overwrites?: FakeOverwriteSpec[];
}

export interface FakeRoleSpec {
  id?: string;
  name: string;
  permissions?: PermissionInput;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
}

export interface FakeGuildSpec {
  id?: string;
  name?: string;
  /** default: a separate "owner" user (not the bot, not the default test user) */
  ownerId?: string;
  /** default: category "Text Channels" + #general + #news, category "Voice Channels" + "General" */
  channels?: FakeChannelSpec[];
  /** extra roles besides @everyone and the bot's managed role */
  roles?: FakeRoleSpec[];
  everyonePermissions?: PermissionInput;
  /** permissions of the bot's managed integration role */
  botPermissions?: PermissionInput;
  memberCount?: number;
  preferredLocale?: Locale;
}

export type UserInput = Partial<APIUser>;

// ---------------------------------------------------------------------------------------------
// State records

export type GuildChannel = APITextChannel | APINewsChannel | APIGuildVoiceChannel | APIGuildCategoryChannel;

export interface MemberState {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: Locale;
  joinedAt: string;
  memberCount: number;
  roles: APIRole[];
  channels: GuildChannel[];
  members: Map<string, MemberState>;
  botRoleId: string;
  /** Threads started in the guild's channels (POST /channels/:id/messages/:id/threads). */
  threads: APIThreadChannel[];
}

export interface StoredMessage {
  data: APIMessage;
  guildId: string | null;
  ephemeral: boolean;
  deleted: boolean;
  /** set for interaction responses / follow-ups */
  interactionId?: string;
}

export interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  commandType?: ApplicationCommandType;
  commandName?: string;
  guildId: string | null;
  channelId: string;
  user: APIUser;
  createdAt: number;
  /** for component interactions: the message the component is attached to */
  sourceMessageId?: string;
  authorizingOwners: Record<string, string>;
  /** the initial response (callback), once sent */
  response?: { type: InteractionResponseType; at: number; body: unknown };
  originalMessageId?: string;
  followupIds: string[];
}

export interface FileUpload {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

/** Message body as sent by clients (create / edit / interaction callback data). */
export interface MessageBody {
  content?: string | null;
  embeds?: unknown[] | null;
  components?: unknown[] | null;
  flags?: number | null;
  tts?: boolean;
  nonce?: string | number;
  allowed_mentions?: AllowedMentions | null;
  message_reference?: { message_id?: string; channel_id?: string; guild_id?: string; fail_if_not_exists?: boolean; type?: number } | null;
  attachments?: Array<{ id: string | number; filename?: string; description?: string }> | null;
  poll?: unknown;
  sticker_ids?: string[];
}

export interface AllowedMentions {
  parse?: string[];
  users?: string[];
  roles?: string[];
  replied_user?: boolean;
}

// ---------------------------------------------------------------------------------------------

export function iso(ms: number = Date.now()): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

export function makeUser(input: UserInput = {}, defaults: Partial<APIUser> = {}): APIUser {
  const id = input.id ?? defaults.id ?? snowflake();
  const username = input.username ?? defaults.username ?? `user${id.slice(-4)}`;
  return {
    id,
    username,
    discriminator: '0',
    global_name: (input.bot ?? defaults.bot) ? null : username.replace(/^./, (c) => c.toUpperCase()),
    avatar: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
    ...defaults,
    ...input,
  };
}

/** Strip the private fields only /users/@me and READY carry. */
export function publicUser(user: APIUser): APIUser {
  const { email: _e, verified: _v, mfa_enabled: _m, locale: _l, premium_type: _p, ...rest } = user;
  return rest;
}

/** A role as Discord sends it; unset flags take Discord's defaults. */
function rolePayload(r: {
  id: string;
  name: string;
  position: number;
  permissions: PermissionInput;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
  managed?: boolean;
  tags?: APIRole['tags'];
}): APIRole {
  const color = r.color ?? 0;
  return {
    id: r.id,
    name: r.name,
    description: null,
    color,
    colors: { primary_color: color, secondary_color: null, tertiary_color: null },
    hoist: r.hoist ?? false,
    icon: null,
    unicode_emoji: null,
    position: r.position,
    permissions: toPermissionBits(r.permissions).toString(),
    managed: r.managed ?? false,
    mentionable: r.mentionable ?? false,
    flags: 0 as RoleFlags,
    ...(r.tags && { tags: r.tags }),
  } as APIRole;
}

/** An attachment as Discord describes it, and the bytes its CDN URL serves. */
export interface StoredAttachment {
  api: APIAttachment;
  data: Buffer;
  /** Content-Type the CDN answers with (default: the attachment's content_type). */
  servedAs?: string;
}

export class FakeWorld {
  readonly applicationId: string;
  readonly botUser: APIUser;
  /** the default human user interactions/messages come from */
  readonly defaultUser: APIUser;
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, GuildState>();
  readonly dmChannels = new Map<string, APIDMChannel>();
  readonly messages = new Map<string, StoredMessage>();
  readonly interactions = new Map<string, InteractionState>();
  /** Files "uploaded" by users, served by the fake CDN (`FakeDiscord.uploadAttachment`). */
  readonly attachments = new Map<string, StoredAttachment>();
  readonly globalCommands = new Map<string, APIApplicationCommand>();
  readonly guildCommands = new Map<string, Map<string, APIApplicationCommand>>();
  /** channel id -> guild id (null for DMs) */
  private readonly channelGuild = new Map<string, string | null>();
  /** stable fallback ids for command names that were never registered */
  private readonly commandIdsByName = new Map<string, string>();

  constructor(opts: { guilds?: FakeGuildSpec[] }) {
    // the bot user id is the application id, as for modern apps
    this.applicationId = snowflake();
    this.botUser = makeUser(undefined, {
      id: this.applicationId,
      username: 'FakeBot',
      bot: true,
      global_name: null,
      verified: true,
      mfa_enabled: false,
      email: null,
      public_flags: 0 as UserFlags,
    });
    this.defaultUser = makeUser(undefined, { username: 'tester', global_name: 'Tester' });
    this.addUser(publicUser(this.botUser));
    this.addUser(this.defaultUser);
    const specs = opts.guilds && opts.guilds.length > 0 ? opts.guilds : [{}];
    for (const spec of specs) this.addGuild(spec);
  }

  /** the bot user as it appears in messages/mentions (no email/verified/mfa_enabled) */
  get botAuthor(): APIUser {
    return this.users.get(this.botUser.id) ?? publicUser(this.botUser);
  }

  addUser(user: APIUser): APIUser {
    const existing = this.users.get(user.id);
    const merged = existing ? { ...existing, ...user } : user;
    this.users.set(user.id, merged);
    return merged;
  }

  /** Resolve a user input to a full user, registering it. Defaults to the default test user. */
  resolveUser(input?: UserInput): APIUser {
    if (!input) return this.defaultUser;
    if (input.id && this.users.has(input.id) && Object.keys(input).length === 1) {
      return this.users.get(input.id)!;
    }
    const base = input.id ? this.users.get(input.id) : undefined;
    return this.addUser(makeUser(input, base ?? {}));
  }

  addGuild(spec: FakeGuildSpec): GuildState {
    const id = spec.id ?? snowflake();
    const now = Date.now();
    const ownerId = spec.ownerId ?? this.addUser(makeUser({ username: 'guildowner', global_name: 'Guild Owner' })).id;
    if (!this.users.has(ownerId)) this.addUser(makeUser({ id: ownerId, username: 'guildowner' }));
    const botRoleId = snowflake();
    const roles: APIRole[] = [
      rolePayload({ id, name: '@everyone', position: 0, permissions: spec.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS }),
      rolePayload({
        id: botRoleId,
        name: this.botUser.username,
        position: 1,
        permissions: spec.botPermissions ?? DEFAULT_BOT_ROLE_PERMISSIONS,
        managed: true,
        tags: { bot_id: this.botUser.id },
      }),
      ...(spec.roles ?? []).map((r, i) =>
        rolePayload({
          id: r.id ?? snowflake(),
          name: r.name,
          position: 2 + i,
          permissions: r.permissions ?? 0n,
          color: r.color,
          hoist: r.hoist,
          mentionable: r.mentionable,
        }),
      ),
    ];

    const channelSpecs: FakeChannelSpec[] = spec.channels ?? defaultChannelSpecs();
    // assign ids first so parentId can refer to spec ids
    const withIds = channelSpecs.map((c) => ({ ...c, id: c.id ?? snowflake() }));
    const channels: GuildChannel[] = withIds.map((c, position) => makeGuildChannel(id, c, position));

    const joinedAt = iso(now - 7 * 24 * 3600 * 1000);
    const guild: GuildState = {
      id,
      name: spec.name ?? 'Fake Guild',
      ownerId,
      preferredLocale: spec.preferredLocale ?? Locale.EnglishUS,
      joinedAt,
      memberCount: spec.memberCount ?? 3,
      roles,
      channels,
      members: new Map(),
      botRoleId,
      threads: [],
    };
    guild.members.set(this.botUser.id, { userId: this.botUser.id, roles: [botRoleId], nick: null, joinedAt });
    guild.members.set(ownerId, { userId: ownerId, roles: [], nick: null, joinedAt: iso(now - 30 * 24 * 3600 * 1000) });
    this.guilds.set(id, guild);
    for (const c of channels) this.channelGuild.set(c.id, id);
    return guild;
  }

  get firstGuild(): GuildState {
    const g = this.guilds.values().next().value;
    if (!g) throw new Error('fake-discord: no guilds configured');
    return g;
  }

  firstTextChannel(guild: GuildState = this.firstGuild): APITextChannel {
    const c = guild.channels.find((ch): ch is APITextChannel => ch.type === ChannelType.GuildText);
    if (!c) throw new Error(`fake-discord: guild ${guild.id} has no text channel`);
    return c;
  }

  guild(id: string): GuildState | undefined {
    return this.guilds.get(id);
  }

  /** Start a public thread on a message (Discord gives it the message's id); returns the thread channel. */
  addThread(guild: GuildState, parentId: string, messageId: string, name: string, ownerId: string, autoArchive: number): APIThreadChannel {
    const thread = {
      id: messageId,
      type: ChannelType.PublicThread,
      guild_id: guild.id,
      parent_id: parentId,
      owner_id: ownerId,
      name,
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      flags: 0 as ChannelFlags,
      thread_metadata: { archived: false, auto_archive_duration: autoArchive, archive_timestamp: iso(), locked: false, create_timestamp: iso() },
    } as unknown as APIThreadChannel;
    guild.threads.push(thread);
    this.channelGuild.set(thread.id, guild.id);
    return thread;
  }

  /** Guild channel (or thread) or DM channel by id. */
  channel(id: string): { guild: GuildState; channel: GuildChannel | APIThreadChannel } | { guild: null; channel: APIDMChannel } | undefined {
    const guildId = this.channelGuild.get(id);
    if (guildId === undefined) return undefined;
    if (guildId === null) {
      const dm = this.dmChannels.get(id);
      return dm ? { guild: null, channel: dm } : undefined;
    }
    const guild = this.guilds.get(guildId);
    const channel = guild?.channels.find((c) => c.id === id) ?? guild?.threads.find((t) => t.id === id);
    return guild && channel ? { guild, channel } : undefined;
  }

  /** Get or create the DM channel between the bot and a user. */
  dmChannelFor(user: APIUser, channelId?: string): APIDMChannel {
    for (const dm of this.dmChannels.values()) {
      if (dm.recipients?.some((r) => r.id === user.id) && (!channelId || dm.id === channelId)) return dm;
    }
    const dm: APIDMChannel = {
      id: channelId ?? snowflake(),
      type: ChannelType.DM,
      last_message_id: null,
      flags: 0 as ChannelFlags,
      recipients: [user],
    } as APIDMChannel;
    this.dmChannels.set(dm.id, dm);
    this.channelGuild.set(dm.id, null);
    return dm;
  }

  ensureMember(guild: GuildState, user: APIUser, roles?: string[]): MemberState {
    let m = guild.members.get(user.id);
    if (!m) {
      m = { userId: user.id, roles: roles ?? [], nick: null, joinedAt: iso(Date.now() - 3 * 24 * 3600 * 1000) };
      guild.members.set(user.id, m);
    } else if (roles) {
      m.roles = roles;
    }
    return m;
  }

  permissionsIn(guild: GuildState, userId: string, channelId?: string): bigint {
    const member = guild.members.get(userId);
    // A thread has its parent channel's permissions.
    const parentId = channelId ? (guild.threads.find((t) => t.id === channelId)?.parent_id ?? channelId) : undefined;
    const channel = parentId ? guild.channels.find((c) => c.id === parentId) : undefined;
    const perms = computePermissions({
      guildId: guild.id,
      ownerId: guild.ownerId,
      userId,
      memberRoleIds: member?.roles ?? [],
      roles: guild.roles,
      overwrites: channel?.permission_overwrites?.map((o) => ({ id: o.id, type: o.type, allow: o.allow, deny: o.deny })),
    });
    if (channel && (perms & P.Administrator) !== P.Administrator && (perms & P.ViewChannel) === 0n) return 0n;
    return perms;
  }

  // -------------------------------------------------------------------------------------------
  // commands

  commandIdFor(name: string, guildId: string | null): string {
    const scoped = guildId ? this.guildCommands.get(guildId) : undefined;
    for (const c of scoped?.values() ?? []) if (c.name === name) return c.id;
    for (const c of this.globalCommands.values()) if (c.name === name) return c.id;
    let id = this.commandIdsByName.get(name);
    if (!id) {
      id = snowflake();
      this.commandIdsByName.set(name, id);
    }
    return id;
  }

  isGuildCommand(name: string, guildId: string | null): boolean {
    if (!guildId) return false;
    for (const c of this.guildCommands.get(guildId)?.values() ?? []) if (c.name === name) return true;
    return false;
  }

  // -------------------------------------------------------------------------------------------
  // messages

  storeMessage(msg: StoredMessage): StoredMessage {
    this.messages.set(msg.data.id, msg);
    const ch = this.channel(msg.data.channel_id);
    if (ch && !msg.ephemeral && 'last_message_id' in ch.channel) {
      (ch.channel as { last_message_id?: string | null }).last_message_id = msg.data.id;
    }
    return msg;
  }

  /** users/roles mentioned in `content`, filtered by allowed_mentions (Discord's parsing rules). */
  resolveMentions(
    content: string,
    allowed: AllowedMentions | null | undefined,
    guildId: string | null,
    repliedTo: APIMessage | null,
  ): { users: APIUser[]; roles: string[]; everyone: boolean } {
    const parse = allowed?.parse;
    const userAllowed = (id: string): boolean => !allowed || (parse?.includes('users') ?? false) || (allowed.users?.includes(id) ?? false);
    const roleAllowed = (id: string): boolean => !allowed || (parse?.includes('roles') ?? false) || (allowed.roles?.includes(id) ?? false);
    const users: APIUser[] = [];
    for (const m of content.matchAll(/<@!?(\d{15,21})>/g)) {
      const id = m[1]!;
      const u = this.users.get(id);
      if (u && userAllowed(id) && !users.some((x) => x.id === id)) users.push(u);
    }
    if (repliedTo && (allowed ? allowed.replied_user === true : true)) {
      if (!users.some((x) => x.id === repliedTo.author.id)) users.push(repliedTo.author);
    }
    const roles: string[] = [];
    const guild = guildId ? this.guilds.get(guildId) : undefined;
    for (const m of content.matchAll(/<@&(\d{15,21})>/g)) {
      const id = m[1]!;
      if (guild?.roles.some((r) => r.id === id) && roleAllowed(id) && !roles.includes(id)) roles.push(id);
    }
    const everyone = /@(everyone|here)/.test(content) && (!allowed || (parse?.includes('everyone') ?? false));
    return { users, roles, everyone };
  }

  /** Build a message authored by `author` from a create body. */
  messageFromBody(args: {
    channelId: string;
    guildId: string | null;
    author: APIUser;
    body: MessageBody;
    files: FileUpload[];
    type?: MessageType;
    extra?: Partial<APIMessage>;
  }): APIMessage {
    const { channelId, guildId, author, body, files } = args;
    const id = snowflake();
    const content = body.content ?? '';
    const ref = body.message_reference?.message_id ? this.messages.get(body.message_reference.message_id) : undefined;
    const mentions = this.resolveMentions(content, body.allowed_mentions, guildId, ref?.data ?? null);
    const flagMask =
      MessageFlags.SuppressEmbeds | MessageFlags.Ephemeral | MessageFlags.SuppressNotifications | MessageFlags.IsVoiceMessage | MessageFlags.IsComponentsV2;
    const msg: APIMessage = {
      id,
      channel_id: channelId,
      type: ref ? MessageType.Reply : (args.type ?? MessageType.Default),
      content,
      author,
      attachments: attachmentsFor(channelId, body.attachments ?? undefined, files, []),
      embeds: normalizeEmbeds(body.embeds),
      mentions: mentions.users,
      mention_roles: mentions.roles,
      mention_everyone: mentions.everyone,
      pinned: false,
      tts: body.tts ?? false,
      timestamp: iso(),
      edited_timestamp: null,
      flags: (body.flags ?? 0) & flagMask,
      components: (body.components ?? []) as APIMessageTopLevelComponent[],
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...args.extra,
    };
    if (ref) {
      msg.message_reference = {
        type: 0,
        message_id: ref.data.id,
        channel_id: ref.data.channel_id,
        ...(ref.guildId ? { guild_id: ref.guildId } : {}),
      };
      msg.referenced_message = ref.data;
    }
    return msg;
  }

  /** Apply an edit body to an existing message (PATCH semantics: only present fields change). */
  applyEdit(stored: StoredMessage, body: MessageBody, files: FileUpload[], opts: { markEdited: boolean }): APIMessage {
    const msg = stored.data;
    if (body.content !== undefined) msg.content = body.content ?? '';
    if (body.embeds !== undefined) msg.embeds = normalizeEmbeds(body.embeds);
    if (body.components !== undefined) msg.components = (body.components ?? []) as APIMessageTopLevelComponent[];
    if (body.attachments !== undefined || files.length > 0) {
      msg.attachments = attachmentsFor(msg.channel_id, body.attachments ?? undefined, files, msg.attachments);
    }
    if (body.flags !== undefined && body.flags !== null) {
      const keep = (msg.flags ?? 0) & ~MessageFlags.SuppressEmbeds & ~MessageFlags.Loading;
      msg.flags = keep | (body.flags & (MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2));
    } else {
      msg.flags = (msg.flags ?? 0) & ~MessageFlags.Loading;
    }
    if (body.content !== undefined || body.allowed_mentions !== undefined) {
      const mentions = this.resolveMentions(msg.content, body.allowed_mentions, stored.guildId, null);
      msg.mentions = mentions.users;
      msg.mention_roles = mentions.roles;
      msg.mention_everyone = mentions.everyone;
    }
    if (opts.markEdited) msg.edited_timestamp = iso();
    return msg;
  }
}

function defaultChannelSpecs(): FakeChannelSpec[] {
  const textCategory = snowflake();
  const voiceCategory = snowflake();
  return [
    { id: textCategory, name: 'Text Channels', type: ChannelType.GuildCategory },
    { name: 'general', type: ChannelType.GuildText, parentId: textCategory, topic: null },
    { name: 'news', type: ChannelType.GuildText, parentId: textCategory, topic: 'Articles and discussion' },
    { id: voiceCategory, name: 'Voice Channels', type: ChannelType.GuildCategory },
    { name: 'General', type: ChannelType.GuildVoice, parentId: voiceCategory },
  ];
}

function makeGuildChannel(guildId: string, spec: FakeChannelSpec & { id: string }, position: number): GuildChannel {
  const permission_overwrites: APIOverwrite[] = (spec.overwrites ?? []).map((o) => ({
    id: o.id,
    type: o.type,
    allow: toPermissionBits(o.allow ?? 0n).toString(),
    deny: toPermissionBits(o.deny ?? 0n).toString(),
  })) as APIOverwrite[];
  const type = spec.type ?? ChannelType.GuildText;
  const base = { id: spec.id, guild_id: guildId, name: spec.name, position, permission_overwrites, flags: 0 as ChannelFlags };
  switch (type) {
    case ChannelType.GuildCategory:
      return { ...base, type, parent_id: null } as APIGuildCategoryChannel;
    case ChannelType.GuildVoice:
      return {
        ...base,
        type,
        parent_id: spec.parentId ?? null,
        bitrate: 64000,
        user_limit: 0,
        rtc_region: null,
        nsfw: spec.nsfw ?? false,
        rate_limit_per_user: 0,
        last_message_id: null,
      } as APIGuildVoiceChannel;
    case ChannelType.GuildAnnouncement:
    case ChannelType.GuildText:
      return {
        ...base,
        type,
        parent_id: spec.parentId ?? null,
        topic: spec.topic ?? null,
        nsfw: spec.nsfw ?? false,
        last_message_id: null,
        rate_limit_per_user: 0,
        default_thread_rate_limit_per_user: 0,
        last_pin_timestamp: null,
      } as APITextChannel | APINewsChannel;
  }
}

export function normalizeEmbeds(embeds: unknown[] | null | undefined): APIEmbed[] {
  if (!embeds) return [];
  return embeds.map((e) => {
    const embed = (typeof e === 'object' && e !== null ? e : {}) as APIEmbed;
    const out: APIEmbed = { type: 'rich' as APIEmbed['type'], ...embed };
    if (out.image?.url) out.image = { width: 0, height: 0, proxy_url: out.image.url, ...out.image };
    if (out.thumbnail?.url) out.thumbnail = { width: 0, height: 0, proxy_url: out.thumbnail.url, ...out.thumbnail };
    return out;
  });
}

function attachmentsFor(
  channelId: string,
  declared: Array<{ id: string | number; filename?: string; description?: string }> | undefined,
  files: FileUpload[],
  existing: APIAttachment[],
): APIAttachment[] {
  const out: APIAttachment[] = [];
  const usedFiles = new Set<FileUpload>();
  const toAttachment = (file: FileUpload, meta?: { filename?: string; description?: string }): APIAttachment => {
    const id = snowflake();
    const filename = meta?.filename ?? file.filename;
    const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    return {
      id,
      filename,
      size: file.size,
      url,
      proxy_url: url.replace('cdn.discordapp.com', 'media.discordapp.net'),
      content_type: file.contentType,
      ...(meta?.description ? { description: meta.description } : {}),
    } as APIAttachment;
  };
  if (declared) {
    for (const d of declared) {
      const keep = existing.find((a) => a.id === String(d.id));
      if (keep) {
        out.push(keep);
        continue;
      }
      const file = files.find((f) => f.field === `files[${d.id}]`);
      if (file) {
        usedFiles.add(file);
        out.push(toAttachment(file, d));
      }
    }
  } else {
    out.push(...existing);
  }
  for (const f of files) if (!usedFiles.has(f)) out.push(toAttachment(f));
  return out;
}
