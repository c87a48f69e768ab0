import { EngineError } from './errors.js';

export const MAX_QUESTION_LENGTH = 500;

// Controls, zero-width and bidi-override characters: invisible, and only useful to confuse matching or rendering.
// (Tabs and line breaks are white space, folded below, not removed.)
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * Clean a user's question (invisible characters out, white space folded) and
 * refuse empty or over-long ones with a message fit to show the user.
 */
export function normalizeQuestion(raw: string, maxLength = MAX_QUESTION_LENGTH): string {
  const text = raw.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) {
    throw new EngineError('INVALID_QUESTION', 'Please ask a question in words, e.g. "what did Yermak say?".');
  }
  if (text.length > maxLength) {
    throw new EngineError('INVALID_QUESTION', `Questions can be at most ${maxLength} characters; yours has ${text.length}. Please shorten it.`);
  }
  return text;
}
