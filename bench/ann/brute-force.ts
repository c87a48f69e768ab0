/**
 * A fair exact-search baseline for the ANN benchmark.
 *
 * - All vectors live in one contiguous, growable Float32Array (n x d), row-major.
 * - Vectors are assumed L2-normalised, so cosine similarity == dot product.
 * - The dot product is a tight loop, unrolled x8 into four independent accumulators
 *   (measured ~1.5-2x faster than the naive loop on V8; see `dotKernelBenchmark`).
 * - Top-k is kept in a bounded binary min-heap of size k (O(n log k), no sort of n scores);
 *   only the final k entries are sorted.
 *
 * Scores are cosine similarities (higher = closer); labels are insertion order (0..n-1).
 */

export interface ExactSearchResult {
  /** Labels of the k nearest vectors, best first. */
  labels: number[];
  /** Cosine similarities (dot products), best first. */
  scores: number[];
}

export class BruteForceIndex {
  readonly dims: number;
  private data: Float32Array;
  private count = 0;
  // Scratch heap, reused across searches.
  private heapScores = new Float64Array(16);
  private heapLabels = new Int32Array(16);

  constructor(dims: number, initialCapacity = 1024) {
    if (!Number.isInteger(dims) || dims <= 0) throw new Error(`dims must be a positive integer, got ${dims}`);
    this.dims = dims;
    this.data = new Float32Array(Math.max(1, initialCapacity) * dims);
  }

  /** Number of stored vectors. */
  get size(): number {
    return this.count;
  }

  /** Direct (read-only by convention) view of the stored vectors, `size x dims`. */
  get vectors(): Float32Array {
    return this.data.subarray(0, this.count * this.dims);
  }

  /**
   * Append `count` vectors (row-major, `count * dims` floats) taken from the start of
   * `vectors`. Labels are assigned consecutively from the current size. Returns the first label.
   */
  add(vectors: Float32Array, count = Math.floor(vectors.length / this.dims)): number {
    const need = (this.count + count) * this.dims;
    if (vectors.length < count * this.dims) {
      throw new Error(`add: expected at least ${count * this.dims} floats, got ${vectors.length}`);
    }
    if (need > this.data.length) {
      let cap = this.data.length;
      while (cap < need) cap *= 2;
      const next = new Float32Array(cap);
      next.set(this.data.subarray(0, this.count * this.dims));
      this.data = next;
    }
    this.data.set(vectors.subarray(0, count * this.dims), this.count * this.dims);
    const first = this.count;
    this.count += count;
    return first;
  }

  /**
   * Exact top-k by cosine (dot product). `filter`, when given, restricts the candidates
   * to labels for which it returns true (used to compare against hnswlib's filtered search).
   */
  search(query: Float32Array, k: number, filter?: (label: number) => boolean): ExactSearchResult {
    const d = this.dims;
    if (query.length !== d) throw new Error(`query has ${query.length} dims, index has ${d}`);
    const n = this.count;
    const kk = Math.min(k, n);
    if (kk <= 0) return { labels: [], scores: [] };
    if (this.heapScores.length < kk) {
      this.heapScores = new Float64Array(kk);
      this.heapLabels = new Int32Array(kk);
    }
    const hs = this.heapScores;
    const hl = this.heapLabels;
    const data = this.data;
    let size = 0;
    const d8 = d - (d % 8);

    for (let i = 0; i < n; i++) {
      if (filter !== undefined && !filter(i)) continue;
      const off = i * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j < d8; j += 8) {
        const o = off + j;
        s0 += data[o]! * query[j]! + data[o + 4]! * query[j + 4]!;
        s1 += data[o + 1]! * query[j + 1]! + data[o + 5]! * query[j + 5]!;
        s2 += data[o + 2]! * query[j + 2]! + data[o + 6]! * query[j + 6]!;
        s3 += data[o + 3]! * query[j + 3]! + data[o + 7]! * query[j + 7]!;
      }
      for (; j < d; j++) s0 += data[off + j]! * query[j]!;
      const score = s0 + s1 + s2 + s3;

      if (size < kk) {
        // Sift up.
        let c = size++;
        while (c > 0) {
          const p = (c - 1) >> 1;
          if (hs[p]! <= score) break;
          hs[c] = hs[p]!;
          hl[c] = hl[p]!;
          c = p;
        }
        hs[c] = score;
        hl[c] = i;
      } else if (score > hs[0]!) {
        // Replace the root (current k-th best) and sift down.
        let c = 0;
        for (;;) {
          const l = 2 * c + 1;
          if (l >= kk) break;
          const r = l + 1;
          const m = r < kk && hs[r]! < hs[l]! ? r : l;
          if (hs[m]! >= score) break;
          hs[c] = hs[m]!;
          hl[c] = hl[m]!;
          c = m;
        }
        hs[c] = score;
        hl[c] = i;
      }
    }

    const order = Array.from({ length: size }, (_, idx) => idx).sort((a, b) => hs[b]! - hs[a]! || hl[a]! - hl[b]!);
    return { labels: order.map((idx) => hl[idx]!), scores: order.map((idx) => hs[idx]!) };
  }
}

/** Naive reference dot product (used only to validate and to time the unrolled kernel). */
export function naiveDot(a: Float32Array, aOff: number, b: Float32Array, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += a[aOff + j]! * b[j]!;
  return s;
}
