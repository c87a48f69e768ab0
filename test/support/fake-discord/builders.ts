/**
 * Payload builders: INTERACTION_CREATE and MESSAGE_CREATE data with the shapes Discord sends
 * (see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 * and https://discord.com/developers/docs/topics/gateway-events#message-create).
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIBaseInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIGuildMember,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
  type GatewayMessageCreateDispatchData,
  type ChannelFlags,
  type MessageFlags,
} from 'discord.js';
import { interactionMemberPayload, memberPayload, messageMemberPayload } from './payloads.js';
import { snowflake } from './snowflake.js';
import { DM_APP_PERMISSIONS, type PermissionInput } from './permissions.js';
import type { FakeWorld, GuildState, StoredMessage, UserInput } from './state.js';
import { iso } from './state.js';

export interface CommandOptionInput {
  name: string;
  /** inferred from `value` when omitted: string → String, integer → Integer, other number → Number, boolean → Boolean */
  type?: ApplicationCommandOptionType;
  value?: string | number | boolean;
  focused?: boolean;
  /** for sub-commands / sub-command groups */
  options?: CommandOptionInput[];
}

export interface InteractionContextInput {
  /** the invoking user (default: the server's default test user) */
  user?: UserInput;
  /** member permissions bitfield override (guild interactions); default computed from roles */
  permissions?: PermissionInput;
  /** member role ids (guild interactions) */
  roles?: string[];
  /** default: the first configured guild */
  guildId?: string;
  /** send from the bot's DM with the user instead of a guild */
  dm?: true;
  /** default: the guild's first text channel, or the user's DM channel */
  channelId?: string;
  locale?: Locale;
  /** interaction id (default: fresh snowflake) */
  id?: string;
}

export interface SlashCommandInput extends InteractionContextInput {
  name: string;
  options?: CommandOptionInput[];
  /** default: id of the registered command with that name, else a stable generated id */
  commandId?: string;
  resolved?: APIInteractionDataResolved;
}

export type AutocompleteInput = SlashCommandInput;

export interface ComponentInput extends InteractionContextInput {
  customId: string;
  /** the message the component is on; default: a fresh bot message carrying this button */
  messageId?: string;
  /** default Button */
  componentType?: ComponentType;
  /** selected values for select menus */
  values?: string[];
}

export interface ModalSubmitInput extends InteractionContextInput {
  customId: string;
  /** text input custom_id → value */
  fields: Record<string, string>;
  /** when the modal was opened from a component on a message */
  messageId?: string;
}

export interface MessageCreateInput {
  content: string;
  /** default: the server's default test user */
  author?: UserInput;
  /** a bot author (a different bot than ours unless `author` says otherwise) */
  bot?: boolean;
  /** prefix the content with a mention of our bot (`<@botId> `) */
  mentionBot?: boolean;
  /** users mentioned; default: parsed from `<@id>` in content (known users only) */
  mentions?: UserInput[];
  guildId?: string;
  dm?: true;
  channelId?: string;
  /** member role ids of the author (guild) */
  roles?: string[];
  /** make this a reply to a stored message */
  replyTo?: string;
  embeds?: GatewayMessageCreateDispatchData['embeds'];
  attachments?: GatewayMessageCreateDispatchData['attachments'];
  id?: string;
}

interface ContextResolved {
  guild: GuildState | null;
  channelId: string;
  user: APIUser;
  base: Omit<APIBaseInteraction<InteractionType, unknown>, 'type' | 'data'>;
}

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export function interactionToken(id: string): string {
  const rand = Buffer.from(Array.from({ length: 48 }, () => Math.floor(Math.random() * 256))).toString('base64url');
  return Buffer.from(`interaction:${id}:`).toString('base64url') + rand;
}

function resolveContext(world: FakeWorld, input: InteractionContextInput): ContextResolved {
  const user = world.resolveUser(input.user);
  const id = input.id ?? snowflake();
  const token = interactionToken(id);
  // Fields every interaction carries, in a DM or a guild.
  const common = {
    id,
    application_id: world.applicationId,
    token,
    version: 1,
    locale: input.locale ?? Locale.EnglishUS,
    entitlements: [],
    entitlement_sku_ids: [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
  if (input.dm) {
    const dm = world.dmChannelFor(user, input.channelId);
    return {
      guild: null,
      channelId: dm.id,
      user,
      base: {
        ...common,
        channel: { id: dm.id, type: ChannelType.DM, last_message_id: dm.last_message_id, flags: 0 as ChannelFlags, recipients: [user] },
        channel_id: dm.id,
        user,
        app_permissions: DM_APP_PERMISSIONS.toString(),
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
        context: InteractionContextType.BotDM,
      } as ContextResolved['base'],
    };
  }
  const guild = input.guildId ? world.guild(input.guildId) : world.firstGuild;
  if (!guild) throw new Error(`fake-discord: unknown guild ${input.guildId}`);
  const channelId = input.channelId ?? world.firstTextChannel(guild).id;
  const found = world.channel(channelId);
  if (!found || found.guild?.id !== guild.id) throw new Error(`fake-discord: channel ${channelId} is not in guild ${guild.id}`);
  const channel = found.channel;
  const member = interactionMemberPayload(world, guild, user, channelId, input.permissions, input.roles);
  return {
    guild,
    channelId,
    user,
    base: {
      ...common,
      guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
      guild_id: guild.id,
      guild_locale: guild.preferredLocale,
      channel: { ...channel, permissions: member.permissions } as unknown as ContextResolved['base']['channel'],
      channel_id: channelId,
      member,
      app_permissions: world.permissionsIn(guild, world.botUser.id, channelId).toString(),
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
      context: InteractionContextType.Guild,
    } as ContextResolved['base'],
  };
}

function inferOptionType(o: CommandOptionInput): ApplicationCommandOptionType {
  if (o.type !== undefined) return o.type;
  if (o.options) return ApplicationCommandOptionType.Subcommand;
  if (typeof o.value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof o.value === 'number') return Number.isInteger(o.value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

function buildOptions(options: CommandOptionInput[] | undefined): APIApplicationCommandInteractionDataOption[] | undefined {
  if (!options) return undefined;
  return options.map((o) => {
    const type = inferOptionType(o);
    if (type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup) {
      return { name: o.name, type, options: buildOptions(o.options ?? []) } as APIApplicationCommandInteractionDataOption;
    }
    return {
      name: o.name,
      type,
      value: o.value ?? '',
      ...(o.focused ? { focused: true } : {}),
    } as APIApplicationCommandInteractionDataOption;
  });
}

function flattenOptions(options: CommandOptionInput[] | undefined): CommandOptionInput[] {
  const out: CommandOptionInput[] = [];
  for (const o of options ?? []) {
    if (o.options) out.push(...flattenOptions(o.options));
    else out.push(o);
  }
  return out;
}

/** Build `resolved` for user/channel/role/mentionable options from the world. */
function buildResolved(world: FakeWorld, guild: GuildState | null, options: CommandOptionInput[] | undefined): APIInteractionDataResolved | undefined {
  const resolved: APIInteractionDataResolved = {};
  for (const o of flattenOptions(options)) {
    const type = inferOptionType(o);
    const id = String(o.value ?? '');
    if (type === ApplicationCommandOptionType.User || type === ApplicationCommandOptionType.Mentionable) {
      const u = world.users.get(id);
      if (u) {
        (resolved.users ??= {})[id] = u;
        const m = guild?.members.get(id);
        if (guild && m) {
          const { user: _u, deaf: _d, mute: _m, ...rest } = memberPayload(world, guild, m);
          (resolved.members ??= {})[id] = { ...rest, permissions: world.permissionsIn(guild, id).toString() } as NonNullable<
            APIInteractionDataResolved['members']
          >[string];
        }
      }
    }
    if (type === ApplicationCommandOptionType.Role || type === ApplicationCommandOptionType.Mentionable) {
      const r = guild?.roles.find((x) => x.id === id);
      if (r) (resolved.roles ??= {})[id] = r;
    }
    if (type === ApplicationCommandOptionType.Attachment) {
      const a = world.attachments.get(id);
      if (a) (resolved.attachments ??= {})[id] = a.api;
    }
    if (type === ApplicationCommandOptionType.Channel) {
      const c = world.channel(id);
      if (c) {
        (resolved.channels ??= {})[id] = {
          id,
          type: c.channel.type,
          name: 'name' in c.channel ? c.channel.name : null,
          permissions: guild ? world.permissionsIn(guild, world.botUser.id, id).toString() : '0',
        } as NonNullable<APIInteractionDataResolved['channels']>[string];
      }
    }
  }
  return Object.keys(resolved).length > 0 ? resolved : undefined;
}

function commandData(world: FakeWorld, ctx: ContextResolved, input: SlashCommandInput, markFocused: boolean) {
  const guildId = ctx.guild?.id ?? null;
  let options = input.options;
  if (markFocused && options) {
    const flat = flattenOptions(options);
    if (!flat.some((o) => o.focused) && flat.length > 0) flat[flat.length - 1]!.focused = true;
  }
  const resolved = input.resolved ?? buildResolved(world, ctx.guild, options);
  return {
    id: input.commandId ?? world.commandIdFor(input.name, guildId),
    name: input.name,
    type: ApplicationCommandType.ChatInput,
    ...(world.isGuildCommand(input.name, guildId) ? { guild_id: guildId } : {}),
    ...(options ? { options: buildOptions(options) } : {}),
    ...(resolved ? { resolved } : {}),
  };
}

export function buildSlashCommand(world: FakeWorld, input: SlashCommandInput): APIChatInputApplicationCommandInteraction {
  const ctx = resolveContext(world, input);
  return {
    ...ctx.base,
    type: InteractionType.ApplicationCommand,
    data: commandData(world, ctx, input, false),
  } as APIChatInputApplicationCommandInteraction;
}

export function buildAutocomplete(world: FakeWorld, input: AutocompleteInput): APIApplicationCommandAutocompleteInteraction {
  const ctx = resolveContext(world, input);
  const data = commandData(world, ctx, { ...input, options: structuredClone(input.options ?? []) }, true);
  delete (data as { resolved?: unknown }).resolved;
  return {
    ...ctx.base,
    type: InteractionType.ApplicationCommandAutocomplete,
    data,
  } as APIApplicationCommandAutocompleteInteraction;
}

/** A message authored by our bot with one button, used as the source of component interactions. */
export function makeBotMessageWithButton(
  world: FakeWorld,
  channelId: string,
  guildId: string | null,
  customId: string,
  componentType: ComponentType,
): StoredMessage {
  const component =
    componentType === ComponentType.Button
      ? { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Click', custom_id: customId, id: 2 }
      : { type: componentType, custom_id: customId, id: 2, ...(componentType === ComponentType.StringSelect ? { options: [{ label: 'A', value: 'a' }] } : {}) };
  const data: APIMessage = {
    id: snowflake(),
    channel_id: channelId,
    type: MessageType.Default,
    content: 'Message with a component',
    author: world.botAuthor,
    attachments: [],
    embeds: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: iso(),
    edited_timestamp: null,
    flags: 0 as MessageFlags,
    components: [{ type: ComponentType.ActionRow, id: 1, components: [component] }],
  } as APIMessage;
  return world.storeMessage({ data, guildId, ephemeral: false, deleted: false });
}

export function buildComponentInteraction(world: FakeWorld, input: ComponentInput): APIMessageComponentInteraction {
  const ctx = resolveContext(world, input);
  const componentType = input.componentType ?? ComponentType.Button;
  const stored = input.messageId
    ? world.messages.get(input.messageId)
    : makeBotMessageWithButton(world, ctx.channelId, ctx.guild?.id ?? null, input.customId, componentType);
  if (!stored) throw new Error(`fake-discord: unknown message ${input.messageId}`);
  const data =
    componentType === ComponentType.Button
      ? { custom_id: input.customId, component_type: componentType }
      : { custom_id: input.customId, component_type: componentType, values: input.values ?? [] };
  return {
    ...ctx.base,
    type: InteractionType.MessageComponent,
    message: stored.data,
    data,
  } as APIMessageComponentInteraction;
}

export function buildModalSubmit(world: FakeWorld, input: ModalSubmitInput): APIModalSubmitInteraction {
  const ctx = resolveContext(world, input);
  const stored = input.messageId ? world.messages.get(input.messageId) : undefined;
  let id = 1;
  return {
    ...ctx.base,
    type: InteractionType.ModalSubmit,
    ...(stored ? { message: stored.data } : {}),
    data: {
      custom_id: input.customId,
      components: Object.entries(input.fields).map(([customId, value]) => ({
        type: ComponentType.ActionRow,
        id: id++,
        components: [{ type: ComponentType.TextInput, id: id++, custom_id: customId, value }],
      })),
    },
  } as APIModalSubmitInteraction;
}

/** MESSAGE_CREATE dispatch data for a message from a (human, by default) user. */
export function buildMessageCreate(world: FakeWorld, input: MessageCreateInput): GatewayMessageCreateDispatchData {
  const author = input.bot ? world.resolveUser({ username: 'otherbot', bot: true, global_name: null, ...input.author }) : world.resolveUser(input.author);
  const content = input.mentionBot ? `<@${world.botUser.id}> ${input.content}` : input.content;
  let guild: GuildState | null = null;
  let channelId: string;
  let channelType: ChannelType = ChannelType.DM;
  if (input.dm) {
    channelId = world.dmChannelFor(author, input.channelId).id;
  } else {
    guild = (input.guildId ? world.guild(input.guildId) : world.firstGuild) ?? null;
    if (!guild) throw new Error(`fake-discord: unknown guild ${input.guildId}`);
    channelId = input.channelId ?? world.firstTextChannel(guild).id;
    const found = world.channel(channelId);
    if (!found || found.guild?.id !== guild.id) throw new Error(`fake-discord: channel ${channelId} is not in guild ${guild.id}`);
    channelType = found.channel.type;
    world.ensureMember(guild, author, input.roles);
  }
  const ref = input.replyTo ? world.messages.get(input.replyTo) : undefined;
  if (input.replyTo && !ref) throw new Error(`fake-discord: replyTo unknown message ${input.replyTo}`);
  const mentionedUsers: APIUser[] = input.mentions
    ? input.mentions.map((u) => world.resolveUser(u))
    : world.resolveMentions(content, undefined, guild?.id ?? null, ref?.data ?? null).users;
  const roleMentions = guild ? world.resolveMentions(content, undefined, guild.id, null).roles : [];
  const withMember = (u: APIUser): APIUser & { member?: Omit<APIGuildMember, 'user'> } => {
    if (!guild) return u;
    const m = guild.members.get(u.id);
    return m ? { ...u, member: messageMemberPayload(world, guild, m) } : u;
  };
  const msg = {
    id: input.id ?? snowflake(),
    channel_id: channelId,
    ...(guild ? { guild_id: guild.id } : {}),
    author,
    ...(guild ? { member: messageMemberPayload(world, guild, world.ensureMember(guild, author)) } : {}),
    content,
    timestamp: iso(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@(everyone|here)/.test(content),
    mentions: mentionedUsers.map(withMember),
    mention_roles: roleMentions,
    attachments: input.attachments ?? [],
    embeds: input.embeds ?? [],
    pinned: false,
    type: ref ? MessageType.Reply : MessageType.Default,
    flags: 0 as MessageFlags,
    components: [],
    nonce: snowflake(),
    // Discord includes channel_type in MESSAGE_CREATE; discord.js needs it to build partial DM channels
    channel_type: channelType,
    ...(ref
      ? {
          message_reference: { type: 0, message_id: ref.data.id, channel_id: ref.data.channel_id, ...(ref.guildId ? { guild_id: ref.guildId } : {}) },
          referenced_message: ref.data,
        }
      : {}),
  } as GatewayMessageCreateDispatchData;
  return msg;
}
