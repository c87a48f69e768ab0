import { REST, Routes } from 'discord.js';
import { commandsJson } from './commands/index.js';
import type { DiscordConfig } from './config.js';

export interface RegisterResult {
  scope: 'guild' | 'global';
  names: string[];
}

/**
 * Register (overwrite) the bot's slash commands: in one server when `guildId` is set (instant),
 * else globally (Discord may take up to an hour to show changes everywhere).
 */
export async function registerCommands(config: DiscordConfig): Promise<RegisterResult> {
  const rest = new REST(config.apiBase ? { api: config.apiBase } : {}).setToken(config.token);
  const body = commandsJson({ articleManagerRole: config.articleManagerRole });
  const route = config.guildId ? Routes.applicationGuildCommands(config.clientId, config.guildId) : Routes.applicationCommands(config.clientId);
  const saved = (await rest.put(route, { body })) as { name: string }[];
  return { scope: config.guildId ? 'guild' : 'global', names: saved.map((c) => c.name) };
}
