import slugify from '@sindresorhus/slugify';
import { stringify } from 'yaml';
import type { ArticleMeta } from '../types.js';

/**
 * How an added article (/add, `npm run add`) is saved in the articles folder: as Markdown with YAML
 * front matter holding what was found about it (title, outlet, url, published, byline) and who
 * added it when (added_by, added_at), then its cleaned text, one paragraph per line. Read back by
 * the loader like any `.md` article, it gives the same text, the same paragraphs and the same
 * metadata — whatever it was added from (a web page, a .txt or .md file).
 */

/** Words of the title kept in a file name (a slug longer than this is cut at a word). */
export const SLUG_MAX_CHARS = 60;
/** Hex digits of the content hash in a file name: enough to tell two articles with one title apart. */
export const NAME_HASH_CHARS = 10;

/**
 * The stable file name of an article: a slug of its title (transliterated, lower-case ASCII) and a
 * short hash of its cleaned text — never a name given by the person adding it.
 */
export function articleFileName(title: string, contentHash: string): string {
  let slug = slugify(title, { preserveCharacters: [] }).slice(0, SLUG_MAX_CHARS + 1);
  if (slug.length > SLUG_MAX_CHARS) slug = slug.slice(0, Math.max(slug.lastIndexOf('-', SLUG_MAX_CHARS), 20)).replace(/-+$/, '');
  return `${slug || 'article'}-${contentHash.slice(0, NAME_HASH_CHARS)}.md`;
}

/** The file's text: front matter, a blank line, the cleaned text. */
export function renderArticleFile(meta: Omit<ArticleMeta, 'id' | 'file'>, cleaned: string): string {
  const front: Record<string, string> = {
    title: meta.title,
    ...(meta.outlet && { outlet: meta.outlet }),
    ...(meta.url && { url: meta.url }),
    ...(meta.published && { published: meta.published }),
    ...(meta.byline && { byline: meta.byline }),
    ...(meta.addedBy && { added_by: meta.addedBy }),
    ...(meta.addedAt && { added_at: meta.addedAt }),
  };
  // Every value a quoted string: a title like "No: 2025" or "yes" stays text when read back.
  return `---\n${stringify(front, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 })}---\n\n${cleaned}\n`;
}
