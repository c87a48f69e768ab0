/**
 * Finding quoted text in a paragraph: “…”, "…", ‘…’ and '…'. Quotation marks inside a quote
 * (“He told me ‘never’,” she said) belong to it: only outermost quotes are returned. A single
 * right quote ’ or ' between letters is an apostrophe (Zelenskiy’s, don’t), never a closing mark.
 */

/** One quoted piece: `[start, end)` are the quoted words, without the marks, as offsets into the text. */
export interface QuotedSpan {
  start: number;
  end: number;
  /** The marks used: double (“” or "") or single (‘’ or ''). */
  marks: 'double' | 'single';
  /** The closing mark was missing: the quote runs on into the next paragraph (news style). */
  unclosed: boolean;
}

const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
/** Characters after which an opening mark may stand. */
const OPEN_AFTER = /[\s([{—–\-:;,/]/;

interface Open {
  at: number;
  close: string[];
  marks: QuotedSpan['marks'];
}

/** The outermost quoted pieces of `text`, in order. */
export function findQuotedSpans(text: string): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  const stack: Open[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const prev = text[i - 1];
    const next = text[i + 1];
    const openerContext = i === 0 || OPEN_AFTER.test(prev!) || /[“‘"']/.test(prev!);
    // Closing an open quote comes first (an inner one left open, e.g. an apostrophe taken for
    // an opening mark, is closed with it).
    let j = stack.length - 1;
    while (j >= 0 && !stack[j]!.close.includes(c)) j--;
    if (j >= 0) {
      const frame = stack[j]!;
      const apostrophe = (c === '’' || c === "'") && isLetter(prev) && isLetter(next);
      const opensInstead = (c === '"' || c === "'") && openerContext && isLetter(next);
      if (!apostrophe && !opensInstead) {
        stack.length = j;
        if (j === 0) out.push(trimmed(text, frame.at + 1, i, frame.marks, false));
        continue;
      }
    }
    if (c === '“' || (c === '"' && openerContext && next !== undefined && !/\s/.test(next))) {
      stack.push({ at: i, close: c === '“' ? ['”', '"'] : ['"', '”'], marks: 'double' });
    } else if (c === '‘' || (c === "'" && openerContext && isLetter(next))) {
      // A single opening mark inside words ("rock ‘n’ roll") is rare in news; an apostrophe
      // before a letter at a word start ('90s, 'em) is not a quote when nothing closes it.
      stack.push({ at: i, close: c === '‘' ? ['’', "'"] : ["'", '’'], marks: 'single' });
    }
  }
  // Unclosed marks: a double quote left open runs to the end of the paragraph (its quote goes on in
  // the next one); an unclosed single mark was an apostrophe after all.
  const outer = stack.find((o) => o.marks === 'double');
  if (outer && stack[0] === outer) out.push(trimmed(text, outer.at + 1, text.length, 'double', true));
  return out.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
}

function trimmed(text: string, start: number, end: number, marks: QuotedSpan['marks'], unclosed: boolean): QuotedSpan {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end, marks, unclosed };
}
