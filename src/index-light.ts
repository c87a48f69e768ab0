/**
 * The public API without the engine itself: everything src/index.ts offers but `Engine` and the
 * embedder, whose modules load the model runtime (transformers.js, onnxruntime, sharp, hnswlib;
 * about 200 MB). src/index.ts re-exports all of it. The programs that never open an engine import
 * this instead, and stay small: the shard manager (`npm run start:sharded`), `npm run
 * deploy-commands`, `npm run feedback`, `npm run db:migrate`. Its modules are the engine's own
 * small ones (settings, errors, question checks) and a few of the front ends' (the feedback store,
 * dotenv); nothing in src/ besides the front ends imports it (see .dependency-cruiser.cjs).
 */
export type { AskOptions, SearchOptions } from './engine/options.js';
export { askConversation } from './engine/ask-in-turn.js';
// What a user typed, read as the engine reads it: a question, an article named by id, title or outlet.
export { MAX_QUESTION_LENGTH, normalizeQuestion } from './engine/validate-question.js';
export { normalizeTyped, articleRank } from './engine/find-article.js';
export type { AnswerTuning, ConversationTuning, RetrievalTuning, Tuning } from './engine/tuning.js';
export type { AnswerExplanation } from './answer/compose-answer.js';
export type { QuoteListing, QuoteOptions, QuoteView, StatementView } from './quotes/list-quotes.js';
export type { QuoteIndex } from './quotes/quote-index.js';
export { statementsToJson, type QuotesJson } from './quotes/quotes-json.js';
export type { ComparedClaim, Comparison, SharedClaim } from './compare/compare-coverage.js';

// Settings.
export { loadEngineConfig, type DatabaseConfig, type EngineConfig } from './config/engine-config.js';
export { blankToUndefined, describeEnvIssues, wholeNumber } from './config/env-schema.js';
export { loadDotenv } from './config/dotenv.js';

// A long-running front end's conversations (the bot), and the 👍 / 👎 it stores.
export { ConversationStore, type ConversationKey, type ConversationStoreOptions } from './conversation/state.js';
export { CONVERSATION_DEFAULTS } from './conversation/tuning.js';
export { FeedbackStore, MAX_COMMENT_LENGTH, type RatedAnswer } from './feedback/store.js';

// How a program ends: its exit code, or one line for a failure.
export { messageOf, runMain, type FailureReport, type RunOptions } from './config/run-main.js';

// The shared types (the engine API's data) and its errors.
export type * from './types.js';
export { EngineError, isEngineError, unknownArticleError, wordWarnings, type EngineErrorCode, type EngineErrorData } from './errors.js';
