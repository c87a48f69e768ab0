import { CONVERSATION_DEFAULTS } from './tuning.js';
import type { ConversationTurn } from '../types.js';

export interface ConversationStoreOptions {
  /** A conversation is forgotten this long after its last turn (default 30 minutes). */
  ttlMs?: number;
  /** Turns kept per conversation (default 4). */
  maxTurns?: number;
  /** Conversations kept at most; the least recently used goes first (default 10,000). */
  maxConversations?: number;
  /** Clock (tests). */
  now?: () => number;
}

/** Where a conversation happens: a guild (or DMs), a channel or thread, and whose it is. */
export interface ConversationKey {
  /** Guild id, or null in DMs. */
  guild: string | null;
  /** Channel or thread id. */
  channel: string;
  /** The user, or `'thread'` for the shared conversation of a thread the bot opened (public to that thread). */
  user: string;
}

const keyOf = (k: ConversationKey) => `${k.guild ?? 'dm'}/${k.channel}/${k.user}`;

/**
 * The bot's conversation state: per (guild, channel or thread, user) the last few turns, in memory
 * only, forgotten after a time limit, with a hard bound on the number of conversations (least
 * recently used first). Nothing here is ever written to disk.
 */
export class ConversationStore {
  private readonly map = new Map<string, ConversationTurn[]>();
  readonly ttlMs: number;
  readonly maxTurns: number;
  readonly maxConversations: number;
  private readonly now: () => number;

  constructor(options: ConversationStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? CONVERSATION_DEFAULTS.ttlMs;
    this.maxTurns = Math.max(1, options.maxTurns ?? CONVERSATION_DEFAULTS.maxTurns);
    this.maxConversations = Math.max(1, options.maxConversations ?? CONVERSATION_DEFAULTS.maxConversations);
    this.now = options.now ?? Date.now;
  }

  /** Conversations held right now (expired ones included until they are next touched or swept). */
  get size(): number {
    return this.map.size;
  }

  /**
   * The turns of a conversation still within the time limit, oldest first (empty when none).
   * `withinMs` narrows the limit (the same-channel follow-up window).
   */
  history(key: ConversationKey, withinMs = this.ttlMs): ConversationTurn[] {
    const k = keyOf(key);
    const turns = this.map.get(k);
    if (!turns) return [];
    const now = this.now();
    const last = turns[turns.length - 1];
    if (!last || now - last.at > this.ttlMs) {
      this.map.delete(k);
      return [];
    }
    if (now - last.at > withinMs) return [];
    // Touch: most recently used last.
    this.map.delete(k);
    this.map.set(k, turns);
    return turns.filter((t) => now - t.at <= this.ttlMs);
  }

  /** Add a turn (keeping the last `maxTurns`); forgets the least recently used conversations beyond the bound. */
  add(key: ConversationKey, turn: ConversationTurn): void {
    const k = keyOf(key);
    const turns = [...(this.map.get(k) ?? []), turn].slice(-this.maxTurns);
    this.map.delete(k);
    this.map.set(k, turns);
    while (this.map.size > this.maxConversations) this.map.delete(this.map.keys().next().value!);
  }

  /** Turns held right now, over all conversations (for the benchmark). */
  get turnCount(): number {
    let n = 0;
    for (const turns of this.map.values()) n += turns.length;
    return n;
  }

  /** Forget one conversation. */
  forget(key: ConversationKey): void {
    this.map.delete(keyOf(key));
  }

  /** Drop every conversation past its time limit (the bot runs this every few minutes). */
  sweep(): number {
    const now = this.now();
    let n = 0;
    for (const [k, turns] of this.map) {
      const last = turns[turns.length - 1];
      if (!last || now - last.at > this.ttlMs) {
        this.map.delete(k);
        n++;
      }
    }
    return n;
  }
}
