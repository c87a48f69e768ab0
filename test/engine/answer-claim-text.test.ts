import { describe, expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// A small corpus of our own (not one of the dev sets): a reply the sentence splitter cuts inside
// its quote, and a second report that shares one word with it and nothing else.
const ARTICLES: Record<string, string> = {
  'harlow-evidence.txt': `Former treasurer tells jury the audit was real

ASHBY, Oct 9 (Fen Gazette) - The former treasurer of the Ashby Rowing Club, Colin Harlow, told the jury on Thursday that a 2018 audit of the club's accounts had been carried out.

Asked why no copy of the audit had been shown to the court, he said it had been kept on a tablet that went missing during a house move.

The prosecutor, Mair Bevan, put it to him that the audit "never existed". Harlow replied: "It existed. I just can't show it to you."

The trial continues on Monday.`,
  'harlow-verdict.txt': `Jury convicts former rowing club treasurer

ASHBY, Oct 20 (Riverside Echo) - A jury on Monday convicted Colin Harlow, the former treasurer of the Ashby Rowing Club, of taking £84,000 from its accounts.

Harlow showed no reaction as the verdict was read out.

He will be sentenced next month.`,
};

const engine = engineForFile(ARTICLES);

describe("a claim's text and the sources said to report it", () => {
  it('a sentence reached two ways (it spells out a short one and gives its cause) is shown once', async () => {
    const question = 'why couldnt harlow show the audit in court';
    const explained = await engine().explain(question);
    // The premise: the splitter cut the reply inside its quote, and the short half is a candidate.
    expect(explained.candidates.map((c) => c.text)).toContain('Harlow replied: "It existed.');
    const answer = await engine().ask(question);
    for (const claim of answer.claims) {
      const times = claim.text.split("I just can't show it to you.").length - 1;
      expect(times, claim.text).toBeLessThanOrEqual(1);
    }
  });

  it('a speaker\'s quotes asked for without "about": the header names the speaker, not a run of the question\'s words', async () => {
    const answer = await engine().ask('what did harlow reply when the prosecutor said the audit never existed');
    // (The quote index answers: its header, then the quotes.)
    expect(answer.text).toMatch(/^Colin Harlow, as quoted in the coverage:\n/);
    expect(answer.text).toMatch(/It existed/);
  });

  it('asked "abt" a topic, the header still names it, in the words typed', async () => {
    const answer = await engine().ask('what did harlow say abt the audit');
    expect(answer.text).toMatch(/^Colin Harlow on audit, as quoted in the coverage:\n/);
  });

  it('one shared word ("showed" / "show") does not make another report a source of the same claim', async () => {
    const answer = await engine().ask('what did harlow say in court');
    expect(answer.abstained).toBe(false);
    const claim = answer.claims.find((c) => /It existed/.test(c.text));
    expect(claim, answer.text).toBeDefined();
    const articles = claim!.citations.map((n) => answer.citations[n - 1]!.articleId);
    expect(articles).not.toContain('harlow-verdict');
  });
});

// An explainer whose dateline carries only the wire's label, the body starting on the next line.
const EXPLAINER: Record<string, string> = {
  'leak-explainer.txt': `What was in the Carrowby council data leak?

CARROWBY, Apr 2 (Fen Press Agency) - EXPLAINER.

A spreadsheet holding the names and home addresses of 9,400 Carrowby residents was left on a public file-sharing site for six weeks, the council has confirmed.

The file did not include bank details or dates of birth, the council said. It was found by a student, who reported it.`,
  'leak-council.txt': `Carrowby council apologises for data leak

CARROWBY, Apr 1 (Riverside Echo) - Carrowby council has apologised after residents' details were left on a public website.

The council leader, Moira Pell, said the contractor responsible had been suspended.`,
};
const explainerEngine = engineForFile(EXPLAINER);

describe('a wire label after a dateline', () => {
  it('"- EXPLAINER." is no candidate sentence, while the article\'s sentences are', async () => {
    const explained = await explainerEngine().explain('did the carrowby leak have peoples bank details in it');
    const texts = explained.candidates.map((c) => c.text);
    expect(texts.some((t) => t.startsWith('The file did not include bank details'))).toBe(true);
    expect(texts.filter((t) => /EXPLAINER/.test(t))).toEqual([]);
  });
});

// A live blog whose quoted question the splitter cuts from its attribution ('… he cannot see?" |
// he said.'), and a report of the same game.
const CLOCK: Record<string, string> = {
  'clock-live.txt': `Live: Marsh Open final round

17:10 — The final game is over: Tove Lindahl, 15, beats Arvid Lenski after the display on his clock went blank.

17:30 — Lenski has just spoken to us outside the playing hall. "I could not see my time. How is anyone supposed to manage a clock he cannot see?" he said. He stressed his complaint was "about a machine, not about a child who played very well".

17:45 — The arbiters say they will examine the clock tonight.`,
  'clock-report.txt': `Teenager wins Marsh Open as rival's clock fails

MARSH, May 4 (Chess Wire) - Tove Lindahl, 15, won the Marsh Open on Sunday after the clock of her opponent, Arvid Lenski, went blank in the final game.

Lenski said he had sent her a signed copy of his book on endgames. "She does not need it," he said.

The organisers said the clock would be tested.`,
};
const clockEngine = engineForFile(CLOCK);

describe('the tail of a cut sentence', () => {
  it('"he said." is no claim of its own', async () => {
    const question = 'what did lenski actually say straight after the game where his clock died';
    const explained = await clockEngine().explain(question);
    // The premise: the splitter left the tail as a sentence, and it is a candidate.
    expect(explained.candidates.map((c) => c.text)).toContain('he said.');
    // (A wide margin, so that further claims are taken from far down the list.)
    const answer = await clockEngine().ask(question, { tuning: { answer: { claimMargin: 3 } } });
    expect(answer.abstained).toBe(false);
    expect(answer.claims.map((c) => c.text)).not.toContain('he said.');
  });
});
