import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../index-light.js';
import { slashQuestion } from '../ask-flow.js';
import type { BotContext } from '../context.js';
import { notRateLimited, validQuestion } from '../preconditions.js';
import { renderSearchResults } from '../render/search.js';
import { logDeliveryFailure, replyFailure } from '../respond.js';
import { autocompleteSource } from './autocomplete.js';
import { addFilterOptions } from './filter-options.js';

export const MAX_SEARCH_RESULTS = 10;

export const data = new SlashCommandBuilder()
  .setName('search')
  .setDescription('Find the passages that best match a query (no answer composed).')
  .addStringOption((o) => o.setName('query').setDescription('Words to look for').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH))
  .addStringOption((o) => o.setName('source').setDescription('Only search this article').setAutocomplete(true))
  .addIntegerOption((o) => o.setName('limit').setDescription('Number of passages (1–10, default 5)').setMinValue(1).setMaxValue(MAX_SEARCH_RESULTS));
addFilterOptions(data);

export const preconditions = [validQuestion('query'), notRateLimited];

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const checked = slashQuestion(interaction, ctx, 'query'); // holds: validQuestion let it through
  const limit = Math.min(Math.max(1, interaction.options.getInteger('limit') ?? 5), MAX_SEARCH_RESULTS);
  try {
    await (ctx.acks ? ctx.acks.track(interaction.deferReply()) : interaction.deferReply());
  } catch (e) {
    return logDeliveryFailure(ctx, e, '/search');
  }
  try {
    await ctx.acks?.settled(); // interactions waiting to be acknowledged go first
    const passages = await ctx.engine.search(checked.question, {
      limit,
      ...(checked.article ? { article: checked.article } : {}),
      ...(checked.filter && { filter: checked.filter }),
    });
    const filter = checked.filter ? ctx.engine.checkFilter(checked.filter) : undefined;
    await interaction.editReply(renderSearchResults(checked.question, passages, checked.article, filter));
  } catch (e) {
    await replyFailure(interaction, ctx, e, '/search');
  }
}

export const autocomplete = (interaction: AutocompleteInteraction, ctx: BotContext) => autocompleteSource(interaction, ctx);
