import type { ReindexSummary } from '../../engine/types.js';
import { formatReindexSummary } from '../../cli/format-summary.js';
import { LIMITS } from './limits.js';
import { COLORS, message, type RenderedMessage } from './message.js';
import { escapeText, truncate } from './text.js';

/** /reindex: the same summary as `npm run index`, in an embed. */
export function renderReindexSummary(summary: ReindexSummary): RenderedMessage {
  return message([
    {
      title: summary.wrote ? 'Re-index complete: the new index is in service' : 'Index is up to date',
      color: COLORS.admin,
      description: truncate(escapeText(formatReindexSummary(summary)), LIMITS.description),
    },
  ]);
}
