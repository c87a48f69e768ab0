/**
 * The CLI's tooling beside the public API (src/index.ts): scoring against questions and quote gold
 * files (`npm run eval`), exporting rated answers (`npm run feedback`), and the database schema
 * (`npm run db:migrate`). A separate entry point so that the bot and a process that only answers,
 * which import src/index.ts, never load the eval, the feedback export or the pg driver.
 */
export { readQuestionsFile, type EvalQuestion } from './eval/questions-file.js';
export { runEval, runRetrievalEval } from './eval/run-eval.js';
export { summarizeByKind, type QuestionResult } from './eval/score-eval.js';
export { scoreQuotes } from './eval/score-quotes.js';
export { quotesJsonSchema } from './quotes/quotes-json.js';
export { QUOTE_TUNING } from './quotes/tuning.js';

export { readFeedback } from './feedback/store.js';
export { toEvalQuestion } from './feedback/export.js';

export { describeDatabase } from './config/engine-config.js';
export { Db, isUnreachable, unavailableError } from './index/postgres/db.js';
export { migrate } from './index/postgres/migrate.js';
