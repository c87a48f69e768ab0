import { expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// A doping case: the newest report names the substance first; an older one says what it is.
const ARTICLES: Record<string, string> = {
  'b-sample.txt': `B sample confirms positive test for Reyland

KELDRAITH, Apr 22 (Chainline Weekly) - Analysis of Mattias Reyland's B sample has confirmed the presence of norvalexin, the Clean Sport Agency said on Tuesday, and his team has terminated his contract.

Reyland has said he will appeal.`,
  'suspended.txt': `Tour winner Reyland suspended after positive test

KELDRAITH, Apr 2 (Fjord Wire) - The Clean Sport Agency has provisionally suspended Mattias Reyland, winner of the Tour of the Halden Hills.

The agency said a urine sample taken from the rider after stage two of the race, the summit finish at Crane Fell on 20 March, contained norvalexin, a synthetic hormone that boosts the production of red blood cells and is banned at all times.`,
  'appeal.txt': `Reyland to fight norvalexin ban

KELDRAITH, May 2 (Northern Ledger) - Mattias Reyland's lawyers said on Thursday that the norvalexin found in his sample came from a contaminated supplement, and that norvalexin testing at the agency's laboratory had been unreliable.

A hearing on the norvalexin case is expected in June.`,
};

const engine = engineForFile(ARTICLES);

it('"what even is norvalexin": the sentence that says what it is, not the newest one that names it', async () => {
  const answer = await engine().ask('what even is norvalexin');
  expect(answer.abstained).toBe(false);
  expect(answer.text).toContain('synthetic hormone');
});
