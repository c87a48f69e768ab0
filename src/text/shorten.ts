/**
 * Shortening text for display, the same way in every front end (Discord replies, terminal output):
 * cut at a word boundary when one is near, end with "…", and never leave half a citation marker
 * (`[12`), a dangling escape or half a surrogate pair at the cut.
 */

export const ELLIPSIS = '…';

/** Strip what must never be at the end of a cut: half a citation marker, a dangling escape, half a surrogate pair, spaces. */
function cleanCutEnd(cut: string): string {
  let s = cut;
  for (;;) {
    const before = s;
    s = s.replace(/\[\d*$/, ''); // "[", "[1", "[12" without its "]"
    const slashes = /\\+$/.exec(s)?.[0].length ?? 0;
    if (slashes % 2 === 1) s = s.slice(0, -1); // a lone "\" would escape the ellipsis
    if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
    s = s.replace(/[\s\u200B]+$/, '');
    if (s === before) return s;
  }
}

/** `text` in at most `max` characters, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  if (max === 1) return ELLIPSIS;
  let cut = text.slice(0, max - 1);
  const space = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf('\n'));
  if (space > 0 && space >= cut.length - 40) cut = cut.slice(0, space);
  return `${cleanCutEnd(cut)}${ELLIPSIS}`;
}

/** One line, white space folded, at most `max` characters. */
export function oneLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}
