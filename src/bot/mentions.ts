import type { Message } from 'discord.js';
import { answerQuestion, checkQuestion } from './ask-flow.js';
import type { BotContext } from './context.js';
import { checkRateLimit } from './preconditions.js';
import { conversationOf, isBotThread, openThread, remember, threadsByDefault } from './conversation.js';
import { notice } from './render/message.js';
import { escapeText } from './render/text.js';
import { describeFailure, logDeliveryFailure, replyToMessage } from './respond.js';

/** What a mention without a question (or an empty DM) gets. */
export const mentionHelp = (botName: string | undefined, inGuild: boolean) =>
  inGuild
    ? `Ask me a question about the news articles after the mention, e.g. "@${escapeText(botName ?? 'me')} what did Yermak say?", or use /ask.`
    : 'Ask me a question about the news articles, e.g. "what did Yermak say?".';

/** The message text without mentions of the bot (`<@id>` / `<@!id>`), white space folded. */
export function stripBotMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether a message is a question for the bot: a DM, a guild message mentioning it (a reply to one
 * of its answers mentions it too, unless the reply's ping was turned off), or any message in a
 * thread the bot opened for an answer (its text arrives only with the Message Content intent,
 * DISCORD_MESSAGE_CONTENT=1); never from a bot.
 */
export function isForBot(msg: Message, botId: string): boolean {
  if (msg.author.bot || msg.system || msg.author.id === botId) return false;
  if (!msg.inGuild() || msg.mentions.users.has(botId)) return true;
  return isBotThread(msg.channel, botId) && msg.content.trim() !== '';
}

/**
 * Mentions and DMs get the same answer as /ask, as a reply to the message. Errors are replies
 * too (a message cannot be answered privately), short and without internal details.
 * Every message addressed to the bot counts against the rate limits (each gets a public reply; the
 * same check as the slash commands' `notRateLimited` precondition);
 * over the limit, the first refused message gets a short reply and later ones are ignored, so
 * a flood of mentions cannot make the bot flood the channel.
 */
export async function handleMessage(msg: Message, ctx: BotContext, botId: string): Promise<void> {
  if (!isForBot(msg, botId)) return;
  const text = stripBotMention(msg.content, botId);
  try {
    const limited = checkRateLimit(ctx, msg.author.id, msg.channelId);
    if (limited) {
      if (limited.decision.firstRefusal) await replyToMessage(msg, notice(limited.message));
      return;
    }
    if (!text) {
      await replyToMessage(msg, notice(mentionHelp(msg.client.user?.username, msg.inGuild())));
      return;
    }
    const inBotThread = isBotThread(msg.channel, botId);
    const conversation = conversationOf(ctx, {
      guildId: msg.guildId,
      channelId: msg.channelId,
      userId: msg.author.id,
      inBotThread,
      replyTo: msg.reference?.messageId,
    });
    let payload;
    let answer;
    try {
      const checked = checkQuestion(ctx, text);
      ({ payload, answer } = await answerQuestion(ctx, checked.question, { conversation }));
    } catch (e) {
      payload = notice(describeFailure(ctx, e, `question from message ${msg.id}`));
    }
    const sent = await replyToMessage(msg, payload);
    if (answer) {
      remember(ctx, conversation, answer, sent.id);
      if (!inBotThread && msg.inGuild() && !msg.channel.isThread() && threadsByDefault(ctx, msg.guildId)) await openThread(ctx, sent, answer);
    }
  } catch (e) {
    logDeliveryFailure(ctx, e, `reply to message ${msg.id}`);
  }
}
