import { expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// A report where the topic ("the radiocarbon results") is named two paragraphs before the quote
// that comments on it, as wire reports put a finding first and the reaction after.
const ARTICLES: Record<string, string> = {
  'kiln-dated.txt': `Marlow kiln is 3,200 years old, tests show

The pottery kiln found under the Marlow car park was built around 1200 BC, radiocarbon tests have confirmed.

Results from the laboratory place its last firing between 1250 BC and 1150 BC, making it one of the oldest kilns found in the region.

"It is like opening the door of someone's kitchen," said Dr Amara Quist of Wendle Archaeology. She said soot marks inside showed it had been used for decades.

The kiln will be lifted in March and taken to the county museum.`,
  'kiln-found.txt': `Kiln found under Marlow car park

Builders resurfacing the Marlow car park found the base of a clay kiln on Monday, the council said.

Dr Amara Quist of Wendle Archaeology said the dig would close the car park until May.`,
};

const engine = engineForFile(ARTICLES);

it('"what did X say about Y": Y named earlier in the passage of the quote counts, a little less than next to it', async () => {
  const answer = await engine().ask('what did dr quist say about the radiocarbon results');
  expect(answer.abstained).toBe(false);
  expect(answer.text).toContain('opening the door');
});
