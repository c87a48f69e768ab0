import type { QuestionAnalysis } from '../answer/question.js';
import { articleLabel, labelList } from '../text/labels.js';
import type { AnswerTuning } from '../answer/tuning.js';
import { sharedLead, type Comparison, type ComparedClaim } from '../compare/compare-coverage.js';
import type { Embedder } from '../embed/embedder.js';
import type { ArticleReader } from '../index/index-backend.js';
import type { QuoteIndex, QuotePiece, Statement } from '../quotes/quote-index.js';
import { quoteContexts, topicScore } from '../answer/statements-about.js';
import type { Answer, Citation, Claim, ArticleMeta, ScoredPassage } from '../types.js';

/** What answering from the quote index and the comparison needs of the engine. */
export interface IndexAnswerContext {
  /** The generation's quote index (undefined: built before quotes were indexed); asked for only by a quote question (the files backend reads it from its file on first use). */
  quotes(): QuoteIndex | undefined;
  /** Its articles: those the quoted statements are in are read before they are cited. */
  articles: ArticleReader;
  embedder: Embedder;
  compare: (topic: string) => Promise<Comparison>;
  tuning: AnswerTuning;
  articleCount: number;
}

/** Which articles a question is answered from: all, or one article, or those an outlet/date filter keeps. */
export interface AnswerScope {
  articleIds?: ReadonlySet<string>;
}

/** Statements shown in an answer at most (the rest are one /quotes away). */
const MAX_STATEMENTS = 4;
/** What "what did X say about <topic>" asks about, as written. */
const ABOUT = /\b(?:about|regarding|concerning|on)\s+(.+?)\s*[?.!]*$/i;
/** "What did X call / how did X describe …": the words X used for something. */
const NAMING =
  /\b(?:call|called|calls|describe|described|describes|characteri[sz]e|characteri[sz]ed|term|termed|label|labell?ed|dub|dubbed|word|words|phrase)\b/i;
/** The topic of "how did the outlets differ on <topic>". */
const DIFFER_ON = /\b(?:on|about|over|regarding|concerning|in (?:reporting|covering))\s+(?:the\s+)?(.+?)\s*[?.!]*$/i;

const label = (article: ArticleMeta) => articleLabel(article);

/**
 * Questions the quote index and the side-by-side comparison answer better than sentence
 * retrieval, recognised by the engine's question analysis:
 * - "what did X say?" when X is quoted in full (not only a few words): every outlet's wording of
 *   each of X's statements, cited; "what did X say about Y?": those of X's statements whose words
 *   or neighbouring sentences are about Y (by words and by meaning, as the answer layer judges
 *   it). When none is, the usual answer path answers (X's reported speech) or abstains ("The
 *   coverage doesn't say what X said about this.").
 * - "how did the outlets differ on …": the comparison (each outlet's claim, what only one reports,
 *   what they all report), when two outlets or more cover it.
 * Undefined: ask the usual way.
 */
export async function answerFromIndexes(ctx: IndexAnswerContext, analysis: QuestionAnalysis, scope: AnswerScope = {}): Promise<Answer | undefined> {
  const question = analysis.text;
  const only = scope.articleIds;
  // (Outlets are compared across the whole coverage; limited to some articles, the usual answer.)
  if (analysis.answerType === 'compare' && !only) {
    const topic = DIFFER_ON.exec(question)?.[1] ?? analysis.terms.map((t) => t.typed).join(' ');
    if (!topic.trim()) return undefined;
    const c = await ctx.compare(topic);
    return c.perArticle.length >= 2 ? comparisonAnswer(question, c) : undefined;
  }
  if (analysis.answerType !== 'quote' || !analysis.speaker?.length) return undefined;
  const quotes = ctx.quotes();
  if (!quotes) return undefined;
  // "What did Putin call the claims …" asks for the word he used ("nonsense"), which the reporter's
  // sentence carries; his full statements don't answer it.
  if (NAMING.test(question)) return undefined;
  const speaker = quotedSpeaker(
    quotes,
    analysis.speaker.map((t) => t.word),
    analysis.speaker.map((t) => t.typed),
  );
  if (!speaker) return undefined;
  let statements = quotes.select({ speaker });
  // Limited to some articles (one article, an outlet, a date range): only their wordings.
  if (only)
    statements = statements
      .map((s) => ({ ...s, quotes: s.quotes.filter((q) => only.has(q.articleId)), articleIds: s.articleIds.filter((d) => only.has(d)) }))
      .filter((s) => s.quotes.length > 0);
  if (!statements.length) return undefined;
  // The articles that carry them: their sentences are the statements' context, their passages the citations.
  await ctx.articles.read(new Set(statements.flatMap((s) => s.quotes.map((q) => q.articleId))));

  let about: string | undefined;
  // "What did Putin say the leaked calls revealed?" asks about something too, without "about":
  // the question's other words are its topic, so not every statement of his is listed.
  const speakerWords = new Set(analysis.speaker.map((t) => t.word));
  const topic = analysis.topic?.length ? analysis.topic : analysis.terms.filter((t) => !speakerWords.has(t.word));
  if (topic.length) {
    // The topic asked about ("the written guarantee", else its words): the header says it. Without
    // one, the question's other words pick the statements but make no header ("Colin Harlow on
    // reply prosecutor audit never existed").
    about = analysis.topic?.length ? (ABOUT.exec(question)?.[1] ?? analysis.topic.map((t) => t.typed).join(' ')) : undefined;
    const vector = await ctx.embedder.embedQuery(about ?? topic.map((t) => t.typed).join(' '), false);
    const maxIdf = Math.log(1 + (ctx.articles.size - 0.5) / 1.5);
    const contextOf = quoteContexts(ctx.articles, ctx.articles);
    const query = {
      terms: topic,
      vector,
      unknownWeight: (t: { common: boolean }) => (t.common ? maxIdf / 2 : maxIdf),
      similarityScale: ctx.embedder.profile.similarity,
    };
    statements = statements
      .map((s) => ({ s, score: topicScore(s, query, contextOf) }))
      .filter((x) => x.score >= ctx.tuning.minTopic)
      .sort((a, b) => b.score - a.score)
      .map((x) => x.s);
    if (!statements.length) return undefined;
  }
  // Full quotes only: a few quoted words ("ridiculous", a scare-quoted “peace plan”) are better
  // read in the reporter's sentence, which the usual answer gives.
  const direct = statements.filter((s) => s.kind === 'direct');
  if (!direct.length) return undefined;
  return quotesAnswer(ctx, question, speaker, about, direct.slice(0, MAX_STATEMENTS), direct.length, only ? only.size : ctx.articleCount);
}

/** The canonical name of a quoted speaker the question's speaker words stand for, if any. */
function quotedSpeaker(quotes: QuoteIndex, words: string[], typed: string[]): string | undefined {
  const quoted = new Set(quotes.speakers().map((s) => s.name));
  for (const form of [words.join(' '), typed.join(' '), ...words]) {
    const person = quotes.findPerson(form);
    if (person && quoted.has(person.name)) return person.name;
  }
  return undefined;
}

interface Cited {
  citations: Citation[];
  passages: ScoredPassage[];
}

/** The citation of a quoted piece (its passage; the piece's own paragraph), numbered once. */
function cite(ctx: IndexAnswerContext, acc: Cited, piece: QuotePiece, end: number, quote: string): number {
  const store = ctx.articles;
  const article = store.article(piece.articleId)!;
  const all = store.passagesOf(piece.articleId);
  const p = all.find((x) => x.start <= piece.start && end <= x.end) ?? all.find((x) => x.start <= piece.start && piece.start < x.end);
  const passageId = p?.id ?? `${piece.articleId}#0`;
  const existing = acc.citations.find((c) => c.passageId === passageId && c.quote === quote);
  if (existing) return existing.n;
  const n = acc.citations.length + 1;
  acc.citations.push({
    n,
    articleId: piece.articleId,
    label: label(article),
    article,
    paragraph: piece.paragraph,
    passageId,
    passage: p?.text ?? quote,
    quote,
    score: 1,
  });
  if (p && !acc.passages.some((x) => x.id === p.id)) acc.passages.push({ ...p, article, score: 1 });
  return n;
}

function quotesAnswer(
  ctx: IndexAnswerContext,
  question: string,
  speaker: string,
  about: string | undefined,
  statements: Statement[],
  total: number,
  articleCount: number,
): Answer {
  const acc: Cited = { citations: [], passages: [] };
  const claims: Claim[] = [];
  const lines: string[] = [about ? `${speaker} on ${about}, as quoted in the coverage:` : `${speaker}, as quoted in the coverage:`];
  for (const s of statements) {
    // One wording per article (the pieces of a split quote joined), identical wordings cited together.
    const byDoc = new Map<string, QuotePiece[]>();
    for (const q of s.quotes) byDoc.set(q.articleId, [...(byDoc.get(q.articleId) ?? []), q]);
    const wordings = new Map<string, number[]>();
    for (const pieces of byDoc.values()) {
      const text = pieces.map((q) => q.text.replace(/[,;:]$/, '')).join(' … ');
      const first = pieces[0]!;
      const n = cite(ctx, acc, first, pieces[pieces.length - 1]!.end, pieces.length === 1 ? first.text : text);
      wordings.set(text, [...(wordings.get(text) ?? []), n]);
    }
    const all: number[] = [];
    const statementLines = [...wordings].map(([text, ns]) => {
      all.push(...ns);
      return `“${text}” ${ns.map((n) => `[${n}]`).join('')}`;
    });
    if (s.articleIds.length >= 2) {
      const names = labelList(all.map((n) => acc.citations[n - 1]!.label));
      statementLines[statementLines.length - 1] += ` (reported by ${s.articleIds.length} of ${articleCount} sources: ${names})`;
    }
    lines.push(...statementLines);
    claims.push({ text: [...wordings.keys()][0]!, citations: all });
  }
  if (total > statements.length) lines.push(`…and ${total - statements.length} more: /quotes speaker:${speaker}`);
  return { question, text: lines.join('\n'), abstained: false, claims, citations: acc.citations, passages: acc.passages, articleCount };
}

/** The comparison as an answer: each outlet's claim, then "Only in …", then what they all report; every line cited. */
function comparisonAnswer(question: string, c: Comparison): Answer {
  const acc: Cited = { citations: [], passages: [] };
  const claims: Claim[] = [];
  const n = (x: ComparedClaim) => {
    const existing = acc.citations.find((k) => k.passageId === x.passageId && k.quote === x.text);
    if (existing) return existing.n;
    const k = acc.citations.length + 1;
    acc.citations.push({
      n: k,
      articleId: x.articleId,
      label: label(x.article),
      article: x.article,
      paragraph: x.paragraph,
      passageId: x.passageId,
      passage: x.passage,
      quote: x.text,
      score: x.relevance,
    });
    return k;
  };
  const lines: string[] = [];
  for (const s of c.perArticle) {
    const k = n(s.claims[0]!);
    lines.push(`${label(s.article)}: ${s.claims[0]!.text} [${k}]`);
    claims.push({ text: s.claims[0]!.text, citations: [k] });
  }
  for (const o of c.onlyIn) {
    const k = n(o);
    lines.push(`Only in ${label(o.article)}: ${o.text} [${k}]`);
    claims.push({ text: o.text, citations: [k] });
  }
  const labelOf = (id: string) => {
    const article = c.perArticle.find((s) => s.articleId === id)?.article;
    return article ? label(article) : id;
  };
  for (const s of c.shared) {
    const ks = s.claims.map(n);
    lines.push(`${sharedLead(s.articleIds.length, s.missing.map(labelOf))}: ${s.text} ${ks.map((k) => `[${k}]`).join('')}`);
    claims.push({ text: s.text, citations: ks });
  }
  return { question, text: lines.join('\n'), abstained: false, claims, citations: acc.citations, passages: [], articleCount: c.articleCount };
}
