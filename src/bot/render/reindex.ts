import { wordWarnings, type ReindexSummary } from '../../index-light.js';
import { truncate } from '../../format/shorten.js';
import { LIMITS } from './limits.js';
import { COLORS, message, type RenderedMessage } from './message.js';
import { escapeText } from './text.js';

/** Ids of a list, at most five, for a line of the reply. */
const ids = (list: readonly string[]) => (list.length ? ` (${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''})` : '');

/**
 * /reindex: what the new index holds and what changed, for the server's article managers (the
 * terminal's `npm run index` also prints per-stage timings; a manager in Discord needs none).
 */
export function renderReindexSummary(s: ReindexSummary): RenderedMessage {
  const lines = [
    s.wrote
      ? `Indexed ${s.articleCount} article(s) into ${s.passageCount} passage(s) in ${s.seconds.toFixed(1)} s; embedded ${s.embeddedCount} passage(s).`
      : `Nothing changed: ${s.articleCount} article(s), ${s.passageCount} passage(s) are already in the index.`,
    `Added ${s.added.length}${ids(s.added)} · changed ${s.changed.length}${ids(s.changed)} · removed ${s.removed.length}${ids(s.removed)} · unchanged ${s.unchangedCount}`,
    ...botWarnings(s).map((w) => `Warning: ${w}`),
  ];
  return message([
    {
      title: s.wrote ? 'Re-index complete: the new index is in service' : 'Index is up to date',
      color: COLORS.admin,
      description: truncate(escapeText(lines.join('\n')), LIMITS.description),
    },
  ]);
}

/** What to do after a warning from Discord (IndexRunWarning.rebuild): /reindex is for article managers, who see these. Plain text: warnings are escaped. */
const REBUILD_WARNING_BOT = {
  full: 'run /reindex full:True to be sure',
  update: 'run /reindex again to be sure',
} as const;

/** A run's warnings in Discord terms. */
export const botWarnings = (s: ReindexSummary): string[] => wordWarnings(s, REBUILD_WARNING_BOT);
