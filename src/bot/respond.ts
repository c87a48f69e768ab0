import { randomBytes } from 'node:crypto';
import { DiscordAPIError, MessageFlags, type Message, type RepliableInteraction } from 'discord.js';
import { isEngineError, type EngineError } from '../index-light.js';
import { oneLine } from '../format/shorten.js';
import type { BotContext } from './context.js';
import { NO_MENTIONS_REPLY, notice, type RenderedMessage } from './render/message.js';
import { escapeText } from './render/text.js';

/** A short reference shown to the user and written to the log with the details. */
export const newRef = () => randomBytes(3).toString('hex').toUpperCase();

/** Discord error codes meaning the interaction can no longer be answered (expired or already answered). */
const GONE = new Set([10062, 10015, 40060]);

/**
 * What to tell the user about a failure. Errors the engine raises on purpose carry a message
 * written for people; anything else is logged with a reference the user can quote.
 */
export function describeFailure(ctx: BotContext, error: unknown, what: string): string {
  if (isEngineError(error)) return botMessage(error);
  const ref = newRef();
  ctx.logger.error(`[ref ${ref}] ${what} failed`, error);
  return `Something went wrong answering that (ref ${ref}).`;
}

export const unknownSourceMessage = (typed: string) =>
  `There is no article "${escapeText(oneLine(typed, 80))}" in the index. Pick one from the suggestions as you type, or use /sources to see the article ids.`;

/** The engine's message, with what to do next in Discord terms. */
export function botMessage(e: EngineError): string {
  if (e.code === 'UNKNOWN_SOURCE' && e.data.article !== undefined) return unknownSourceMessage(e.data.article);
  if (e.code === 'INDEX_LOCKED') return `${e.message} Try /reindex again when it has finished.`;
  if (e.data.rebuild) return `${e.message} ${REBUILD_BOT[e.data.rebuild]}`;
  return e.message;
}

/** How an index is rebuilt or brought up to date from Discord (EngineErrorData.rebuild): /reindex is for article managers. */
const REBUILD_BOT = {
  full: 'An article manager can rebuild it with `/reindex full:True`.',
  update: 'An article manager can bring it up to date with `/reindex`.',
} as const;

/** An ephemeral reply, or an ephemeral follow-up when the interaction is already acknowledged. */
export async function replyEphemeral(interaction: RepliableInteraction, payload: RenderedMessage): Promise<void> {
  const options = { ...payload, flags: MessageFlags.Ephemeral as const };
  if (interaction.deferred || interaction.replied) await interaction.followUp(options);
  else await interaction.reply(options);
}

/**
 * Tell the user about a failure, always ephemerally:
 * - not acknowledged yet → ephemeral reply;
 * - deferred ephemerally, still "thinking" → edit that (it is already private);
 * - deferred publicly, still "thinking" → ephemeral follow-up, then delete the public placeholder
 *   (a public deferral cannot become ephemeral, and an error is nobody else's business);
 * - already answered → ephemeral follow-up.
 */
export async function replyFailure(interaction: RepliableInteraction, ctx: BotContext, error: unknown, what: string): Promise<void> {
  const text = describeFailure(ctx, error, what);
  try {
    if (!interaction.deferred && !interaction.replied) {
      await interaction.reply({ ...notice(text), flags: MessageFlags.Ephemeral });
    } else if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
      await interaction.editReply(notice(text));
    } else if (interaction.deferred && !interaction.replied) {
      await interaction.followUp({ ...notice(text), flags: MessageFlags.Ephemeral });
      await interaction.deleteReply().catch((e: unknown) => ctx.logger.warn(`could not delete the placeholder of ${what}: ${String(e)}`));
    } else {
      await interaction.followUp({ ...notice(text), flags: MessageFlags.Ephemeral });
    }
  } catch (e) {
    logDeliveryFailure(ctx, e, what);
  }
}

/** Reply to a message (mentions, DMs): no pings at all, not even the author. */
export function replyToMessage(msg: Message, payload: RenderedMessage): Promise<Message> {
  return msg.reply({ ...payload, allowedMentions: NO_MENTIONS_REPLY });
}

/** A reply that could not be delivered: nothing more can be done but log it. */
export function logDeliveryFailure(ctx: Pick<BotContext, 'logger'>, e: unknown, what: string): void {
  if (e instanceof DiscordAPIError && GONE.has(Number(e.code))) {
    ctx.logger.warn(`${what}: the interaction expired or was already answered (${e.code} ${e.message})`);
  } else {
    ctx.logger.error(`${what}: could not deliver the reply`, e);
  }
}
