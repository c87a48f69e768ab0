import hnswlib from 'hnswlib-node';
import { ShortWriteError } from './atomic-write.js';
import type { HnswParams } from '../config/index-params.js';

/** hnswlib's saveIndex header: 11 × 8-byte fields and 2 × 4-byte ones. */
const HNSW_HEADER_BYTES = 96;

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

export interface VectorHit {
  label: number;
  /** Cosine similarity (1 - hnswlib's cosine distance). */
  similarity: number;
}

/** The dense half of retrieval: an hnswlib HNSW graph over L2-normalised vectors (cosine). */
export class VectorIndex {
  private constructor(
    private readonly hnsw: Hnsw,
    readonly dims: number,
    readonly size: number,
  ) {}

  /** Build from `count × dims` row-major vectors; row i gets label i. */
  static build(vectors: Float32Array, dims: number, params: HnswParams, onProgress?: (done: number, total: number) => void): VectorIndex {
    const count = dims > 0 ? vectors.length / dims : 0;
    const hnsw = new HierarchicalNSW('cosine', dims);
    // The seed is fixed so that the same corpus gives the same graph.
    hnsw.initIndex({ maxElements: Math.max(1, count), m: params.m, efConstruction: params.efConstruction, randomSeed: 100 });
    hnsw.setEf(params.efSearch);
    addRows(hnsw, vectors, dims, 0, count, onProgress);
    return new VectorIndex(hnsw, dims, count);
  }

  /**
   * Add rows `[size, count)` of `vectors` (the rows before are already in the graph)
   * and return the grown index. This one must not be used afterwards.
   */
  extend(vectors: Float32Array, onProgress?: (done: number, total: number) => void): VectorIndex {
    const count = vectors.length / this.dims;
    if (count < this.size) throw new Error('extend() cannot shrink an index');
    if (count > this.hnsw.getMaxElements()) this.hnsw.resizeIndex(count);
    addRows(this.hnsw, vectors, this.dims, this.size, count, onProgress);
    return new VectorIndex(this.hnsw, this.dims, count);
  }

  static async read(file: string, dims: number, efSearch: number): Promise<VectorIndex> {
    const hnsw = new HierarchicalNSW('cosine', dims);
    await hnsw.readIndex(file);
    hnsw.setEf(efSearch);
    return new VectorIndex(hnsw, dims, hnsw.getCurrentCount());
  }

  /** Cosine similarity of a stored row to a query (both are unit vectors). */
  similarity(query: Float32Array, label: number): number {
    const v = this.hnsw.getPoint(label);
    let dot = 0;
    for (let d = 0; d < v.length; d++) dot += v[d]! * query[d]!;
    return dot;
  }

  async write(file: string): Promise<void> {
    await this.hnsw.writeIndex(file);
  }

  /**
   * Check that `file` holds this whole graph. hnswlib's `writeIndex` reports no write errors: on a
   * full disk it leaves a short file and resolves. Its layout (hnswalg.h `saveIndex`) is a 96-byte
   * header, `count × sizeDataPerElement` bytes of level-0 data, then per element a u32 size and
   * that many bytes of upper-level links; the walk must end exactly at the end of the file.
   */
  async checkFile(file: string): Promise<void> {
    const { open } = await import('node:fs/promises');
    const handle = await open(file, 'r');
    try {
      const size = (await handle.stat()).size;
      const header = Buffer.alloc(HNSW_HEADER_BYTES);
      const short = (meant: number) => new ShortWriteError(file, size, meant);
      if (size < HNSW_HEADER_BYTES || (await handle.read(header, 0, HNSW_HEADER_BYTES, 0)).bytesRead < HNSW_HEADER_BYTES) throw short(HNSW_HEADER_BYTES);
      const count = Number(header.readBigUInt64LE(16));
      const perElement = Number(header.readBigUInt64LE(24));
      if (count !== this.size) throw new ShortWriteError(file, count, this.size);
      let at = HNSW_HEADER_BYTES + count * perElement;
      if (size < at) throw short(at);
      const links = Buffer.alloc(size - at);
      await handle.read(links, 0, links.length, at);
      let pos = 0;
      for (let i = 0; i < count; i++) {
        if (pos + 4 > links.length) throw short(at + pos + 4);
        pos += 4 + links.readUInt32LE(pos);
      }
      at += pos;
      if (at !== size) throw short(at);
    } finally {
      await handle.close();
    }
  }

  /**
   * The `k` nearest rows to `query`. With `filter`, only labels it accepts; `eligible`
   * (how many labels pass it) keeps k within what hnswlib can return.
   */
  search(query: Float32Array, k: number, filter?: (label: number) => boolean, eligible = this.size): VectorHit[] {
    const n = Math.min(k, this.size, eligible);
    if (n <= 0) return [];
    // hnswlib-node takes only a plain Array; a loop copies ~10x faster than Array.from.
    const point = new Array<number>(query.length);
    for (let i = 0; i < query.length; i++) point[i] = query[i]!;
    const { neighbors, distances } = this.hnsw.searchKnn(point, n, filter);
    return neighbors.map((label, i) => ({ label, similarity: 1 - distances[i]! }));
  }
}

/** Add rows `[from, to)` of `vectors` to the graph; row i gets label i. Progress counts rows added. */
function addRows(hnsw: Hnsw, vectors: Float32Array, dims: number, from: number, to: number, onProgress?: (done: number, total: number) => void): void {
  // hnswlib-node takes only a plain Array.
  const row: number[] = new Array<number>(dims);
  for (let i = from; i < to; i++) {
    const base = i * dims;
    for (let d = 0; d < dims; d++) row[d] = vectors[base + d]!;
    hnsw.addPoint(row, i);
    if (onProgress && ((i - from) % 256 === 255 || i === to - 1)) onProgress(i - from + 1, to - from);
  }
}
