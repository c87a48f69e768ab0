import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { EngineError, REINDEX_HINT } from '../engine/errors.js';
import { writeFileAtomic, writeViaTemp } from './atomic-write.js';
import { BinaryFileError } from './binary-file.js';
import { MANIFEST_FILE, parseManifest, type Manifest, type ManifestFile } from './manifest.js';
import { PassageStore } from './passage-store.js';
import { SentenceStore } from './sentence-store.js';
import { VectorIndex } from './vector-index.js';
import { KeywordIndex } from '../retrieve/keyword-index.js';
import { QuoteIndex } from '../quotes/quote-index.js';

/** An index as held in memory. */
export interface StoredIndex {
  manifest: Manifest;
  /** Text and metadata of every passage, in label order, and the documents they come from. */
  passages: PassageStore;
  vectors: VectorIndex;
  keyword: KeywordIndex;
  /** The sentences of every passage, with their embeddings. */
  sentences: SentenceStore;
  /** Every quotation with its speaker, grouped into statements (undefined in an index built before quotes existed). */
  quotes?: QuoteIndex;
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
  const full = path.join(dir, f.name);
  let stat;
  try {
    stat = await fs.stat(full);
  } catch {
    throw new EngineError('INDEX_CORRUPT', `Index file ${f.name} is missing from ${dir}. ${REINDEX_HINT}`);
  }
  if (stat.size !== f.bytes || (await fileSha256(full)) !== f.sha256) {
    throw new EngineError('INDEX_CORRUPT', `Index file ${f.name} in ${dir} is truncated or damaged (checksum mismatch). ${REINDEX_HINT}`);
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

/** Load and verify the index. Returns undefined when there is no index yet. */
export async function readIndex(indexDir: string, efSearch: number): Promise<StoredIndex | undefined> {
  const manifest = await readManifest(indexDir);
  if (!manifest) return undefined;
  const passagesFile = await verifyFile(indexDir, manifest.files.passages);
  const hnswFile = await verifyFile(indexDir, manifest.files.hnsw);
  const keywordFile = await verifyFile(indexDir, manifest.files.keyword);
  const sentencesFile = await verifyFile(indexDir, manifest.files.sentences);
  const inconsistent = (why: string) => new EngineError('INDEX_CORRUPT', `Index in ${indexDir} is inconsistent (${why}). ${REINDEX_HINT}`);
  let passages: PassageStore;
  let keyword: KeywordIndex;
  let sentences: SentenceStore;
  try {
    passages = PassageStore.decode(await fs.readFile(passagesFile));
    keyword = KeywordIndex.decode(await fs.readFile(keywordFile));
    sentences = await SentenceStore.open(sentencesFile);
  } catch (e) {
    if (e instanceof BinaryFileError) throw inconsistent(e.message);
    throw e;
  }
  if (passages.size !== manifest.passages || keyword.size !== manifest.passages || sentences.passages !== manifest.passages || sentences.dims !== manifest.dims) {
    await sentences.close();
    throw inconsistent('passage counts differ');
  }
  let quotes: QuoteIndex | undefined;
  if (manifest.files.quotes) {
    const quotesFile = await verifyFile(indexDir, manifest.files.quotes);
    try {
      quotes = QuoteIndex.decode(await fs.readFile(quotesFile));
    } catch (e) {
      await sentences.close();
      if (e instanceof BinaryFileError) throw inconsistent(e.message);
      throw e;
    }
  }
  const vectors = await VectorIndex.read(hnswFile, manifest.dims, efSearch);
  return { manifest, passages, vectors, keyword, sentences, ...(quotes ? { quotes } : {}) };
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
  await fs.mkdir(indexDir, { recursive: true });
  const gen = `${Date.now().toString(36)}-${process.pid.toString(36)}`;
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
  await writeViaTemp(path.join(indexDir, names.hnsw), (tmp) => index.vectorIndex.write(tmp));
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
  await removeStaleFiles(indexDir, new Set([...Object.values(names), MANIFEST_FILE]));
  return manifest;
}

/** Remove data files of older generations and temp files left by interrupted runs. */
async function removeStaleFiles(indexDir: string, keep: Set<string>): Promise<void> {
  for (const name of await fs.readdir(indexDir)) {
    if (keep.has(name) || name.startsWith('.')) continue;
    if (/^(chunks|passages|vectors|hnsw|keyword|sentences|quotes)\..+\.(json|f32|bin)$/.test(name) || name.includes('.tmp-')) {
      await fs.rm(path.join(indexDir, name), { force: true });
    }
  }
}
