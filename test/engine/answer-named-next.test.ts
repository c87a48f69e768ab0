import { describe, expect, it } from 'vitest';
import { defaultAnswerTuning } from '../../src/answer/tuning.js';
import { engineForFile } from '../support/workspace.js';

// A small corpus of our own (not one of the dev sets): a report that introduces someone by role and
// names them in the next sentence, and one whose next sentence names someone else.
const ARTICLES: Record<string, string> = {
  'quarry-inquiry.txt': `Inquiry opens into Fennick quarry collapse

FENNICK, Feb 3 (Valley Wire) - The Quarries Board has opened a formal inquiry into the collapse of a rock face at the Fennick quarry that buried two diggers last month.

The inquiry will look at whether blasting was carried out too close to the face, the board said on Tuesday.

The board's chief engineer will lead the inquiry into the collapse personally. Marguerite Okafor, a former geologist who spent twenty years with the national survey, took up the post in 2023.

Work at the quarry remains suspended.`,
  'quarry-union.txt': `Union welcomes Fennick quarry inquiry

FENNICK, Feb 4 (Harbour Post) - The union representing Fennick quarry workers has welcomed the inquiry into last month's collapse, but wants it to look at shift patterns too.

"People were blasting at night and digging at dawn," a union spokesman said.`,
  'quarry-owner.txt': `Fennick quarry owner goes into administration

FENNICK, Mar 9 (Harbour Post) - Stonebridge Aggregates, the owner of the Fennick quarry, has gone into administration.

Rescue talks with a potential investor collapsed on Tuesday night, the administrators said. Joanna Pryor, the lead administrator, said there was no prospect of the quarry reopening this year.

Forty workers have been laid off.`,
};

const engine = engineForFile(ARTICLES);
// In a corpus this small the sentence that names someone outranks the one that introduces them by
// role; on our dev corpora it often does not. Without the weight for having a name, and without the
// promotion of a nearby one, the ranking is the one this rule is for. Whether to answer at all is
// not what this is about: the answerability of "who was the investor" sits at the threshold here
// (0.346 against 0.347 on one machine, above it on another: the model's arithmetic differs by CPU),
// so the threshold is set well below it.
const tuning = { answer: { select: { ...defaultAnswerTuning.select, supplies: 0 }, supplyMargin: 0, answerThreshold: 0.2 } };

describe('a person introduced by role is named in the next sentence', () => {
  it('"who is leading …": the role sentence and the next one, which names the person, answer together', async () => {
    const question = 'whos leading the fennick quarry inquiry';
    const explained = await engine().explain(question, { tuning });
    // The premise: the sentence that ranks first says who by role only.
    expect(explained.candidates[0]!.text).toMatch(/^The board's chief engineer will lead the inquiry/);
    expect(explained.candidates[0]!.features.supplies).toBe(0);
    const answer = await engine().ask(question, { tuning });
    expect(answer.abstained).toBe(false);
    expect(answer.claims[0]!.text).toMatch(/chief engineer will lead the inquiry into the collapse personally\. Marguerite Okafor, a former geologist/);
  });

  it('a name the next sentence gives another role is not the one asked about: the coverage lacks it', async () => {
    const question = 'who was the investor in the stonebridge rescue talks';
    const explained = await engine().explain(question, { tuning });
    expect(explained.candidates[0]!.text).toMatch(/^Rescue talks with a potential investor collapsed/);
    const answer = await engine().ask(question, { tuning });
    expect(answer.text).not.toContain('Joanna Pryor');
    expect(answer.text).toMatch(/^The coverage doesn't name who/);
  });
});
