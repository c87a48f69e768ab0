import { EngineError, unknownArticleError, rebuildError } from '../errors.js';
import type { ArticleMeta } from '../types.js';
import type { QuoteIndex, QuotePiece, SpeakerSummary, Statement } from './quote-index.js';

export interface QuoteOptions {
  /** A speaker as typed: any form of their name or a role the articles give them ("Zelenskiy", "the Russian president"). */
  speaker?: string;
  /** Only statements carried by this article (id). */
  article?: string;
}

/** A quoted piece with its article's metadata (for labels and links). */
export interface QuoteView extends QuotePiece {
  article: ArticleMeta;
}

export interface StatementView extends Omit<Statement, 'quotes'> {
  quotes: QuoteView[];
}

/** What `Engine.quotes` returns. */
export interface QuoteListing {
  /** The canonical name the speaker option resolved to. */
  speaker?: string;
  article?: string;
  statements: StatementView[];
  /** Every speaker with their number of statements (all of them, whatever the filter). */
  speakers: SpeakerSummary[];
  /** Articles in the index (for "3 of 5 outlets"). */
  articleCount: number;
}

/** What listing quotes reads of an index (either backend's generation). */
export interface QuoteSource {
  readonly quotes: QuoteIndex | undefined;
  readonly articles: readonly ArticleMeta[];
}

/** The quote index of an index, or a clear error when the index predates it. */
export function quoteIndexOf(index: QuoteSource): QuoteIndex {
  if (!index.quotes) throw rebuildError('INDEX_MISMATCH', 'This index was built before quotes were indexed.', 'update');
  return index.quotes;
}

export function listQuotes(index: QuoteSource, options: QuoteOptions = {}): QuoteListing {
  const quotes = quoteIndexOf(index);
  const byId = new Map(index.articles.map((d) => [d.id, d]));
  if (options.article !== undefined && !byId.has(options.article)) throw unknownArticleError(options.article);
  let speaker: string | undefined;
  if (options.speaker !== undefined && options.speaker.trim() !== '') {
    const known = quotes.speakers().map((s) => s.name);
    const typed = options.speaker.trim();
    speaker = known.find((n) => n.toLowerCase() === typed.toLowerCase()) ?? quotes.findPerson(typed)?.name;
    if (!speaker || !known.includes(speaker)) {
      const who = speaker ?? typed;
      throw new EngineError(
        'UNKNOWN_SPEAKER',
        `No one called "${who}" is quoted in the articles. ${known.length ? `Quoted: ${known.slice(0, 10).join(', ')}.` : 'The articles quote no one.'}`,
      );
    }
  }
  const statements = quotes.select({ ...(speaker !== undefined ? { speaker } : {}), ...(options.article !== undefined ? { article: options.article } : {}) });
  return {
    ...(speaker !== undefined ? { speaker } : {}),
    ...(options.article !== undefined ? { article: options.article } : {}),
    statements: statements.map((s) => ({ ...s, quotes: s.quotes.map((q) => ({ ...q, article: byId.get(q.articleId)! })) })),
    speakers: quotes.speakers(),
    articleCount: index.articles.length,
  };
}
