import { Collection } from 'discord.js';
import * as ask from './ask.js';
import * as compare from './compare.js';
import * as quotes from './quotes.js';
import * as reindex from './reindex.js';
import * as search from './search.js';
import * as source from './source.js';
import * as sources from './sources.js';
import type { Command } from './types.js';

export type { Command } from './types.js';

/** Every slash command of the bot, in the order they are registered. */
export const commandList: readonly Command[] = [ask, search, sources, source, quotes, compare, reindex];

/** Commands by name (for dispatching interactions and button custom ids). */
export const commands = new Collection<string, Command>(commandList.map((c) => [c.data.name, c]));

/** The JSON bodies to register with Discord (`npm run deploy-commands`). */
export const commandsJson = () => commandList.map((c) => c.data.toJSON());
