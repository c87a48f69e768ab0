import type { Passage } from '../types.js';
import type { CleanedArticle, Span } from '../ingest/cleaned-article.js';
import { splitSentences } from './split-sentences.js';

/** Bump when chunking or the sentence shapes it records change: the manifest records it and a mismatch forces a full re-embed. */
export const CHUNKER_VERSION = 8;

export interface ChunkOptions {
  /** Word-piece budget per passage, special tokens excluded. */
  maxTokens?: number;
  /** Sentences repeated at the start of the next passage when a paragraph is split. */
  overlapSentences?: number;
}

/** Counts word-piece tokens of a text (without [CLS]/[SEP]). */
export type TokenCounter = (text: string) => number;

interface Sentence extends Span {
  paragraph: number;
  tokens: number;
}

export const DEFAULT_CHUNK_OPTIONS: Required<ChunkOptions> = {
  maxTokens: 200,
  overlapSentences: 1,
};

/**
 * Split a cleaned article into passages: whole paragraphs packed together while they fit in
 * `maxTokens` word pieces (a short news report is one passage, so its headline, lede and details
 * are retrieved together), a paragraph over the budget split between sentences with a one-sentence
 * overlap. Offsets point into `article.cleaned`, so `article.cleaned.slice(p.start, p.end) === p.text`;
 * `paragraph` is the first paragraph of the span (`paragraphAt` gives any sentence's).
 */
export function chunkArticle(article: CleanedArticle, countTokens: TokenCounter, options: ChunkOptions = {}): Passage[] {
  const opts = { ...DEFAULT_CHUNK_OPTIONS, ...options };
  const text = article.cleaned;

  // Group paragraphs into units that fit the budget; a paragraph over it is a unit of its own,
  // split between sentences below.
  const units: Sentence[][] = [];
  let unit: Sentence[] = [];
  let unitTokens = 0;
  article.paragraphs.forEach((para, i) => {
    const sentences = splitSentences(text, para.start, para.end).flatMap((s) =>
      splitLongSentence(text, s, countTokens, opts.maxTokens).map((piece) => ({
        ...piece,
        paragraph: i + 1,
        tokens: countTokens(text.slice(piece.start, piece.end)),
      })),
    );
    const tokens = sentences.reduce((n, s) => n + s.tokens, 0);
    if (unit.length && unitTokens + tokens > opts.maxTokens) {
      units.push(unit);
      unit = [];
      unitTokens = 0;
    }
    unit.push(...sentences);
    unitTokens += tokens;
  });
  if (unit.length) units.push(unit);

  const passages: Passage[] = [];
  for (const unit of units) {
    let current: Sentence[] = [];
    let tokens = 0;
    const flush = () => {
      const first = current[0]!;
      const last = current[current.length - 1]!;
      passages.push({
        id: `${article.meta.id}#${passages.length}`,
        articleId: article.meta.id,
        paragraph: first.paragraph,
        start: first.start,
        end: last.end,
        text: text.slice(first.start, last.end),
      });
    };
    for (const sentence of unit) {
      if (current.length > 0 && tokens + sentence.tokens > opts.maxTokens) {
        flush();
        const overlap = current.slice(-opts.overlapSentences).filter((s) => s.tokens <= opts.maxTokens / 3);
        current = overlap.length && overlap.reduce((n, s) => n + s.tokens, 0) + sentence.tokens <= opts.maxTokens ? overlap : [];
        tokens = current.reduce((n, s) => n + s.tokens, 0);
      }
      current.push(sentence);
      tokens += sentence.tokens;
    }
    if (current.length) flush();
  }
  return passages;
}

/**
 * A sentence over the budget (rare: lists, tables, text without punctuation) is cut at word
 * boundaries into the longest runs of words that fit. Every word is at least one token, so a run
 * that fits holds at most `maxTokens` words: the search for its end looks that far and no further,
 * and each piece of text is tokenised a bounded number of times (the search used to re-tokenise
 * ever-longer prefixes of the rest of the sentence: 94 s for a 1 MB sentence).
 */
function splitLongSentence(text: string, span: Span, countTokens: TokenCounter, maxTokens: number): Span[] {
  // A token covers at least one character: a short sentence fits without asking the tokenizer.
  if (span.end - span.start <= maxTokens || countTokens(text.slice(span.start, span.end)) <= maxTokens) return [span];
  const words = [...text.slice(span.start, span.end).matchAll(/\S+/g)].map((m) => ({
    start: span.start + m.index,
    end: span.start + m.index + m[0].length,
  }));
  const pieces: Span[] = [];
  let pieceStart = 0;
  while (pieceStart < words.length) {
    // Binary search the longest run of words that fits, among the next maxTokens words.
    let lo = pieceStart;
    let hi = Math.min(words.length - 1, pieceStart + maxTokens - 1);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (countTokens(text.slice(words[pieceStart]!.start, words[mid]!.end)) <= maxTokens) lo = mid;
      else hi = mid - 1;
    }
    const piece = { start: words[pieceStart]!.start, end: words[lo]!.end };
    if (lo === pieceStart) pieces.push(...splitLongWord(text, piece, countTokens, maxTokens));
    else pieces.push(piece);
    pieceStart = lo + 1;
  }
  return pieces;
}

/** Characters searched for the end of a piece of an over-long word: tokens are rarely longer than this. */
const MAX_CHARS_PER_TOKEN = 16;

/** One "word" over the budget (no spaces: "a.b.c…", a long URL) is cut between characters. */
function splitLongWord(text: string, span: Span, countTokens: TokenCounter, maxTokens: number): Span[] {
  if (countTokens(text.slice(span.start, span.end)) <= maxTokens) return [span];
  const pieces: Span[] = [];
  let start = span.start;
  while (start < span.end) {
    let lo = start + 1;
    let hi = Math.min(span.end, start + maxTokens * MAX_CHARS_PER_TOKEN);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (countTokens(text.slice(start, mid)) <= maxTokens) lo = mid;
      else hi = mid - 1;
    }
    // Never between the two halves of a surrogate pair.
    if (lo < span.end && /[\uDC00-\uDFFF]/.test(text[lo]!) && lo - 1 > start) lo--;
    pieces.push({ start, end: lo });
    start = lo;
  }
  return pieces;
}

/** The paragraph (1-based) of the article a passage-relative offset falls in. */
export function paragraphAt(passage: Pick<Passage, 'text' | 'paragraph'>, offset: number): number {
  let breaks = 0;
  for (const _ of passage.text.slice(0, offset).matchAll(/\n\s*\n/g)) breaks++;
  return passage.paragraph + breaks;
}
