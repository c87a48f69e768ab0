import path from 'node:path';
import {
  CONVERSATION_DEFAULTS,
  loadEngineConfig,
  type EngineConfig,
  blankToUndefined,
  describeEnvIssues,
  wholeNumber as wholeNumberFromEnv,
  EngineError,
} from '../index-light.js';
import { z } from 'zod';
import { DEFAULT_RATE_LIMITS, type RateLimitOptions } from './rate-limit.js';

/** Discord settings of the bot (see `.env.example`). */
export interface DiscordConfig {
  /** Bot token. Never log it. */
  token: string;
  /** Application (client) id. */
  clientId: string;
  /** Register commands in this server only (instant) instead of globally. */
  guildId?: string;
  /** REST base URL without the version, e.g. `https://discord.com/api` (tests use a loopback server). */
  apiBase?: string;
  /** Name (or id) of a role whose members may /add and /remove articles, besides those with Manage Server. */
  articleManagerRole?: string;
}

/** How the running bot protects itself (see `.env.example`). */
export interface BotLimits {
  /** Per-user and per-channel questions per minute (0 = no limit). */
  rateLimits: RateLimitOptions;
  /** On SIGINT/SIGTERM, how long to let answers in progress finish before disconnecting. */
  shutdownTimeoutMs: number;
}

/** Conversations, threads and feedback (README "Conversations", "Feedback"). */
export interface BotFeatures {
  /** Conversations: time limit, same-channel follow-up window, turns kept, conversations kept. */
  conversation: ConversationSettings;
  /** Guilds whose answers (/ask and mentions) open a thread by default: 'all', or their ids. */
  threadGuilds: 'all' | ReadonlySet<string>;
  /** Ask Discord for the privileged Message Content intent: follow-ups in the bot's threads then need no mention. */
  messageContent: boolean;
  /** FEEDBACK_FILE: where 👍 / 👎 are kept; unset = no feedback buttons. */
  feedbackFile?: string;
  /** FEEDBACK_SALT: the salt of user-id hashes (default: a random one kept next to the file). */
  feedbackSalt?: string;
}

export interface ConversationSettings {
  ttlMs: number;
  channelWindowMs: number;
  maxTurns: number;
  maxConversations: number;
}

export interface BotConfig extends DiscordConfig, BotLimits, BotFeatures {
  engine: EngineConfig;
}

/** A configuration problem: the engine's CONFIG error, with a one-line message that names the variable (and never shows a secret). */
const configError = (message: string) => new EngineError('CONFIG', message);

const blank = blankToUndefined;
const required = (what: string) => ({ error: (i: { input?: unknown }) => (i.input === undefined ? `is not set; ${what}` : undefined) });

const snowflake = /^\d{17,20}$/;
// Three dot-separated base64url parts (user id, timestamp, HMAC). Checked loosely: the point is to catch
// an application id, a client secret or a truncated paste, not to validate the token.
const tokenShape = /^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}$/;

const schema = z.object({
  DISCORD_TOKEN: z.preprocess(
    blank,
    z
      .string(required('set it to the bot token (Developer Portal → your application → Bot → Reset Token)'))
      .trim()
      .transform((s) => s.replace(/^Bot\s+/i, ''))
      // never echo the value: the message only describes the expected shape
      .refine((s) => tokenShape.test(s), 'does not look like a bot token (expected three dot-separated parts, like the one shown under Bot → Reset Token)'),
  ),
  DISCORD_CLIENT_ID: z.preprocess(
    blank,
    z
      .string(required('set it to the Application ID (Developer Portal → General Information)'))
      .trim()
      .regex(snowflake, 'must be the numeric Application ID (17–20 digits)'),
  ),
  DISCORD_GUILD_ID: z.preprocess(blank, z.string().trim().regex(snowflake, 'must be a numeric server id (17–20 digits) or empty').optional()),
  DISCORD_API_BASE: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .refine((s) => /^https?:\/\//.test(s) && URL.canParse(s), 'must be an http(s) URL such as https://discord.com/api, or empty')
      .transform((s) => s.replace(/\/+$/, ''))
      .optional(),
  ),
  ARTICLE_MANAGER_ROLE: z.preprocess(blank, z.string().trim().max(100, 'must be a role name (at most 100 characters) or a role id').optional()),
});

/** A whole number ≥ 0 (0 turns a limit off); empty or unset gives the default. */
const wholeNumber = (fallback: number) => wholeNumberFromEnv(fallback, 0);

export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 10;

const limitsSchema = z.object({
  RATE_LIMIT_USER_PER_MINUTE: wholeNumber(DEFAULT_RATE_LIMITS.userPerMinute),
  RATE_LIMIT_CHANNEL_PER_MINUTE: wholeNumber(DEFAULT_RATE_LIMITS.channelPerMinute),
  SHUTDOWN_TIMEOUT_SECONDS: wholeNumber(DEFAULT_SHUTDOWN_TIMEOUT_SECONDS),
});

const featuresSchema = z.object({
  CONVERSATION_MINUTES: wholeNumberFromEnv(CONVERSATION_DEFAULTS.ttlMs / 60_000, 1),
  FOLLOWUP_WINDOW_MINUTES: wholeNumber(CONVERSATION_DEFAULTS.channelWindowMs / 60_000),
  CONVERSATION_TURNS: wholeNumberFromEnv(CONVERSATION_DEFAULTS.maxTurns, 1),
  CONVERSATION_MAX: wholeNumberFromEnv(CONVERSATION_DEFAULTS.maxConversations, 1),
  ANSWER_IN_THREADS: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .refine((s) => /^(?:all|none|\d{17,20}(?:\s*,\s*\d{17,20})*)$/i.test(s), 'must be "all", "none" or comma-separated server ids')
      .optional(),
  ),
  DISCORD_MESSAGE_CONTENT: z.preprocess(blank, z.enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' }).optional()),
  FEEDBACK_FILE: z.preprocess(blank, z.string().trim().optional()),
  FEEDBACK_SALT: z.preprocess(blank, z.string().trim().min(16, 'must be at least 16 characters').optional()),
});

/** Rate limits and the shutdown bound. Throws EngineError('CONFIG') naming the variable. */
export function loadBotLimits(env: Record<string, string | undefined> = process.env): BotLimits {
  const parsed = limitsSchema.safeParse(env);
  if (!parsed.success) throw configError(`Invalid configuration: ${describeEnvIssues(parsed.error)}`);
  const v = parsed.data;
  return {
    rateLimits: { userPerMinute: v.RATE_LIMIT_USER_PER_MINUTE, channelPerMinute: v.RATE_LIMIT_CHANNEL_PER_MINUTE },
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_SECONDS * 1000,
  };
}

/** Conversation bounds, threads and feedback settings. Throws EngineError('CONFIG') naming the variable. */
export function loadBotFeatures(env: Record<string, string | undefined> = process.env): BotFeatures {
  const parsed = featuresSchema.safeParse(env);
  if (!parsed.success) throw configError(`Invalid configuration: ${describeEnvIssues(parsed.error)}`);
  const v = parsed.data;
  return {
    conversation: {
      ttlMs: v.CONVERSATION_MINUTES * 60_000,
      channelWindowMs: Math.min(v.FOLLOWUP_WINDOW_MINUTES, v.CONVERSATION_MINUTES) * 60_000,
      maxTurns: v.CONVERSATION_TURNS,
      maxConversations: v.CONVERSATION_MAX,
    },
    threadGuilds:
      !v.ANSWER_IN_THREADS || /^none$/i.test(v.ANSWER_IN_THREADS)
        ? new Set()
        : /^all$/i.test(v.ANSWER_IN_THREADS)
          ? 'all'
          : new Set(v.ANSWER_IN_THREADS.split(',').map((x) => x.trim())),
    messageContent: v.DISCORD_MESSAGE_CONTENT === '1' || v.DISCORD_MESSAGE_CONTENT === 'true',
    ...(v.FEEDBACK_FILE && { feedbackFile: path.resolve(v.FEEDBACK_FILE) }),
    ...(v.FEEDBACK_SALT && { feedbackSalt: v.FEEDBACK_SALT }),
  };
}

/** The Discord variables only (enough for `npm run deploy-commands`). Throws EngineError('CONFIG'). */
export function loadDiscordConfig(env: Record<string, string | undefined> = process.env): DiscordConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw configError(`Invalid configuration: ${describeEnvIssues(parsed.error)}`);
  const v = parsed.data;
  return {
    token: v.DISCORD_TOKEN,
    clientId: v.DISCORD_CLIENT_ID,
    ...(v.DISCORD_GUILD_ID ? { guildId: v.DISCORD_GUILD_ID } : {}),
    ...(v.DISCORD_API_BASE ? { apiBase: v.DISCORD_API_BASE } : {}),
    ...(v.ARTICLE_MANAGER_ROLE ? { articleManagerRole: v.ARTICLE_MANAGER_ROLE } : {}),
  };
}

/** Discord plus engine variables (for `npm start`). Throws EngineError('CONFIG'). */
export function loadBotConfig(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): BotConfig {
  const discord = loadDiscordConfig(env);
  const limits = loadBotLimits(env);
  const features = loadBotFeatures(env);
  return { ...discord, ...limits, ...features, engine: loadEngineConfig(env, cwd) };
}

/** How `npm run start:sharded` splits the bot into gateway shards (see `.env.example`). */
export interface ShardingConfig {
  /** `auto`: the number Discord recommends for the bot's server count; else that many shard processes. */
  shardCount: 'auto' | number;
}

const shardingSchema = z.object({
  SHARD_COUNT: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .toLowerCase()
      .refine((s) => s === 'auto' || (/^\d+$/.test(s) && Number(s) >= 1), 'must be auto or a positive whole number of shards')
      .optional()
      .transform((s) => (s === undefined || s === 'auto' ? ('auto' as const) : Number(s))),
  ),
});

/** SHARD_COUNT. Throws EngineError('CONFIG') naming the variable. */
export function loadShardingConfig(env: Record<string, string | undefined> = process.env): ShardingConfig {
  const parsed = shardingSchema.safeParse(env);
  if (!parsed.success) throw configError(`Invalid configuration: ${describeEnvIssues(parsed.error)}`);
  return { shardCount: parsed.data.SHARD_COUNT };
}

/** What the operator can set up, in the terms of the terminal `npm start` runs in (EngineErrorData.setup). */
const SETUP_BOT = {
  'local-database': '`npm run db:local` starts a local one.',
  migrate: 'Run `npm run db:migrate`.',
} as const;

/** An engine error at start (`npm start`, `npm run start:sharded`) as one line for the operator, with what can be set up. */
export const startupMessage = (e: EngineError): string => (e.data.setup ? `${e.message} ${SETUP_BOT[e.data.setup]}` : e.message);
