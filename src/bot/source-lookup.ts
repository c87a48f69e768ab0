import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { SourceInfo } from '../engine/types.js';
import type { BotEngine } from './context.js';
import { LIMITS } from './render/limits.js';
import { oneLine, truncate } from '../text/shorten.js';

/** Ids up to this long are shown in front of the title in a suggestion. */
const SHORT_ID = 24;

const norm = (s: string | undefined) => (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();

/** How well an article matches what was typed: 0 best … 4 no match. */
function rank(s: SourceInfo, typed: string): number {
  if (!typed) return 3;
  const id = s.id.toLowerCase();
  const names = [norm(s.title), norm(s.outlet)];
  if (id === typed) return 0;
  if (id.startsWith(typed)) return 1;
  if (names.some((n) => n.startsWith(typed))) return 2;
  if (id.includes(typed) || names.some((n) => n.includes(typed))) return 3;
  return 4;
}

/** Autocomplete choices for an article option: id/title/outlet matching what was typed, at most 25. */
export function sourceChoices(sources: readonly SourceInfo[], typedRaw: string): ApplicationCommandOptionChoiceData<string>[] {
  const typed = norm(typedRaw);
  return sources
    .map((s, i) => ({ s, i, r: rank(s, typed) }))
    .filter((x) => x.r < 4 && x.s.id.length <= LIMITS.choiceValue)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, LIMITS.choices)
    .map(({ s }) => {
      const name = oneLine(s.outlet ? `${s.outlet}: ${s.title}` : s.title || s.file, 100);
      // A long id (an added article's is a slug of its title) would leave no room for the title.
      return { name: truncate(s.id.length <= SHORT_ID ? `${s.id} — ${name}` : name, LIMITS.choiceName), value: s.id };
    });
}

/**
 * The article id meant by what the user typed: an exact id, or the one article whose id starts
 * with it or whose title/outlet matches it. Undefined when none or several match.
 */
export function resolveSource(engine: BotEngine, typedRaw: string): string | undefined {
  const typed = typedRaw.trim();
  if (!typed) return undefined;
  if (engine.hasSource(typed)) return typed;
  const sources = engine.listSources();
  const t = norm(typed);
  for (const best of [0, 1, 2, 3]) {
    const hits = sources.filter((s) => rank(s, t) === best || (best === 0 && (norm(s.title) === t || norm(s.outlet) === t)));
    if (hits.length === 1) return hits[0]!.id;
    if (hits.length > 1) return undefined;
  }
  return undefined;
}
