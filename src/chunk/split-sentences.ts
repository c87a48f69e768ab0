import type { Span } from '../ingest/document.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// ICU breaks after these even mid-sentence ("Mr. Zelenskiy"); rejoin them.
const ABBREVIATION = /(?:^|[\s(“"])(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Lt|Col|Sgt|Capt|Sen|Rep|Gov|Pres|Jr|Sr|Inc|Ltd|Co|Corp|No|vs|Vol|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.\s*$/;

/**
 * Sentence spans of `text[from, to)`, as offsets into `text`, trimmed of
 * surrounding white space. Uses Intl.Segmenter, with abbreviation breaks undone.
 */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  let pendingStart: number | undefined;
  for (const seg of segmenter.segment(text.slice(from, to))) {
    const start = pendingStart ?? from + seg.index;
    const end = from + seg.index + seg.segment.length;
    if (ABBREVIATION.test(seg.segment) && end < to) {
      pendingStart = start;
      continue;
    }
    pendingStart = undefined;
    pushTrimmed(text, start, end, spans);
  }
  if (pendingStart !== undefined) pushTrimmed(text, pendingStart, to, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end });
}
