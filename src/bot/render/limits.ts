import type { APIEmbed, APIEmbedField } from 'discord.js';
import { truncate } from '../../format/shorten.js';

/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Characters Discord counts towards the 6000 per message. */
export function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

const clampField = (f: APIEmbedField): APIEmbedField => ({
  ...f,
  name: truncate(f.name, LIMITS.fieldName) || '\u200B',
  value: truncate(f.value, LIMITS.fieldValue) || '\u200B',
});

/**
 * Make one embed fit Discord's limits (each part, then `budget` characters in total).
 * Over budget, the description gives way first (down to 1000 characters), then trailing
 * fields, then the description again. Renderers budget their own text; this is the safety net.
 */
export function fitEmbed(embed: APIEmbed, budget: number = LIMITS.embedTotal): APIEmbed {
  const e: APIEmbed = { ...embed };
  if (e.title !== undefined) e.title = truncate(e.title, LIMITS.title);
  if (e.description !== undefined) e.description = truncate(e.description, LIMITS.description);
  if (e.footer) e.footer = { ...e.footer, text: truncate(e.footer.text, LIMITS.footer) };
  if (e.author) e.author = { ...e.author, name: truncate(e.author.name, LIMITS.author) };
  if (e.fields) e.fields = e.fields.slice(0, LIMITS.fields).map(clampField);

  const over = () => embedLength(e) - budget;
  if (over() > 0 && e.description) e.description = truncate(e.description, Math.max(1000, e.description.length - over()));
  while (over() > 0 && e.fields && e.fields.length > 0) e.fields = e.fields.slice(0, -1);
  if (over() > 0 && e.description) e.description = truncate(e.description, Math.max(0, e.description.length - over()));
  if (over() > 0 && e.footer) e.footer = { ...e.footer, text: truncate(e.footer.text, Math.max(0, e.footer.text.length - over())) };
  if (over() > 0 && e.title) e.title = truncate(e.title, Math.max(1, e.title.length - over()));
  if (e.description === '') delete e.description;
  if (e.fields?.length === 0) delete e.fields;
  return e;
}

/** Fit the embeds of one message: at most 10, and 6000 characters across all of them. */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const out: APIEmbed[] = [];
  let left: number = LIMITS.embedTotal;
  for (const embed of embeds.slice(0, LIMITS.embedsPerMessage)) {
    if (left <= 0) break;
    const fitted = fitEmbed(embed, left);
    out.push(fitted);
    left -= embedLength(fitted);
  }
  return out;
}

/**
 * Greedy packing in order: each group holds at most `maxCount` items whose sizes add up to at
 * most `budget` (an item larger than the budget still gets a group of its own).
 */
export function packGreedy<T>(items: readonly T[], sizeOf: (item: T) => number, budget: number, maxCount: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const n = sizeOf(item);
    if (current.length > 0 && (current.length >= maxCount || used + n > budget)) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += n;
  }
  if (current.length) groups.push(current);
  return groups;
}

/** Pack embeds into as few messages as possible, each within the per-message limits. */
export function packEmbeds(embeds: readonly APIEmbed[]): APIEmbed[][] {
  return packGreedy(
    embeds.map((e) => fitEmbed(e)),
    embedLength,
    LIMITS.embedTotal,
    LIMITS.embedsPerMessage,
  );
}
