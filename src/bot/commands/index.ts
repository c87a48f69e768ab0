import { Collection } from 'discord.js';
import * as add from './add.js';
import * as ask from './ask.js';
import * as compare from './compare.js';
import * as quotes from './quotes.js';
import * as reindex from './reindex.js';
import * as remove from './remove.js';
import * as search from './search.js';
import * as source from './source.js';
import * as sources from './sources.js';
import type { Command } from './types.js';

export type { Command } from './types.js';

/** Every slash command of the bot, in the order they are registered. */
export const commandList: readonly Command[] = [ask, search, sources, source, quotes, compare, reindex, add, remove];

/** Commands by name (for dispatching interactions and button custom ids). */
export const commands = new Collection<string, Command>(commandList.map((c) => [c.data.name, c]));

/** Commands for article managers (their `articleManager` precondition): Manage Server by default, or ARTICLE_MANAGER_ROLE. */
const ARTICLE_MANAGER_COMMANDS = new Set(commandList.filter((c) => c.preconditions?.some((p) => p.name === 'articleManager')).map((c) => c.data.name));

/**
 * The JSON bodies to register with Discord (`npm run deploy-commands`). With an ARTICLE_MANAGER_ROLE,
 * /add and /remove are registered without a default permission, so that role's members can see
 * them (Discord hides a command from members lacking its default permission); the bot checks who
 * may use them at run time in either case.
 */
export const commandsJson = (options: { articleManagerRole?: string } = {}) =>
  commandList.map((c) => {
    const json = c.data.toJSON();
    return options.articleManagerRole && ARTICLE_MANAGER_COMMANDS.has(json.name) ? { ...json, default_member_permissions: null } : json;
  });
