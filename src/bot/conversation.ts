import type { Channel, Message } from 'discord.js';
import type { ConversationKey, Answer, ConversationTurn } from '../index-light.js';
import type { BotContext } from './context.js';

/** Where a question was asked, as the conversation rules need it. */
export interface QuestionPlace {
  guildId: string | null;
  channelId: string;
  userId: string;
  /** Asked in a thread the bot opened for an answer: that thread's conversation is public to it. */
  inBotThread: boolean;
  /** The bot's answer message this question replies to, if any. */
  replyTo?: string;
}

/** A conversation found for a question: where its turn will be kept, and the turns it follows. */
export interface Conversation {
  key: ConversationKey;
  history: ConversationTurn[];
}

/** Whether a channel is a thread the bot opened (its owner is the bot). */
export function isBotThread(channel: Channel | null | undefined, botId: string | undefined): boolean {
  return Boolean(channel && channel.isThread() && botId && channel.ownerId === botId);
}

/**
 * The conversation a question belongs to (README "Conversations"):
 * - in a thread the bot opened: the thread's conversation, shared by everyone in it;
 * - a reply to one of the bot's answers: the asker's own conversation up to that answer, or, when
 *   the answer was to someone else, only that answer (it is public in the channel; the rest of their
 *   conversation is never used);
 * - otherwise the same user's earlier questions in the same channel, within the short window.
 */
export function conversationOf(ctx: BotContext, place: QuestionPlace): Conversation {
  const { store, answers, channelWindowMs } = ctx.conversations;
  if (place.inBotThread) {
    const key = { guild: place.guildId, channel: place.channelId, user: 'thread' };
    return { key, history: store.history(key) };
  }
  const key = { guild: place.guildId, channel: place.channelId, user: place.userId };
  const replied = place.replyTo ? answers.get(place.replyTo) : undefined;
  if (replied) {
    const own = replied.key.user === place.userId && replied.key.channel === place.channelId;
    if (own) {
      const turns = store.history(replied.key);
      const at = turns.indexOf(replied.turn);
      return { key, history: at >= 0 ? turns.slice(0, at + 1) : [replied.turn] };
    }
    // Someone else's answer: only what everyone sees, and only while it is recent.
    return { key, history: Date.now() - replied.turn.at <= store.ttlMs ? [replied.turn] : [] };
  }
  return { key, history: store.history(key, channelWindowMs) };
}

/** Keep the answer's turn in its conversation, and which message carried it (for replies). */
export function remember(ctx: BotContext, conversation: Conversation, answer: Answer, messageId?: string): void {
  if (!answer.turn) return;
  ctx.conversations.store.add(conversation.key, answer.turn);
  if (messageId) ctx.conversations.answers.set(messageId, { key: conversation.key, turn: answer.turn });
}

/** Open a thread named after the question on the answer message, and start its shared conversation with this turn. */
export async function openThread(ctx: BotContext, message: Message, answer: Answer): Promise<void> {
  try {
    const name = (answer.question.replace(/\s+/g, ' ').trim() || 'Follow-up questions').slice(0, 100);
    const thread = await message.startThread({ name, autoArchiveDuration: 60, reason: 'Answer thread for follow-up questions' });
    if (answer.turn) {
      const key = { guild: message.guildId, channel: thread.id, user: 'thread' };
      ctx.conversations.store.add(key, answer.turn);
      ctx.conversations.answers.set(message.id, { key, turn: answer.turn });
    }
  } catch (e) {
    ctx.logger.warn(`could not open a thread for the answer ${message.id} (missing Create Public Threads permission?): ${(e as Error).message}`);
  }
}

/** Whether answers in this guild open a thread by default (ANSWER_IN_THREADS). */
export function threadsByDefault(ctx: BotContext, guildId: string | null): boolean {
  const g = ctx.conversations.threadGuilds;
  return guildId !== null && (g === 'all' || g.has(guildId));
}
