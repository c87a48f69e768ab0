import type { APIEmbed } from 'discord.js';
import { expect } from 'vitest';
import { embedLength, LIMITS } from '../../src/bot/render/limits.js';

/** Discord's limits on one embed (title, description, fields), checked on what the bot built or sent. */
export function expectEmbedWithinLimits(e: APIEmbed): void {
  expect(embedLength(e)).toBeLessThanOrEqual(LIMITS.embedTotal);
  expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
  expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
  expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
  for (const f of e.fields ?? []) {
    expect(f.name.length).toBeGreaterThan(0);
    expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(f.value.length).toBeGreaterThan(0);
    expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
}
