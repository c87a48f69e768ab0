import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { EngineConfig } from '../config/engine-config.js';
import { ARTICLE_CONTENT_TYPES, safeFetch, type Fetched } from '../fetch/safe-fetch.js';
import { articleFileName, renderArticleFile } from '../ingest/article-file.js';
import type { CleanedArticle } from '../ingest/cleaned-article.js';
import { ARTICLE_EXTENSIONS, formatOf, parseArticle, type ArticleFormat } from '../ingest/parse-article.js';
import { EngineError } from '../errors.js';
import type { ArticleMeta } from '../types.js';
import { articleName } from '../text/labels.js';

/**
 * Turning what someone hands the bot (a link, a Discord attachment, a local file) into an article
 * file for the articles folder: fetched under the fetch rules, extracted, checked against the
 * index for duplicates, rendered as Markdown with front matter. Indexing it is the engine's
 * (Engine.addArticle), under the index lock like every update.
 */

/** What can be added. */
export type ArticleInput =
  /** A web page (or a .txt/.md file) on the web. */
  | { kind: 'url'; url: string }
  /** A file attached to a Discord message: downloaded from Discord's CDN under the same fetch rules. */
  | { kind: 'attachment'; name: string; url: string; size?: number; contentType?: string }
  /** A file on this machine (`npm run add -- ./page.html`). */
  | { kind: 'file'; path: string };

/** An article ready to be written: the cleaned article (as the loader will read it back) and its file. */
export interface PreparedArticle {
  article: CleanedArticle;
  /** Stable name: slug of the title + short content hash (article-file.ts). */
  fileName: string;
  /** The file's text. */
  text: string;
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const EXTENSIONS = ARTICLE_EXTENSIONS.join(', ');

/** The format an attachment or file name stands for; refuses any other kind of file. */
function formatOfName(name: string): ArticleFormat {
  const format = formatOf(name);
  if (!format) {
    const ext = path.extname(name).toLowerCase();
    throw new EngineError(
      'UNSUPPORTED_TYPE',
      `Only ${EXTENSIONS} files can be added${ext ? ` (this is a ${ext} file)` : ' (this file has no extension)'}; nothing was added.`,
    );
  }
  return format;
}

const formatOfType = (type: string): ArticleFormat => (type === 'text/html' || type === 'application/xhtml+xml' ? 'html' : 'text');

/** Bytes, format and origin of the input. */
async function obtain(
  config: EngineConfig,
  input: ArticleInput,
): Promise<{ bytes: Uint8Array; format: ArticleFormat; url?: string; charset?: string; label: string }> {
  const policy = { timeoutMs: config.fetch.timeoutMs, maxBytes: config.maxArticleBytes, allowPrivate: config.fetch.allowPrivate };
  if (input.kind === 'url') {
    const fetched: Fetched = await safeFetch(input.url.trim(), policy);
    return {
      bytes: fetched.bytes,
      format: formatOfType(fetched.contentType),
      url: fetched.url,
      ...(fetched.charset && { charset: fetched.charset }),
      label: 'page',
    };
  }
  if (input.kind === 'attachment') {
    const format = formatOfName(input.name);
    if (input.size !== undefined && input.size > config.maxArticleBytes) {
      throw new EngineError(
        'ARTICLE_TOO_LARGE',
        `${input.name} is ${mb(input.size)}, over the ${mb(config.maxArticleBytes)} limit for an article (MAX_ARTICLE_BYTES); nothing was added.`,
      );
    }
    // Discord's CDN labels uploads by sniffing: a .md file may come as text/plain or octet-stream.
    const fetched = await safeFetch(input.url, { ...policy, contentTypes: [...ARTICLE_CONTENT_TYPES, 'application/octet-stream'] });
    return { bytes: fetched.bytes, format, ...(fetched.charset && { charset: fetched.charset }), label: 'file' };
  }
  const format = formatOfName(input.path);
  let stat;
  try {
    stat = await fs.stat(input.path);
  } catch (e) {
    throw new EngineError(
      'FETCH_FAILED',
      `Cannot read ${input.path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`,
    );
  }
  if (!stat.isFile()) throw new EngineError('UNSUPPORTED_TYPE', `${input.path} is not a file; nothing was added.`);
  if (stat.size > config.maxArticleBytes) {
    throw new EngineError(
      'ARTICLE_TOO_LARGE',
      `${input.path} is ${mb(stat.size)}, over the ${mb(config.maxArticleBytes)} limit for an article (MAX_ARTICLE_BYTES); nothing was added.`,
    );
  }
  return { bytes: await fs.readFile(input.path), format, label: 'file' };
}

/**
 * Fetch or read the input, extract the article and render its file. Refuses (EngineError) what is
 * not an article: a page Readability finds no text in, an empty or binary file.
 */
export async function prepareArticle(config: EngineConfig, input: ArticleInput, added: { by: string; at: string }): Promise<PreparedArticle> {
  const got = await obtain(config, input);
  const parsed = parseArticle(got.format === 'html' ? 'page.html' : 'article.md', got.bytes, {
    format: got.format,
    ...(got.url && { url: got.url }),
    ...(got.charset && { charset: got.charset }),
  });
  if (!parsed.article) {
    const reason = parsed.warnings.find((w) => w.startsWith('skipped: '))?.slice('skipped: '.length) ?? 'no article text was found';
    throw new EngineError('NOT_AN_ARTICLE', `Could not find an article in that ${got.label}: ${reason}. Nothing was added.`);
  }
  const { id: _id, file: _file, contentHash, ...meta } = parsed.article.meta;
  const fileName = articleFileName(meta.title, contentHash!);
  const text = renderArticleFile({ ...meta, ...(!meta.url && got.url && { url: got.url }), addedBy: added.by, addedAt: added.at }, parsed.article.cleaned);
  // What the loader will make of the file: the article indexed is exactly this one.
  const reread = parseArticle(fileName, new TextEncoder().encode(text));
  if (!reread.article || reread.article.meta.contentHash !== contentHash) {
    throw new Error(`the article file rendered for "${meta.title}" does not read back as the same text`);
  }
  return { article: reread.article, fileName, text };
}

/** A URL as compared for duplicates: no fragment, no tracking parameters, host in lower case, no trailing slash. */
export function comparableUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    u.hash = '';
    for (const key of [...u.searchParams.keys()]) if (/^(utm_|fbclid$|gclid$|mc_|ocid$|cmpid$|ref$|at_)/i.test(key)) u.searchParams.delete(key);
    u.hostname = u.hostname.toLowerCase().replace(/^www\./, '');
    u.protocol = 'https:';
    return u.href.replace(/\/+$/, '').replace(/\/\?/, '?');
  } catch {
    return undefined;
  }
}

/** The indexed article that `article` duplicates: the same canonical URL, or the same cleaned text. */
export function findDuplicate(indexed: readonly ArticleMeta[], article: ArticleMeta): { existing: ArticleMeta; matched: 'url' | 'text' } | undefined {
  const url = comparableUrl(article.url);
  const byUrl = url ? indexed.find((d) => comparableUrl(d.url) === url) : undefined;
  if (byUrl) return { existing: byUrl, matched: 'url' };
  const byText = article.contentHash ? indexed.find((d) => d.contentHash === article.contentHash) : undefined;
  return byText ? { existing: byText, matched: 'text' } : undefined;
}

/** DUPLICATE_ARTICLE naming the article already there. */
export function duplicateError(existing: Pick<ArticleMeta, 'id' | 'title' | 'outlet'>, matched: 'url' | 'text'): EngineError {
  const how = matched === 'url' ? 'the same page (same canonical URL)' : 'the same text';
  return new EngineError('DUPLICATE_ARTICLE', `That article is already in the index as ${existing.id} (${articleName(existing)}): ${how}. Nothing was added.`, {
    data: { existing: { id: existing.id, title: existing.title, ...(existing.outlet && { outlet: existing.outlet }), matched } },
  });
}
