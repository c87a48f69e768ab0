import { describe, expect, it } from 'vitest';
import { vagueCountOnly } from '../../src/answer/answer-types.js';
import { engineForFile } from '../support/workspace.js';

// A small corpus of our own (not one of the dev sets): the first report says how many roughly, a
// later one gives the figure further down.
const ARTICLES: Record<string, string> = {
  'fines-first.txt': `Drivers fined in error at Elmstead car parks

ELMSTEAD, Mar 3 (Fen Gazette) - Thousands of drivers in Elmstead have been sent parking fines in error after a software fault at the council's car parks, the council said on Monday.

The council said it was writing to everyone affected and that no one would have to pay.

Residents first noticed the problem last month.`,
  'fines-later.txt': `Elmstead council reveals scale of parking fines error

ELMSTEAD, Mar 17 (Riverside Echo) - Elmstead council has published its report into the parking fines error at its car parks.

The fault was introduced by an update to the number-plate cameras in January.

The report says 4,218 fines were sent out in error.

The supplier has apologised.`,
};

const engine = engineForFile(ARTICLES);

describe('a count with no figure', () => {
  it('is told from a figure', () => {
    expect(vagueCountOnly('Thousands of drivers in Elmstead have been sent parking fines in error.')).toBe(true);
    expect(vagueCountOnly('Hundreds of homes on Mar 3 were flooded.')).toBe(true);
    expect(vagueCountOnly('The report says 4,218 fines were sent out by mistake.')).toBe(false);
    expect(vagueCountOnly('Two thousand people and thousands more online watched.')).toBe(false);
    expect(vagueCountOnly('The council met on Monday.')).toBe(false);
  });

  it('"how many … by mistake": the figure is the answer, not the lede that says thousands', async () => {
    const answer = await engine().ask('how many parking fines did elmstead send out by mistake altogether');
    expect(answer.abstained).toBe(false);
    expect(answer.claims[0]!.text).toMatch(/4,218/);
  });
});
