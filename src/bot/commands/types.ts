import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { BotContext } from '../context.js';

/**
 * One slash command, as in the discord.js guide: its definition (`data`) and handler (`execute`),
 * plus `autocomplete` for options that suggest values and `button` for its buttons (custom ids
 * start with `<command name>:`; `args` are the parts after it).
 */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  button?(interaction: ButtonInteraction, ctx: BotContext, args: string[]): Promise<void>;
}
