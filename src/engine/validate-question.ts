import { foldLookalikes, replaceInvisible } from '../ingest/unicode-fold.js';
import { EngineError } from '../errors.js';

export const MAX_QUESTION_LENGTH = 500;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Characters as a person counts them: "👍🏽", "🇺🇦" and "𝐘" are one each (not 2–8 UTF-16 units). */
export function countCharacters(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/**
 * Clean a user's question and refuse empty or over-long ones with a message fit to show the user.
 * Controls become spaces, invisible characters go, white space is folded; letters are normalised
 * and look-alike letters folded (src/ingest/unicode-fold.ts) so that matching sees what the user
 * sees: "Yеrmаk" with Cyrillic letters is Yermak. Length is counted in characters as typed.
 */
export function normalizeQuestion(raw: string, maxLength = MAX_QUESTION_LENGTH): string {
  // Far too long whatever it holds: refused before any per-character work.
  if (raw.length > maxLength * 64) {
    throw new EngineError(
      'INVALID_QUESTION',
      `Questions can be at most ${maxLength} characters; yours has ${countCharacters(raw.slice(0, maxLength * 64))}+. Please shorten it.`,
    );
  }
  const typed = replaceInvisible(raw).replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(typed)) {
    throw new EngineError('INVALID_QUESTION', 'Please ask a question in words, e.g. "what did Yermak say?".');
  }
  // A string has at least as many UTF-16 units as characters: only a long one needs counting (Intl.Segmenter is slow).
  const length = typed.length <= maxLength ? 0 : countCharacters(typed);
  if (length > maxLength) {
    throw new EngineError('INVALID_QUESTION', `Questions can be at most ${maxLength} characters; yours has ${length}. Please shorten it.`);
  }
  return foldLookalikes(typed).replace(/\s+/g, ' ').trim();
}
