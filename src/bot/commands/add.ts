import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { ArticleInput } from '../../index.js';
import { isEngineError, type EngineError } from '../../index-light.js';
import { oneLine } from '../../format/shorten.js';
import type { BotContext } from '../context.js';
import { renderAdded } from '../render/articles.js';
import { notice } from '../render/message.js';
import { articleManager, indexBusy, indexIdle, type Precondition } from '../preconditions.js';
import { escapeText } from '../render/text.js';
import { logDeliveryFailure, newRef } from '../respond.js';

export const data = new SlashCommandBuilder()
  .setName('add')
  .setDescription('Add a news article: a link to it, or a .txt, .md or .html file (article managers only).')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) => o.setName('url').setDescription('Link to the article (http or https)').setMaxLength(2000))
  .addAttachmentOption((o) => o.setName('file').setDescription('The article as a .txt, .md or .html file'));

export const GIVE_ONE = 'Give the article either as a link (`url:`) or as an attached file (`file:`).';
export const ONLY_ONE = 'Give either a link (`url:`) or a file (`file:`), not both: one article at a time.';

/** One article: a link or a file, not both. */
const oneArticle: Precondition<ChatInputCommandInteraction> = {
  name: 'oneArticle',
  check: (interaction) => {
    const url = interaction.options.getString('url')?.trim();
    const file = interaction.options.getAttachment('file');
    return !url && !file ? GIVE_ONE : url && file ? ONLY_ONE : undefined;
  },
};

export const preconditions = [articleManager('add articles'), oneArticle, indexIdle(indexBusy('/add'))];

/** A failure, in the words of this command (always private). */
export function addFailureText(ctx: BotContext, e: unknown): string {
  if (isEngineError(e)) return addMessage(e);
  const ref = newRef();
  ctx.logger.error(`[ref ${ref}] /add failed`, e);
  return `Could not add the article (ref ${ref}; details in the bot's log). Nothing was added.`;
}

function addMessage(e: EngineError): string {
  if (e.code === 'DUPLICATE_ARTICLE' && e.data.existing) return `${e.message} Use \`/source article:${e.data.existing.id}\` to see it.`;
  if (e.code === 'INDEX_LOCKED') return `${e.message} Nothing was added; try again when it has finished.`;
  if (e.code === 'REINDEX_IN_PROGRESS') return `${e.message} Nothing was added.`;
  return e.message;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const url = interaction.options.getString('url')?.trim();
  const file = interaction.options.getAttachment('file');

  const input: ArticleInput = file
    ? { kind: 'attachment', name: file.name, url: file.url, size: file.size, ...(file.contentType && { contentType: file.contentType }) }
    : { kind: 'url', url: url! };
  const who = `${interaction.user.tag} (${interaction.user.id})`;
  // Start (in the tick the preconditions ran) before deferring: from here on the engine is busy, so a second /add or /reindex is refused at once.
  const started = Date.now();
  const run = ctx.engine.addArticle(input, { addedBy: `${who} via Discord` });
  run.catch(() => undefined); // observed below
  ctx.logger.info(`/add by ${who} in ${interaction.guildId}: ${file ? `file ${oneLine(file.name, 100)}` : oneLine(url!, 200)}`);
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  } catch (e) {
    logDeliveryFailure(ctx, e, '/add');
  }
  let reply;
  try {
    const result = await run;
    ctx.logger.info(`/add done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.article.id} (${result.article.passageCount} passages)`);
    reply = renderAdded(result);
  } catch (e) {
    if (isEngineError(e)) ctx.logger.warn(`/add refused: ${e.message}`);
    reply = notice(escapeOwn(addFailureText(ctx, e)));
  }
  if (!interaction.deferred) return; // the deferral failed (logged); nobody to tell
  try {
    await interaction.editReply(reply); // the deferral is ephemeral: this stays private
  } catch (e) {
    logDeliveryFailure(ctx, e, '/add');
  }
}

/** Our messages quote page titles and hosts: keep markdown in them from formatting the reply. */
const escapeOwn = (text: string) => text.replace(/“([^”]*)”/g, (_m, t: string) => `“${escapeText(t)}”`);
