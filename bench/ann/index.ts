/** ANN-quality part of the benchmark (see bench/ann/README.md). */
export { BruteForceIndex, naiveDot, type ExactSearchResult } from './brute-force.js';
export {
  ClusteredDistribution,
  makeDataset,
  meanRandomPairCosine,
  normalizeRows,
  randomUnitVectors,
  Rng,
  type ClusteredOptions,
  type Dataset,
  type DatasetKind,
} from './vectors.js';
export {
  buildHnsw,
  estimateNapiConvertSecondsPerPoint,
  fillRow,
  hnswTheoreticalBytes,
  latencyStats,
  makeLabelMask,
  queryToArray,
  rowToArray,
  runAnnQuality,
  type AnnQualityOptions,
  type AnnQualityResult,
  type BuildBreakdown,
  type BuildMode,
  type BuiltHnsw,
  type EfSearchPoint,
  type FilterResult,
  type LatencyStats,
  type MemoryStats,
} from './ann-quality.js';
export { formatTable, parseArgs } from './main.js';
export { candidates, chooseDefaults, flatten, loadResults, ROBUST_TARGETS, TARGETS, type Candidate, type SweepRow, type Targets } from './summarize.js';
