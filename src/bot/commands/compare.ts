import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../index-light.js';
import { slashQuestion } from '../ask-flow.js';
import type { BotContext } from '../context.js';
import { notRateLimited, validQuestion } from '../preconditions.js';
import { renderComparison } from '../render/quotes.js';
import { logDeliveryFailure, replyFailure } from '../respond.js';

export const data = new SlashCommandBuilder()
  .setName('compare')
  .setDescription('Side by side: each outlet’s claim on a topic, what only one reports, what all report.')
  .addStringOption((o) => o.setName('topic').setDescription('A topic, e.g. "written guarantee"').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH));

export const preconditions = [validQuestion('topic'), notRateLimited];

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const checked = slashQuestion(interaction, ctx, 'topic'); // holds: validQuestion let it through
  try {
    await (ctx.acks ? ctx.acks.track(interaction.deferReply()) : interaction.deferReply());
  } catch (e) {
    return logDeliveryFailure(ctx, e, '/compare');
  }
  try {
    await ctx.acks?.settled();
    await interaction.editReply(renderComparison(await ctx.engine.compare(checked.question)));
  } catch (e) {
    await replyFailure(interaction, ctx, e, '/compare');
  }
}
