/** Result of turning a file's bytes into text, or the reason it can't be read as an article. */
export type DecodedArticle =
  | { ok: true; text: string; warning?: string }
  | { ok: false; reason: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lossyUtf8 = new TextDecoder('utf-8');

/**
 * Decode an article file. Binary files (NUL bytes or mostly control bytes) are
 * refused; invalid UTF-8 is decoded with replacement characters and flagged, as
 * long as the damage is small, so one bad byte does not cost a whole article.
 */
export function decodeArticle(bytes: Uint8Array): DecodedArticle {
  if (bytes.length === 0) return { ok: false, reason: 'file is empty' };
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return { ok: false, reason: 'file looks binary (contains NUL bytes)' };
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control / sample.length > 0.1) return { ok: false, reason: 'file looks binary (mostly control bytes)' };

  try {
    return { ok: true, text: strictUtf8.decode(bytes) };
  } catch {
    const text = lossyUtf8.decode(bytes);
    const bad = text.match(/\uFFFD/g)?.length ?? 0;
    if (bad / Math.max(1, text.length) > 0.05) {
      return { ok: false, reason: `file is not UTF-8 text (${bad} undecodable bytes)` };
    }
    return { ok: true, text, warning: `file has ${bad} invalid UTF-8 byte(s); they were replaced with \uFFFD` };
  }
}
