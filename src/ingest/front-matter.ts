import { parse as parseYaml } from 'yaml';

export interface FrontMatter {
  title?: string;
  outlet?: string;
  url?: string;
  published?: string;
  byline?: string;
  /** Recorded by /add and `npm run add`. */
  added_by?: string;
  added_at?: string;
}

export interface SplitFrontMatter {
  data: FrontMatter;
  /** The text after the front matter block (the whole text when there is none). */
  body: string;
  /**
   * Set when a block was present but could not be used. The block is still dropped (the body is
   * the text after it): a block that fails to parse is metadata, never reporting.
   */
  error?: string;
}

const BLOCK = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

const asText = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return undefined;
};

/** A time stamp as written (YAML may have read an unquoted one as a date). */
const asTimestamp = (v: unknown): string | undefined => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString() : asText(v));

/**
 * Split optional YAML front matter (title, outlet, url, published, byline, added_by, added_at) from an article.
 * Broken front matter (bad YAML, an alias bomb the parser refuses, not a mapping) is reported and
 * dropped, so its keys never become the title or passages of the article.
 */
export function splitFrontMatter(text: string): SplitFrontMatter {
  const m = BLOCK.exec(text);
  if (!m) return { data: {}, body: text };
  let raw: unknown;
  try {
    raw = parseYaml(m[1] ?? '');
  } catch (e) {
    return { data: {}, body: text.slice(m[0].length), error: `front matter is not valid YAML (${(e as Error).message.split('\n')[0]})` };
  }
  if (raw === null || raw === undefined) return { data: {}, body: text.slice(m[0].length) };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { data: {}, body: text.slice(m[0].length), error: 'front matter is not a YAML mapping' };
  }
  const r = raw as Record<string, unknown>;
  const data: FrontMatter = {
    title: asText(r.title),
    outlet: asText(r.outlet ?? r.source ?? r.publisher),
    url: asText(r.url ?? r.link),
    published: asText(r.published ?? r.date),
    byline: asText(r.byline ?? r.author),
    added_by: asText(r.added_by),
    added_at: asTimestamp(r.added_at),
  };
  return { data, body: text.slice(m[0].length) };
}
