import { PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction, type RepliableInteraction } from 'discord.js';
import { canManageArticles } from './article-managers.js';
import { slashQuestion } from './ask-flow.js';
import type { BotContext } from './context.js';
import { rateLimitMessage, type RateDecision } from './rate-limit.js';
import { notice } from './render/message.js';
import { describeFailure, logDeliveryFailure, replyEphemeral } from './respond.js';

/** What a precondition looks at: a slash command, or a button of one. */
export type Invocation = ChatInputCommandInteraction | ButtonInteraction;

/**
 * A named check a command declares (`preconditions` in its Command), run by the dispatcher before
 * the command's handler, in the order declared; the first refusal wins and the rest are not run.
 * Synchronous on purpose: the handler starts in the same tick, so nothing (a second /reindex) can
 * slip in between the check and the work it guards.
 */
export interface Precondition<I extends Invocation = Invocation> {
  readonly name: string;
  /** Undefined when it holds; else the refusal shown to the user (privately). */
  check(interaction: I, ctx: BotContext): string | undefined;
}

export interface Refusal {
  precondition: string;
  message: string;
}

/** Run the preconditions in order; the first refusal, or undefined when all hold. */
export function firstRefusal<I extends Invocation>(preconditions: readonly Precondition<I>[], interaction: I, ctx: BotContext): Refusal | undefined {
  for (const p of preconditions) {
    const message = p.check(interaction, ctx);
    if (message !== undefined) return { precondition: p.name, message };
  }
  return undefined;
}

/** The one way a refusal is shown: a private notice. */
export async function refuse(interaction: RepliableInteraction, ctx: BotContext, refusal: Refusal): Promise<void> {
  try {
    await replyEphemeral(interaction, notice(refusal.message));
  } catch (e) {
    logDeliveryFailure(ctx, e, `refusal (${refusal.precondition})`);
  }
}

/**
 * Run `handler` unless a precondition refuses, in which case the refusal is shown instead. The
 * handler starts in the same tick as the checks (see Precondition).
 */
export function guarded<I extends Invocation>(
  preconditions: readonly Precondition<I>[] | undefined,
  interaction: I,
  ctx: BotContext,
  handler: () => Promise<void>,
): Promise<void> {
  const refusal = firstRefusal(preconditions ?? [], interaction, ctx);
  return refusal ? refuse(interaction, ctx, refusal) : handler();
}

/** "Sorry, only members with the **Manage Server** permission[ or the **role** role] can <what>." */
export function onlyManagers(what: string, role?: string): string {
  const also = role ? ` or the **${role.replace(/[*_`~|\\]/g, '')}** role` : '';
  return `Sorry, only members with the **Manage Server** permission${also} can ${what}.`;
}

/**
 * Members with Manage Server, in a server. Checked at run time although the command is registered
 * with that default permission: server admins can change who sees it.
 */
export const managesServer = (what: string): Precondition => ({
  name: 'managesServer',
  check: (interaction) => (interaction.inGuild() && interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ? undefined : onlyManagers(what)),
});

/** Members with Manage Server or ARTICLE_MANAGER_ROLE (see article-managers.ts). */
export const articleManager = (what: string): Precondition => ({
  name: 'articleManager',
  check: (interaction, ctx) => (canManageArticles(interaction, ctx) ? undefined : onlyManagers(what, ctx.articleManagerRole)),
});

/** No re-index, /add or /remove running (each would be refused by the engine anyway, less politely). */
export const indexIdle = (busy: string): Precondition => ({
  name: 'indexIdle',
  check: (_interaction, ctx) => (ctx.engine.isReindexing ? busy : undefined),
});

/** What /add and /remove say while the index is being updated. */
export const indexBusy = (command: string) =>
  `The index is being updated right now (a re-index, or an article being added or removed). Try ${command} again when it has finished.`;

/** The question in option `option`, with its `source` and outlet / date filter, is one the engine takes (its own messages). */
export const validQuestion = (option: string): Precondition<ChatInputCommandInteraction> => ({
  name: 'validQuestion',
  check: (interaction, ctx) => {
    try {
      slashQuestion(interaction, ctx, option);
      return undefined;
    } catch (e) {
      return describeFailure(ctx, e, `/${interaction.commandName}`);
    }
  },
});

/**
 * Count a question against the per-user and per-channel limits. Returns the refusal to show
 * (with the decision, so mentions can reply only to the first refusal), or undefined when allowed.
 * Shared by the `notRateLimited` precondition and mentions.
 */
export function checkRateLimit(
  ctx: BotContext,
  userId: string,
  channelId: string | null | undefined,
): { message: string; decision: Extract<RateDecision, { ok: false }> } | undefined {
  const decision = ctx.rateLimiter?.take(userId, channelId);
  if (!decision || decision.ok) return undefined;
  if (decision.firstRefusal)
    ctx.logger.info(`rate limit (${decision.scope}): refusing questions from ${userId} in ${channelId ?? 'DM'} for ${decision.retryAfterSeconds} s`);
  return { message: rateLimitMessage(decision.retryAfterSeconds), decision };
}

/**
 * Under the question rate limits. It counts the question when it lets it through, so declare it
 * last: only questions that would reach the engine count.
 */
export const notRateLimited: Precondition = {
  name: 'notRateLimited',
  check: (interaction, ctx) => checkRateLimit(ctx, interaction.user.id, interaction.channelId)?.message,
};
