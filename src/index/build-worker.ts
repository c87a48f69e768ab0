/**
 * The indexing process (started by build-in-child.ts): reads, cleans, chunks, embeds, builds and
 * writes the index with its own copy of the model, so none of that CPU work runs on the event loop
 * of the process that asked for it (a bot must acknowledge each interaction within 3 s).
 */
import { embedderOptionsFrom, loadEmbedder } from '../embed/embedder.js';
import { isEngineError } from '../engine/errors.js';
import type { ReindexProgress } from '../engine/types.js';
import { buildIndex } from './build-index.js';
import type { FromChild, ToChild } from './build-in-child.js';

const send = (m: FromChild) => process.send?.(m);

// The parent holds the index lock: if it dies (kill -9), so must this process, or a later run
// would take the stale lock over while this one still writes.
process.on('disconnect', () => process.exit(1));

process.once('message', (m: ToChild) => {
  void (async () => {
    const embedder = await loadEmbedder(embedderOptionsFrom(m.config));
    try {
      const onProgress = (p: ReindexProgress) => {
        // Never commit an index for a parent that is gone (and no longer holds the lock).
        if (!process.connected) process.exit(1);
        send({ type: 'progress', progress: p });
      };
      const { summary } = await buildIndex(m.config, embedder, { full: m.full, onProgress });
      send({ type: 'done', summary: { ...summary, peakRssMb: process.resourceUsage().maxRSS / 1024 } });
    } finally {
      await embedder.dispose();
    }
  })().catch((e: unknown) => {
    const err = e as Error;
    send({
      type: 'error',
      error: isEngineError(e) ? { engine: true, code: e.code, message: e.message, data: e.data } : { engine: false, message: err?.message ?? String(e), stack: err?.stack },
    });
  }).finally(() => process.disconnect?.());
});
