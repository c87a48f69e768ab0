import { describe, expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// A small corpus of our own (not one of the dev sets): a short sentence that announces what the
// next one spells out.
const ARTICLES: Record<string, string> = {
  'bakery-approved.txt': `Council approves Millbeck bakery expansion

MILLBECK, Jun 2 (Dale Courier) - Plans to double the size of the Oakcrust bakery on Tanner Lane were approved by Millbeck council's planning committee on Tuesday.

The committee attached strict conditions. Lorries may not load or unload after 8pm, and the new ovens must be fitted with filters before they are lit.

Neighbours had objected to the smell of baking at night.`,
  'bakery-jobs.txt': `Oakcrust expansion to bring 40 jobs

MILLBECK, Jun 3 (Valley Post) - The expansion of the Oakcrust bakery in Millbeck will create 40 jobs, the company said, a day after councillors approved its plans.

The bakery employs 65 people. Most of them live in Millbeck.

Building work is due to start in August.`,
};

const engine = engineForFile(ARTICLES);

describe('a sentence that only announces what follows', () => {
  it('"what conditions …": the short sentence that ranks first is followed by the one that spells them out', async () => {
    const question = 'what conditions did the council put on the oakcrust bakery';
    const explained = await engine().explain(question);
    // The premise: the announcing sentence ranks first.
    expect(explained.candidates[0]!.text).toBe('The committee attached strict conditions.');
    const answer = await engine().ask(question);
    expect(answer.abstained).toBe(false);
    expect(answer.claims[0]!.text).toMatch(/^The committee attached strict conditions\. Lorries may not load or unload after 8pm/);
  });

  it('a short sentence that answers a question of another kind is not lengthened', async () => {
    const answer = await engine().ask('how many people work at the oakcrust bakery now');
    expect(answer.claims[0]!.text).toBe('The bakery employs 65 people.');
  });
});
