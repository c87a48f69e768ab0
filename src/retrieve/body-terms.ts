import type { SentenceSpan } from '../index/sentence-store.js';
import { words } from '../text/terms.js';

/** Whitespace, or the edge of the text: where a sentence span may start or end without splitting a word. */
const isGap = (text: string, i: number) => i < 0 || i >= text.length || /\s/.test(text[i]!);
/** Any character a word is made of (src/text/terms.ts `words`). */
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whether `words(heading)` can include any of `terms`: every word it gives of an ASCII text is a
 * piece of the lower-cased text once commas are dropped, so a heading without any term as such a
 * piece need not be tokenised (most candidates' headlines, most of the time).
 */
function mayContain(heading: string, terms: readonly string[]): boolean {
  if (!/^[\x00-\x7f]*$/.test(heading)) return true;
  const folded = heading.toLowerCase().replace(/,/g, '');
  return terms.some((t) => folded.includes(t.replace(/,/g, '')));
}

/**
 * Which of `terms` (keyword terms a passage matched) occur in its body, i.e. outside its `heading`
 * spans. Same answer as tokenising every body sentence, without doing so: a term occurs in the body
 * when the passage has it more often (`frequency`, from the keyword postings) than its headings do.
 * That holds when the spans cut the text only at white space and nothing is left between them;
 * otherwise the body is tokenised as before.
 */
export function bodyTerms(
  text: string,
  spans: readonly SentenceSpan[],
  isHeading: (span: SentenceSpan) => boolean,
  terms: readonly string[],
  frequency: (term: string) => number,
): Set<string> {
  let at = 0;
  let aligned = true;
  for (const s of spans) {
    if (!isGap(text, s.start - 1) || !isGap(text, s.end) || WORD_CHAR.test(text.slice(at, s.start))) aligned = false;
    at = s.end;
  }
  if (!aligned || WORD_CHAR.test(text.slice(at))) {
    return new Set(spans.filter((s) => !isHeading(s)).flatMap((s) => words(text.slice(s.start, s.end))));
  }
  const inHeadings = new Map<string, number>();
  for (const s of spans) {
    if (!isHeading(s)) continue;
    const heading = text.slice(s.start, s.end);
    if (mayContain(heading, terms)) for (const w of words(heading)) inHeadings.set(w, (inHeadings.get(w) ?? 0) + 1);
  }
  return new Set(terms.filter((t) => frequency(t) > (inHeadings.get(t) ?? 0)));
}
