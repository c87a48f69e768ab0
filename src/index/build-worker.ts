/**
 * The indexing process (started by build-in-child.ts): loads its own copy of the model as soon as
 * it is started, then, when told to build, reads, cleans, chunks, embeds, builds and writes the index
 * (files, or a new generation in the database), so none of that CPU work runs on the event loop
 * of the process that asked for it (a bot must acknowledge each interaction within 3 s).
 */
import type { EngineConfig } from '../config/engine-config.js';
import { embedderOptionsFrom, loadEmbedder, type Embedder } from '../embed/embedder.js';
import { isEngineError } from '../errors.js';
import type { ReindexProgress } from '../types.js';
import { buildIndex } from './build-index.js';
import { buildDatabaseIndex } from './postgres/pg-writer.js';
import type { FromChild, ToChild } from './build-in-child.js';

const send = (m: FromChild) => process.send?.(m);
let config: EngineConfig | undefined;

// The parent holds the index lock: if it dies (kill -9), so must this process, or a later run
// would take the stale lock over while this one still writes.
process.on('disconnect', () => process.exit(1));

let embedder: Promise<Embedder> | undefined;

process.on('message', (m: ToChild) => {
  if (m.type === 'start') {
    // Load the model now: the parent may still be getting the articles folder ready.
    embedder = loadEmbedder(embedderOptionsFrom(m.config));
    embedder.catch(() => undefined); // reported when the build needs it
    config = m.config;
    return;
  }
  void (async () => {
    if (!embedder || !config) throw new Error('build requested before start');
    const model = await embedder;
    try {
      const onProgress = (p: ReindexProgress) => {
        // Never commit an index for a parent that is gone (and no longer holds the lock).
        if (!process.connected) process.exit(1);
        send({ type: 'progress', progress: p });
      };
      const summary =
        config.backend === 'postgres'
          ? await buildDatabaseIndex(config, model, { full: m.full, onProgress, lockToken: m.lockToken! })
          : (await buildIndex(config, model, { full: m.full, onProgress })).summary;
      send({ type: 'done', summary: { ...summary, peakRssMb: process.resourceUsage().maxRSS / 1024 } });
    } finally {
      await model.dispose();
    }
  })()
    .catch((e: unknown) => {
      const err = e as Error;
      send({
        type: 'error',
        error: isEngineError(e)
          ? { engine: true, code: e.code, message: e.message, data: e.data }
          : { engine: false, message: err?.message ?? String(e), stack: err?.stack },
      });
    })
    .finally(() => process.disconnect?.());
});
