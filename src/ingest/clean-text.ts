import type { Span } from './document.js';
import { foldLookalikes, replaceInvisible } from './unicode-fold.js';

/**
 * Whole lines that are page furniture, not reporting. Matched against a trimmed
 * line, case-insensitively. Kept deliberately narrow: a line is removed only when
 * all of it is boilerplate, so no sentence of an article can be lost.
 */
const BOILERPLATE: RegExp[] = [
  /^recommended stories$/i,
  /^list of \d+ items?(\s*end of list)?$/i,
  /^end of list$/i,
  /^follow us on\s*:?(\s*[\w.+ ]{1,30},?)*\s*$/i,
  /^join our (official )?(telegram|whatsapp|discord) (channel|group)\b.{0,120}$/i,
  /^(i|user|advertisement|share|share this( article)?|subscribe|read more|related( articles| stories)?:?)$/i,
  // Badge / widget ids such as `google_preferred_badge`.
  /^[a-z0-9]+(?:_[a-z0-9]+)+$/,
  // Reading-time counters such as `1 Min Read 0 67`.
  /^\d+\s+min(ute)?s?\s+read(\s+\d+)*$/i,
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
  lines.forEach((line, i) => {
    if (seen.has(line)) {
      removed.push(line);
      return;
    }
    const teaser = /(…|\.\.\.)$/.test(line) ? stripEllipsis(line) : undefined;
    if (teaser && teaser.length >= 20 && lines.some((other, j) => j !== i && other.length > line.length && other.startsWith(teaser))) {
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
