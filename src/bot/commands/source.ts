import { SlashCommandBuilder, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { unknownSourceMessage } from '../ask-flow.js';
import type { BotContext } from '../context.js';
import { LIMITS } from '../render/limits.js';
import { notice } from '../render/message.js';
import { passagePages, renderSourcePage, targetPage } from '../render/sources.js';
import { replyEphemeral } from '../respond.js';
import { autocompleteSource } from './autocomplete.js';

export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription("Show one article's details and its passages.")
  .addStringOption((o) => o.setName('article').setDescription('Article id or title (start typing for suggestions)').setRequired(true).setAutocomplete(true));

/** What the page buttons carry to find the article again: its id, or `~alias` when the id is too long for a custom id. */
function pageId(ctx: BotContext, id: string): string {
  return `source:next:99999:${id}`.length <= LIMITS.customId ? id : `~${ctx.aliases.add(id)}`;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const typed = interaction.options.getString('article', true);
  const id = ctx.engine.findArticle(typed);
  const found = id ? await ctx.engine.getArticle(id) : undefined;
  if (!found) return replyEphemeral(interaction, notice(unknownSourceMessage(typed)));
  await interaction.reply(renderSourcePage(found.info, found.passages, 0, pageId(ctx, found.info.id)));
}

export const autocomplete = (interaction: AutocompleteInteraction, ctx: BotContext) => autocompleteSource(interaction, ctx);

/** Prev/Next: `source:prev:<page>:<id>` / `source:next:<page>:<id>` → edit the article view in place. */
export async function button(interaction: ButtonInteraction, ctx: BotContext, args: string[]): Promise<void> {
  const [direction = '', current = '0', ...rest] = args;
  const ref = rest.join(':'); // ids may contain ':'
  const id = ref.startsWith('~') ? ctx.aliases.get(ref.slice(1)) : ref;
  const found = id ? await ctx.engine.getArticle(id) : undefined;
  if (!found)
    return replyEphemeral(
      interaction,
      notice('That article is no longer in the index (it may have been removed by a re-index). Use /sources to see the current ones.'),
    );
  const pages = passagePages(found.passages).length;
  await interaction.update(renderSourcePage(found.info, found.passages, targetPage(direction, Number.parseInt(current, 10) || 0, pages), ref));
}
