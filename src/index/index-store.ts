import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import path from 'node:path';
import { EngineError, isEngineError, rebuildError } from '../errors.js';
import { ShortWriteError, writeFileAtomic, writeViaTemp } from './atomic-write.js';
import { binaryFileError, isBinaryFileError } from '../storage/binary-file.js';
import { MANIFEST_FILE, parseManifest, type Manifest, type ManifestFile } from './manifest.js';
import { PassageStore } from './passage-store.js';
import { SentenceStore } from './sentence-store.js';
import { VectorIndex } from './vector-index.js';
import { KeywordIndex } from './keyword-index.js';
import { QuoteIndex } from '../quotes/quote-index.js';

/** An index as held in memory. */
export interface StoredIndex {
  manifest: Manifest;
  /** Text and metadata of every passage, in label order, and the articles they come from. */
  passages: PassageStore;
  vectors: VectorIndex;
  keyword: KeywordIndex;
  /** The sentences of every passage, with their embeddings. */
  sentences: SentenceStore;
  /**
   * Every quotation with its speaker, grouped into statements (undefined in an index built before
   * quotes existed). Read from its file on first use: searching never needs it, and at 10,000
   * reports it is the largest part of the index in memory (~60 MB of quotes and embeddings).
   */
  quotes?: QuoteIndex;
  /** Release the files the index keeps open (on-disk sentence vectors; the quote file until read). Idempotent. */
  close(): Promise<void>;
}

export const manifestPath = (indexDir: string) => path.join(indexDir, MANIFEST_FILE);

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function describeFile(dir: string, name: string): Promise<ManifestFile> {
  const full = path.join(dir, name);
  const [stat, sha256] = await Promise.all([fs.stat(full), fileSha256(full)]);
  return { name, bytes: stat.size, sha256 };
}

/** Check a data file against the manifest before a parser (or native code) sees it. */
async function verifyFile(dir: string, f: ManifestFile): Promise<string> {
  // The manifest schema allows bare data-file names only; never open a path outside the folder.
  if (path.basename(f.name) !== f.name) throw rebuildError('INDEX_CORRUPT', `Index file name ${JSON.stringify(f.name)} is not inside ${dir}.`, 'full');
  const full = path.join(dir, f.name);
  let stat;
  try {
    stat = await fs.stat(full);
  } catch {
    throw rebuildError('INDEX_CORRUPT', `Index file ${f.name} is missing from ${dir}.`, 'full');
  }
  if (stat.size !== f.bytes || (await fileSha256(full)) !== f.sha256) {
    throw rebuildError('INDEX_CORRUPT', `Index file ${f.name} in ${dir} is truncated or damaged (checksum mismatch).`, 'full');
  }
  return full;
}

export async function readManifest(indexDir: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await fs.readFile(manifestPath(indexDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return parseManifest(text, manifestPath(indexDir));
}

/**
 * Load and verify the index. Returns undefined when there is no index yet. Another process may
 * commit a new generation (and remove this one's files) while we read: then the manifest on disk
 * has changed, and reading starts again from it.
 */
export async function readIndex(indexDir: string, efSearch: number, sentenceVectorsInMemoryBytes?: number): Promise<StoredIndex | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readIndexOnce(indexDir, efSearch, sentenceVectorsInMemoryBytes);
    } catch (e) {
      // A file gone from under us: a new generation was committed meanwhile (or the file is really missing: then it fails again).
      if (attempt >= 3 || !isEngineError(e) || e.code !== 'INDEX_CORRUPT' || !/is missing from/.test(e.message)) throw e;
    }
  }
}

async function readIndexOnce(indexDir: string, efSearch: number, sentenceVectorsInMemoryBytes?: number): Promise<StoredIndex | undefined> {
  const manifest = await readManifest(indexDir);
  if (!manifest) return undefined;
  const passagesFile = await verifyFile(indexDir, manifest.files.passages);
  const hnswFile = await verifyFile(indexDir, manifest.files.hnsw);
  const keywordFile = await verifyFile(indexDir, manifest.files.keyword);
  const sentencesFile = await verifyFile(indexDir, manifest.files.sentences);
  const inconsistent = (why: string) => rebuildError('INDEX_CORRUPT', `Index in ${indexDir} is inconsistent (${why}).`, 'full');
  let passages: PassageStore;
  let keyword: KeywordIndex;
  let sentences: SentenceStore;
  try {
    passages = PassageStore.decode(await fs.readFile(passagesFile));
    keyword = KeywordIndex.decode(await fs.readFile(keywordFile));
    sentences = await SentenceStore.open(sentencesFile, sentenceVectorsInMemoryBytes);
  } catch (e) {
    if (isBinaryFileError(e)) throw inconsistent(e.message);
    throw e;
  }
  if (
    passages.size !== manifest.passages ||
    keyword.size !== manifest.passages ||
    sentences.passages !== manifest.passages ||
    sentences.dims !== manifest.dims
  ) {
    await sentences.close();
    throw inconsistent('passage counts differ');
  }
  // The quote file is checked now and held open (a newer generation may remove it meanwhile), read on first use.
  let quotesFile: string | undefined;
  let quotesFd: number | undefined;
  let vectors: VectorIndex;
  try {
    quotesFile = manifest.files.quotes && (await verifyFile(indexDir, manifest.files.quotes));
    if (quotesFile) quotesFd = openSync(quotesFile, 'r');
    vectors = await VectorIndex.read(hnswFile, manifest.dims, efSearch);
  } catch (e) {
    if (quotesFd !== undefined) closeSync(quotesFd);
    await sentences.close();
    throw e;
  }
  const releaseQuotes = () => {
    if (quotesFd !== undefined) closeSync(quotesFd);
    quotesFd = undefined;
  };
  let quotes: QuoteIndex | undefined;
  const index: StoredIndex = {
    manifest,
    passages,
    vectors,
    keyword,
    sentences,
    close: async () => {
      releaseQuotes();
      await sentences.close();
    },
  };
  if (quotesFile) {
    Object.defineProperty(index, 'quotes', {
      enumerable: true,
      get: () => {
        if (quotes) return quotes;
        if (quotesFd === undefined) throw new EngineError('INDEX_CORRUPT', `The quote index in ${indexDir} was closed before it was read.`);
        try {
          const buf = Buffer.alloc(fstatSync(quotesFd).size);
          for (let at = 0, n = 1; at < buf.length; at += n)
            if ((n = readSync(quotesFd, buf, at, buf.length - at, at)) === 0) throw binaryFileError('quote file is cut short');
          quotes = QuoteIndex.decode(buf);
        } catch (e) {
          if (isBinaryFileError(e)) throw inconsistent(e.message);
          throw e;
        } finally {
          releaseQuotes();
        }
        return quotes;
      },
    });
  }
  return index;
}

/** Read the stored embeddings (only needed to re-use them when re-indexing). */
export async function readVectors(indexDir: string, manifest: Manifest): Promise<Float32Array> {
  const file = await verifyFile(indexDir, manifest.files.vectors);
  const buf = await fs.readFile(file);
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
}

export interface IndexToWrite {
  manifest: Omit<Manifest, 'files' | 'builtAt'>;
  passages: PassageStore;
  vectors: Float32Array;
  vectorIndex: VectorIndex;
  keywordIndex: KeywordIndex;
  sentences: SentenceStore;
  /** Absent only for synthetic benchmark indexes. */
  quotes?: QuoteIndex;
}

/**
 * Write a new generation of the index. Data files get fresh names; the manifest
 * naming them is renamed into place last, so a crash at any point leaves the
 * previous index whole and loadable. Files of older generations are removed after.
 */
export async function writeIndex(indexDir: string, index: IndexToWrite): Promise<Manifest> {
  await fs.mkdir(indexDir, { recursive: true }).catch((e: unknown) => {
    throw writeFailure(indexDir, e);
  });
  const gen = `${Date.now().toString(36)}-${process.pid.toString(36)}`;
  // Until the manifest is renamed into place nothing has changed: on any failure (a full disk, a
  // read-only folder, a short write) this generation's files are removed, and the error says so.
  let manifest: Manifest;
  try {
    manifest = await writeGeneration(indexDir, index, gen);
  } catch (e) {
    await removeGeneration(indexDir, gen);
    throw writeFailure(indexDir, e);
  }
  await removeStaleFiles(indexDir, new Set([...Object.values(manifest.files).map((f) => f.name), MANIFEST_FILE]));
  return manifest;
}

/** The data files of generation `gen`, then the manifest naming them (the commit point). */
async function writeGeneration(indexDir: string, index: IndexToWrite, gen: string): Promise<Manifest> {
  const names = {
    passages: `passages.${gen}.bin`,
    vectors: `vectors.${gen}.f32`,
    hnsw: `hnsw.${gen}.bin`,
    keyword: `keyword.${gen}.bin`,
    sentences: `sentences.${gen}.bin`,
    quotes: `quotes.${gen}.bin`,
  };
  await writeFileAtomic(path.join(indexDir, names.passages), index.passages.encode());
  await writeFileAtomic(path.join(indexDir, names.vectors), new Uint8Array(index.vectors.buffer, index.vectors.byteOffset, index.vectors.byteLength));
  await writeViaTemp(
    path.join(indexDir, names.hnsw),
    (tmp) => index.vectorIndex.write(tmp),
    (tmp) => index.vectorIndex.checkFile(tmp),
  );
  await writeFileAtomic(path.join(indexDir, names.keyword), index.keywordIndex.encode());
  await writeFileAtomic(path.join(indexDir, names.sentences), index.sentences.encode());
  if (index.quotes) await writeFileAtomic(path.join(indexDir, names.quotes), index.quotes.encode());

  const manifest: Manifest = {
    ...index.manifest,
    builtAt: new Date().toISOString(),
    files: {
      passages: await describeFile(indexDir, names.passages),
      vectors: await describeFile(indexDir, names.vectors),
      hnsw: await describeFile(indexDir, names.hnsw),
      keyword: await describeFile(indexDir, names.keyword),
      sentences: await describeFile(indexDir, names.sentences),
      ...(index.quotes ? { quotes: await describeFile(indexDir, names.quotes) } : {}),
    },
  };
  await writeFileAtomic(manifestPath(indexDir), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** After a failed write: every file of generation `gen`, and temp files of this process. */
async function removeGeneration(indexDir: string, gen: string): Promise<void> {
  const names = await fs.readdir(indexDir).catch(() => [] as string[]);
  const ours = (name: string) => name.includes(`.${gen}.`) || name.includes(`.tmp-${process.pid}-`);
  await Promise.all(names.filter(ours).map((name) => fs.rm(path.join(indexDir, name), { force: true }).catch(() => undefined)));
}

/** What a failed write means for a person: the folder, the file, and why (disk full, read-only…). */
function writeFailure(indexDir: string, e: unknown): unknown {
  const kept = 'Nothing was changed: the previous index is still in place.';
  if (e instanceof ShortWriteError) {
    return new EngineError('INDEX_WRITE', `Cannot write the index in ${indexDir}: ${e.message} (is the disk full?). ${kept}`, { cause: e });
  }
  const err = e as NodeJS.ErrnoException;
  const reason = WRITE_ERRORS[err?.code ?? ''];
  if (!reason) return e;
  const file = err.path ? ` while writing ${path.basename(err.path).replace(/\.tmp-.*$/, '')}` : '';
  return new EngineError('INDEX_WRITE', `Cannot write the index in ${indexDir}: ${reason} (${err.code})${file}. ${kept}`, { cause: e });
}

/** File-system errors that are the machine's state, not a bug: said in words. */
const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'a file would exceed the file-size limit',
  EROFS: 'the folder is on a read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'INDEX_DIR (or a folder above it) is not a folder',
  EEXIST: 'INDEX_DIR exists and is not a folder',
  EIO: 'the disk reported an input/output error',
};

/**
 * Remove data files of older generations and temp files left by interrupted runs. Only the run
 * holding the index lock writes, so no other run's files are in flight; and never a file the
 * manifest on disk names.
 */
async function removeStaleFiles(indexDir: string, keep: Set<string>): Promise<void> {
  const live = await readManifest(indexDir).catch(() => undefined);
  for (const f of Object.values(live?.files ?? {})) keep.add(f.name);
  for (const name of await fs.readdir(indexDir)) {
    if (keep.has(name) || name.startsWith('.')) continue;
    if (/^(chunks|passages|vectors|hnsw|keyword|sentences|quotes)\..+\.(json|f32|bin)$/.test(name) || name.includes('.tmp-')) {
      await fs.rm(path.join(indexDir, name), { force: true });
    }
  }
}
