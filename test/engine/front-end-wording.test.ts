/**
 * What the engine reports for a front end to word (issue #14): no command of any front end is
 * written below them; the terminal names npm commands, the bot its slash commands.
 */
import { describe, expect, it } from 'vitest';
import { formatAdded } from '../../src/cli/format-article.js';
import { formatReindexSummary, summaryToJson } from '../../src/cli/format-summary.js';
import { renderAdded } from '../../src/bot/render/articles.js';
import { renderReindexSummary } from '../../src/bot/render/reindex.js';
import { lockLost } from '../../src/index/index-backend.js';
import type { AddResult, ReindexSummary } from '../../src/types.js';

const summary = (): ReindexSummary => ({
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
  warnings: ['bad.txt: not UTF-8'],
});
const added = (s: ReindexSummary): AddResult => ({
  article: { id: 'x', file: 'x.md', title: 'X', passages: 3 },
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
    expect(JSON.parse(JSON.stringify(summaryToJson(s)))).toEqual({ ...summary(), warnings: ['bad.txt: not UTF-8', inTerminal] });
  });

  it("the bot's /reindex and /add replies name /reindex, never npm", () => {
    const reindexed = renderReindexSummary(s).embeds[0]!.description!;
    expect(reindexed).toMatch(new RegExp(`\nWarning: bad\\.txt: not UTF-8\nWarning: ${escape(inDiscord)}$`));
    const field = renderAdded(added(s)).embeds[0]!.fields!.find((f) => f.name === 'Warnings')!.value;
    expect(field).toMatch(new RegExp(`${escape(inDiscord)}$`));
    expect(`${reindexed}\n${field}`).not.toMatch(/npm/);
  });
});
