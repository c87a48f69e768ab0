import { wordWarnings, type ReindexSummary } from '../index-light.js';

/** A re-index summary in a few lines, for `npm run index` (the bot's /reindex reply words its own: bot/render/reindex.ts). */
export function formatReindexSummary(s: ReindexSummary): string {
  const list = (ids: string[]) => (ids.length ? ` (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})` : '');
  const lines = [
    s.wrote
      ? `Indexed ${s.documents} article(s) into ${s.chunks} passage(s) in ${s.seconds.toFixed(1)} s; embedded ${s.embedded} passage(s).`
      : `Index is up to date: ${s.documents} article(s), ${s.chunks} passage(s); nothing re-embedded (${s.seconds.toFixed(2)} s).`,
    `Added ${s.added.length}${list(s.added)}, changed ${s.changed.length}${list(s.changed)}, removed ${s.removed.length}${list(s.removed)}, unchanged ${s.unchanged}.`,
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

/** `npm run index -- --json`: the summary, its warnings worded as the terminal shows them. */
export function summaryToJson(s: ReindexSummary): Omit<ReindexSummary, 'rebuildWarnings'> {
  const { rebuildWarnings: _worded, ...rest } = s;
  return { ...rest, warnings: cliWarnings(s) };
}
