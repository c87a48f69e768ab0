import { MessageFlags, SlashCommandBuilder, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../index-light.js';
import { answerQuestion, slashQuestion } from '../ask-flow.js';
import type { BotContext } from '../context.js';
import { notRateLimited, validQuestion } from '../preconditions.js';
import { conversationOf, isBotThread, openThread, remember, threadsByDefault } from '../conversation.js';
import { addFilterOptions } from './filter-options.js';
import { renderCitedPassages } from '../render/answer.js';
import { notice } from '../render/message.js';
import { logDeliveryFailure, replyEphemeral, replyFailure } from '../respond.js';
import { autocompleteSource } from './autocomplete.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the news articles; the answer cites its sources.')
  .addStringOption((o) =>
    o.setName('question').setDescription('Your question, e.g. "what did Yermak say?"').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addStringOption((o) => o.setName('source').setDescription('Only use this article').setAutocomplete(true))
  .addBooleanOption((o) => o.setName('thread').setDescription('Answer in a new thread for follow-up questions (default: the server setting)'));
addFilterOptions(data);

export const preconditions = [validQuestion('question'), notRateLimited];

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const checked = slashQuestion(interaction, ctx, 'question'); // holds: validQuestion let it through
  // Defer at once; the answer starts as soon as the acknowledgements in flight (this one included)
  // are out, so questions arriving together are embedded together (the embedder batches them).
  const botId = interaction.client.user?.id;
  const inBotThread = isBotThread(interaction.channel, botId);
  // A follow-up in the bot's thread, or the same user's next question in this channel within the window.
  const conversation = conversationOf(ctx, { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id, inBotThread });
  const wantThread =
    !inBotThread &&
    interaction.inGuild() &&
    !interaction.channel?.isThread() &&
    (interaction.options.getBoolean('thread') ?? threadsByDefault(ctx, interaction.guildId));
  const deferring = ctx.acks ? ctx.acks.track(interaction.deferReply()) : interaction.deferReply();
  const answering = answerQuestion(ctx, checked.question, { article: checked.article, filter: checked.filter, conversation });
  answering.catch(() => undefined); // observed below; no unhandled rejection if the deferral fails
  try {
    await deferring;
  } catch (e) {
    return logDeliveryFailure(ctx, e, '/ask');
  }
  try {
    const { payload, answer } = await answering;
    const message = await interaction.editReply(payload);
    remember(ctx, conversation, answer, message.id);
    if (wantThread) await openThread(ctx, message, answer);
  } catch (e) {
    await replyFailure(interaction, ctx, e, '/ask');
  }
}

export const autocomplete = (interaction: AutocompleteInteraction, ctx: BotContext) => autocompleteSource(interaction, ctx);

/** "Show passages": the full cited passages, privately, to whoever clicks. */
export async function button(interaction: ButtonInteraction, ctx: BotContext, args: string[]): Promise<void> {
  const [action, key] = args;
  if (action !== 'passages' || !key) return replyEphemeral(interaction, notice('This button is not recognised any more.'));
  const answer = ctx.answers.get(key);
  if (!answer) {
    return replyEphemeral(
      interaction,
      notice('That answer is no longer in memory (the bot keeps only recent ones, and none across restarts). Ask again to see its passages.'),
    );
  }
  const [first, ...rest] = renderCitedPassages(answer);
  await interaction.reply({ ...first!, flags: MessageFlags.Ephemeral });
  for (const m of rest) await interaction.followUp({ ...m, flags: MessageFlags.Ephemeral });
}
