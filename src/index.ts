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
 * Nothing in src/ imports this file (it sits above every layer; see .dependency-cruiser.cjs), and
 * it re-exports types only besides the few values below, so importing it loads no more than the
 * engine itself does (a process that only answers never loads the article readers).
 */
export { Engine, type BuildIndexOptions, type OpenEngineOptions, type ArticleInput } from './engine/engine.js';
export type { AskOptions, SearchOptions } from './engine/options.js';
export type { AnswerTuning, ConversationTuning, RetrievalTuning, Tuning } from './engine/tuning.js';
export type { AnswerExplanation } from './answer/compose-answer.js';
export type { QuoteListing, QuoteOptions, QuoteView, StatementView } from './quotes/list-quotes.js';
export type { QuoteIndex } from './quotes/quote-index.js';
export type { ComparedClaim, Comparison, SharedClaim } from './compare/compare-coverage.js';

// Settings, and the model to share between engines (`Engine.open({ config, embedder })`).
export { loadEngineConfig, type DatabaseConfig, type EngineConfig } from './config/engine-config.js';
export { embedderOptionsFrom, loadEmbedder, type Embedder, type EmbedderOptions, type EmbedderStats } from './embed/embedder.js';

// The shared types (the engine API's data) and its errors.
export type * from './types.js';
export { EngineError, isEngineError, type EngineErrorCode, type EngineErrorData } from './errors.js';
