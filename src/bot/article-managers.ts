import { PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from './context.js';

/**
 * Who may add and remove articles: members with Manage Server, and members holding the role named
 * in ARTICLE_MANAGER_ROLE (by name, case-insensitively, or by id). Checked at run time whatever the
 * command's default permission says (server admins can change that).
 */
export function canManageArticles(interaction: ChatInputCommandInteraction | ButtonInteraction, ctx: BotContext): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const wanted = ctx.articleManagerRole?.trim().toLowerCase();
  if (!wanted) return false;
  // A cached member has a role manager; an uncached one (the raw API member) a list of role ids.
  const member = interaction.member;
  const ids: string[] = Array.isArray(member?.roles) ? member.roles : [...(member?.roles.cache.keys() ?? [])];
  return ids.some((id) => id === wanted || interaction.guild?.roles.cache.get(id)?.name.toLowerCase() === wanted);
}
