import type { Span } from './cleaned-article.js';
import { foldLookalikes, replaceInvisible } from './unicode-fold.js';

/**
 * Whole lines that are page furniture, not reporting. Matched against a trimmed
 * line, case-insensitively. Kept deliberately narrow: a line is removed only when
 * all of it is boilerplate, so no sentence of an article can be lost.
 */
export const BOILERPLATE: readonly RegExp[] = [
  /^recommended stories$/i,
  /^list of \d+ items?(\s*end of list)?$/i,
  /^end of list$/i,
  // Words separated by spaces, items by commas; every repeat starts with a different character, so
  // an odd line fails in linear time (the old `(\s*[\w.+ ]{1,30},?)*` took exponential time).
  /^follow us on\s*:?\s*(?:[\w.+]+(?:\s+[\w.+]+)*(?:\s*,\s*[\w.+]+(?:\s+[\w.+]+)*)*\s*,?)?\s*$/i,
  /^join our (official )?(telegram|whatsapp|discord) (channel|group)\b.{0,120}$/i,
  /^(i|user|advertisement|share|share this( article)?|subscribe|read more|related( articles| stories)?:?)$/i,
  // Badge / widget ids such as `google_preferred_badge`.
  /^[a-z0-9]+(?:_[a-z0-9]+)+$/,
  // Reading-time counters such as `1 Min Read 0 67`.
  /^\d+\s+min(ute)?s?\s+read(\s+\d+)*$/i,
  // Local papers' story-tip line: `Have you got a story? Call the newsdesk on …`.
  /^(?:have you )?got a (?:news )?story\?.{0,120}$/i,
  // Relative bylines such as `By news 3 days ago`.
  /^by\s+[\w .'-]{1,40}?\s+\d+\s+(second|minute|hour|day|week|month)s?\s+ago$/i,
];

export const isBoilerplateLine = (line: string): boolean => BOILERPLATE.some((re) => re.test(line.trim()));

const TERMINAL = /[.!?:;"”’')\]…]$/;

export interface CleanedText {
  cleaned: string;
  paragraphs: Span[];
  /** Lines that were dropped, for tests and diagnostics. */
  removed: string[];
}

/** Lines of a block that were wrapped by hand are joined back into one paragraph. */
function unwrapBlock(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && !TERMINAL.test(prev) && /^[a-z]/.test(line)) {
      out[out.length - 1] = `${prev} ${line}`;
    } else {
      out.push(line);
    }
  }
  return out;
}

const stripEllipsis = (s: string) => s.replace(/(\s*(…|\.\.\.))+$/, '');
const ENDS_WITH_ELLIPSIS = /(…|\.\.\.)$/;
/** Shorter cut-off lines are too likely to be real text ("Wait...") to drop. */
const MIN_TEASER_LENGTH = 20;

/**
 * Line i is a teaser when it ends in an ellipsis, its text without the ellipsis is at least
 * MIN_TEASER_LENGTH characters, and a *later* line begins with that text and is longer ("The envoy
 * said the talks…" before the full paragraph). Found with an index of line prefixes instead of
 * comparing every pair (8,000 lines ending in "..." took 16 s): lines are sorted, so the lines that
 * begin with a text are one run found by binary search, and a sparse table gives the last position
 * in the article among them. O(total length × log lines).
 */
function teaserFinder(lines: readonly string[]): (i: number) => boolean {
  const n = lines.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (lines[a]! < lines[b]! ? -1 : lines[a]! > lines[b]! ? 1 : a - b));
  const sorted = order.map((i) => lines[i]!);
  // lastAt[k][p]: the largest article position among sorted[p .. p + 2^k).
  const lastAt: Int32Array[] = [Int32Array.from(order)];
  for (let k = 1; 1 << k <= n; k++) {
    const prev = lastAt[k - 1]!;
    const half = 1 << (k - 1);
    const row = new Int32Array(n - (1 << k) + 1);
    for (let p = 0; p < row.length; p++) row[p] = Math.max(prev[p]!, prev[p + half]!);
    lastAt.push(row);
  }
  const lastIn = (from: number, to: number) => {
    const k = 31 - Math.clz32(to - from);
    return Math.max(lastAt[k]![from]!, lastAt[k]![to - (1 << k)]!);
  };
  /** First sorted position in [from, n) where `test` turns true (it is false, then true). */
  const firstWhere = (from: number, test: (s: string) => boolean) => {
    let lo = from;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (test(sorted[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return (i) => {
    const line = lines[i]!;
    if (!ENDS_WITH_ELLIPSIS.test(line)) return false;
    const text = stripEllipsis(line);
    if (text.length < MIN_TEASER_LENGTH) return false;
    // Lines that begin with `text` and are longer sort right after `text` itself, in one run.
    const from = firstWhere(0, (s) => s > text);
    const to = firstWhere(from, (s) => !s.startsWith(text));
    return from < to && lastIn(from, to) > i;
  };
}

/**
 * Clean an article body: normalise whitespace and letters, drop boilerplate lines, drop
 * repeated paragraphs and truncated teasers of a later paragraph. Each remaining
 * line (or hand-wrapped block) becomes a paragraph.
 */
export function cleanText(body: string): CleanedText {
  const removed: string[] = [];
  // Controls become spaces and invisible characters go; letters are normalised and look-alike
  // letters folded (unicode-fold.ts), as questions are, so "Yеrmаk" in Cyrillic letters is Yermak.
  const blocks = foldLookalikes(replaceInvisible(body.replace(/\r\n?/g, '\n'))).split(/\n[ \t\u00A0]*\n/);

  const lines: string[] = [];
  for (const block of blocks) {
    // Boilerplate is judged line by line before hand-wrapped lines are joined,
    // so furniture such as "i" / "user" can't glue itself onto real text.
    const blockLines: string[] = [];
    for (const raw of block.split('\n')) {
      const line = raw.replace(/[\s\u00A0]+/g, ' ').trim();
      if (!line) continue;
      if (isBoilerplateLine(line)) removed.push(line);
      else blockLines.push(line);
    }
    lines.push(...unwrapBlock(blockLines));
  }

  const kept: string[] = [];
  const seen = new Set<string>();
  const isTeaser = teaserFinder(lines);
  lines.forEach((line, i) => {
    if (seen.has(line) || isTeaser(i)) {
      removed.push(line);
      return;
    }
    seen.add(line);
    kept.push(line);
  });

  const paragraphs: Span[] = [];
  let offset = 0;
  for (const p of kept) {
    paragraphs.push({ start: offset, end: offset + p.length });
    offset += p.length + 2;
  }
  return { cleaned: kept.join('\n\n'), paragraphs, removed };
}
