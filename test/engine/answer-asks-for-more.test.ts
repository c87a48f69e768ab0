import { describe, expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// A small corpus of our own (not one of the dev sets): the thing the question already knows of is
// in many sentences, the other things taken are in one that says "also".
const ARTICLES: Record<string, string> = {
  'cup-stolen.txt': `Thieves steal gold cup from Ravensholt museum

RAVENSHOLT, Apr 4 (Fen Gazette) - Thieves broke into the Ravensholt Museum overnight on Saturday and stole the Harrow Cup, a gold cup made in 1620, police said.

The cup was taken from a locked case in the museum's east gallery, where it had been on display since 1954. Detectives believe the thieves got into the museum through a skylight.

The gallery also held a pair of candlesticks and a pocket watch. Both were taken as well, a spokeswoman said.

The museum will stay closed until Thursday.`,
  'cup-history.txt': `The Harrow Cup: what the stolen gold cup means to Ravensholt

RAVENSHOLT, Apr 5 (Valley Post) - The gold cup stolen from Ravensholt Museum was given to the town by the Harrow family in 1702.

The cup is insured for £2 million, the museum said. Its director called the theft of the cup "a blow to the whole town".

Police have asked anyone offered the cup for sale to contact them.`,
};

const engine = engineForFile(ARTICLES);

describe('"what else … besides X": a sentence that adds to what was said', () => {
  const question = 'what else got taken from the ravensholt museum besides the cup';

  it('the premise: weighed like any other sentence, one about the cup comes first', async () => {
    const answer = await engine().ask(question, { tuning: { answer: { additionWeight: 0 } } });
    expect(answer.claims[0]!.text).not.toMatch(/candlesticks/);
  });

  it('the sentence with the other things taken answers, though the cup is in more sentences and nearer in meaning', async () => {
    const answer = await engine().ask(question);
    expect(answer.abstained).toBe(false);
    expect(answer.claims[0]!.text).toMatch(/candlesticks and a pocket watch/);
  });
});
