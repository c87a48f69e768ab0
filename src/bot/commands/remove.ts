import {
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { isEngineError } from '../../index-light.js';
import type { BotContext } from '../context.js';
import { renderRemoveConfirm, renderRemoved } from '../render/articles.js';
import { LIMITS } from '../render/limits.js';
import { notice } from '../render/message.js';
import { articleManager, firstRefusal, indexBusy, indexIdle, refuse } from '../preconditions.js';
import { logDeliveryFailure, newRef, replyEphemeral, unknownSourceMessage } from '../respond.js';
import { autocompleteSource } from './autocomplete.js';

export const data = new SlashCommandBuilder()
  .setName('remove')
  .setDescription('Remove an article from the index (article managers only). Asks for confirmation.')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) => o.setName('article').setDescription('Article id or title (start typing for suggestions)').setRequired(true).setAutocomplete(true));

export const CANCELLED = 'Nothing was removed.';
const notBusy = indexIdle(indexBusy('/remove'));

export const preconditions = [articleManager('remove articles')];
/** Confirming checks again who is asking; Cancel does nothing, so anyone who sees it may. */
export const buttonPreconditions = { confirm: preconditions };

/** What the confirm button carries to find the article again: its id, or `~alias` when too long for a custom id. */
function buttonRef(ctx: BotContext, id: string): string {
  return `remove:confirm:${id}`.length <= LIMITS.customId ? id : `~${ctx.aliases.add(id)}`;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const typed = interaction.options.getString('article', true);
  const id = ctx.engine.findArticle(typed);
  const found = id ? await ctx.engine.getArticle(id) : undefined;
  if (!found) return replyEphemeral(interaction, notice(unknownSourceMessage(typed)));
  await replyEphemeral(interaction, renderRemoveConfirm(found.info, buttonRef(ctx, found.info.id)));
}

export const autocomplete = (interaction: AutocompleteInteraction, ctx: BotContext) => autocompleteSource(interaction, ctx);

/** `remove:confirm:<ref>` removes (buttonPreconditions check again who is asking), `remove:cancel` does nothing. */
export async function button(interaction: ButtonInteraction, ctx: BotContext, args: string[]): Promise<void> {
  const [action = '', ...rest] = args;
  if (action !== 'confirm') return void (await interaction.update(notice(CANCELLED)));
  const ref = rest.join(':');
  const id = ref.startsWith('~') ? ctx.aliases.get(ref.slice(1)) : ref;
  const found = id ? await ctx.engine.getArticle(id) : undefined;
  if (!found) return void (await interaction.update(notice('That article is no longer in the index (it may have been removed already). Nothing was removed.')));
  // Checked here, after looking the article up, and in the same tick as starting the removal.
  const busy = firstRefusal([notBusy], interaction, ctx);
  if (busy) return refuse(interaction, ctx, busy);

  const run = ctx.engine.removeArticle(found.info.id);
  run.catch(() => undefined); // observed below
  const who = `${interaction.user.tag} (${interaction.user.id})`;
  ctx.logger.info(`/remove by ${who} in ${interaction.guildId}: ${found.info.id}`);
  try {
    await interaction.update(notice(`Removing ${found.info.id}…`)); // acknowledges, and takes the buttons away
  } catch (e) {
    logDeliveryFailure(ctx, e, '/remove');
  }
  let reply;
  try {
    const result = await run;
    ctx.logger.info(`/remove done: ${result.article.id}; ${result.summary.articleCount} articles left`);
    reply = renderRemoved(result);
  } catch (e) {
    let text: string;
    if (isEngineError(e)) {
      ctx.logger.warn(`/remove failed: ${e.message}`);
      text =
        e.code === 'INDEX_LOCKED'
          ? `${e.message} Nothing was removed; try again when it has finished.`
          : `Could not remove ${found.info.id}: ${e.message} The article is still in the index.`;
    } else {
      const r = newRef();
      ctx.logger.error(`[ref ${r}] /remove failed`, e);
      text = `Could not remove ${found.info.id} (ref ${r}; details in the bot's log). The article is still in the index.`;
    }
    reply = notice(text);
  }
  try {
    await interaction.editReply(reply);
  } catch (e) {
    logDeliveryFailure(ctx, e, '/remove');
  }
}
