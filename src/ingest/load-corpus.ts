import { constants, promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { EngineError } from '../errors.js';
import type { Corpus, CorpusEntry, CorpusWarning, CleanedArticle } from './cleaned-article.js';
import { DEFAULT_MAX_ARTICLE_BYTES } from './article-limits.js';
import { ARTICLE_EXTENSIONS, documentIdOf, parseArticle, sha256 } from './parse-article.js';

export interface LoadCorpusOptions {
  maxArticleBytes?: number;
  /**
   * Content hashes of articles already indexed (id → sha256). A file whose bytes still hash the
   * same is not decoded or cleaned again: a re-index with no changes only reads and hashes.
   */
  unchanged?: ReadonlyMap<string, string>;
}

export { ARTICLE_EXTENSIONS, documentIdOf, parseArticle, sha256 };

/**
 * Load every `.txt`/`.md`/`.html`/`.htm` article of a folder, in file-name order. Bad files are
 * skipped with a warning naming them; identical articles are indexed once.
 */
export async function loadCorpus(seedsDir: string, options: LoadCorpusOptions = {}): Promise<Corpus> {
  const maxBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  let names: string[];
  try {
    names = await fs.readdir(seedsDir);
  } catch (e) {
    throw new EngineError('NO_DOCUMENTS', await whyNotAFolder(seedsDir, e as NodeJS.ErrnoException));
  }
  const files = names.filter((f) => ARTICLE_EXTENSIONS.includes(path.extname(f).toLowerCase()) && !f.startsWith('.')).sort();

  const articles: CleanedArticle[] = [];
  const entries: CorpusEntry[] = [];
  const warnings: CorpusWarning[] = [];
  const byHash = new Map<string, string>();
  const byId = new Map<string, string>();
  // Real path of the folder: links are followed only to files whose real path is inside it.
  const seedsReal = await fs.realpath(seedsDir);
  // Files are read a window at a time: one by one, the file-system round trips alone took most of
  // a no-change re-index of 2000 articles.
  const read = async (file: string) => ({ file, result: await readArticleFile(seedsDir, file, maxBytes, seedsReal) });
  const reads: Promise<Awaited<ReturnType<typeof read>>>[] = [];
  const READ_AHEAD = 32;
  const start = (i: number) => {
    const p = read(files[i]!);
    p.catch(() => undefined); // a failure surfaces when its turn is awaited, not as an unhandled rejection
    reads.push(p);
  };
  for (let i = 0; i < Math.min(READ_AHEAD, files.length); i++) start(i);
  for (let i = 0; i < files.length; i++) {
    const { file, result } = await reads[i]!;
    delete reads[i];
    if (i + READ_AHEAD < files.length) start(i + READ_AHEAD);
    if ('skip' in result) {
      warnings.push({ file, message: result.skip });
      continue;
    }
    const { bytes } = result;
    const id = documentIdOf(file);
    const hash = sha256(bytes);
    let article: CleanedArticle | undefined;
    if (options.unchanged?.get(id) !== hash) {
      const parsed = parseArticle(file, bytes);
      for (const message of parsed.warnings) warnings.push({ file, message });
      if (!parsed.article) continue;
      article = parsed.article;
    }
    const dupOf = byHash.get(hash);
    if (dupOf) {
      warnings.push({ file, message: `skipped: identical to ${dupOf}` });
      continue;
    }
    const idClash = byId.get(id);
    if (idClash) {
      warnings.push({ file, message: `skipped: same id "${id}" as ${idClash}; rename one of them` });
      continue;
    }
    byHash.set(hash, file);
    byId.set(id, file);
    entries.push({ id, file, hash, ...(article && { article }) });
    if (article) articles.push(article);
  }
  return { articles, entries, warnings };
}

/** An article's bytes, or why the entry was not read (a warning naming it). */
export type ArticleRead = { bytes: Buffer } | { skip: string };

const isInside = (folder: string, file: string) => {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/**
 * Read one listed entry of the articles folder, only if it is a regular file whose real path is
 * inside the folder (`seedsReal`, the folder's real path). A symbolic link to a file inside is
 * followed; links out of the folder (to /etc/passwd, to the bot's .env), dangling links, FIFOs,
 * devices and folders named `*.txt` are skipped with a reason, as is an entry that vanished after
 * the listing. The file is opened without blocking (a FIFO would wait forever for a writer) and
 * judged by the open handle, so it cannot be swapped between the check and the read.
 */
export async function readArticleFile(seedsDir: string, file: string, maxBytes: number, seedsReal?: string): Promise<ArticleRead> {
  const full = path.join(seedsDir, file);
  const gone = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';
  const cannot = (e: unknown) => ({ skip: `skipped: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
  let entry: Stats;
  try {
    entry = await fs.lstat(full);
  } catch (e) {
    return gone(e) ? { skip: 'skipped: the file vanished before it could be read' } : cannot(e);
  }
  let target = full;
  if (entry.isSymbolicLink()) {
    let real: string;
    try {
      real = await fs.realpath(full);
    } catch (e) {
      return gone(e) ? { skip: 'skipped: a symbolic link to nothing (its target does not exist)' } : cannot(e);
    }
    if (!isInside(seedsReal ?? (await fs.realpath(seedsDir)), real)) {
      const what = await fs.stat(real).then(kindOf, () => 'a file');
      return { skip: `skipped: a symbolic link to ${what === 'a file' ? 'a file' : what.replace(/ \(.*\)$/, '')} outside the articles folder` };
    }
    target = real;
  }
  let handle: fs.FileHandle;
  try {
    // O_NOFOLLOW: an entry swapped for a link after the check above is refused, not followed.
    handle = await fs.open(target, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    if (gone(e)) return { skip: 'skipped: the file vanished before it could be read' };
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') return { skip: 'skipped: replaced by a symbolic link while being read' };
    return cannot(e);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { skip: `skipped: ${kindOf(stat)}, not a regular file` };
    if (stat.size > maxBytes) {
      return { skip: `skipped: ${(stat.size / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(1)} MB article limit (MAX_ARTICLE_BYTES)` };
    }
    return { bytes: await handle.readFile() };
  } catch (e) {
    return cannot(e);
  } finally {
    await handle.close();
  }
}

/** What a file-system entry is, in words ("a file", "a FIFO"…), for messages. */
export function kindOf(stat: Stats): string {
  if (stat.isFile()) return 'a file';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Why the articles folder could not be listed, said as what the path is (a file, missing, unreadable). */
async function whyNotAFolder(seedsDir: string, error: NodeJS.ErrnoException): Promise<string> {
  const stat = await fs.stat(seedsDir).catch(() => undefined);
  if (stat && !stat.isDirectory()) {
    return `The articles folder ${seedsDir} is ${kindOf(stat)}, not a folder. Set SEEDS_DIR to the folder that holds the articles (.txt, .md or .html).`;
  }
  if (error.code === 'EACCES' || error.code === 'EPERM') return `The articles folder ${seedsDir} cannot be read (permission denied).`;
  if (error.code === 'ENOTDIR') {
    // Some folder on the way is not one: name it.
    for (let up = path.dirname(seedsDir); up !== path.dirname(up); up = path.dirname(up)) {
      const s = await fs.stat(up).catch(() => undefined);
      if (s && !s.isDirectory()) return `The articles folder ${seedsDir} does not exist (${up} is ${kindOf(s)}).`;
    }
  }
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return `The articles folder ${seedsDir} does not exist. Put articles there (.txt, .md or .html).`;
  return `The articles folder ${seedsDir} cannot be read (${error.code ?? error.message}).`;
}
