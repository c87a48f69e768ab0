/**
 * Seeded synthetic vector generators for the ANN-quality benchmark.
 *
 * Everything here is deterministic for a given seed (xoshiro128** PRNG seeded via
 * splitmix32, Box-Muller Gaussians), so recall numbers are reproducible run to run.
 *
 * Two distributions:
 *  - `random`:    uniform on the unit sphere (Gaussian, then normalise). The worst case
 *                 for any graph index in 384 dims: the intrinsic dimension is the full 384,
 *                 all pairwise cosines concentrate near 0 and the "nearest" neighbour is
 *                 barely nearer than a random point.
 *  - `clustered`: an "embedding-like" mixture. Real sentence embeddings (e.g. bge-small,
 *                 MiniLM) are anisotropic (a strong shared mean direction, so unrelated
 *                 texts still have cosine ~0.3-0.5) and clustered (topics -> stories ->
 *                 passages), with most within-cluster variance in a low-dimensional
 *                 subspace. The generator models that as
 *                   topic centroid  = normalise(sqrt(g) * u + sqrt(1-g) * r_topic)
 *                   story centre    = normalise(topic + storySpread * r_story)
 *                   passage         = normalise(story + spread * (sqrt(a) * B_topic z + sqrt(1-a) * r))
 *                 where u is a global mean direction, r_* are isotropic Gaussian directions
 *                 of unit expected norm, B_topic is a topic-specific random rank-`subspaceRank`
 *                 basis and a is the anisotropic share of the noise. Topic and story weights
 *                 are log-normal (some topics are much bigger than others).
 *
 * Queries for a dataset are drawn from the *same* distribution (same centroids, same
 * bases) with an independent random stream, so they are never members of the base set.
 */

export type DatasetKind = 'random' | 'clustered';

/** Deterministic PRNG: xoshiro128** seeded with splitmix32. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      // splitmix32
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d >>> 0, 11);
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Standard normal (Box-Muller, caching the second value). */
  gaussian(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * v;
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** L2-normalise `count` rows of `dims` floats in place. */
export function normalizeRows(vectors: Float32Array, count: number, dims: number): void {
  for (let i = 0; i < count; i++) {
    const off = i * dims;
    let s = 0;
    for (let j = 0; j < dims; j++) {
      const v = vectors[off + j]!;
      s += v * v;
    }
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < dims; j++) vectors[off + j] = vectors[off + j]! * inv;
  }
}

function gaussianVector(rng: Rng, dims: number, scale: number, out: Float64Array): void {
  for (let j = 0; j < dims; j++) out[j] = rng.gaussian() * scale;
}

function normalizeF64(v: Float64Array): void {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j]! * v[j]!;
  const inv = 1 / Math.sqrt(s);
  for (let j = 0; j < v.length; j++) v[j] = v[j]! * inv;
}

/** `count` unit vectors uniform on the sphere S^(dims-1): row-major Float32Array (count x dims). */
export function randomUnitVectors(count: number, dims: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(count * dims);
  for (let i = 0; i < out.length; i++) out[i] = rng.gaussian();
  normalizeRows(out, count, dims);
  return out;
}

export interface ClusteredOptions {
  /** Number of topic centroids ("a few hundred"). Default 300. */
  topics?: number;
  /** Stories (sub-clusters) per topic on average. Default 8. */
  storiesPerTopic?: number;
  /** Share of the global mean direction in topic centroids (~ mean cosine between topics). Default 0.55. */
  globalShare?: number;
  /** Norm of the story offset from its topic centroid. Default 0.6. */
  storySpread?: number;
  /** Norm of the passage noise around its story centre. Default 0.75. */
  spread?: number;
  /** Rank of the topic-specific subspace holding most of the passage noise. Default 32. */
  subspaceRank?: number;
  /** Fraction of passage-noise variance inside that subspace. Default 0.7. */
  anisotropy?: number;
  /** Sigma of the log-normal topic/story weights. Default 0.8. */
  weightSigma?: number;
}

const CLUSTERED_DEFAULTS: Required<ClusteredOptions> = {
  topics: 300,
  storiesPerTopic: 8,
  globalShare: 0.55,
  storySpread: 0.6,
  spread: 0.75,
  subspaceRank: 32,
  anisotropy: 0.7,
  weightSigma: 0.8,
};

/**
 * An "embedding-like" clustered distribution. Construct once per dataset (from the
 * structure seed), then `sample()` base vectors and queries with independent seeds.
 */
export class ClusteredDistribution {
  readonly dims: number;
  readonly options: Required<ClusteredOptions>;
  private readonly storyCentres: Float32Array; // stories x dims (unit)
  private readonly storyTopic: Int32Array;
  private readonly storyCdf: Float64Array;
  private readonly bases: Float32Array; // topics x rank x dims
  readonly storyCount: number;

  constructor(dims: number, seed: number, options: ClusteredOptions = {}) {
    this.dims = dims;
    const o = { ...CLUSTERED_DEFAULTS, ...options };
    this.options = o;
    const rng = new Rng(seed ^ 0x5eed1234);
    const tmp = new Float64Array(dims);

    // Global mean direction.
    const u = new Float64Array(dims);
    gaussianVector(rng, dims, 1, u);
    normalizeF64(u);

    // Topic centroids.
    const topics = new Float64Array(o.topics * dims);
    const topicWeight = new Float64Array(o.topics);
    for (let t = 0; t < o.topics; t++) {
      gaussianVector(rng, dims, 1 / Math.sqrt(dims), tmp);
      const row = topics.subarray(t * dims, (t + 1) * dims);
      const g = Math.sqrt(o.globalShare);
      const h = Math.sqrt(1 - o.globalShare);
      for (let j = 0; j < dims; j++) row[j] = g * u[j]! + h * tmp[j]!;
      normalizeF64(row);
      topicWeight[t] = Math.exp(o.weightSigma * rng.gaussian());
    }

    // Topic-specific low-rank noise bases (scaled so ||B z|| ~ 1 for z ~ N(0, I_rank)).
    const rank = o.subspaceRank;
    this.bases = new Float32Array(o.topics * rank * dims);
    const bscale = 1 / Math.sqrt(rank * dims);
    for (let i = 0; i < this.bases.length; i++) this.bases[i] = rng.gaussian() * bscale;

    // Stories: each picks a topic by topic weight; centre = normalise(topic + storySpread * r).
    const stories = Math.max(1, Math.round(o.topics * o.storiesPerTopic));
    this.storyCount = stories;
    this.storyCentres = new Float32Array(stories * dims);
    this.storyTopic = new Int32Array(stories);
    const topicCdf = cdf(topicWeight);
    const storyWeight = new Float64Array(stories);
    const row = new Float64Array(dims);
    for (let s = 0; s < stories; s++) {
      // Guarantee each topic at least one story, then sample the rest by weight.
      const t = s < o.topics ? s : pick(topicCdf, rng.next());
      this.storyTopic[s] = t;
      gaussianVector(rng, dims, o.storySpread / Math.sqrt(dims), tmp);
      for (let j = 0; j < dims; j++) row[j] = topics[t * dims + j]! + tmp[j]!;
      normalizeF64(row);
      for (let j = 0; j < dims; j++) this.storyCentres[s * dims + j] = row[j]!;
      storyWeight[s] = topicWeight[t]! * Math.exp(o.weightSigma * rng.gaussian());
    }
    this.storyCdf = cdf(storyWeight);
  }

  /** Draw `count` unit vectors (row-major count x dims) using an independent stream `seed`. */
  sample(count: number, seed: number): Float32Array {
    const { dims } = this;
    const o = this.options;
    const rank = o.subspaceRank;
    const rng = new Rng(seed);
    const out = new Float32Array(count * dims);
    const z = new Float64Array(rank);
    const aniso = o.spread * Math.sqrt(o.anisotropy);
    const iso = (o.spread * Math.sqrt(1 - o.anisotropy)) / Math.sqrt(dims);
    for (let i = 0; i < count; i++) {
      const s = pick(this.storyCdf, rng.next());
      const t = this.storyTopic[s]!;
      const off = i * dims;
      const soff = s * dims;
      for (let j = 0; j < dims; j++) out[off + j] = this.storyCentres[soff + j]! + iso * rng.gaussian();
      for (let r = 0; r < rank; r++) z[r] = aniso * rng.gaussian();
      const boff = t * rank * dims;
      for (let r = 0; r < rank; r++) {
        const zr = z[r]!;
        const b = boff + r * dims;
        for (let j = 0; j < dims; j++) out[off + j] = out[off + j]! + zr * this.bases[b + j]!;
      }
    }
    normalizeRows(out, count, dims);
    return out;
  }
}

function cdf(weights: Float64Array): Float64Array {
  const out = new Float64Array(weights.length);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i]!;
    out[i] = acc;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / acc;
  return out;
}

function pick(cdfArr: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdfArr.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdfArr[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Dataset {
  kind: DatasetKind;
  dims: number;
  /** Base vectors, row-major (n x dims), unit norm. Smaller sizes use a prefix. */
  base: Float32Array;
  n: number;
  /** Query vectors (nq x dims), unit norm, same distribution, independent stream. */
  queries: Float32Array;
  nq: number;
  seed: number;
}

/**
 * Build a dataset of `n` base vectors plus `nq` queries from the same distribution.
 * A prefix of the base set of size m < n is itself a valid sample of size m, so one
 * dataset serves every size in a sweep.
 */
export function makeDataset(kind: DatasetKind, n: number, nq: number, dims: number, seed = 42, clusteredOptions: ClusteredOptions = {}): Dataset {
  if (kind === 'random') {
    return {
      kind,
      dims,
      base: randomUnitVectors(n, dims, seed * 2 + 1),
      n,
      queries: randomUnitVectors(nq, dims, seed * 2 + 2 + 0x7fff),
      nq,
      seed,
    };
  }
  const dist = new ClusteredDistribution(dims, seed, clusteredOptions);
  return {
    kind,
    dims,
    base: dist.sample(n, seed * 2 + 1),
    n,
    queries: dist.sample(nq, seed * 2 + 2 + 0x7fff),
    nq,
    seed,
  };
}

/** Mean cosine between `pairs` random (i, j) pairs of rows — a quick anisotropy check. */
export function meanRandomPairCosine(vectors: Float32Array, count: number, dims: number, pairs = 2000, seed = 7): number {
  const rng = new Rng(seed);
  let acc = 0;
  for (let p = 0; p < pairs; p++) {
    const i = rng.int(count);
    let j = rng.int(count);
    if (j === i) j = (j + 1) % count;
    let s = 0;
    for (let k = 0; k < dims; k++) s += vectors[i * dims + k]! * vectors[j * dims + k]!;
    acc += s;
  }
  return acc / pairs;
}
