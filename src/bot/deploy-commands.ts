/**
 * `npm run deploy-commands`: register the slash commands with Discord. Guild-scoped (instant)
 * when DISCORD_GUILD_ID is set, global otherwise. Needs DISCORD_TOKEN and DISCORD_CLIENT_ID.
 */
import { DiscordAPIError } from 'discord.js';
import { BotConfigError, loadDiscordConfig, loadDotenv } from './config.js';
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

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof BotConfigError) process.stderr.write(`Error: ${e.message}\n`);
    else if (e instanceof DiscordAPIError) {
      const hint =
        e.status === 401
          ? ' Check DISCORD_TOKEN.'
          : e.status === 403 || e.status === 404
            ? ' Check DISCORD_CLIENT_ID, and DISCORD_GUILD_ID (the bot must be in that server, invited with the applications.commands scope).'
            : '';
      process.stderr.write(`Error: Discord refused the commands (${e.status} ${e.message}).${hint}\n`);
    } else {
      process.stderr.write(`Error: could not register the commands: ${(e as Error)?.message ?? String(e)}\n`);
      if (process.env.DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    }
    process.exit(1);
  },
);
