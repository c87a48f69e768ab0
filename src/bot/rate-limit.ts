/**
 * Per-user and per-channel limits on questions (/ask, /search, mentions and DMs): a sliding window
 * of one minute. A question is let through only when both its user and its channel are under their
 * limit; refused attempts do not count. Memory is bounded by the users and channels active in the
 * last minute (older entries are swept).
 */

export interface RateLimitOptions {
  /** Questions per user per minute; 0 = no per-user limit. */
  userPerMinute: number;
  /** Questions per channel (or DM) per minute; 0 = no per-channel limit. */
  channelPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = { userPerMinute: 6, channelPerMinute: 20 };
/** No limits at all (tests and benchmarks that drive many questions from one user). */
export const NO_RATE_LIMITS: RateLimitOptions = { userPerMinute: 0, channelPerMinute: 0 };

export type RateDecision =
  | { ok: true }
  | {
      ok: false;
      /** Whole seconds until a question from this user in this channel would be let through. */
      retryAfterSeconds: number;
      /** Which limit was hit (the user's when both were). */
      scope: 'user' | 'channel';
      /** True for the first refusal since this user was last let through (mentions reply only then). */
      firstRefusal: boolean;
    };

const WINDOW_MS = 60_000;

/** The message a refused question gets (ephemeral for slash commands, a short reply for mentions). */
export const rateLimitMessage = (seconds: number) => `You're asking faster than I can keep up — try again in ${seconds} s.`;

export class RateLimiter {
  private readonly users = new Map<string, number[]>();
  private readonly channels = new Map<string, number[]>();
  /** Users refused (and told so) since they were last let through. */
  private readonly told = new Set<string>();
  private lastSweep = 0;

  constructor(
    readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.options.userPerMinute > 0 || this.options.channelPerMinute > 0;
  }

  /** Keys currently tracked (users + channels): stays bounded by the activity of the last minute. */
  get trackedKeys(): number {
    return this.users.size + this.channels.size;
  }

  /** Count a question from `userId` in `channelId`, or refuse it. */
  take(userId: string, channelId: string | null | undefined): RateDecision {
    if (!this.enabled) return { ok: true };
    const now = this.now();
    this.sweep(now);
    const channel = channelId ?? `dm:${userId}`;
    const userWait = this.wait(this.users, userId, this.options.userPerMinute, now);
    const channelWait = this.wait(this.channels, channel, this.options.channelPerMinute, now);
    if (userWait > 0 || channelWait > 0) {
      const firstRefusal = !this.told.has(userId);
      this.told.add(userId);
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil(Math.max(userWait, channelWait) / 1000)),
        scope: userWait > 0 ? 'user' : 'channel',
        firstRefusal,
      };
    }
    this.told.delete(userId);
    if (this.options.userPerMinute > 0) this.record(this.users, userId, now);
    if (this.options.channelPerMinute > 0) this.record(this.channels, channel, now);
    return { ok: true };
  }

  /** Milliseconds until `key` is under `limit` again (0 = now). */
  private wait(map: Map<string, number[]>, key: string, limit: number, now: number): number {
    if (limit <= 0) return 0;
    const times = map.get(key);
    if (!times) return 0;
    while (times.length && times[0]! <= now - WINDOW_MS) times.shift();
    if (times.length < limit) return 0;
    // the oldest of the last `limit` questions has to leave the window
    return times[times.length - limit]! + WINDOW_MS - now;
  }

  private record(map: Map<string, number[]>, key: string, now: number): void {
    const times = map.get(key) ?? [];
    times.push(now);
    map.set(key, times);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = now;
    for (const map of [this.users, this.channels]) {
      for (const [key, times] of map) if (!times.length || times[times.length - 1]! <= now - WINDOW_MS) map.delete(key);
    }
    for (const user of this.told) if (!this.users.has(user)) this.told.delete(user);
  }
}
