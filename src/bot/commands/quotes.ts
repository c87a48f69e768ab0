import { SlashCommandBuilder, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { notice } from '../render/message.js';
import { renderSpeakersPage, renderStatementsPage, SPEAKERS_PER_PAGE, statementPages } from '../render/quotes.js';
import { targetPage } from '../render/sources.js';
import { replyEphemeral, replyFailure } from '../respond.js';
import { sourceChoices } from '../source-lookup.js';
import { LIMITS } from '../render/limits.js';
import { unknownSourceMessage } from '../ask-flow.js';

export const data = new SlashCommandBuilder()
  .setName('quotes')
  .setDescription('Who said what: each statement with every outlet’s wording side by side, cited.')
  .addStringOption((o) => o.setName('speaker').setDescription('A quoted person (start typing for suggestions)').setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('source').setDescription('Only statements carried by this article').setAutocomplete(true));

type Filter = { speaker?: string; article?: string };

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const speaker = interaction.options.getString('speaker')?.trim() || undefined;
  const typedSource = interaction.options.getString('source')?.trim() || undefined;
  const article = typedSource ? ctx.engine.findArticle(typedSource) : undefined;
  if (typedSource && !article) return replyEphemeral(interaction, notice(unknownSourceMessage(typedSource)));
  try {
    const listing = ctx.engine.quotes({ ...(speaker ? { speaker } : {}), ...(article ? { article } : {}) });
    if (!speaker && !article) return void (await interaction.reply(renderSpeakersPage(listing, 0)));
    const filter: Filter = { ...(listing.speaker ? { speaker: listing.speaker } : {}), ...(article ? { article } : {}) };
    await interaction.reply(renderStatementsPage(listing, 0, ctx.aliases.add(JSON.stringify(filter))));
  } catch (e) {
    await replyFailure(interaction, ctx, e, '/quotes');
  }
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value).toLowerCase().trim();
  if (focused.name === 'source') return interaction.respond(sourceChoices(ctx.engine.listArticles(), typed));
  const speakers = ctx.engine.quotes().speakers;
  const rank = (name: string) =>
    !typed
      ? 1
      : name.toLowerCase().startsWith(typed) ||
          name
            .toLowerCase()
            .split(' ')
            .some((w) => w.startsWith(typed))
        ? 0
        : name.toLowerCase().includes(typed)
          ? 1
          : 2;
  const choices = speakers
    .map((s, i) => ({ s, i, r: rank(s.name) }))
    .filter((x) => x.r < 2)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, LIMITS.choices)
    .map(({ s }) => ({
      name: `${s.name} (${s.statementCount} statements, ${s.fragmentCount} fragments)`.slice(0, LIMITS.choiceName),
      value: s.name.slice(0, LIMITS.choiceValue),
    }));
  await interaction.respond(choices);
}

/** Prev/Next: `quotes:<dir>:<page>:<ref>`; ref `-` is the speakers list, else an alias of the filter. */
export async function button(interaction: ButtonInteraction, ctx: BotContext, args: string[]): Promise<void> {
  const [direction = '', current = '0', ref = '-'] = args;
  const page = Number.parseInt(current, 10) || 0;
  if (ref === '-') {
    const listing = ctx.engine.quotes();
    return interaction
      .update(renderSpeakersPage(listing, targetPage(direction, page, Math.max(1, Math.ceil(listing.speakers.length / SPEAKERS_PER_PAGE)))))
      .then(() => undefined);
  }
  const stored = ctx.aliases.get(ref);
  if (!stored) return replyEphemeral(interaction, notice('These quotes are no longer in memory (the bot keeps only recent ones). Run /quotes again.'));
  const listing = ctx.engine.quotes(JSON.parse(stored) as Filter);
  await interaction.update(renderStatementsPage(listing, targetPage(direction, page, statementPages(listing.statements).length), ref));
}
