import { describe, expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// Three small stories of our own (not from the dev sets): a rocket lost on launch, told in one
// report; a water outbreak told over three dated reports, each with a newer count; and a fine
// first reported as a draft figure, then settled lower in a report worded away from the question.
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
  'lumo-draft.txt': `---
title: Regulator proposes big fine for Lumo Labs
outlet: Harbor Ledger
published: 2026-03-02
---
Grenwick's data regulator has proposed a fine of €31 million for Lumo Labs over how the app maker shared customers' location data, according to a draft decision seen by the Harbor Ledger.

Lumo Labs has a month to answer the draft before the regulator decides.`,
  'lumo-live.txt': `---
title: Live: Grenwick regulator rules on Lumo Labs
outlet: Grenwick Courier
published: 2026-04-14
---
10:02 - The regulator's decision on the Lumo Labs fine is due at 10:30.

10:31 - The regulator has ruled: more on Lumo Labs in our main story shortly.`,
  'lumo-appeal.txt': `---
title: Lumo Labs appeals against data penalty
outlet: Coast Wire
published: 2026-04-21
---
Lumo Labs on Tuesday lodged an appeal against the €22.4 million penalty imposed on it by Grenwick's data regulator last week, arguing that the regulator had misread how the data was used.

The company said customers' data had never been sold.`,
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

  it('"in the end": the newest report’s figure wins over an earlier draft worded closer to the question', async () => {
    const answer = await engine().ask('how big was the lumo fine in the end');
    expect(answer.abstained).toBe(false);
    expect(answer.claims[0]?.text).toContain('€22.4 million');
    // At half the weight for the newest report (the old default), the draft's €31 million answers.
    const halved = await engine().ask('how big was the lumo fine in the end', { tuning: { answer: { recencyWeight: 1 } } });
    expect(halved.claims[0]?.text ?? '').not.toContain('€22.4 million');
  });
});
