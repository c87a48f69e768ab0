import type { ChatInputCommandInteraction } from 'discord.js';
import { unknownArticleError, type Answer, type ArticleFilter, normalizeQuestion } from '../index-light.js';
import type { Conversation } from './conversation.js';
import type { BotContext } from './context.js';
import { renderAnswer } from './render/answer.js';
import { unknownSourceMessage } from './respond.js';
import type { RenderedMessage } from './render/message.js';

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
export function checkQuestion(
  ctx: BotContext,
  question: string,
  sourceTyped?: string | null,
  filterTyped?: ArticleFilter,
): { question: string; article?: string; filter?: ArticleFilter } {
  const text = normalizeQuestion(stripDiscordSyntax(question));
  // An outlet or date that matches nothing is refused now, privately, with what exists.
  const filter = filterTyped && (filterTyped.outlet || filterTyped.since || filterTyped.until) ? filterTyped : undefined;
  if (filter) ctx.engine.checkFilter(filter);
  if (sourceTyped === undefined || sourceTyped === null || sourceTyped.trim() === '') return { question: text, ...(filter && { filter }) };
  const article = ctx.engine.findArticle(sourceTyped);
  if (!article) throw unknownArticleError(sourceTyped);
  return { question: text, article, ...(filter && { filter }) };
}

export { unknownSourceMessage };

/** Ask the engine and render the reply (the same for /ask, mentions and DMs), as a follow-up when a conversation is given. */
export async function answerQuestion(
  ctx: BotContext,
  question: string,
  options: { article?: string; filter?: ArticleFilter; conversation?: Conversation } = {},
): Promise<{ payload: RenderedMessage; answer: Answer }> {
  await ctx.acks?.settled(); // interactions waiting to be acknowledged go first
  const { article, filter, conversation } = options;
  const answer = await ctx.engine.ask(question, {
    ...(article && { article }),
    ...(filter && { filter }),
    ...(conversation?.history.length && { history: conversation.history }),
  });
  // Kept for "Show passages" and for rating the answer.
  const key = (!answer.abstained && answer.citations.length) || ctx.feedback ? ctx.answers.add(answer) : undefined;
  const passagesKey = !answer.abstained && answer.citations.length ? key : undefined;
  return { payload: renderAnswer(answer, { passagesKey, article, ...(ctx.feedback && key && { feedbackKey: key }) }), answer };
}

/** The outlet / since / until options of a slash command, as typed. */
export function filterOptions(interaction: ChatInputCommandInteraction): ArticleFilter {
  const get = (name: string) => interaction.options.getString(name)?.trim() || undefined;
  const outlet = get('outlet');
  const since = get('since');
  const until = get('until');
  return { ...(outlet && { outlet }), ...(since && { since }), ...(until && { until }) };
}

/** The question of a slash command (option `option`), with its `source` and filter options, checked as in checkQuestion. */
export function slashQuestion(interaction: ChatInputCommandInteraction, ctx: BotContext, option: string): ReturnType<typeof checkQuestion> {
  return checkQuestion(ctx, interaction.options.getString(option, true), interaction.options.getString('source'), filterOptions(interaction));
}
