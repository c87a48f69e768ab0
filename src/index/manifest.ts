import { z } from 'zod';
import type { Pooling } from '../embed/model-profiles.js';
import { EngineError, rebuildError } from '../errors.js';
import type { HnswParams } from '../config/index-params.js';

export const MANIFEST_FILE = 'manifest.json';
export const INDEX_FORMAT_VERSION = 6;

export interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface ManifestDocument {
  id: string;
  file: string;
  /** sha256 of the article file's bytes. */
  hash: string;
  /** Labels (rows) of this document's passages are `[firstPassage, firstPassage + passages)`. */
  firstPassage: number;
  passages: number;
}

/** The index's description: written last, so it is the commit point of a re-index. */
export interface Manifest {
  formatVersion: number;
  modelId: string;
  dims: number;
  pooling: Pooling;
  /** How the text was cut and its sentences flagged (INDEXED_TEXT_VERSION, src/index/indexed-text-version.ts). */
  chunkerVersion: number;
  hnsw: HnswParams;
  builtAt: string;
  passages: number;
  documents: ManifestDocument[];
  /** Version of the quote extractor that built `files.quotes` (a newer one re-extracts every article). */
  quoteExtractor?: number;
  files: {
    passages: ManifestFile;
    vectors: ManifestFile;
    hnsw: ManifestFile;
    keyword: ManifestFile;
    sentences: ManifestFile;
    /** The quote index (absent in indexes built before it existed: the next re-index adds it). */
    quotes?: ManifestFile;
  };
}

const count = z.number().int().nonnegative();
const positive = z.number().int().positive();
const SHA256 = /^[0-9a-f]{64}$/;
/** A data file is a bare name `<kind>.<generation>.<ext>` inside INDEX_DIR: never a path. */
const dataFile = (kind: string) =>
  z.object({
    name: z.string().regex(new RegExp(`^${kind}\\.[0-9a-z]+-[0-9a-z]+\\.(bin|f32)$`), `must be a data file name like ${kind}.<generation>.bin`),
    bytes: count,
    sha256: z.string().regex(SHA256),
  });

/** The whole manifest, checked before anything reads a file it names (a wrong shape is damage, not a crash). */
const manifestSchema: z.ZodType<Manifest> = z
  .object({
    formatVersion: z.literal(INDEX_FORMAT_VERSION),
    modelId: z.string().min(1),
    dims: positive,
    pooling: z.enum(['cls', 'mean']),
    chunkerVersion: count,
    hnsw: z.object({ m: positive, efConstruction: positive, efSearch: positive }),
    builtAt: z.string(),
    passages: count,
    documents: z.array(z.object({ id: z.string().min(1), file: z.string().min(1), hash: z.string().regex(SHA256), firstPassage: count, passages: count })),
    quoteExtractor: count.optional(),
    files: z.object({
      passages: dataFile('passages'),
      vectors: dataFile('vectors'),
      hnsw: dataFile('hnsw'),
      keyword: dataFile('keyword'),
      sentences: dataFile('sentences'),
      quotes: dataFile('quotes').optional(),
    }),
  })
  .superRefine((m, ctx) => {
    m.documents.forEach((d, i) => {
      if (d.firstPassage + d.passages > m.passages) ctx.addIssue({ code: 'custom', path: ['documents', i], message: 'passage range is past the end' });
    });
  });

/** Parse and shape-check a manifest; throws INDEX_CORRUPT when it is not one of ours (INDEX_MISMATCH for another format version). */
export function parseManifest(text: string, where: string): Manifest {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw rebuildError('INDEX_CORRUPT', `The index manifest ${where} is not valid JSON (truncated or damaged).`, 'full');
  }
  const version = typeof m === 'object' && m !== null ? (m as { formatVersion?: unknown }).formatVersion : undefined;
  if (typeof version === 'number' && version !== INDEX_FORMAT_VERSION) {
    throw rebuildError('INDEX_MISMATCH', `The index in ${where} has format version ${version}, this program reads ${INDEX_FORMAT_VERSION}.`, 'full');
  }
  const parsed = manifestSchema.safeParse(m);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw rebuildError(
      'INDEX_CORRUPT',
      `The index manifest ${where} is damaged or from an unknown format (${at}${issue.message.replace(/\.\s/g, '; ')}).`,
      'full',
    );
  }
  return parsed.data;
}

/** A manifest built for another model would give silently wrong results: refuse it. */
export function assertManifestMatches(manifest: Pick<Manifest, 'modelId' | 'dims'>, expected: { modelId: string; dims?: number }): void {
  if (manifest.modelId !== expected.modelId) {
    throw rebuildError('INDEX_MISMATCH', `The index was built with model ${manifest.modelId}, but MODEL_ID is ${expected.modelId}.`, 'full');
  }
  if (expected.dims !== undefined && manifest.dims !== expected.dims) {
    throw rebuildError(
      'INDEX_MISMATCH',
      `The index has ${manifest.dims}-dimensional vectors, but model ${expected.modelId} produces ${expected.dims}.`,
      'full',
    );
  }
}
