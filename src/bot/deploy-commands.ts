/**
 * `npm run deploy-commands`: register the slash commands with Discord. Guild-scoped (instant)
 * when DISCORD_GUILD_ID is set, global otherwise. Needs DISCORD_TOKEN and DISCORD_CLIENT_ID.
 */
import { DiscordAPIError } from 'discord.js';
import { isEngineError, loadDotenv, messageOf, runMain, type FailureReport } from '../index-light.js';
import { loadDiscordConfig } from './config.js';
import { registerCommands } from './register-commands.js';

async function main(): Promise<number> {
  loadDotenv();
  const config = loadDiscordConfig();
  const { scope, names } = await registerCommands(config);
  const list = names.map((n) => `/${n}`).join(', ');
  process.stdout.write(
    scope === 'guild'
      ? `Registered ${names.length} commands in server ${config.guildId}: ${list}\n`
      : `Registered ${names.length} global commands: ${list} (Discord may take up to an hour to show them everywhere; set DISCORD_GUILD_ID for instant updates in one server)\n`,
  );
  return 0;
}

/** The failure in words: configuration and Discord's refusals say what to check. */
function failure(e: unknown): FailureReport {
  if (isEngineError(e) && e.code === 'CONFIG') return { message: e.message, expected: true };
  if (e instanceof DiscordAPIError) {
    const hint =
      e.status === 401
        ? ' Check DISCORD_TOKEN.'
        : e.status === 403 || e.status === 404
          ? ' Check DISCORD_CLIENT_ID, and DISCORD_GUILD_ID (the bot must be in that server, invited with the applications.commands scope).'
          : '';
    return { message: `Discord refused the commands (${e.status} ${e.message}).${hint}`, expected: true };
  }
  return { message: `could not register the commands: ${messageOf(e)}`, expected: false };
}

runMain(main, failure);
