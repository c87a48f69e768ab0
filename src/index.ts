/**
 * The public API of the Newsdesk engine: the one place to import it from.
 *
 * ```ts
 * import { Engine, isEngineError } from './src/index.js';
 *
 * await Engine.buildIndex({ onProgress });        // index the articles (what `npm run index` does)
 * const engine = await Engine.open();            // settings from the environment (loadEngineConfig)
 * const answer = await engine.ask('what did Yermak say?');
 * await engine.close();
 * ```
 *
 * Everything else under src/ is the engine's inside: its stages may change shape without notice.
 * The front ends (src/bot, src/cli) import the engine only from here, from src/index-light.ts (this
 * API without the engine and the embedder, for programs that never open one) and, the CLI, from
 * src/tools.ts (eval, feedback export, database); nothing else in src/ imports these files (see
 * .dependency-cruiser.cjs). Importing this file loads no more than the engine itself does, besides
 * a few small modules (the feedback store, dotenv): a process that only answers never loads the
 * article readers, compromise, pg or the eval.
 */
export * from './index-light.js';
export { Engine, type BuildIndexOptions, type OpenEngineOptions, type ArticleInput } from './engine/engine.js';

// The model to share between engines (`Engine.open({ config, embedder })`).
export { embedderOptionsFrom, loadEmbedder, type Embedder, type EmbedderOptions, type EmbedderStats } from './embed/embedder.js';
