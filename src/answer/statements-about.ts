import { termMatches, cosine } from './candidates.js';
import type { QuestionTerm } from './question.js';
import { paragraphAt } from '../chunk/chunk-article.js';
import type { ArticleReader } from '../index/index-backend.js';
import { contentTerms, stem } from '../text/terms.js';
import type { QuotePiece, Statement } from '../quotes/quote-index.js';

/** A sentence of an article with its stored embedding. */
interface ContextSentence {
  paragraph: number;
  start: number;
  end: number;
  words: string[];
  stems: Set<string>;
  vector: Float32Array;
}

/** What a statement is matched on: the topic's words and its embedding, on the answer layer's scales. */
export interface TopicQuery {
  terms: readonly QuestionTerm[];
  /** The topic alone, embedded (no query instruction). */
  vector: Float32Array;
  /** Weight of a topic word no article has (the answer layer's: the rarest word's idf, half for an everyday word). */
  unknownWeight: (t: QuestionTerm) => number;
  similarityScale: { low: number; high: number };
}

/**
 * How much a statement is about a topic, 0–1: for each quoted piece, the sentences it stands in
 * and the one before and (in the same paragraph) after (where the attribution and its context usually are: "Putin also
 * said that … Russia is ready to 'put on paper' a promise" before "It sounds funny to us …"; all
 * of the paragraph before when the quote opens its paragraph),
 * scored like the answer layer scores "what did X say about Y" — the topic's words found there
 * (rare ones weigh more) and the topic's meaning (the closest sentence, scaled), averaged; the
 * best piece counts.
 */
export function topicScore(statement: Pick<Statement, 'quotes'>, topic: TopicQuery, contextOf: (piece: QuotePiece) => ContextSentence[]): number {
  const known = topic.terms.filter((t) => !t.unknown);
  const total = known.reduce((n, t) => n + t.idf, 0) + topic.terms.filter((t) => t.unknown).reduce((n, t) => n + topic.unknownWeight(t), 0);
  const { low, high } = topic.similarityScale;
  let best = 0;
  for (const piece of statement.quotes) {
    const context = contextOf(piece);
    if (!context.length) continue;
    const words = context.flatMap((s) => s.words);
    const stems = new Set(context.flatMap((s) => [...s.stems]));
    const wordScore = total > 0 ? known.reduce((n, t) => n + (termMatches(t, stems, words) ? t.idf : 0), 0) / total : 1;
    const meaning = Math.max(...context.map((s) => (cosine(topic.vector, s.vector) - low) / (high - low)));
    best = Math.max(best, (wordScore + meaning) / 2);
  }
  return best;
}

/** The context provider for `topicScore`: an article's sentences (read once per article) around a quoted piece. */
export function quoteContexts(
  passages: Pick<ArticleReader, 'range' | 'get'>,
  sentences: Pick<ArticleReader, 'spansOf' | 'vectorsOf' | 'dims'>,
): (piece: QuotePiece) => ContextSentence[] {
  const byDoc = new Map<string, ContextSentence[]>();
  const sentencesOf = (articleId: string): ContextSentence[] => {
    let list = byDoc.get(articleId);
    if (list) return list;
    list = [];
    const range = passages.range(articleId);
    const seen = new Set<number>();
    for (let label = range?.first ?? 0; range && label < range.first + range.count; label++) {
      const p = passages.get(label);
      const vectors = sentences.vectorsOf(label);
      sentences.spansOf(label).forEach((span, i) => {
        const start = p.start + span.start;
        if (seen.has(start)) return;
        seen.add(start);
        const words = contentTerms(p.text.slice(span.start, span.end));
        list!.push({
          paragraph: paragraphAt(p, span.start),
          start,
          end: p.start + span.end,
          words,
          stems: new Set(words.map(stem)),
          vector: vectors.slice(i * sentences.dims, (i + 1) * sentences.dims),
        });
      });
    }
    list.sort((a, b) => a.start - b.start);
    byDoc.set(articleId, list);
    return list;
  };
  return (piece) => {
    const list = sentencesOf(piece.articleId);
    const first = list.findIndex((s) => s.end > piece.start);
    if (first < 0) return [];
    let last = first;
    while (last + 1 < list.length && list[last + 1]!.start < piece.end) last++;
    // A quote that opens its paragraph is introduced by the paragraph before it.
    let from = Math.max(0, first - 1);
    const opens = first === 0 || list[first - 1]!.paragraph !== list[first]!.paragraph;
    if (opens) while (from > 0 && list[from - 1]!.paragraph === list[from]!.paragraph) from--;
    // The sentence after belongs to it only in the same paragraph: the next paragraph is often
    // someone else's reaction ("Councillor Ahlberg complained that a meeting with Lund …").
    const next = list[last + 1];
    return list.slice(from, next && next.paragraph === list[last]!.paragraph ? last + 2 : last + 1);
  };
}
