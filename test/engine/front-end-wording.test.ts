/**
 * What the engine reports for a front end to word (issue #14): no command of any front end is
 * written below them; the terminal names npm commands, the bot its slash commands.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { botMessage } from '../../src/bot/respond.js';
import { startupMessage } from '../../src/bot/config.js';
import { cliMessage } from '../../src/cli/run-cli.js';
import { loadEngineConfig } from '../../src/config/engine-config.js';
import { EngineError } from '../../src/errors.js';
import { openIndexBackend } from '../../src/index/open-backend.js';
import { formatAdded } from '../../src/cli/format-article.js';
import { formatReindexSummary, summaryToJson } from '../../src/cli/format-summary.js';
import { renderAdded } from '../../src/bot/render/articles.js';
import { renderReindexSummary } from '../../src/bot/render/reindex.js';
import { lockLost } from '../../src/index/index-backend.js';
import type { AddResult, ReindexSummary } from '../../src/types.js';

const summary = (): ReindexSummary => ({
  articleCount: 5,
  passageCount: 60,
  added: ['x'],
  changed: [],
  removed: [],
  unchangedCount: 4,
  embeddedCount: 2,
  wrote: true,
  seconds: 1,
  timings: { read: 0, chunk: 0, embed: 1, index: 0, write: 0 },
  warnings: ['bad.txt: not UTF-8'],
});
const added = (s: ReindexSummary): AddResult => ({
  article: { id: 'x', file: 'x.md', title: 'X', passageCount: 3 },
  file: 'seeds/x.md',
  summary: s,
  seconds: 1,
  prepareSeconds: 0,
});
const escape = (text: string) => text.replace(/[()`/.]/g, '\\$&');

describe('an index run whose lock was lost', () => {
  const s = summary();
  lockLost(s, 'the lock on /idx was lost during the run (stale)');
  const inTerminal = 'the lock on /idx was lost during the run (stale); run `npm run index` again to be sure';
  const inDiscord = 'the lock on /idx was lost during the run (stale); run /reindex again to be sure';

  it('the engine records it as data, naming no command', () => {
    expect(s.warnings).toEqual(['bad.txt: not UTF-8']);
    expect(s.rebuildWarnings).toEqual([{ code: 'LOCK_LOST', message: 'the lock on /idx was lost during the run (stale)', rebuild: 'update' }]);
  });

  it('npm run index and npm run add print it last, naming npm run index; --json has it in warnings as before', () => {
    expect(formatReindexSummary(s)).toMatch(new RegExp(`\nWarning: bad\\.txt: not UTF-8\nWarning: ${escape(inTerminal)}$`));
    expect(formatAdded(added(s))).toMatch(new RegExp(`\nWarning: ${escape(inTerminal)}$`));
    // The --json keys are the published ones (documents, chunks, unchanged, embedded), whatever the fields are called in code.
    expect(JSON.parse(JSON.stringify(summaryToJson(s)))).toEqual({
      documents: 5,
      chunks: 60,
      added: ['x'],
      changed: [],
      removed: [],
      unchanged: 4,
      embedded: 2,
      wrote: true,
      seconds: 1,
      timings: { read: 0, chunk: 0, embed: 1, index: 0, write: 0 },
      warnings: ['bad.txt: not UTF-8', inTerminal],
    });
  });

  it("the bot's /reindex and /add replies name /reindex, never npm", () => {
    const reindexed = renderReindexSummary(s).embeds[0]!.description!;
    expect(reindexed).toMatch(new RegExp(`\nWarning: bad\\.txt: not UTF-8\nWarning: ${escape(inDiscord)}$`));
    const field = renderAdded(added(s)).embeds[0]!.fields!.find((f) => f.name === 'Warnings')!.value;
    expect(field).toMatch(new RegExp(`${escape(inDiscord)}$`));
    expect(`${reindexed}\n${field}`).not.toMatch(/npm/);
  });
});

const failure = (f: () => unknown): EngineError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('expected an EngineError');
};

describe('errors the operator fixes by setting something up', () => {
  it('INDEX_BACKEND=postgres without DATABASE_URL: the engine names no command; the terminal and npm start name npm run db:local', () => {
    const e = failure(() => loadEngineConfig({ INDEX_BACKEND: 'postgres' }));
    expect(e.code).toBe('CONFIG');
    expect(e.message).toBe('Invalid configuration: DATABASE_URL: is not set; INDEX_BACKEND=postgres needs it (postgres://user:password@host:5432/database).');
    for (const line of [cliMessage(e), startupMessage(e)]) expect(line).toBe(`${e.message} \`npm run db:local\` starts a local one.`);
  });
});

describe('no index yet (files backend)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-wording-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the engine says there is none; the terminal names npm run index, the bot /reindex', async () => {
    const backend = await openIndexBackend(loadEngineConfig({ INDEX_DIR: 'index', SEEDS_DIR: 'seeds' }, dir));
    const e = failure(() => backend.current());
    await backend.close();
    expect(e.code).toBe('INDEX_MISSING');
    expect(e.message).toBe(`There is no index in ${path.join(dir, 'index')} yet.`);
    expect(cliMessage(e)).toBe(`${e.message} Run \`npm run index\` to bring it up to date.`);
    expect(botMessage(e)).toBe(`${e.message} An article manager can bring it up to date with \`/reindex\`.`);
  });
});
