import type { ArticleFilter, ConversationTurn } from '../types.js';
import type { Tuning } from './tuning.js';

/**
 * Options of the engine's search and ask calls. They carry the stages' tunables (`Tuning`), so
 * they live here above the stages rather than with the shared types in src/types.ts.
 */

export interface SearchOptions {
  /** Restrict to one article (its id). */
  article?: string;
  /** Restrict to an outlet and/or a publication date range. */
  filter?: ArticleFilter;
  /** Number of passages to return (default 5). */
  limit?: number;
  /** Overrides of retrieval tunables (evaluation of variants). */
  tuning?: Tuning;
}

export interface AskOptions {
  /** Restrict to one article (its id). */
  article?: string;
  /** Restrict to an outlet and/or a publication date range (see `ArticleFilter`). */
  filter?: ArticleFilter;
  /**
   * The conversation so far, oldest first (each earlier answer's `turn`): a follow-up is read
   * against it and answered as the question it stands for (`Answer.standalone`).
   */
  history?: readonly ConversationTurn[];
  /** Overrides of retrieval and answer tunables (evaluation of variants). */
  tuning?: Tuning;
}
