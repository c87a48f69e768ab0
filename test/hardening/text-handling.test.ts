/**
 * Hostile or odd text, at the stage that handles it (issue #11, cases 6, 7 and 10–13): front matter
 * that fails to parse, invisible characters between words, look-alike letters, question length in
 * characters as typed, and linear-time cleaning and chunking of long or odd articles. No timing
 * here (speed belongs in `npm run bench`): linear time is shown by counting the work done.
 */
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/ingest/load-corpus.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('front matter that fails to parse (case 13)', () => {
  // A "billion laughs" alias bomb: the YAML parser refuses it (too many aliases).
  const bomb = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');

  it.each([
    ['a YAML alias bomb', `---\n${bomb}\ntitle: Secret title\noutlet: Nobody\n---\nFerry resumes on Issyk-Kul\n\nThe ferry resumed service on Tuesday, captain Nurlan Beishenov said.\n`],
    ['unclosed brackets', '---\ntitle: [unclosed\noutlet: Lake Wire\n---\nFerry resumes on Issyk-Kul\n\nThe ferry resumed service on Tuesday, captain Nurlan Beishenov said.\n'],
    ['a list instead of a mapping', '---\n- title\n- outlet\n---\nFerry resumes on Issyk-Kul\n\nThe ferry resumed service on Tuesday, captain Nurlan Beishenov said.\n'],
  ])('%s: the block is dropped with a warning and only the body is indexed', (_, text) => {
    const { document, warnings } = parseArticle('story.md', bytes(text));
    expect(warnings).toEqual([expect.stringMatching(/^front matter (is not valid YAML \(.+\)|is not a YAML mapping); ignored it and indexed the text after it$/)]);
    expect(document!.meta.title).toBe('Ferry resumes on Issyk-Kul');
    expect(document!.cleaned).toBe('Ferry resumes on Issyk-Kul\n\nThe ferry resumed service on Tuesday, captain Nurlan Beishenov said.');
    expect(document!.cleaned).not.toMatch(/---|lol|title:|outlet:/);
  });
});
