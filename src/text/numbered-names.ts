/**
 * Names with a number: models, editions, versions ("Wren-2", "F-35", "iPhone 15" as "iphone15").
 * A question about "Wren-3" asked of articles about the Wren-2 is about something they don't
 * mention, however much the rest of the name matches.
 */
const NUMBERED = /^(\p{L}{2,})([-‐‑]?)(\d{1,3})$/u;

/** The same name with a nearby number ("wren-3" → wren-1, wren-2, wren-4, wren-5, wren-6); none for other words. */
export function numberedSiblings(word: string): string[] {
  const m = NUMBERED.exec(word);
  if (!m) return [];
  const n = Number(m[3]);
  const out: string[] = [];
  for (let k = Math.max(0, n - 3); k <= n + 3; k++) if (k !== n) out.push(`${m[1]}${m[2]}${k}`);
  return out;
}
