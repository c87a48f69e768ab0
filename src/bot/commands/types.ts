import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { BotContext } from '../context.js';
import type { Precondition } from '../preconditions.js';

/**
 * One slash command, as in the discord.js guide: its definition (`data`) and handler (`execute`),
 * plus `autocomplete` for options that suggest values and `button` for its buttons (custom ids
 * start with `<command name>:`; `args` are the parts after it). `preconditions` are checked by the
 * dispatcher before `execute`, `buttonPreconditions[action]` before `button` with that first arg
 * (src/bot/preconditions.ts); a refusal never reaches the handler.
 */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  preconditions?: readonly Precondition<ChatInputCommandInteraction>[];
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  buttonPreconditions?: Readonly<Record<string, readonly Precondition<ButtonInteraction>[]>>;
  button?(interaction: ButtonInteraction, ctx: BotContext, args: string[]): Promise<void>;
}
