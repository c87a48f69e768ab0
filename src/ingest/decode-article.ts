import iconv from 'iconv-lite';

/** Result of turning a file's bytes into text, or the reason it can't be read as an article. */
export type DecodedArticle = { ok: true; text: string; warning?: string } | { ok: false; reason: string };

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

/** `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">` in a page's first bytes. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase();
}

/**
 * Decode a web page: in the charset the server (`charset`, from Content-Type) or the page itself
 * declares when it is not UTF-8 (an old page in windows-1252 keeps its "é" and "’"), else as an
 * article file is decoded.
 */
export function decodeHtml(bytes: Uint8Array, charset?: string): DecodedArticle {
  const label = (charset ?? declaredCharset(bytes))?.toLowerCase();
  if (!label || label === 'utf-8' || label === 'utf8') return decodeArticle(bytes);
  // iconv-lite, not TextDecoder: Node 20's TextDecoder reads windows-1252 (the most common legacy
  // charset of news pages) as ISO-8859-1, turning its curly quotes into control characters.
  if (!iconv.encodingExists(label)) return decodeArticle(bytes); // an unknown label: read it as UTF-8, flagged if it is not
  // Empty and binary files are refused whatever they declare; text in another charset is not UTF-8, by design.
  const checked = decodeArticle(bytes.subarray(0, 8192));
  if (!checked.ok && !checked.reason.startsWith('file is not UTF-8')) return checked;
  return { ok: true, text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), label) };
}
