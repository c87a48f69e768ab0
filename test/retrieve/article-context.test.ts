import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// One story told by five reports (the ninth dev corpus's research-ship expedition): every lede
// echoes "the voyage", and who paid for it is said once, in a later paragraph of the first report,
// in other words ("is funded by").
const DIR = path.join(import.meta.dirname, '../fixtures/corpora/ninth/seeds');
const ARTICLES = Object.fromEntries(
  readdirSync(DIR)
    .filter((f) => f.includes('cormorant'))
    .map((f) => [f, readFileSync(path.join(DIR, f), 'utf8')]),
);
const engine = engineForFile(ARTICLES);
const QUESTION = 'who paid for the seamount voyage';
const answers = (text: string) => text.includes('funded by the Ocean Futures Council');

it('a later paragraph of the report that matches best outranks other reports’ ledes that only echo the topic', async () => {
  const alone = await engine().search(QUESTION, { tuning: { retrieval: { articleWeight: 0 } } });
  const inContext = await engine().search(QUESTION);
  // Ranked on its own the paragraph is not in the top 5; with its report's lede behind it, it is.
  expect(alone.some((p) => answers(p.text))).toBe(false);
  expect(inContext.some((p) => answers(p.text))).toBe(true);
  // The passage ranked first is the same either way.
  expect(inContext[0]!.articleId).toBe(alone[0]!.articleId);
  expect(inContext[0]!.text).toBe(alone[0]!.text);
});
