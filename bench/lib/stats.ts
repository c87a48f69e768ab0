/** Small statistics helpers for the benchmark (times in ms unless said otherwise). */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Median and range over repeated runs: how noisy a figure is on a shared machine. */
export const spread = (values: readonly number[]): Spread => ({
  median: percentile(values, 50),
  min: Math.min(...values),
  max: Math.max(...values),
  n: values.length,
});

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export const latency = (values: readonly number[]): Latency => ({
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
  mean: values.reduce((s, v) => s + v, 0) / Math.max(1, values.length),
});

export const fmt = (n: number | undefined | null, digits = 1): string => (n === undefined || n === null || Number.isNaN(n) ? '-' : n.toFixed(digits));

export const fmtSpread = (s: Spread, digits = 1): string => `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;

export const rssMb = (): number => process.memoryUsage().rss / 1048576;

/** A tiny seeded PRNG (mulberry32) so synthetic data is the same in every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
