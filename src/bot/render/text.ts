import { escapeMarkdown } from 'discord.js';
import { truncate } from '../../format/shorten.js';

const ZWSP = '\u200B';

/** Show `@everyone` / `@here` as text: a zero-width space after the @ keeps them from ever being a mention. */
export function neutralizeMassMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`);
}

/**
 * Bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). Right-to-left text
 * needs none of them (Arabic and Hebrew display correctly by themselves); an unclosed override in
 * quoted text would reverse everything after it — our citation markers, links and ids included.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Make untrusted text (quoted news, a user's question) display literally in Discord:
 * markdown escaped (including headings, lists, masked links, block quotes and subtext),
 * mass mentions neutralised and bidi overrides removed. Citation markers like `[3]` are left as they are.
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text.replace(BIDI_CONTROLS, ''), { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return neutralizeMassMentions(escaped.replace(/^([ \t]*)(>|-#)/gm, '$1\\$2'));
}

/**
 * Join whole lines while they fit in `max` characters (never cutting one in the middle, unless the
 * first alone is too long); when some are left out, the last line says how many.
 */
export function joinLines(lines: readonly string[], max: number, more = (n: number) => `…and ${n} more`): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const add = (out.length ? 1 : 0) + line.length;
    const restNote = i < lines.length - 1 ? 1 + more(lines.length - i - 1).length : 0;
    if (length + add + restNote <= max || (i === lines.length - 1 && length + add <= max)) {
      out.push(line);
      length += add;
      continue;
    }
    if (out.length === 0) {
      const note = more(lines.length - 1);
      out.push(truncate(line, Math.max(1, max - (lines.length > 1 ? note.length + 1 : 0))));
      if (lines.length > 1) out.push(note);
      return out.join('\n');
    }
    out.push(more(lines.length - i));
    return out.join('\n');
  }
  return out.join('\n');
}

/** An http(s) URL safe to put in a masked link or embed url, or undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || url.length > 512) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return undefined;
  }
}

/** `[text](url)` when the url is safe, else the (escaped) text alone. `text` is raw; it is escaped here. */
export function linkOrText(text: string, url: string | undefined): string {
  const escaped = escapeText(text);
  const href = safeUrl(url);
  return href ? `[${escaped.replace(/[[\]]/g, '\\$&')}](${href})` : escaped;
}

/** Plural helper: `count(3, 'passage')` → "3 passages". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
