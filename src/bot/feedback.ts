import { randomUUID } from 'node:crypto';
import {
  ActionRowBuilder,
  MessageFlags,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ButtonInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { MAX_COMMENT_LENGTH } from '../index-light.js';
import type { BotContext } from './context.js';
import { notice } from './render/message.js';
import { replyEphemeral } from './respond.js';

export const THANKS = 'Thanks — your rating was recorded.';

/**
 * 👍 / 👎 on an answer (`fb:up:<key>` / `fb:down:<key>`, the key of the answer in the bot's
 * cache): the rating is stored at once; 👎 then opens an optional one-line "what was wrong" form.
 */
export async function feedbackButton(interaction: ButtonInteraction, ctx: BotContext, args: string[]): Promise<void> {
  const [rating, key] = args;
  if ((rating !== 'up' && rating !== 'down') || !key) return replyEphemeral(interaction, notice('This button is not recognised any more.'));
  if (!ctx.feedback) return replyEphemeral(interaction, notice('Feedback is turned off on this bot.'));
  const answer = ctx.answers.get(key);
  if (!answer)
    return replyEphemeral(interaction, notice('That answer is no longer in memory (the bot keeps only recent ones), so it cannot be rated any more.'));
  const id = randomUUID();
  const record = ctx.feedback.rate({
    id,
    rating,
    question: answer.question,
    ...(answer.standalone && { standalone: answer.standalone }),
    answer: answer.text,
    abstained: answer.abstained,
    citations: answer.citations.map((c) => ({ passage: c.passageId, source: c.article.file, paragraph: c.paragraph, quote: c.quote })),
    index: ctx.engine.indexGeneration,
    answerKey: key,
    userId: interaction.user.id,
  });
  if (rating === 'down') {
    // The form is the reply (it must come within 3 s); the rating is written meanwhile.
    const why = new TextInputBuilder()
      .setCustomId('why')
      .setLabel('What was wrong? (optional)')
      .setStyle(TextInputStyle.Short)
      .setRequired(false)
      .setMaxLength(MAX_COMMENT_LENGTH);
    const modal = new ModalBuilder()
      .setCustomId(`fb:why:${id}`)
      .setTitle('Not helpful')
      .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(why));
    await Promise.all([interaction.showModal(modal), record]);
    return;
  }
  await record;
  await interaction.reply({ ...notice(THANKS), flags: MessageFlags.Ephemeral });
}

/** The "what was wrong" form: its text is stored as a comment on the rating. */
export async function feedbackModal(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<void> {
  const [, action, id] = interaction.customId.split(':');
  if (action !== 'why' || !id || !ctx.feedback) return replyEphemeral(interaction, notice('This form is not recognised any more.'));
  const text = interaction.fields.getTextInputValue('why') ?? '';
  await ctx.feedback.comment(id, text, interaction.user.id);
  await interaction.reply({ ...notice(text.trim() ? 'Thanks — noted what was wrong.' : THANKS), flags: MessageFlags.Ephemeral });
}
