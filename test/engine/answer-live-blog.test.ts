import { describe, expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// A live blog as news sites write one (an entry names someone, the next sentence says what she
// said) and a wire report of the day before.
const ARTICLES: Record<string, string> = {
  'live.txt': `Skarvøy refloating: live updates

09:40 — Harbourmaster Ola Vik has joined the salvage crews on the quay. She says the crews "have not slept since Tuesday and will not stop until the ship is off".

10:15 — Two tugs from Lysa are on their way to Harwick harbour.

11:30 — Nordlink says the ferry will be towed to the shipyard at Brenna once it floats.`,
  'report.txt': `Ferry Skarvøy runs aground off Harwick

The ferry Skarvøy ran aground on a sandbank outside Harwick harbour on Tuesday, the operator Nordlink said.

All 212 passengers were taken off safely by lifeboats on Tuesday afternoon.

The Skarvøy, built in 2009, can carry 400 passengers and 60 cars.`,
};

const engine = engineForFile(ARTICLES);

it('"what did X say": the sentence naming X and the next one, "She says …", are answered together', async () => {
  const answer = await engine().ask('what did the harbourmaster say on the quay');
  expect(answer.abstained).toBe(false);
  expect(answer.text).toContain('Ola Vik');
  expect(answer.text).toContain('have not slept since Tuesday');
  // One claim, cited once: both sentences come from the same passage.
  expect(answer.citations).toHaveLength(1);
});

it('the sentence that answers best is about another day than the one asked, and none is about that day: abstain', async () => {
  const asked = await engine().ask('how many passengers were taken off the ferry on monday');
  expect(asked.abstained).toBe(true);
  expect(asked.text).toContain('another time');
  // Not the next nearest sentence with a number of passengers in it, which is about something else.
  expect(asked.text).not.toContain('can carry 400 passengers [');
  const right = await engine().ask('how many passengers were taken off the ferry on tuesday');
  expect(right.abstained).toBe(false);
  expect(right.text).toContain('212');
  const noDay = await engine().ask('how many passengers were taken off the ferry');
  expect(noDay.abstained).toBe(false);
  expect(noDay.text).toContain('212');
});

describe('a live blog dated in its opening line', () => {
  const dated = engineForFile({
    'sentencing-live.txt': `Live: Marta Lind sentenced over Brightwell charity fraud

Harwick Courier live coverage, Friday 21 March

09:58 — Marta Lind has arrived at Harwick Crown Court with her solicitor.

11:02 — Sentence: four years and two months in prison.

11:06 — Lind is taken down to the cells.`,
    'verdict.txt': `Former charity treasurer guilty of fraud

HARWICK, Feb 27 (Fjord Wire) - A jury convicted Marta Lind, the former treasurer of the Brightwell Trust, of two counts of fraud after a three-week trial.

The judge said she would pass sentence at a later hearing.`,
  });

  it('"what day / when was she sentenced": the entry that tells of it, with the blog\'s date line', async () => {
    for (const q of ['what day did lind get sentenced', 'when was lind sentenced']) {
      const answer = await dated().ask(q);
      expect(answer.abstained, q).toBe(false);
      expect(answer.text, q).toContain('Friday 21 March');
      expect(answer.text, q).toContain('four years and two months');
    }
  });

  it('"what time": the entry\'s time answers, without the date line', async () => {
    const answer = await dated().ask('what time was lind sentenced');
    expect(answer.text).toContain('11:02');
    expect(answer.text).not.toContain('Friday 21 March');
  });
});
