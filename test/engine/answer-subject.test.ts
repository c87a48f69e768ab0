import { describe, expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// Four short reports of our own (not from the dev sets): a marathon, a by-election count still
// under way, harbour talks and a library vote. None of them says who won the by-election.
const ARTICLES: Record<string, string> = {
  'halsberg-marathon.txt': `Keter breaks Halsberg marathon record

HALSBERG, May 4 (Coast Wire) - Daniel Keter won the Halsberg Marathon on Sunday in a course record of 2:07:41.

Ragna Holt won the women's race in 2:24:50, almost two minutes ahead of the runner-up.`,
  'rennick-by-election-count.txt': `Rennick by-election count under way

RENNICK, May 9 (Coast Wire) - Votes in the Rennick by-election for the vacant Harbour ward seat are being counted tonight.

Turnout was 31%, and the result is expected after midnight.`,
  'porthaven-harbour-talks.txt': `Porthaven harbour talks to resume

PORTHAVEN, May 12 (Coast Wire) - Council leader Mara Lind said on Monday that the harbour plan was "the town's best chance in a generation".

Union chief Tomas Berg announced that dock workers would meet the council again. Further talks, he said, are expected next week.`,
  'kessingford-libraries.txt': `Kessingford votes to close four libraries

KESSINGFORD, Feb 26 (Coast Wire) - Kessingford councillors voted on Wednesday to close four branch libraries to help balance the budget.

The libraries earmarked for closure are Holm Road, Sutterby, Brook Lane and Ravensworth.`,
};

const engine = engineForFile(ARTICLES);

describe('an answer comes from a passage about what the question names', () => {
  it('"who won the rennick by-election" is not answered by a marathon winner: the coverage has the by-election, not its winner', async () => {
    const answer = await engine().ask('who won the rennick by-election');
    expect(answer.abstained).toBe(true);
    expect(answer.text).toContain("doesn't name who");
    expect(answer.text).toContain('Votes in the Rennick by-election');
    expect(answer.text).not.toContain('Ragna Holt');
    // It is the passage's names that decide: weighed like any other sentence, the winner of a race answers.
    const unweighed = await engine().ask('who won the rennick by-election', { tuning: { answer: { offSubjectWeight: 0 } } });
    expect(unweighed.claims[0]?.text).toContain('Ragna Holt');
  });
});

describe('"he said" speaks for someone named just before it', () => {
  it('a sentence with "he said" after the union chief’s announcement is not the council leader’s words', async () => {
    const answer = await engine().ask('what did mara lind say about the talks next week');
    expect(answer.claims.map((c) => c.text).join(' ')).not.toContain('Further talks');
    // Asked of the one who did say it, it answers.
    const berg = await engine().ask('what did tomas berg say about the talks');
    expect(berg.abstained).toBe(false);
    expect(berg.claims.map((c) => c.text).join(' ')).toContain('Further talks, he said, are expected next week');
  });
});
