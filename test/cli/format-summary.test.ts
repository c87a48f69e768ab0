/**
 * The terminal's wording of an index run's warnings: those that end in what to do next
 * (IndexRunWarning, e.g. the index lock lost during the run) name the npm command; the engine's
 * warning itself names no front end's command.
 */
import { describe, expect, it } from 'vitest';
import { formatAdded } from '../../src/cli/format-article.js';
import { formatReindexSummary, summaryToJson } from '../../src/cli/format-summary.js';
import { lockLost } from '../../src/index/index-backend.js';
import type { ReindexSummary } from '../../src/types.js';

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

describe('an index run whose lock was lost', () => {
  const s = summary();
  lockLost(s, 'the lock on /idx was lost during the run (stale)');
  const worded = 'the lock on /idx was lost during the run (stale); run `npm run index` again to be sure';

  it('the engine records it as data, with no command of any front end', () => {
    expect(s.warnings).toEqual(['bad.txt: not UTF-8']);
    expect(s.rebuildWarnings).toEqual([{ code: 'LOCK_LOST', message: 'the lock on /idx was lost during the run (stale)', rebuild: 'update' }]);
  });

  it('npm run index prints it last, naming npm run index; --json has it in warnings as before', () => {
    expect(formatReindexSummary(s)).toMatch(
      /\nWarning: bad\.txt: not UTF-8\nWarning: the lock on \/idx was lost during the run \(stale\); run `npm run index` again to be sure$/,
    );
    expect(JSON.parse(JSON.stringify(summaryToJson(s)))).toEqual({ ...summary(), warnings: ['bad.txt: not UTF-8', worded] });
  });

  it('npm run add prints it too', () => {
    const article = { id: 'x', file: 'x.md', title: 'X', passages: 3 };
    expect(formatAdded({ article, file: 'seeds/x.md', summary: s, seconds: 1, prepareSeconds: 0 })).toMatch(
      new RegExp(`\nWarning: ${worded.replace(/[()`/.]/g, '\\$&')}$`),
    );
  });
});
