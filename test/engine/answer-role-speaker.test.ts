import { describe, expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// A small corpus of our own (not one of the dev sets): speakers introduced by their post, whose
// own words come in the next paragraph or in the next sentence under their name.
const ARTICLES: Record<string, string> = {
  'allotment-rents.txt': `Allotment holders lose vote on rent rise

BRACKLEY, Mar 3 (Vale Courier) - Brackley town council has voted to triple the rent of its 140 allotment plots from April, despite a petition signed by 900 residents.

The head of the town's allotment society said on Tuesday that the rise would drive older members off their plots.

"This is the end of allotments for pensioners. Nobody on a state pension can find ninety pounds a year for a patch of mud," society chairman Owen Thrale said.

The council says the plots have been let below cost for a decade.`,
  'bowls-club.txt': `Bowls club loses appeal over green

BRACKLEY, Mar 10 (Vale Courier) - The Brackley Bowls Club has lost its appeal against the sale of its green to a housing developer, ending a two-year campaign.

The club's secretary welcomed the end of the uncertainty but said the ruling gave her no joy. Edna Forde said the members were "sad it had to end this way" and hoped to find a new green by the summer.

The developer, Marlcote Homes, plans 24 flats on the site.`,
};

const engine = engineForFile(ARTICLES);

describe('"what did <a post> say": the speaker\'s own words after the sentence that introduces them', () => {
  it('a sentence reporting what they said is followed by their quote in the next paragraph', async () => {
    const answer = await engine().ask('what did the allotment society guy say after the vote');
    expect(answer.abstained).toBe(false);
    const claim = answer.claims.find((c) => /drive older members off/.test(c.text));
    expect(claim, answer.text).toBeDefined();
    expect(claim!.text).toMatch(/end of allotments for pensioners/);
  });

  it('a sentence naming them by post is followed, in the same paragraph, by their name and words', async () => {
    const answer = await engine().ask('what did the bowls club secretary say after the ruling');
    expect(answer.abstained).toBe(false);
    expect(answer.claims[0]!.text).toMatch(/gave her no joy/);
    expect(answer.claims[0]!.text).toMatch(/sad it had to end this way/);
  });
});
