import type { AutocompleteInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { sourceChoices } from '../source-lookup.js';

/** Suggest indexed articles for the focused option (`source` / `article`). */
export async function autocompleteSource(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const choices = focused.name === 'source' || focused.name === 'article' ? sourceChoices(ctx.engine.listSources(), String(focused.value)) : [];
  await interaction.respond(choices);
}
