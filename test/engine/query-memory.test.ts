/**
 * A process that only searches and answers questions standing on their own never loads compromise
 * (30–45 MB when imported, issue #18) or chrono-node (10–14 MB): the question reading uses the tables generated from it
 * (src/text/lexicon-data.ts), the quote index is stored, and a turn's entities are worked out when
 * a follow-up reads them. Nor does it load the article readers or the pg driver (issue #18 too). Each run is its own
 * process (test/support/loaded-modules-child.ts), which reports every module imported (a resolve
 * hook) or required (the CommonJS cache) after each step.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build-index.js';
import { makeWorkspace, REPO, testEmbedder, type Workspace } from '../support/workspace.js';

const run = promisify(execFile);
let w: Workspace;

/** What searching and answering never need: compromise (follow-ups, quote extraction), chrono-node (date filters, follow-ups), the article readers (indexing, /add), the pg driver (INDEX_BACKEND=postgres). */
const NOT_FOR_QUERIES = ['compromise', 'efrt', 'chrono-node', 'linkedom', '@mozilla/readability', 'yaml', 'iconv-lite', 'pg'];

interface StepReport {
  step: Record<string, string>;
  result: unknown;
  packages: string[];
}

async function inChild(steps: object[]): Promise<{ sawEngine: boolean; steps: StepReport[] }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(REPO, 'test/support/loaded-modules-child.ts'), JSON.stringify(steps)], {
    cwd: REPO,
    env: { ...process.env, SEEDS_DIR: w.seedsDir, INDEX_DIR: w.indexDir },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { sawEngine: boolean; steps: StepReport[] };
}

beforeAll(async () => {
  w = makeWorkspace();
  await buildIndex(w.config, await testEmbedder());
}, 180_000);
afterAll(() => w?.cleanup());

describe('the query process without compromise', () => {
  it('searches and answers questions, quotes included, without loading compromise, chrono-node, the article readers or pg', async () => {
    const report = await inChild([
      { search: 'what did Yermak say?' },
      { search: 'putin bishkek press conference' },
      // A person asked for (answer types read given names), a word only in another form in the
      // articles ("lose": "lost"), a place no article mentions, a speaker's quotes.
      { ask: 'Who is going to Moscow next week for talks?' },
      { ask: 'How many troops did Putin say Ukraine would lose in October?' },
      { ask: 'what is the capital of australia' },
      { ask: 'What did Tatiana Stanovaya say?' },
      { quotes: 'Yermak' },
    ]);
    expect(report.sawEngine).toBe(true); // the hook sees the engine's imports
    for (const s of report.steps) expect({ step: s.step, loaded: s.packages.filter((p) => NOT_FOR_QUERIES.includes(p)) }).toEqual({ step: s.step, loaded: [] });
    expect(report.steps.at(-1)!.packages).toEqual(expect.arrayContaining(['@huggingface/transformers', 'hnswlib-node', 'minisearch']));
    const [search, , who, troops, australia, stanovaya, quotes] = report.steps.map((s) => s.result);
    expect((search as string[]).length).toBe(5);
    expect(who).toMatch(/Witkoff/);
    expect(troops).toMatch(/lost/);
    expect(australia).toMatch(/doesn't say: none of the 5 articles mentions "australia"/);
    expect(stanovaya).toMatch(/Stanovaya, as quoted in the coverage/);
    expect(quotes).toBeGreaterThan(0);
  }, 180_000);

  it('loads compromise and chrono-node for a follow-up, which reads the earlier turn with them (the check above can see them)', async () => {
    const report = await inChild([{ ask: 'who is Yermak?', followUp: 'what did he say about territory?' }]);
    expect(report.steps[0]!.packages).toEqual(expect.arrayContaining(['compromise', 'chrono-node']));
    expect(report.steps[0]!.result).toMatch(/Yermak on territory, as quoted in the coverage/);
  }, 180_000);
});
