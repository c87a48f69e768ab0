import { describe, expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// A small corpus of our own (not one of the dev sets): one story told by three look-alike reports,
// each opening on the same summary, with the asked details further down.
const ARTICLES: Record<string, string> = {
  'wreck-found.txt': `Divers find wreck of the steamer Halcyon off Marrow Head

MARROW HEAD, May 4 (Coast Wire) - Divers have found the wreck of the Halcyon, a steamer that sank off Marrow Head in a storm in 1894, a salvage company said on Monday.

The company, Greyline Marine, said its survey boat had picked up the hull on sonar last month.

The wreck lies upright in 38 metres of water on a bank of shingle, about two miles south of the lighthouse.

The Halcyon was carrying coal and twenty-two passengers when she went down.`,
  'wreck-protected.txt': `Halcyon wreck off Marrow Head to be protected

MARROW HEAD, May 19 (Harbour Post) - The wreck of the Halcyon, found off Marrow Head earlier this month, is to be given legal protection, the government said on Friday.

Divers will need a licence to visit the site.

Descendants of the passengers had asked for the site to be left alone.`,
  'wreck-bell.txt': `Bell raised from Halcyon wreck off Marrow Head

MARROW HEAD, June 2 (Coast Wire) - A bell has been raised from the wreck of the Halcyon off Marrow Head, the salvage company that found the steamer said.

The bell will go on show at the Marrow Head lifeboat station from July.`,
};

const engine = engineForFile(ARTICLES);

describe('a lede sums the story up; the asked detail is further down', () => {
  it('when the best sentence is a report’s opening summary, the best sentence that is not one is given too', async () => {
    const question = 'which company found the halcyon wreck';
    const explained = await engine().explain(question);
    // The premise: an opening summary ranks first ("a salvage company said" echoes the question).
    expect(explained.candidates[0]!.text).toMatch(/^MARROW HEAD, \w+ \d+ \(/);
    const answer = await engine().ask(question);
    expect(answer.abstained).toBe(false);
    expect(answer.claims[0]!.text).toMatch(/^MARROW HEAD, May 4/);
    expect(answer.text).toContain('Greyline Marine');
  });

  it('an answer that is not a lede is not lengthened', async () => {
    const answer = await engine().ask('what was the halcyon carrying when she sank');
    expect(answer.abstained).toBe(false);
    expect(answer.claims[0]!.text).toContain('coal');
    expect(answer.claims).toHaveLength(1);
  });
});
