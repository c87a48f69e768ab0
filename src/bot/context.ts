import { ConversationStore, type ConversationKey, type FeedbackStore, type Answer, type ConversationTurn } from '../index-light.js';
import type { Engine } from '../index.js';
import { AckTracker } from './acks.js';
import type { Logger } from './logger.js';
import { LruCache } from './lru.js';
import { NO_RATE_LIMITS, RateLimiter, type RateLimitOptions } from './rate-limit.js';

/** The part of the Engine the bot uses (a real Engine in production and tests). */
export type BotEngine = Pick<
  Engine,
  | 'ask'
  | 'search'
  | 'listArticles'
  | 'hasArticle'
  | 'findArticle'
  | 'getArticle'
  | 'reindex'
  | 'isReindexing'
  | 'listOutlets'
  | 'checkFilter'
  | 'indexGeneration'
  | 'quotes'
  | 'compare'
  | 'addArticle'
  | 'removeArticle'
  | 'prepareConversations'
>;

/** How the bot holds conversations (README "Conversations"). */
export interface ConversationContext {
  store: ConversationStore;
  /** The same user's next question in a channel (no reply, no thread) is a follow-up only within this window. */
  channelWindowMs: number;
  /** The bot's answer messages → the conversation and turn they answered (a reply to one continues it). */
  answers: LruCache<{ key: ConversationKey; turn: ConversationTurn }>;
  /** Guilds whose answers open a thread by default. */
  threadGuilds: 'all' | ReadonlySet<string>;
}

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
  conversations: ConversationContext;
  /** Where 👍 / 👎 go; absent = no feedback buttons. */
  feedback?: FeedbackStore;
  /** ARTICLE_MANAGER_ROLE: members with this role may /add and /remove, besides those with Manage Server. */
  articleManagerRole?: string;
}

export function createContext(
  engine: BotEngine,
  logger: Logger,
  capacity = 200,
  rateLimits: RateLimitOptions = NO_RATE_LIMITS,
  conversations: Partial<Omit<ConversationContext, 'store' | 'answers'>> & ConstructorParameters<typeof ConversationStore>[0] = {},
  feedback?: FeedbackStore,
  articleManagerRole?: string,
): BotContext {
  const { channelWindowMs, threadGuilds, ...storeOptions } = conversations;
  const store = new ConversationStore(storeOptions);
  return {
    conversations: {
      store,
      channelWindowMs: channelWindowMs ?? 5 * 60_000,
      // One entry per answer message, as many as conversations may hold turns (bounded like them).
      answers: new LruCache(store.maxConversations),
      threadGuilds: threadGuilds ?? new Set(),
    },
    ...(feedback && { feedback }),
    ...(articleManagerRole && { articleManagerRole }),
    engine,
    logger,
    answers: new LruCache<Answer>(capacity),
    aliases: new LruCache<string>(capacity),
    rateLimiter: new RateLimiter(rateLimits),
    acks: new AckTracker(),
  };
}
