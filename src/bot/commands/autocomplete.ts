import type { AutocompleteInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { sourceChoices } from '../source-lookup.js';

/** Suggest indexed articles for the focused option (`source` / `article`), or outlets for `outlet`. */
export async function autocompleteSource(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value);
  const choices =
    focused.name === 'source' || focused.name === 'article'
      ? sourceChoices(ctx.engine.listArticles(), typed)
      : focused.name === 'outlet'
        ? outletChoices(ctx.engine.listOutlets(), typed)
        : [];
  await interaction.respond(choices);
}

/** Outlets of the indexed articles that start with (first) or contain what was typed, at most 25. */
export function outletChoices(outlets: readonly string[], typedRaw: string) {
  const t = typedRaw.toLowerCase().trim();
  const score = (o: string) =>
    !t
      ? 1
      : o.toLowerCase().startsWith(t) ||
          o
            .toLowerCase()
            .replace(/^the\s+/, '')
            .startsWith(t)
        ? 0
        : o.toLowerCase().includes(t)
          ? 1
          : 2;
  return outlets
    .map((o) => ({ o, s: score(o) }))
    .filter((x) => x.s < 2 && x.o.length <= 100)
    .sort((a, b) => a.s - b.s || a.o.localeCompare(b.o))
    .slice(0, 25)
    .map(({ o }) => ({ name: o, value: o }));
}
