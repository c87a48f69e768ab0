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

  it('one shared word ("showed" / "show") does not make another report a source of the same claim', async () => {
    const answer = await engine().ask('what did harlow say in court');
    expect(answer.abstained).toBe(false);
    const claim = answer.claims.find((c) => /It existed/.test(c.text));
    expect(claim, answer.text).toBeDefined();
    const articles = claim!.citations.map((n) => answer.citations[n - 1]!.articleId);
    expect(articles).not.toContain('harlow-verdict');
  });
});
