import { createHash } from 'node:crypto';
import path from 'node:path';
import { cleanText } from './clean-text.js';
import { decodeArticle, decodeHtml } from './decode-article.js';
import type { CleanedArticle } from './cleaned-article.js';
import { splitFrontMatter } from './front-matter.js';
import { extractHtml } from './html/extract-html.js';

/** Plain text and Markdown (with optional YAML front matter). */
export const TEXT_EXTENSIONS = ['.txt', '.md'];
/** Saved web pages: the article is extracted with Readability, metadata read from the page. */
export const HTML_EXTENSIONS = ['.html', '.htm'];
export const ARTICLE_EXTENSIONS = [...TEXT_EXTENSIONS, ...HTML_EXTENSIONS];

export type ArticleFormat = 'text' | 'html';

/** The format a file name stands for, or undefined when it is not an article file. */
export function formatOf(file: string): ArticleFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  if (TEXT_EXTENSIONS.includes(ext)) return 'text';
  if (HTML_EXTENSIONS.includes(ext)) return 'html';
  return undefined;
}

/** Document id: the file name without its extension. */
export const documentIdOf = (file: string): string => path.basename(file, path.extname(file));

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

export interface ParseArticleOptions {
  /** Default: from the file name's extension (text when unknown). */
  format?: ArticleFormat;
  /** Where a web page came from: relative links and a missing canonical URL resolve against it. */
  url?: string;
  /** A web page's charset from its Content-Type header. */
  charset?: string;
}

/**
 * Parse one article's bytes: a plain-text or Markdown file (title from front matter or its first
 * line) or a web page (article body by Readability; title, outlet, date, canonical URL and byline
 * from the page). Either way the same ArticleMeta and cleaned text. Returns the cleaned article, or a
 * warning explaining why it was skipped.
 */
export function parseArticle(file: string, bytes: Uint8Array, options: ParseArticleOptions = {}): { article?: CleanedArticle; warnings: string[] } {
  const format = options.format ?? formatOf(file) ?? 'text';
  const warnings: string[] = [];
  const decoded = format === 'html' ? decodeHtml(bytes, options.charset) : decodeArticle(bytes);
  if (!decoded.ok) return { warnings: [`skipped: ${decoded.reason}`] };
  if (decoded.warning) warnings.push(decoded.warning);

  let body: string;
  let fields: Omit<CleanedArticle['meta'], 'id' | 'file' | 'title'> & { title?: string };
  if (format === 'html') {
    const extracted = extractHtml(decoded.text, { url: options.url });
    if (!extracted.ok) return { warnings: [...warnings, `skipped: ${extracted.reason}`] };
    const { meta, paragraphs } = extracted.article;
    // The headline leads the text, as in a plain-text article (flagged as the title, never an answer).
    body = [...(meta.title ? [meta.title] : []), ...paragraphs].join('\n\n');
    fields = { ...meta, ...(!meta.url && options.url && { url: options.url }) };
  } else {
    const fm = splitFrontMatter(decoded.text);
    if (fm.error) warnings.push(`${fm.error}; ignored it and indexed the text after it`);
    body = fm.body;
    const d = fm.data;
    fields = {
      ...(d.title && { title: d.title }),
      ...(d.outlet && { outlet: d.outlet }),
      ...(d.url && { url: d.url }),
      ...(d.published && { published: d.published }),
      ...(d.byline && { byline: d.byline }),
      ...(d.added_by && { addedBy: d.added_by }),
      ...(d.added_at && { addedAt: d.added_at }),
    };
  }
  const { cleaned, paragraphs } = cleanText(body);
  if (paragraphs.length === 0) return { warnings: [...warnings, 'skipped: no article text after cleaning'] };

  const firstParagraph = paragraphs[0]!;
  const { title, ...rest } = fields;
  const article: CleanedArticle = {
    meta: {
      id: documentIdOf(file),
      file,
      title: title ?? cleaned.slice(firstParagraph.start, firstParagraph.end),
      ...rest,
      contentHash: sha256(cleaned),
    },
    cleaned,
    paragraphs,
    hash: sha256(bytes),
  };
  return { article, warnings };
}
