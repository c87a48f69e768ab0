import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { isEngineError, type ReindexSummary } from '../../index-light.js';
import type { BotContext } from '../context.js';
import { notice } from '../render/message.js';
import { renderReindexSummary } from '../render/reindex.js';
import { indexIdle, managesServer } from '../preconditions.js';
import { botMessage, logDeliveryFailure, newRef } from '../respond.js';

export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Re-read the articles folder and update the index (server managers only).')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addBooleanOption((o) => o.setName('full').setDescription('Re-embed every article, not only new and changed ones (slower)'));

export const NOT_ALLOWED = 'Sorry, only members with the **Manage Server** permission can re-index the articles.';
export const ALREADY_RUNNING = 'A re-index is already running; please wait for it to finish.';
export const OLD_INDEX_KEPT = 'Nothing was changed: questions are still answered from the previous index.';

export const preconditions = [managesServer('re-index the articles'), indexIdle(ALREADY_RUNNING)];

/** What a failed re-index tells the manager: why (or a log reference), and that the old index still serves. */
function failureText(ctx: BotContext, e: unknown): string {
  if (isEngineError(e)) return `Re-index failed: ${botMessage(e)} ${OLD_INDEX_KEPT}`;
  const ref = newRef();
  ctx.logger.error(`[ref ${ref}] /reindex failed`, e);
  return `Re-index failed (ref ${ref}; details in the bot's log). ${OLD_INDEX_KEPT}`;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  // Start (in the tick the preconditions ran) before deferring: from here on `isReindexing` is true, so a second /reindex is refused at once.
  // Questions keep being answered from the old index until the engine swaps the new one in.
  const started = Date.now();
  const run = ctx.engine.reindex({ full: interaction.options.getBoolean('full') ?? false });
  run.catch(() => undefined); // observed below; avoids an unhandled rejection while we defer
  ctx.logger.info(`/reindex started by ${interaction.user.tag} (${interaction.user.id}) in ${interaction.guildId}`);
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  } catch (e) {
    logDeliveryFailure(ctx, e, '/reindex');
  }
  let summary: ReindexSummary;
  try {
    summary = await run;
  } catch (e) {
    if (isEngineError(e)) ctx.logger.warn(`/reindex failed: ${e.message}`);
    const text = failureText(ctx, e);
    if (!interaction.deferred) return; // the deferral itself failed (logged above); nobody to tell
    try {
      await interaction.editReply(notice(text)); // the deferral is ephemeral: this stays private
    } catch (err) {
      logDeliveryFailure(ctx, err, '/reindex');
    }
    return;
  }
  ctx.logger.info(
    `/reindex done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.articleCount} articles, ${summary.passageCount} passages; ` +
      `added ${summary.added.length}, changed ${summary.changed.length}, removed ${summary.removed.length}${summary.wrote ? '' : ' (nothing to do)'}`,
  );
  if (!interaction.deferred) return;
  try {
    await interaction.editReply(renderReindexSummary(summary));
  } catch (e) {
    logDeliveryFailure(ctx, e, '/reindex');
  }
}
