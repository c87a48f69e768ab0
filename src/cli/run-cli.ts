import { loadDotenv, messageOf, runMain, isEngineError, type EngineError } from '../index-light.js';

/**
 * Run a CLI command (after `.env` is loaded): errors the engine raises on purpose print as one
 * line in terminal terms; anything else as "Internal error" (see runMain).
 */
export function runCli(main: () => Promise<number | void>): void {
  loadDotenv();
  runMain(main, (e) => (isEngineError(e) ? { message: cliMessage(e), expected: true } : { message: `Internal error: ${messageOf(e)}`, expected: false }));
}

/** The engine's message, with what to do next in terminal terms. */
export function cliMessage(e: EngineError): string {
  switch (e.code) {
    case 'UNKNOWN_SOURCE':
      return `${e.message} Run \`npm run sources\` to see the article ids.`;
    case 'INDEX_LOCKED':
      return `${e.message} Wait for it to finish, or run again with --wait to wait for it.`;
    case 'DUPLICATE_ARTICLE':
      return e.data.existing ? `${e.message} Run \`npm run source -- ${e.data.existing.id}\` to see it.` : e.message;
    default:
      if (e.data.rebuild) return `${e.message} ${REBUILD_CLI[e.data.rebuild]}`;
      return e.data.setup ? `${e.message} ${SETUP_CLI[e.data.setup]}` : e.message;
  }
}

/** What the operator can set up, from a terminal (EngineErrorData.setup). */
const SETUP_CLI = {
  'local-database': '`npm run db:local` starts a local one.',
  migrate: 'Run `npm run db:migrate`.',
} as const;

/** How an index is rebuilt or brought up to date from a terminal (EngineErrorData.rebuild). */
const REBUILD_CLI = {
  full: 'Run `npm run index -- --full` to rebuild it.',
  update: 'Run `npm run index` to bring it up to date.',
} as const;
