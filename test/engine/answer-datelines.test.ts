import { describe, expect, it } from 'vitest';
import { datelineDay } from '../../src/text/shapes.js';
import { engineForFile } from '../support/workspace.js';

// A story of our own (not from the dev sets) told over three wire reports with no published date,
// only their datelines, from December into January: each audit found a larger sum.
const ARTICLES: Record<string, string> = {
  'audit-first.txt': `Audit questions Marlow mayor's expenses

MARLOW, Dec 18 (Coast Wire) - An audit of Marlow town council has found that Mayor Ottilie Brandt claimed 41,000 crowns in expenses without receipts, the council said on Thursday.

The mayor said she would answer every question the auditors put to her.`,
  'audit-second.txt': `Marlow audit widens to travel claims

MARLOW, Dec 30 (Coast Wire) - Auditors looking into Marlow town council have widened their review to travel, and now say Mayor Ottilie Brandt claimed 58,500 crowns without receipts.

Opposition councillors called for her to step aside while the review continues.`,
  'audit-final.txt': `Marlow auditors publish their report

MARLOW, Jan 9 (Coast Wire) - Mayor Ottilie Brandt claimed 73,200 crowns in expenses without receipts over two years, Marlow town council's auditors said in a report published on Friday.

The council will vote next week on whether to refer the report to police.`,
};

const engine = engineForFile(ARTICLES);

describe('a wire dateline dates a report that has no published date', () => {
  it('reads the month and day of the dateline (no year), and nothing from a sentence without one', () => {
    expect(datelineDay('MARLOW, Jan 9 (Coast Wire) - The final audit …')).toEqual({ month: 0, day: 9 });
    expect(datelineDay('HALSBERG, Sept. 27 (NPA) - Aveline Air …')).toEqual({ month: 8, day: 27 });
    expect(datelineDay('BRACKWATER, Calif., June 3 (Capital Wire) - …')).toEqual({ month: 5, day: 3 });
    expect(datelineDay('LONDON (AP) — no date here')).toBeUndefined();
    expect(datelineDay('The council met on Feb 4 to vote.')).toBeUndefined();
  });

  it('"in the end" of a story filed from December into January: the January report is the newest', async () => {
    const answer = await engine().ask('how much did mayor brandt claim without receipts in the end');
    expect(answer.abstained).toBe(false);
    expect(answer.claims[0]?.text).toContain('73,200');
    // It is the dateline that decides: without weight for the newest report, another one answers.
    const undated = await engine().ask('how much did mayor brandt claim without receipts in the end', { tuning: { answer: { recencyWeight: 0 } } });
    expect(undated.claims[0]?.text).not.toContain('73,200');
  });
});
