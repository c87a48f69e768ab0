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
  | 'REINDEX_IN_PROGRESS'
  | 'UNKNOWN_SOURCE'
  | 'UNKNOWN_SPEAKER'
  | 'MODEL_LOAD'
  | 'CONFIG'
  | 'NO_DOCUMENTS';

export const REINDEX_HINT = 'Run `npm run index -- --full` to rebuild it.';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
  }
}

export const isEngineError = (e: unknown): e is EngineError => e instanceof EngineError;
