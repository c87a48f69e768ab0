import type { ChatInputCommandInteraction } from 'discord.js';
import { unknownSourceError } from '../engine/errors.js';
import { normalizeQuestion } from '../engine/validate-question.js';
import type { BotContext } from './context.js';
import { rateLimitMessage, type RateDecision } from './rate-limit.js';
import { renderAnswer } from './render/answer.js';
import { notice } from './render/message.js';
import { replyEphemeral, replyFailure, unknownSourceMessage } from './respond.js';
import type { RenderedMessage } from './render/message.js';
import { resolveSource } from './source-lookup.js';

/**
 * Discord syntax that means nothing to the engine (and would make it look for a person called
 * "everyone"): user, role and channel mentions, @everyone and @here. Removed before asking.
 */
export function stripDiscordSyntax(text: string): string {
  return text
    .replace(/<(@[!&]?|#)\d+>/g, ' ')
    .replace(/@(everyone|here)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The cheap checks done before deferring (so their errors can be ephemeral replies): the question
 * as the engine will see it (the engine's own validation, same messages), and the article the
 * user picked. Throws EngineError with a message for the user.
 */
export function checkQuestion(ctx: BotContext, question: string, sourceTyped?: string | null): { question: string; source?: string } {
  const text = normalizeQuestion(stripDiscordSyntax(question));
  if (sourceTyped === undefined || sourceTyped === null || sourceTyped.trim() === '') return { question: text };
  const source = resolveSource(ctx.engine, sourceTyped);
  if (!source) throw unknownSourceError(sourceTyped);
  return { question: text, source };
}

export { unknownSourceMessage };

/** Ask the engine and render the reply (the same for /ask, mentions and DMs). */
export async function answerQuestion(ctx: BotContext, question: string, source?: string): Promise<RenderedMessage> {
  await ctx.acks?.settled(); // interactions waiting to be acknowledged go first
  const answer = await ctx.engine.ask(question, source ? { source } : {});
  const passagesKey = !answer.abstained && answer.citations.length ? ctx.answers.add(answer) : undefined;
  return renderAnswer(answer, { passagesKey, source });
}

/**
 * Count a question against the per-user and per-channel limits. Returns the refusal to show
 * (with the decision, so mentions can reply only to the first refusal), or undefined when allowed.
 */
export function checkRateLimit(ctx: BotContext, userId: string, channelId: string | null | undefined): { message: string; decision: Extract<RateDecision, { ok: false }> } | undefined {
  const decision = ctx.rateLimiter?.take(userId, channelId);
  if (!decision || decision.ok) return undefined;
  if (decision.firstRefusal) ctx.logger.info(`rate limit (${decision.scope}): refusing questions from ${userId} in ${channelId ?? 'DM'} for ${decision.retryAfterSeconds} s`);
  return { message: rateLimitMessage(decision.retryAfterSeconds), decision };
}

/**
 * The shared start of /ask and /search: the question (option `option`) and source checked, with
 * errors answered privately, then counted against the rate limits — only questions that would
 * reach the engine count. Returns undefined when the interaction has already been answered.
 */
export async function admitSlashQuestion(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  option: string,
  what: string,
): Promise<ReturnType<typeof checkQuestion> | undefined> {
  let checked: ReturnType<typeof checkQuestion>;
  try {
    checked = checkQuestion(ctx, interaction.options.getString(option, true), interaction.options.getString('source'));
  } catch (e) {
    await replyFailure(interaction, ctx, e, what);
    return undefined;
  }
  const limited = checkRateLimit(ctx, interaction.user.id, interaction.channelId);
  if (limited) {
    await replyEphemeral(interaction, notice(limited.message));
    return undefined;
  }
  return checked;
}
