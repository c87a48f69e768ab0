import { describe, expect, it } from 'vitest';
import { CHUNKER_VERSION } from '../../src/chunk/chunk-article.js';
import { INDEXED_TEXT_VERSION } from '../../src/index/indexed-text-version.js';
import { DATE, NUMBER, patternsFingerprint, SHAPE_PATTERNS_FINGERPRINT } from '../../src/text/shapes.js';

// An index stores each sentence's shape flags; the answer layer's patterns change often. Indexes
// cached by an older program were read with their old flags (the eval's figures then depended on
// when its index was built), so the version an index records now covers the patterns too.
describe('the version an index records covers how its sentences were flagged', () => {
  it('the fingerprint is the same for the same patterns and differs when one changes', () => {
    expect(patternsFingerprint([DATE, NUMBER])).toBe(patternsFingerprint([new RegExp(DATE.source, DATE.flags), new RegExp(NUMBER.source, NUMBER.flags)]));
    expect(patternsFingerprint([DATE, NUMBER])).not.toBe(patternsFingerprint([DATE, new RegExp(`${NUMBER.source}|dozen`, NUMBER.flags)]));
    expect(patternsFingerprint([DATE])).not.toBe(patternsFingerprint([new RegExp(DATE.source, 'g')]));
  });

  it('the recorded version holds the chunker version and the shape patterns’ fingerprint', () => {
    expect(Math.floor(INDEXED_TEXT_VERSION / 1_000_000)).toBe(CHUNKER_VERSION);
    expect(INDEXED_TEXT_VERSION % 1_000_000).toBe(SHAPE_PATTERNS_FINGERPRINT);
    // (It fits the database's int column.)
    expect(INDEXED_TEXT_VERSION).toBeLessThan(2 ** 31);
  });
});
