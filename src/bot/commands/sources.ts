import { SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { renderSourcesPage, SOURCES_PER_PAGE, targetPage } from '../render/sources.js';

export const data = new SlashCommandBuilder().setName('sources').setDescription('List the indexed news articles.');

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply(renderSourcesPage(ctx.engine.listArticles(), 0));
}

/** Prev/Next: `sources:prev:<page>` / `sources:next:<page>` → edit the list in place. */
export async function button(interaction: ButtonInteraction, ctx: BotContext, args: string[]): Promise<void> {
  const [direction = '', current = '0'] = args;
  const sources = ctx.engine.listArticles();
  const pages = Math.max(1, Math.ceil(sources.length / SOURCES_PER_PAGE));
  await interaction.update(renderSourcesPage(sources, targetPage(direction, Number.parseInt(current, 10) || 0, pages)));
}
