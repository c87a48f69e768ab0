import { expect, it } from 'vitest';
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
