import { wordWarnings, type ReindexSummary } from '../index-light.js';

/** A re-index summary in a few lines, for `npm run index` (the bot's /reindex reply words its own: bot/render/reindex.ts). */
export function formatReindexSummary(s: ReindexSummary): string {
  const list = (ids: string[]) => (ids.length ? ` (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})` : '');
  const lines = [
    s.wrote
      ? `Indexed ${s.articleCount} article(s) into ${s.passageCount} passage(s) in ${s.seconds.toFixed(1)} s; embedded ${s.embeddedCount} passage(s).`
      : `Index is up to date: ${s.articleCount} article(s), ${s.passageCount} passage(s); nothing re-embedded (${s.seconds.toFixed(2)} s).`,
    `Added ${s.added.length}${list(s.added)}, changed ${s.changed.length}${list(s.changed)}, removed ${s.removed.length}${list(s.removed)}, unchanged ${s.unchangedCount}.`,
  ];
  if (s.wrote) {
    lines.push(
      `Time: ${Object.entries(s.timings)
        .map(([k, v]) => `${k} ${v.toFixed(2)} s`)
        .join(', ')}.`,
    );
  }
  for (const w of cliWarnings(s)) lines.push(`Warning: ${w}`);
  return lines.join('\n');
}

/** What to do after a warning from a terminal (IndexRunWarning.rebuild). */
const REBUILD_WARNING_CLI = {
  full: 'run `npm run index -- --full` to be sure',
  update: 'run `npm run index` again to be sure',
} as const;

/** A run's warnings in terminal terms. */
export const cliWarnings = (s: ReindexSummary): string[] => wordWarnings(s, REBUILD_WARNING_CLI);

/** The `--json` names of the summary's counters, as first published: scripts read them, so they stay. */
const SUMMARY_JSON_KEYS = { articleCount: 'documents', passageCount: 'chunks', unchangedCount: 'unchanged', embeddedCount: 'embedded' } as const;
type RenamedCounter = keyof typeof SUMMARY_JSON_KEYS;
export type ReindexSummaryJson = Omit<ReindexSummary, 'rebuildWarnings' | RenamedCounter> & { [K in RenamedCounter as (typeof SUMMARY_JSON_KEYS)[K]]: number };

/** `npm run index -- --json`: the summary, its warnings worded as the terminal shows them. */
export function summaryToJson(s: ReindexSummary): ReindexSummaryJson {
  const { rebuildWarnings: _worded, ...rest } = s;
  // Key by key in the summary's order, so the output is the same as before the counters were renamed.
  const entries = Object.entries({ ...rest, warnings: cliWarnings(s) }).map(([k, v]) => [SUMMARY_JSON_KEYS[k as RenamedCounter] ?? k, v]);
  return Object.fromEntries(entries) as ReindexSummaryJson;
}
