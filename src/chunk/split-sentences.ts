import type { Span } from '../ingest/cleaned-article.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Titles and abbreviations that never end a sentence in news copy ("Mr. Zelenskiy", "Lt. Gen. Hale", "approx. 4%"). */
const NEVER_FINAL =
  /(?:^|[\s(“"‘'])(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Gen|Lt|Col|Maj|Sgt|Capt|Cmdr|Adm|Sen|Rep|Gov|Pres|Supt|Insp|Rev|Hon|Fr|Vol|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Pt|vs|approx|est|e\.g|i\.e|cf)\.\s*$/;
/** "No. 2": an abbreviation only before a number ("She said no." ends a sentence). */
const NUMBER_SIGN = /(?:^|[\s(“"‘'])Nos?\.\s*$/;
/** An initial ("Niels B.", "J.K.", "T. S."): a capital letter and a dot. */
const INITIAL = /(?:^|[\s(“"‘'.])\p{Lu}\.\s*$/u;
/**
 * Abbreviations that may end a sentence or not ("in the U.S. State Department" / "left the U.S. The
 * talks…"; "Acme Inc. said" / "… Acme Inc. It said"): they end one only when a typical sentence
 * opener follows.
 */
const MAYBE_FINAL = /(?:^|[\s(“"‘'])(?:(?:\p{L}\.){2,}|Inc|Co|Corp|Ltd|Plc|Jr|Sr|Bros|etc|a\.m|p\.m)\.?\s*$/iu;
const OPENERS = new Set(
  `the a an he she it they we i you his her its their our my this that these those there here but and or so yet
  in on at after before when while as if however meanwhile still then now also officials some many most one two`.split(/\s+/),
);

/**
 * Sentence spans of `text[from, to)`, as offsets into `text`, trimmed of surrounding white space.
 * Uses Intl.Segmenter (ICU), which breaks after any "." followed by a capital; breaks after
 * titles, initials and dotted abbreviations are undone, so "CEO Niels B. Andersen", "the U.S. State
 * Department" and "Dr. Amara Osei" stay inside their sentence. Decimals never break (ICU).
 */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  let pendingStart: number | undefined;
  const segments = [...segmenter.segment(text.slice(from, to))];
  segments.forEach((seg, i) => {
    const start = pendingStart ?? from + seg.index;
    const end = from + seg.index + seg.segment.length;
    const next = segments[i + 1]?.segment;
    if (next !== undefined && !endsSentence(seg.segment, next)) {
      pendingStart = start;
      return;
    }
    pendingStart = undefined;
    for (const cut of hiddenBreaks(text, start, end)) {
      pushTrimmed(text, cut.start, cut.end, spans);
    }
  });
  if (pendingStart !== undefined) pushTrimmed(text, pendingStart, to, spans);
  return spans;
}

/** ICU never breaks after some abbreviations ("U.S. The talks…"); break there when a sentence opener follows. */
const HIDDEN_BREAK = new RegExp(
  `(?:\\b(?:\\p{L}\\.){2,}|\\b(?:Inc|Corp|Ltd|Plc|Co|Jr|Sr)\\.)(\\s+)(?=(?:${[...OPENERS].map((w) => w[0]!.toUpperCase() + w.slice(1)).join('|')})\\b)`,
  'gu',
);

function hiddenBreaks(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let from = start;
  for (const m of text.slice(start, end).matchAll(HIDDEN_BREAK)) {
    const at = start + m.index + m[0].length - m[1]!.length;
    out.push({ start: from, end: at });
    from = at;
  }
  out.push({ start: from, end });
  return out;
}

/** Whether ICU's break between `segment` and `next` is a real sentence end. */
function endsSentence(segment: string, next: string): boolean {
  // A paragraph break always ends the sentence; a single line break (a code block, a wrapped
  // line) only after closing punctuation.
  const gap = (/\s*$/.exec(segment)?.[0] ?? '') + (/^\s*/.exec(next)?.[0] ?? '');
  if ((gap.match(/\n/g)?.length ?? 0) >= 2) return true;
  if (gap.includes('\n') && !/[.!?…:;"”’]\s*$/.test(segment)) return false;
  if (NEVER_FINAL.test(segment) || INITIAL.test(segment)) return false;
  if (NUMBER_SIGN.test(segment) && /^\s*\d/.test(next)) return false;
  if (MAYBE_FINAL.test(segment)) {
    const opener = /^[\s“"‘']*([\p{L}]+)/u.exec(next)?.[1]?.toLowerCase();
    return opener !== undefined && OPENERS.has(opener);
  }
  return true;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end });
}
