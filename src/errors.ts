/**
 * Errors the engine raises on purpose. Each carries a short message written for
 * a person (safe to show in Discord or a terminal) and a stable `code` that front
 * ends can switch on. Anything that is not an EngineError is an internal failure.
 */
export type EngineErrorCode =
  | 'INVALID_QUESTION'
  | 'INDEX_MISSING'
  | 'INDEX_MISMATCH'
  | 'INDEX_CORRUPT'
  | 'INDEX_WRITE'
  | 'INDEX_LOCKED'
  /** The index's database cannot be reached (INDEX_BACKEND=postgres): at start-up, or for a question meanwhile. */
  | 'INDEX_UNAVAILABLE'
  | 'REINDEX_IN_PROGRESS'
  | 'UNKNOWN_SOURCE'
  | 'UNKNOWN_SPEAKER'
  | 'MODEL_LOAD'
  /** A setting (environment variable, `.env`) that is missing or invalid. */
  | 'CONFIG'
  /** A file named on the command line (questions, quotes gold, tuning, feedback) that cannot be read or has the wrong shape. */
  | 'INVALID_FILE'
  | 'NO_DOCUMENTS'
  /** An outlet or date filter that keeps no article (the message lists what exists). */
  | 'NO_MATCHING_ARTICLES'
  /** A filter that cannot be read (a date in no known form). */
  | 'INVALID_FILTER'
  // adding an article (/add, npm run add)
  | 'FETCH_FAILED'
  | 'FETCH_REFUSED'
  | 'ARTICLE_TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'NOT_AN_ARTICLE'
  | 'DUPLICATE_ARTICLE';

/**
 * What a front end needs to word an error its own way (the message is a neutral default): each
 * front end tells its users how to go on in its own terms (`npm run sources` vs `/sources`).
 */
export interface EngineErrorData {
  /** UNKNOWN_SOURCE: the article id that was asked for. */
  article?: string;
  /** INDEX_LOCKED: the index folder (or database), and who holds its lock (when known). */
  indexDir?: string;
  lockOwner?: { pid: number; what: string; since: string; host?: string };
  /** NO_MATCHING_ARTICLES / INVALID_FILTER: the filter as typed. */
  filter?: { outlet?: string; since?: string; until?: string };
  /** DUPLICATE_ARTICLE: the article already in the index, and what matched (its canonical URL or its text). */
  existing?: { id: string; title: string; outlet?: string; matched: 'url' | 'text' };
  /**
   * The index must be rebuilt from scratch (`full`: damaged, another format or model) or brought up
   * to date (`update`: none yet, built before a feature, a run cut short). Each front end says how
   * in its own terms (`npm run index -- --full` vs `/reindex full:True`).
   */
  rebuild?: 'full' | 'update';
  /**
   * What the operator can set up: `local-database` (a local database for DATABASE_URL), `migrate` (upgrade
   * the database's schema). Each program says how in its own terms (`npm run db:local`, `npm run db:migrate`).
   */
  setup?: 'local-database' | 'migrate';
}

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly data: Readonly<EngineErrorData>;
  constructor(code: EngineErrorCode, message: string, options?: { cause?: unknown; data?: EngineErrorData }) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
    this.data = options?.data ?? {};
  }
}

/** An index that must be rebuilt (`full`) or brought up to date (`update`) before it can be used; see `EngineErrorData.rebuild`. */
export const rebuildError = (code: EngineErrorCode, message: string, rebuild: 'full' | 'update'): EngineError =>
  new EngineError(code, message, { data: { rebuild } });

/** An article id that is not in the index. */
export const unknownArticleError = (article: string): EngineError =>
  new EngineError('UNKNOWN_SOURCE', `There is no article "${article}" in the index.`, { data: { article } });

export const isEngineError = (e: unknown): e is EngineError => e instanceof EngineError;

/**
 * An index run's warnings in a front end's terms: the plain ones, then those that end in what to do
 * next (`rebuildWarnings`, see IndexRunWarning in types.ts), each followed by the front end's `advice`.
 */
export const wordWarnings = (
  s: { warnings: readonly string[]; rebuildWarnings?: readonly { message: string; rebuild: 'full' | 'update' }[] },
  advice: Readonly<Record<'full' | 'update', string>>,
): string[] => [...s.warnings, ...(s.rebuildWarnings ?? []).map((w) => `${w.message}; ${advice[w.rebuild]}`)];
