import type { Pooling } from '../embed/model-profiles.js';
import { EngineError, REINDEX_HINT } from '../engine/errors.js';
import type { HnswParams } from './hnsw-params.js';

export const MANIFEST_FILE = 'manifest.json';
export const INDEX_FORMAT_VERSION = 4;

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
  chunkerVersion: number;
  hnsw: HnswParams;
  builtAt: string;
  passages: number;
  documents: ManifestDocument[];
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

/** Parse and shape-check a manifest; throws INDEX_CORRUPT when it is not one of ours. */
export function parseManifest(text: string, where: string): Manifest {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw new EngineError('INDEX_CORRUPT', `The index manifest ${where} is not valid JSON (truncated or damaged). ${REINDEX_HINT}`);
  }
  const ok =
    typeof m === 'object' &&
    m !== null &&
    typeof (m as Manifest).modelId === 'string' &&
    typeof (m as Manifest).dims === 'number' &&
    Array.isArray((m as Manifest).documents) &&
    typeof (m as Manifest).files?.hnsw?.name === 'string' &&
    typeof (m as Manifest).files?.passages?.name === 'string' &&
    typeof (m as Manifest).files?.vectors?.name === 'string' &&
    typeof (m as Manifest).files?.keyword?.name === 'string' &&
    typeof (m as Manifest).files?.sentences?.name === 'string';
  const version = typeof m === 'object' && m !== null ? (m as Partial<Manifest>).formatVersion : undefined;
  if (version !== undefined && version !== INDEX_FORMAT_VERSION) {
    throw new EngineError('INDEX_MISMATCH', `The index in ${where} has format version ${version}, this program reads ${INDEX_FORMAT_VERSION}. ${REINDEX_HINT}`);
  }
  if (!ok) throw new EngineError('INDEX_CORRUPT', `The index manifest ${where} is incomplete or from an unknown format. ${REINDEX_HINT}`);
  const manifest = m as Manifest;
  return manifest;
}

/** A manifest built for another model would give silently wrong results: refuse it. */
export function assertManifestMatches(manifest: Manifest, expected: { modelId: string; dims?: number }): void {
  if (manifest.modelId !== expected.modelId) {
    throw new EngineError(
      'INDEX_MISMATCH',
      `The index was built with model ${manifest.modelId}, but MODEL_ID is ${expected.modelId}. ${REINDEX_HINT}`,
    );
  }
  if (expected.dims !== undefined && manifest.dims !== expected.dims) {
    throw new EngineError(
      'INDEX_MISMATCH',
      `The index has ${manifest.dims}-dimensional vectors, but model ${expected.modelId} produces ${expected.dims}. ${REINDEX_HINT}`,
    );
  }
}
