import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import { type ArticleInfo, normalizeTyped, articleRank } from '../index-light.js';
import { oneLine, truncate } from '../format/shorten.js';
import { LIMITS } from './render/limits.js';

/** Ids up to this long are shown in front of the title in a suggestion. */
const SHORT_ID = 24;

/** Autocomplete choices for an article option: id/title/outlet matching what was typed, at most 25. */
export function sourceChoices(sources: readonly ArticleInfo[], typedRaw: string): ApplicationCommandOptionChoiceData<string>[] {
  const typed = normalizeTyped(typedRaw);
  return sources
    .map((s, i) => ({ s, i, r: articleRank(s, typed) }))
    .filter((x) => x.r < 4 && x.s.id.length <= LIMITS.choiceValue)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, LIMITS.choices)
    .map(({ s }) => {
      const name = oneLine(s.outlet ? `${s.outlet}: ${s.title}` : s.title || s.file, 100);
      // A long id (an added article's is a slug of its title) would leave no room for the title.
      return { name: truncate(s.id.length <= SHORT_ID ? `${s.id} — ${name}` : name, LIMITS.choiceName), value: s.id };
    });
}
