import { describe, expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// Small stories of our own (not from the dev sets), found by reading how a corpus written by
// someone who never ran the bot was answered: denials told in a lede and settled a sentence or
// two later, a rumour's platform in a chatty question, a company's name that never says
// "group", a name two clauses away from what was asked, and a quote the sentence splitter cut.
const ARTICLES: Record<string, string> = {
  'kelmarsh-exams.txt': `University denies exams will be scrapped

KELMARSH, March 5 (Fenland Post) - The University of Kelmarsh has denied a report that final-year exams will be cancelled this summer because of the lecturers' strike.

A post widely shared on social media on Tuesday claimed that the university had told departments to award degrees without examinations. A spokeswoman said the claim was "completely untrue" and that exams would go ahead as planned from May 12.`,
  'torrin-search.txt': `Police deny search for missing climber scaled back

ASHCOMBE, April 14 (Valley Radio) - Police have denied reports that the search for missing climber Mairi Dunlop has been scaled back, saying more people were on the hills on Monday than on any day since she disappeared.

A message circulating in community groups on Sunday claimed the helicopter had been stood down and that the operation would now be "recovery, not rescue". Inspector Colm Reddy said the claim was false and deeply upsetting for the family.`,
  'corbridge-sale.txt': `Consortium agrees deal for Corbridge Town

CORBRIDGE, Mar 28 (Eastgate Wire) - Blue Heron Sports Partners has agreed to buy Corbridge Town in a deal worth £3.4 million, including the clearing of the club's debts.

The outgoing chairman said the sale ended eleven years of uncertainty at the ground.`,
  'wyck-library.txt': `Volunteers keep Wyck library going

WYCK, April 2 (Wyck Courier) - The campaign to save Wyck library has raised more than £30,000 in six weeks.

A quiz night at the Plough Inn raised £2,300, and a local builder has offered to repair the leaking roof free of charge.`,
  'dunmere-count.txt': `Live: Dunmere council election count

06:20 — Result after recount: Janet Hale (Progress) 1,204, Tom Hale (Community First) 1,201.

06:40 — Tom Hale, visibly emotional: "Three votes. That's one street. That's one family at a kitchen table."

06:50 — The count is over.`,
};

const engine = engineForFile(ARTICLES);

describe('yes/no questions answered by a denial, and names that are or are not the answer', () => {
  it('a denial’s lede is followed by what the denial says: the no a reader asked for', async () => {
    const answer = await engine().ask('is it true kelmarsh uni cancelled the final year exams?');
    expect(answer.abstained).toBe(false);
    const text = answer.claims[0]?.text ?? '';
    expect(text).toContain('has denied a report');
    expect(text).toContain('completely untrue');
    // The rumour told again ("claimed that … without examinations") is not what the denial says.
    expect(text).not.toContain('A post widely shared');
  });

  it('the rumour’s own "not" ("recovery, not rescue") is skipped for the sentence that denies it', async () => {
    const answer = await engine().ask('was the search for the missing climber scaled back like people were saying on facebook');
    // The platform the asker saw it on is no name the coverage lacks.
    expect(answer.abstained).toBe(false);
    const text = answer.claims[0]?.text ?? '';
    expect(text).toContain('the claim was false');
    expect(text).not.toContain('recovery, not rescue');
  });

  it('"the name of the group buying X" is answered by a company’s name that never says "group"', async () => {
    const answer = await engine().ask('whats the name of the group buying corbridge town');
    expect(answer.abstained).toBe(false);
    expect(answer.claims[0]?.text).toContain('Blue Heron Sports Partners');
  });

  it('a name in another clause ("at the Plough Inn …, and a local builder") does not name the builder', async () => {
    const answer = await engine().ask('whats the name of the builder fixing the wyck library roof');
    expect(answer.abstained).toBe(true);
  });

  it('a quote of several sentences is followed to its closing mark', async () => {
    const answer = await engine().ask('what did tom hale say after he lost the recount by 3');
    expect(answer.abstained).toBe(false);
    const text = answer.claims[0]?.text ?? '';
    expect(text).toContain('Three votes.');
    expect(text).toContain('one family at a kitchen table');
  });
});
