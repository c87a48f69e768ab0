import { describe, expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// Two small stories of our own (not from the dev sets): a rocket lost on launch, told in one
// report, and a water outbreak told over three dated reports, each with a newer count.
const ARTICLES: Record<string, string> = {
  'vesper-lost.txt': `Keelbrook's Vesper-3 rocket lost a minute after launch

MARRAM POINT, March 4 (Coast Wire) - Keelbrook Space lost a rocket and the four satellites it was carrying on Tuesday when its Vesper-3 launch from Marram Point failed about a minute into the flight, the company said.

Debris fell into the sea about 30 km offshore, inside the cleared hazard zone, and no one was injured, the company said.

Keelbrook said it would not fly again until an investigation had found the cause.`,
  'fenwick-first.txt': `---
title: Dozens ill after parasite found in Fenwick water
outlet: Coast Wire
published: 2025-08-14
---
About 20 people in Fenwick have fallen ill with stomach cramps after drinking tap water, health officials said on Thursday.

Fenwick Water told 30,000 homes to boil their water after a parasite was found at its Heron Lane works.`,
  'fenwick-update.txt': `---
title: Fenwick outbreak grows as boil notice stays
outlet: Fenwick Courier
published: 2025-08-20
---
Health officials said on Wednesday that 45 people in Fenwick had fallen ill with stomach cramps since the parasite was found.

The boil water notice will stay in place for the rest of the week.`,
  'fenwick-lifted.txt': `---
title: Boil water notice lifted in Fenwick
outlet: Coast Wire
published: 2025-08-27
---
Fenwick Water lifted its boil water notice on Wednesday after two weeks of clear tests.

Health officials said 67 people had fallen ill in the outbreak.`,
};

const engine = engineForFile(ARTICLES);

describe('the sentence that answers is not always the one closest in meaning', () => {
  it('a yes/no question is answered by the sentence that says no about what was asked, not the story’s lede', async () => {
    const answer = await engine().ask('was anyone hurt when the vesper 3 went down');
    expect(answer.abstained).toBe(false);
    expect(answer.claims[0]?.text).toContain('no one was injured');
    // It is the denial that decides: weighed like any other sentence, the lede wins.
    const unweighed = await engine().ask('was anyone hurt when the vesper 3 went down', { tuning: { answer: { denialWeight: 0 } } });
    expect(unweighed.claims[0]?.text).toContain('Keelbrook Space lost a rocket');
  });

  it('a denial about something else ("would not fly again") is no answer to "was anyone hurt"', async () => {
    const answer = await engine().ask('was anyone hurt when the vesper 3 went down');
    expect(answer.claims.map((c) => c.text).join(' ')).not.toContain('would not fly again');
  });

  it('"in the end" of a story told over several dated reports: the newest report’s figure', async () => {
    const answer = await engine().ask('final count - how many people got ill in fenwick');
    expect(answer.abstained).toBe(false);
    expect(answer.claims[0]?.text).toContain('67');
    // It is the date that decides: undated, the first report's count is as good as the last's.
    const undated = await engine().ask('final count - how many people got ill in fenwick', { tuning: { answer: { recencyWeight: 0 } } });
    expect(undated.claims[0]?.text).not.toContain('67');
  });
});
