import { PermissionFlagsBits } from 'discord.js';

export type PermissionInput = bigint | string | number;

export const P = PermissionFlagsBits;

export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((acc, bit) => acc | bit, 0n);

/** Roughly what @everyone gets in a freshly created guild. */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
  P.CreateInstantInvite |
  P.AddReactions |
  P.Stream |
  P.ViewChannel |
  P.SendMessages |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.MentionEveryone |
  P.UseExternalEmojis |
  P.Connect |
  P.Speak |
  P.UseVAD |
  P.ChangeNickname |
  P.UseApplicationCommands |
  P.RequestToSpeak |
  P.CreatePublicThreads |
  P.CreatePrivateThreads |
  P.UseExternalStickers |
  P.SendMessagesInThreads |
  P.UseEmbeddedActivities |
  P.SendVoiceMessages |
  P.SendPolls |
  P.UseExternalApps;

/** Permissions granted to the bot's managed integration role by default (a typical invite link). */
export const DEFAULT_BOT_ROLE_PERMISSIONS: bigint =
  P.ViewChannel | P.SendMessages | P.SendMessagesInThreads | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory | P.AddReactions | P.UseExternalEmojis;

/** What Discord reports as app_permissions for interactions in DMs. */
export const DM_APP_PERMISSIONS: bigint =
  P.AddReactions |
  P.ViewChannel |
  P.SendMessages |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.MentionEveryone |
  P.UseExternalEmojis |
  P.UseApplicationCommands |
  P.UseExternalStickers |
  P.SendVoiceMessages |
  P.SendPolls |
  P.UseExternalApps;

export function toPermissionBits(value: PermissionInput): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

export interface OverwriteLike {
  id: string;
  type: number; // 0 role, 1 member
  allow: string;
  deny: string;
}

/**
 * Discord's permission algorithm: base permissions from @everyone + roles, ADMINISTRATOR short-circuit,
 * then channel overwrites (@everyone, roles, member).
 */
export function computePermissions(args: {
  guildId: string;
  ownerId: string;
  userId: string;
  memberRoleIds: readonly string[];
  roles: ReadonlyArray<{ id: string; permissions: string }>;
  overwrites?: readonly OverwriteLike[];
}): bigint {
  const { guildId, ownerId, userId, memberRoleIds, roles, overwrites = [] } = args;
  if (userId === ownerId) return ALL_PERMISSIONS;
  const roleMap = new Map(roles.map((r) => [r.id, BigInt(r.permissions)]));
  let base = roleMap.get(guildId) ?? 0n;
  for (const id of memberRoleIds) base |= roleMap.get(id) ?? 0n;
  if ((base & P.Administrator) === P.Administrator) return ALL_PERMISSIONS;

  let perms = base;
  const everyone = overwrites.find((o) => o.id === guildId);
  if (everyone) {
    perms &= ~BigInt(everyone.deny);
    perms |= BigInt(everyone.allow);
  }
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && memberRoleIds.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms &= ~deny;
  perms |= allow;
  const member = overwrites.find((o) => o.type === 1 && o.id === userId);
  if (member) {
    perms &= ~BigInt(member.deny);
    perms |= BigInt(member.allow);
  }
  return perms;
}
