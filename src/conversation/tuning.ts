/**
 * Tunables of follow-up resolution and conversation state, in one place. `npm run eval --
 * --tuning file.json` overrides the resolver's ({"conversation": {…}}) to measure what each part adds.
 */
export interface ConversationTuning {
  /**
   * Use compromise (a rule-based English NLP library) to tell people, places and organisations
   * apart, guess a first name's gender, find noun phrases and turn verbs into their base form.
   * Off: names come from the corpus's capitalisation only and every name may be "he", "she" or "there".
   */
  useCompromise: boolean;
  /** Earlier turns looked at for a referent, newest first. */
  lookback: number;
  /** An elliptical follow-up ("and Zelensky?", "what about the Kremlin") has at most this many words. */
  maxEllipsisWords: number;
}

export const defaultConversationTuning: ConversationTuning = {
  useCompromise: true,
  lookback: 3,
  maxEllipsisWords: 6,
};

/** Bounds of the bot's conversation state (src/conversation/state.ts); README "Conversations". */
export const CONVERSATION_DEFAULTS = {
  /** A conversation is forgotten this long after its last question. */
  ttlMs: 30 * 60_000,
  /** Without a reply or a thread, the same user's next question in the channel is a follow-up only within this window. */
  channelWindowMs: 5 * 60_000,
  /** Turns kept per conversation. */
  maxTurns: 4,
  /** Conversations kept at most; the least recently used is forgotten first. */
  maxConversations: 10_000,
} as const;
