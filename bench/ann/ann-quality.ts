/**
 * ANN-quality benchmark: hnswlib-node HNSW vs a fair exact (brute-force) search.
 *
 * For each size n: build a `HierarchicalNSW('cosine', dims)` exactly as the product does,
 * then, per query and interleaved with the exact search (so CPU-speed noise hits both
 * sides alike), measure latency and recall@k of HNSW against the exact top-k.
 *
 * hnswlib-node 3 API facts this relies on (node_modules/hnswlib-node/lib/index.d.ts, src/addon.cc):
 *  - `addPoint(point: number[], label)` and `searchKnn(query: number[], k, filter?)` only accept a
 *    plain JS Array (the addon checks `IsArray()`; a Float32Array throws "must be an Array").
 *    Each call then reads the array element by element through N-API into a std::vector<float>.
 *  - There is no batch `addItems`/`addPoints` and no multi-threaded insert in hnswlib-node 3 —
 *    only `addPoint` one at a time, on the JS thread. The only "batch" knobs are on the JS side,
 *    which `BuildMode` covers: a fresh `number[]` per point, or one reused scratch `number[]`.
 *  - The filter callback is called from C++ back into JS (`Napi::Function::Call`) for every
 *    candidate label the search touches.
 *  - `setEf(ef)` changes efSearch on a built index, so an efSearch sweep needs only one build.
 */
import { createRequire } from 'node:module';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HierarchicalNSW as HierarchicalNSWType } from 'hnswlib-node';
import type { HnswParams } from '../../src/config/index-params.js';
import { BruteForceIndex } from './brute-force.js';
import { makeDataset, meanRandomPairCosine, Rng, type Dataset, type DatasetKind } from './vectors.js';

// hnswlib-node is CommonJS; load it the way that works under both tsx and plain node ESM.
const require = createRequire(import.meta.url);
const hnswlib = require('hnswlib-node') as typeof import('hnswlib-node');

export type BuildMode = 'fresh-arrays' | 'reused-buffer';

export interface AnnQualityOptions {
  sizes: number[];
  queries: number;
  k: number;
  params: HnswParams;
  dataset: DatasetKind;
  seed?: number;
  /** Vector dimensionality. Default 384 (bge-small / MiniLM). */
  dims?: number;
  /** Extra efSearch values evaluated on the same built index (params.efSearch is always included). */
  efSearchSweep?: number[];
  /** When set (e.g. 0.2), also measure filtered search with a callback accepting this share of labels. */
  filterFraction?: number;
  /** How `number[]` points are produced for `addPoint`. Default 'fresh-arrays'. */
  buildMode?: BuildMode;
  /** Also time hnswlib-node's native `BruteforceSearch` (exact, C++ SSE) as a second reference. */
  nativeBrute?: boolean;
  /** Untimed warm-up queries before measuring. Default 10. */
  warmupQueries?: number;
  /** Write the index to a temp file to report its on-disk size. Default true. */
  measureFileSize?: boolean;
  /** Progress logger (stderr by default). */
  log?: (msg: string) => void;
}

export interface LatencyStats {
  p50: number;
  p95: number;
  mean: number;
}

export interface EfSearchPoint {
  efSearch: number;
  recallAt10: number;
  hnswQueryMs: LatencyStats;
  /** bruteQueryMs.mean / hnswQueryMs.mean, both measured interleaved in the same loop. */
  speedup: number;
}

export interface FilterResult {
  /** Share of labels the filter accepts (measured on the index, ~filterFraction). */
  acceptedShare: number;
  efSearch: number;
  /** Recall@k of filtered HNSW vs the exact filtered top-k. */
  recallAt10: number;
  hnswFilteredQueryMs: LatencyStats;
  /** Same queries, same ef, no filter — measured in the same loop. */
  hnswUnfilteredQueryMs: LatencyStats;
  /** hnswFiltered mean / hnswUnfiltered mean. */
  costRatio: number;
  /** Average number of JS filter-callback invocations per query. */
  callbacksPerQuery: number;
  bruteFilteredQueryMs: LatencyStats;
  speedup: number;
  /** Alternative: unfiltered search for k/acceptedShare*2 results, filtered in JS afterwards. */
  overfetch: { fetchK: number; efSearch: number; recallAt10: number; queryMs: LatencyStats };
}

export interface BuildBreakdown {
  /** JS side: producing the `number[]` that addPoint takes from the Float32Array. */
  jsCopySeconds: number;
  /** The `addPoint` calls (includes the addon's N-API element-by-element read of the array). */
  hnswAddSeconds: number;
  /** Estimate of the N-API array->float conversion inside addPoint (n x per-point conversion cost). */
  napiConvertEstimateSeconds: number;
}

export interface MemoryStats {
  /** RSS growth across the HNSW build (JS scratch is chunked, so this is ~ the native index). */
  hnswRssDeltaMB: number;
  /** hnswlib's own formula for the level-0 + upper-level allocation. */
  hnswTheoreticalMB: number;
  /** RSS after the build (whole process: dataset, brute-force copy, index). */
  rssAfterBuildMB: number;
  /** `writeIndex` file size, if measured. */
  indexFileMB?: number;
  /** The raw float32 vectors alone (n x dims x 4 bytes). */
  rawVectorsMB: number;
}

export interface AnnQualityResult {
  n: number;
  dataset: DatasetKind;
  dims: number;
  k: number;
  queries: number;
  /** Dataset seed (also offsets hnswlib's randomSeed). */
  seed: number;
  params: HnswParams;
  buildMode: BuildMode;
  /** recall@k (k = opts.k, normally 10) of HNSW at params.efSearch vs the exact top-k. */
  recallAt10: number;
  hnswQueryMs: LatencyStats;
  bruteQueryMs: LatencyStats;
  /** bruteQueryMs.mean / hnswQueryMs.mean. */
  speedup: number;
  /** Mean time of Float32Array -> number[] for a query (included in hnswQueryMs). */
  queryConvertMsMean: number;
  nativeBruteQueryMs?: LatencyStats;
  buildSeconds: number;
  buildBreakdown: BuildBreakdown;
  /** Which side dominates the build. */
  buildBoundBy: 'js-copy' | 'hnswlib';
  efSweep: EfSearchPoint[];
  filter?: FilterResult;
  memory: MemoryStats;
  datasetStats: { meanRandomPairCos: number; meanTop1Cos: number; meanTopKCos: number };
}

// ---------------------------------------------------------------------------------------------

export function latencyStats(samples: number[]): LatencyStats {
  if (samples.length === 0) return { p50: NaN, p95: NaN, mean: NaN };
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number): number => {
    const idx = Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1));
    return s[idx]!;
  };
  return { p50: q(0.5), p95: q(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

function recall(found: number[], truth: number[], k: number): number {
  if (truth.length === 0) return 1;
  const t = new Set(truth.slice(0, k));
  let hit = 0;
  for (const l of found.slice(0, k)) if (t.has(l)) hit++;
  return hit / Math.min(k, t.size);
}

const mb = (bytes: number): number => bytes / (1024 * 1024);
const now = (): number => performance.now();

function gcIfExposed(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

/** Convert row `i` of a Float32Array into a fresh plain number[] (what addPoint/searchKnn take). */
export function rowToArray(vectors: Float32Array, i: number, dims: number): number[] {
  const out = new Array<number>(dims);
  const off = i * dims;
  for (let j = 0; j < dims; j++) out[j] = vectors[off + j]!;
  return out;
}

/**
 * Query Float32Array -> number[] with a plain loop (~1us for 384 dims). NB: `Array.from(f32)`
 * is ~10x slower (~10-12us), a noticeable share of a ~0.2ms HNSW query.
 */
export function queryToArray(q: Float32Array): number[] {
  const out = new Array<number>(q.length);
  for (let j = 0; j < q.length; j++) out[j] = q[j]!;
  return out;
}

/** Fill an existing number[] with row `i` (the "reused buffer" variant). */
export function fillRow(target: number[], vectors: Float32Array, i: number, dims: number): void {
  const off = i * dims;
  for (let j = 0; j < dims; j++) target[j] = vectors[off + j]!;
}

/** hnswlib's memory formula (hnswalg.h): level 0 for every element + upper levels for ~n/ln(M)... */
export function hnswTheoreticalBytes(n: number, dims: number, m: number): number {
  const sizeLinksLevel0 = m * 2 * 4 + 4;
  const sizeDataPerElement = sizeLinksLevel0 + dims * 4 + 8;
  const level0 = n * sizeDataPerElement;
  // Expected number of upper-level link lists: n * sum_{l>=1} (1/M)^l = n / (M - 1).
  const sizeLinksPerElement = m * 4 + 4;
  const upper = (n / (m - 1)) * sizeLinksPerElement;
  // label_lookup_ (unordered_map) + element_levels_ + per-element mutexes (~48 bytes / element).
  const bookkeeping = n * (40 + 4 + 8 + 48);
  return level0 + upper + bookkeeping;
}

export interface BuiltHnsw {
  index: HierarchicalNSWType;
  buildSeconds: number;
  breakdown: BuildBreakdown;
  rssDeltaBytes: number;
}

/** Estimate the per-point N-API conversion cost (addon reads arr[i] one element at a time). */
export function estimateNapiConvertSecondsPerPoint(dims: number, reps = 2000): number {
  const space = new hnswlib.InnerProductSpace(dims);
  const a = Array.from({ length: dims }, (_, i) => Math.sin(i));
  const b = Array.from({ length: dims }, (_, i) => Math.cos(i));
  for (let r = 0; r < 200; r++) space.distance(a, b);
  const t0 = now();
  for (let r = 0; r < reps; r++) space.distance(a, b);
  // distance() converts two arrays (2 x dims elements); the arithmetic itself is negligible.
  return (now() - t0) / 1000 / reps / 2;
}

/**
 * Build an HNSW index over the first `n` rows, timing JS-side array production and the
 * `addPoint` calls separately. Work is chunked (1024 points) so JS scratch stays small and
 * the RSS delta reflects the native index.
 */
export function buildHnsw(vectors: Float32Array, n: number, dims: number, params: HnswParams, mode: BuildMode = 'fresh-arrays', randomSeed = 100): BuiltHnsw {
  gcIfExposed();
  const rss0 = process.memoryUsage().rss;
  const index = new hnswlib.HierarchicalNSW('cosine', dims);
  index.initIndex(n, params.m, params.efConstruction, randomSeed);
  let jsMs = 0;
  let addMs = 0;
  const CHUNK = 1024;
  if (mode === 'fresh-arrays') {
    for (let start = 0; start < n; start += CHUNK) {
      const end = Math.min(n, start + CHUNK);
      const t0 = now();
      const rows: number[][] = new Array(end - start);
      for (let i = start; i < end; i++) rows[i - start] = rowToArray(vectors, i, dims);
      const t1 = now();
      for (let i = start; i < end; i++) index.addPoint(rows[i - start]!, i);
      const t2 = now();
      jsMs += t1 - t0;
      addMs += t2 - t1;
    }
  } else {
    const buf = new Array<number>(dims).fill(0.5); // packed doubles
    for (let i = 0; i < n; i++) {
      const t0 = now();
      fillRow(buf, vectors, i, dims);
      const t1 = now();
      index.addPoint(buf, i);
      const t2 = now();
      jsMs += t1 - t0;
      addMs += t2 - t1;
    }
  }
  index.setEf(params.efSearch);
  gcIfExposed();
  const rss1 = process.memoryUsage().rss;
  const napiPerPoint = estimateNapiConvertSecondsPerPoint(dims);
  return {
    index,
    buildSeconds: (jsMs + addMs) / 1000,
    breakdown: {
      jsCopySeconds: jsMs / 1000,
      hnswAddSeconds: addMs / 1000,
      napiConvertEstimateSeconds: napiPerPoint * n,
    },
    rssDeltaBytes: rss1 - rss0,
  };
}

/** Run tasks in a seeded random order (Fisher-Yates). */
function runShuffled(tasks: Array<() => void>, rng: Rng): void {
  const order = tasks.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  for (const i of order) tasks[i]!();
}

/** Seeded random label mask accepting ~`fraction` of `n` labels (models "one source" of several). */
export function makeLabelMask(n: number, fraction: number, seed: number): Uint8Array {
  const rng = new Rng(seed ^ 0xf117e2);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = rng.next() < fraction ? 1 : 0;
  return mask;
}

// ---------------------------------------------------------------------------------------------

export async function runAnnQuality(opts: AnnQualityOptions): Promise<AnnQualityResult[]> {
  const dims = opts.dims ?? 384;
  const seed = opts.seed ?? 42;
  const k = opts.k;
  const log = opts.log ?? ((m: string) => process.stderr.write(`[ann] ${m}\n`));
  const mode = opts.buildMode ?? 'fresh-arrays';
  const warmup = opts.warmupQueries ?? 10;
  const sizes = [...opts.sizes].sort((a, b) => a - b);
  const maxN = sizes[sizes.length - 1] ?? 0;
  const efList = [...new Set([opts.params.efSearch, ...(opts.efSearchSweep ?? [])])].sort((a, b) => a - b);

  let t = now();
  const ds: Dataset = makeDataset(opts.dataset, maxN, opts.queries + warmup, dims, seed);
  log(`dataset ${opts.dataset}: ${maxN} x ${dims} + ${ds.nq} queries generated in ${((now() - t) / 1000).toFixed(1)}s`);

  const results: AnnQualityResult[] = [];
  for (const n of sizes) {
    const params = opts.params;
    // Exact baseline over the same prefix.
    const brute = new BruteForceIndex(dims, n);
    brute.add(ds.base, n);

    log(`n=${n}: building HNSW m=${params.m} efC=${params.efConstruction} (${mode})...`);
    const built = buildHnsw(ds.base, n, dims, params, mode, 100 + seed);
    const { index } = built;
    const rssAfterBuild = process.memoryUsage().rss;
    log(
      `n=${n}: built in ${built.buildSeconds.toFixed(1)}s (js ${built.breakdown.jsCopySeconds.toFixed(2)}s, ` +
        `addPoint ${built.breakdown.hnswAddSeconds.toFixed(1)}s); rss delta ${mb(built.rssDeltaBytes).toFixed(0)} MB`,
    );

    let nativeBrute: InstanceType<typeof hnswlib.BruteforceSearch> | undefined;
    if (opts.nativeBrute) {
      nativeBrute = new hnswlib.BruteforceSearch('cosine', dims);
      nativeBrute.initIndex(n);
      const buf = new Array<number>(dims).fill(0);
      for (let i = 0; i < n; i++) {
        fillRow(buf, ds.base, i, dims);
        nativeBrute.addPoint(buf, i);
      }
    }

    // ---------------- main interleaved query loop ----------------
    const bruteMs: number[] = [];
    const nativeMs: number[] = [];
    const convertMs: number[] = [];
    const hnswMs = new Map<number, number[]>(efList.map((ef) => [ef, []]));
    const hnswRecall = new Map<number, number[]>(efList.map((ef) => [ef, []]));
    let top1 = 0;
    let topK = 0;

    type Task = () => void;
    const orderRng = new Rng(seed + n);
    for (let qi = 0; qi < ds.nq; qi++) {
      const measuring = qi >= warmup;
      const q = ds.queries.subarray(qi * dims, (qi + 1) * dims);
      let truth: number[] = [];
      const tasks: Task[] = [];
      tasks.push(() => {
        const t0 = now();
        const r = brute.search(q, k);
        const t1 = now();
        truth = r.labels;
        if (measuring) {
          bruteMs.push(t1 - t0);
          top1 += r.scores[0] ?? 0;
          topK += r.scores[r.scores.length - 1] ?? 0;
        }
      });
      const found = new Map<number, number[]>();
      for (const ef of efList) {
        tasks.push(() => {
          index.setEf(ef);
          const t0 = now();
          const arr = queryToArray(q);
          const t1 = now();
          const r = index.searchKnn(arr, k);
          const t2 = now();
          found.set(ef, r.neighbors);
          if (measuring) {
            hnswMs.get(ef)!.push(t2 - t0);
            if (ef === params.efSearch) convertMs.push(t1 - t0);
          }
        });
      }
      if (nativeBrute) {
        const nb = nativeBrute;
        tasks.push(() => {
          const t0 = now();
          nb.searchKnn(queryToArray(q), k);
          if (measuring) nativeMs.push(now() - t0);
        });
      }
      // Seeded shuffle of the order per query, so "cold cache right after the brute-force scan"
      // (and any drift in CPU speed) falls evenly on every variant.
      runShuffled(tasks, orderRng);
      if (measuring) for (const ef of efList) hnswRecall.get(ef)!.push(recall(found.get(ef)!, truth, k));
    }
    index.setEf(params.efSearch);

    const bruteStats = latencyStats(bruteMs);
    const efSweep: EfSearchPoint[] = efList.map((ef) => {
      const st = latencyStats(hnswMs.get(ef)!);
      const rs = hnswRecall.get(ef)!;
      return {
        efSearch: ef,
        recallAt10: rs.reduce((a, b) => a + b, 0) / rs.length,
        hnswQueryMs: st,
        speedup: bruteStats.mean / st.mean,
      };
    });
    const main = efSweep.find((e) => e.efSearch === params.efSearch)!;

    // ---------------- filtered search ----------------
    let filter: FilterResult | undefined;
    if (opts.filterFraction !== undefined) {
      filter = measureFilter(index, brute, ds, n, k, params.efSearch, opts.filterFraction, seed, warmup, log);
      index.setEf(params.efSearch);
    }

    // ---------------- memory ----------------
    let indexFileMB: number | undefined;
    if (opts.measureFileSize ?? true) {
      const file = path.join(os.tmpdir(), `ann-bench-${process.pid}-${n}.hnsw`);
      try {
        index.writeIndexSync(file);
        indexFileMB = mb((await fs.stat(file)).size);
      } finally {
        await fs.rm(file, { force: true });
      }
    }

    const measured = efSweep.length;
    const nq = bruteMs.length;
    const result: AnnQualityResult = {
      n,
      dataset: opts.dataset,
      dims,
      k,
      queries: nq,
      seed,
      params: { ...params },
      buildMode: mode,
      recallAt10: main.recallAt10,
      hnswQueryMs: main.hnswQueryMs,
      bruteQueryMs: bruteStats,
      speedup: main.speedup,
      queryConvertMsMean: latencyStats(convertMs).mean,
      nativeBruteQueryMs: nativeBrute ? latencyStats(nativeMs) : undefined,
      buildSeconds: built.buildSeconds,
      buildBreakdown: built.breakdown,
      buildBoundBy: built.breakdown.jsCopySeconds > built.breakdown.hnswAddSeconds ? 'js-copy' : 'hnswlib',
      efSweep,
      filter,
      memory: {
        hnswRssDeltaMB: mb(built.rssDeltaBytes),
        hnswTheoreticalMB: mb(hnswTheoreticalBytes(n, dims, params.m)),
        rssAfterBuildMB: mb(rssAfterBuild),
        indexFileMB,
        rawVectorsMB: mb(n * dims * 4),
      },
      datasetStats: {
        meanRandomPairCos: meanRandomPairCosine(ds.base, n, dims),
        meanTop1Cos: top1 / nq,
        meanTopKCos: topK / nq,
      },
    };
    log(
      `n=${n}: recall@${k}=${result.recallAt10.toFixed(4)} hnsw p50=${result.hnswQueryMs.p50.toFixed(3)}ms ` +
        `brute p50=${bruteStats.p50.toFixed(2)}ms speedup=${result.speedup.toFixed(1)}x (${measured} ef values)`,
    );
    results.push(result);
    // Let the native index go before the next size (hnswlib frees on GC finalisation).
    nativeBrute = undefined;
    gcIfExposed();
  }
  return results;
}

function measureFilter(
  index: HierarchicalNSWType,
  brute: BruteForceIndex,
  ds: Dataset,
  n: number,
  k: number,
  ef: number,
  fraction: number,
  seed: number,
  warmup: number,
  log: (m: string) => void,
): FilterResult {
  const dims = ds.dims;
  const mask = makeLabelMask(n, fraction, seed);
  let accepted = 0;
  for (let i = 0; i < n; i++) accepted += mask[i]!;
  const acceptedShare = accepted / n;
  let calls = 0;
  const hnswFilter = (label: number): boolean => {
    calls++;
    return mask[label] === 1;
  };
  const bruteFilter = (label: number): boolean => mask[label] === 1;
  const fetchK = Math.min(n, Math.ceil((k / Math.max(acceptedShare, 1e-6)) * 2));
  const overEf = Math.max(ef, fetchK);

  const fMs: number[] = [];
  const uMs: number[] = [];
  const bMs: number[] = [];
  const oMs: number[] = [];
  const rec: number[] = [];
  const oRec: number[] = [];
  let callsMeasured = 0;
  const orderRng = new Rng(seed + n + 1);
  for (let qi = 0; qi < ds.nq; qi++) {
    const measuring = qi >= warmup;
    const q = ds.queries.subarray(qi * dims, (qi + 1) * dims);
    let truth: number[] = [];
    let filtered: number[] = [];
    let over: number[] = [];
    const tasks: Array<() => void> = [
      () => {
        const t0 = now();
        truth = brute.search(q, k, bruteFilter).labels;
        if (measuring) bMs.push(now() - t0);
      },
      () => {
        index.setEf(ef);
        const before = calls;
        const t0 = now();
        filtered = index.searchKnn(queryToArray(q), k, hnswFilter).neighbors;
        if (measuring) {
          fMs.push(now() - t0);
          callsMeasured += calls - before;
        }
      },
      () => {
        index.setEf(ef);
        const t0 = now();
        index.searchKnn(queryToArray(q), k);
        if (measuring) uMs.push(now() - t0);
      },
      () => {
        index.setEf(overEf);
        const t0 = now();
        const r = index.searchKnn(queryToArray(q), fetchK).neighbors;
        over = r.filter((l) => mask[l] === 1).slice(0, k);
        if (measuring) oMs.push(now() - t0);
      },
    ];
    runShuffled(tasks, orderRng);
    if (measuring) {
      rec.push(recall(filtered, truth, k));
      oRec.push(recall(over, truth, k));
    }
  }
  const f = latencyStats(fMs);
  const u = latencyStats(uMs);
  const b = latencyStats(bMs);
  const mean = (xs: number[]): number => xs.reduce((a, c) => a + c, 0) / xs.length;
  const res: FilterResult = {
    acceptedShare,
    efSearch: ef,
    recallAt10: mean(rec),
    hnswFilteredQueryMs: f,
    hnswUnfilteredQueryMs: u,
    costRatio: f.mean / u.mean,
    callbacksPerQuery: callsMeasured / fMs.length,
    bruteFilteredQueryMs: b,
    speedup: b.mean / f.mean,
    overfetch: { fetchK, efSearch: overEf, recallAt10: mean(oRec), queryMs: latencyStats(oMs) },
  };
  log(
    `n=${n}: filter ${(acceptedShare * 100).toFixed(1)}%: recall=${res.recallAt10.toFixed(4)} ` +
      `p50 ${f.p50.toFixed(3)}ms vs unfiltered ${u.p50.toFixed(3)}ms (x${res.costRatio.toFixed(2)}), ` +
      `${res.callbacksPerQuery.toFixed(0)} callbacks/query`,
  );
  return res;
}
