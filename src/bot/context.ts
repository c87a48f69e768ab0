import type { Engine } from '../engine/engine.js';
import type { Answer } from '../engine/types.js';
import { AckTracker } from './acks.js';
import type { Logger } from './logger.js';
import { LruCache } from './lru.js';
import { NO_RATE_LIMITS, RateLimiter, type RateLimitOptions } from './rate-limit.js';

/** The part of the Engine the bot uses (a real Engine in production and tests). */
export type BotEngine = Pick<Engine, 'ask' | 'search' | 'listSources' | 'getSource' | 'reindex' | 'isReindexing' | 'addArticle' | 'removeArticle'>;

/** What every command handler gets besides its interaction. */
export interface BotContext {
  engine: BotEngine;
  logger: Logger;
  /** Recent answers, for the "Show passages" button. */
  answers: LruCache<Answer>;
  /** Short aliases for article ids too long to fit in a button's custom id. */
  aliases: LruCache<string>;
  /** Per-user / per-channel question limits (absent or disabled = no limit). */
  rateLimiter?: RateLimiter;
  /** Acknowledgements in flight; answer work lets them go first. */
  acks?: AckTracker;
  /** ARTICLE_MANAGER_ROLE: members with this role may /add and /remove, besides those with Manage Server. */
  articleManagerRole?: string;
}

export function createContext(engine: BotEngine, logger: Logger, capacity = 200, rateLimits: RateLimitOptions = NO_RATE_LIMITS, articleManagerRole?: string): BotContext {
  return {
    ...(articleManagerRole && { articleManagerRole }),
    engine,
    logger,
    answers: new LruCache<Answer>(capacity),
    aliases: new LruCache<string>(capacity),
    rateLimiter: new RateLimiter(rateLimits),
    acks: new AckTracker(),
  };
}
