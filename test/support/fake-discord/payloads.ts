/**
 * Payload builders: the world's state (state.ts) turned into the JSON Discord sends for it —
 * members, GUILD_CREATE. Interaction and MESSAGE_CREATE payloads are built in builders.ts.
 */
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIUser,
  type GatewayGuildCreateDispatchData,
  type GuildMemberFlags,
} from 'discord.js';
import { toPermissionBits, type PermissionInput } from './permissions.js';
import { makeUser, type FakeWorld, type GuildState, type MemberState } from './state.js';

export function memberPayload(world: FakeWorld, guild: GuildState, member: MemberState): APIGuildMember {
  const user = world.users.get(member.userId) ?? makeUser({ id: member.userId });
  return {
    user,
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
    unusual_dm_activity_until: null,
  } as APIGuildMember;
}

/** The partial member object that accompanies MESSAGE_CREATE (no `user`). */
export function messageMemberPayload(world: FakeWorld, guild: GuildState, member: MemberState): Omit<APIGuildMember, 'user'> {
  const { user: _user, ...rest } = memberPayload(world, guild, member);
  return rest;
}

export function interactionMemberPayload(
  world: FakeWorld,
  guild: GuildState,
  user: APIUser,
  channelId: string,
  permissions?: PermissionInput,
  roles?: string[],
): APIInteractionGuildMember {
  const member = world.ensureMember(guild, user, roles);
  const perms = permissions !== undefined ? toPermissionBits(permissions) : world.permissionsIn(guild, user.id, channelId);
  return { ...memberPayload(world, guild, member), user, permissions: perms.toString() } as APIInteractionGuildMember;
}

export function guildCreatePayload(world: FakeWorld, guild: GuildState): GatewayGuildCreateDispatchData {
  const systemChannel = guild.channels.find((c) => c.type === ChannelType.GuildText) ?? null;
  const bot = guild.members.get(world.botUser.id);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: guild.roles.map((r) => ({ ...r })),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: systemChannel?.id ?? null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_members: 25_000_000,
    max_presences: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: guild.preferredLocale,
    nsfw_level: GuildNSFWLevel.Default,
    nsfw: false,
    hub_type: null,
    incidents_data: null,
    home_header: null,
    latest_onboarding_question_id: null,
    inventory_settings: null,
    embedded_activities: [],
    activity_instances: [],
    application_command_counts: {},
    version: Date.now(),
    lazy: true,
    // GUILD_CREATE extras
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.memberCount,
    voice_states: [],
    members: bot ? [memberPayload(world, guild, bot)] : [],
    channels: guild.channels.map((c) => {
      // GUILD_CREATE channels carry no guild_id
      const { guild_id: _gid, ...rest } = c;
      return rest as GatewayGuildCreateDispatchData['channels'][number];
    }),
    threads: guild.threads.map((t) => ({ ...t })),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  } as GatewayGuildCreateDispatchData;
}
