import { describe, expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// A small corpus of our own (not one of the dev sets): a seaside town's pier, regatta and lift
// company, reported as a preview and as results, with the cause of a closure told a sentence before
// the closure itself.
const ARTICLES: Record<string, string> = {
  'pier-closed.txt': `Ostby pier shut to walkers

OSTBY, June 3 (Coast Wire) - Ostby's Victorian pier was closed to the public on Tuesday, the town council said.

Divers inspecting the pier last week found that two of its iron legs had rusted through below the waterline. As a result the whole deck was closed at noon, and the pier café will stay shut until the repairs are done.

Council leader Mara Quist said the work would take most of the summer.`,
  'regatta-preview.txt': `Record field expected for Ostby regatta

OSTBY, June 5 (Coast Wire) - About 300 boats are expected on the water on Saturday for the Ostby regatta, the organisers said, which this year starts from the harbour mouth.

Entries have come from as far away as Brenholm and Lysa.`,
  'regatta-results.txt': `Lund twins win Ostby regatta

OSTBY, June 7 (Harbour Post) - The Lund twins won the Ostby regatta on Saturday in a fresh westerly, finishing four minutes clear of the field.

A total of 246 boats finished the course, short of the 300 that had been expected to start.`,
  'lifts-passes.txt': `Brenna Lifts rules out refunds

OSTBY, Nov 20 (Harbour Post) - Brenna Lifts has ruled out refunds for season pass holders while the upper lifts stay shut.

Chief executive Ola Brenna said a report that the 2025-26 season had been called off was untrue.

The company has sold about 2,300 season passes for this winter, at prices from £300 to £700.`,
  'bell-explainer.txt': `Explainer: how the Ostby bell was identified

Oct 30 (Coast Wire) - When a bell turned up at a salvage yard this month, how could anyone be sure it was the one taken from Ostby church? The answer lies in its lettering and its weight.

The lettering. Around the rim of the bell runs the line "I RING FOR THE DROWNED", followed by the names of two churchwardens.

The weight. Parish records give the bell's weight as about 400 kilograms, and the recovered bell came to 398 kg.

The yard's records list the bell as lot 14. Tidemark, the system that logs each lot as it arrives, showed it came in on 2 October.`,
};

const engine = engineForFile(ARTICLES);

describe('causes told before their consequence, counts against previews, years that count nothing', () => {
  it('"why": a sentence opening on its consequence ("As a result …") answers with the sentence before it, which gives the cause', async () => {
    const answer = await engine().ask('why did they shut the whole pier deck');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('rusted through');
    expect(answer.text).toContain('whole deck was closed');
  });

  it('a count asked in the past tense is answered by what was reported, not by a preview’s expected figure', async () => {
    const answer = await engine().ask('how many boats finished the ostby regatta');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('246');
    expect(answer.text).not.toContain('are expected on the water');
  });

  it('"different thing -" opens a new subject: the question is answered, not compared across outlets', async () => {
    const answer = await engine().ask('different thing - how many boats finished the ostby regatta');
    expect(answer.abstained).toBe(false);
    expect(answer.claims).toHaveLength(1);
    expect(answer.text).toContain('246');
  });

  it('an explainer’s run-in subheading ("The lettering. Around the rim …") is a label, never the answer', async () => {
    const answer = await engine().ask('what does the writing on the ostby bell say');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('I RING FOR THE DROWNED');
    expect(answer.claims.map((c) => c.text)).not.toContain('The lettering.');
    const explained = await engine().explain('what does the writing on the ostby bell say');
    expect(explained.candidates.map((c) => c.text)).not.toContain('The lettering.');
  });

  it('"what is X": a sentence that says what it is in an apposition ("Tidemark, the system that logs …") supplies it', async () => {
    const explained = await engine().explain('what even is tidemark');
    const says = explained.candidates.find((c) => c.text.includes('Tidemark, the system'));
    expect(says?.features.supplies).toBe(1);
    // (Once one sentence says what it is, one that only names it doesn't supply it.)
    const names = explained.candidates.find((c) => c.text.startsWith('The yard’s records') || c.text.startsWith("The yard's records"));
    expect(names?.features.supplies).toBe(0);
    expect((await engine().ask('what even is tidemark')).text).toContain('logs each lot');
  });

  it('a span of years ("the 2025-26 season") is no count of what follows it', async () => {
    const answer = await engine().ask('how many season passes has brenna lifts sold');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('2,300');
  });
});
