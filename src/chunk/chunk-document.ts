import type { Passage } from '../engine/types.js';
import type { SourceDocument, Span } from '../ingest/document.js';
import { splitSentences } from './split-sentences.js';

/** Bump when chunking changes: the manifest records it and a mismatch forces a full re-embed. */
export const CHUNKER_VERSION = 4;

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
 * Split a cleaned document into passages: whole paragraphs packed together while they fit in
 * `maxTokens` word pieces (a short news report is one passage, so its headline, lede and details
 * are retrieved together), a paragraph over the budget split between sentences with a one-sentence
 * overlap. Offsets point into `doc.cleaned`, so `doc.cleaned.slice(p.start, p.end) === p.text`;
 * `paragraph` is the first paragraph of the span (`paragraphAt` gives any sentence's).
 */
export function chunkDocument(doc: SourceDocument, countTokens: TokenCounter, options: ChunkOptions = {}): Passage[] {
  const opts = { ...DEFAULT_CHUNK_OPTIONS, ...options };
  const text = doc.cleaned;

  // Group paragraphs into units that fit the budget; a paragraph over it is a unit of its own,
  // split between sentences below.
  const units: Sentence[][] = [];
  let unit: Sentence[] = [];
  let unitTokens = 0;
  doc.paragraphs.forEach((para, i) => {
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
        id: `${doc.meta.id}#${passages.length}`,
        docId: doc.meta.id,
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

/** A sentence over the budget (rare: lists, tables) is cut at word boundaries. */
function splitLongSentence(text: string, span: Span, countTokens: TokenCounter, maxTokens: number): Span[] {
  if (countTokens(text.slice(span.start, span.end)) <= maxTokens) return [span];
  const words = [...text.slice(span.start, span.end).matchAll(/\S+/g)].map((m) => ({
    start: span.start + m.index,
    end: span.start + m.index + m[0].length,
  }));
  const pieces: Span[] = [];
  let pieceStart = 0;
  while (pieceStart < words.length) {
    // Binary search the longest run of words that fits.
    let lo = pieceStart;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (countTokens(text.slice(words[pieceStart]!.start, words[mid]!.end)) <= maxTokens) lo = mid;
      else hi = mid - 1;
    }
    pieces.push({ start: words[pieceStart]!.start, end: words[lo]!.end });
    pieceStart = lo + 1;
  }
  return pieces;
}

/** The paragraph (1-based) of the document a passage-relative offset falls in. */
export function paragraphAt(passage: Pick<Passage, 'text' | 'paragraph'>, offset: number): number {
  let breaks = 0;
  for (const _ of passage.text.slice(0, offset).matchAll(/\n\s*\n/g)) breaks++;
  return passage.paragraph + breaks;
}
