/**
 * CLI for the ANN-quality benchmark.
 *
 *   npx tsx bench/ann/main.ts [--sizes 10000,100000] [--queries 200] [--k 10]
 *       [--dataset random|clustered] [--m 16 --ef-construction 200 --ef-search 100]
 *       [--ef-sweep 50,100,200] [--filter 0.2] [--build-mode fresh-arrays|reused-buffer]
 *       [--native-brute] [--seed 42] [--out results.jsonl]
 *
 * Defaults for m / efConstruction / efSearch are the shipped DEFAULT_HNSW_PARAMS.
 * Prints a table to stdout, then one JSON line (`{"annQuality": [...]}`); --out also appends
 * that JSON line to a file. Run with NODE_OPTIONS=--expose-gc for cleaner RSS numbers.
 */
import { appendFileSync } from 'node:fs';
import { DEFAULT_HNSW_PARAMS } from '../../src/config/index-params.js';
import { runAnnQuality, type AnnQualityResult, type BuildMode } from './ann-quality.js';
import type { DatasetKind } from './vectors.js';

interface CliArgs {
  sizes: number[];
  queries: number;
  k: number;
  dataset: DatasetKind;
  m: number;
  efConstruction: number;
  efSearch: number;
  efSweep: number[];
  filter?: number;
  buildMode: BuildMode;
  nativeBrute: boolean;
  seed: number;
  out?: string;
}

function usage(msg?: string): never {
  if (msg) process.stderr.write(`error: ${msg}\n`);
  process.stderr.write(
    'usage: npx tsx bench/ann/main.ts [--sizes 10000,100000] [--queries 200] [--k 10] ' +
      '[--dataset random|clustered] [--m N] [--ef-construction N] [--ef-search N] [--ef-sweep a,b,c] ' +
      '[--filter 0.2] [--build-mode fresh-arrays|reused-buffer] [--native-brute] [--seed N] [--out file]\n',
  );
  process.exit(msg ? 2 : 0);
}

function parseIntList(s: string, name: string): number[] {
  const xs = s.split(',').map((x) => Number(x.trim().replace(/_/g, '')));
  if (xs.length === 0 || xs.some((x) => !Number.isInteger(x) || x <= 0)) usage(`${name} must be positive integers`);
  return xs;
}

function parsePositiveInt(s: string | undefined, name: string): number {
  const x = Number(s);
  if (!Number.isInteger(x) || x <= 0) usage(`${name} must be a positive integer`);
  return x;
}

export function parseArgs(argv: string[]): CliArgs {
  const a: CliArgs = {
    sizes: [10_000, 100_000],
    queries: 200,
    k: 10,
    dataset: 'clustered',
    m: DEFAULT_HNSW_PARAMS.m,
    efConstruction: DEFAULT_HNSW_PARAMS.efConstruction,
    efSearch: DEFAULT_HNSW_PARAMS.efSearch,
    efSweep: [],
    buildMode: 'fresh-arrays',
    nativeBrute: false,
    seed: 42,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--sizes':
        a.sizes = parseIntList(val(), '--sizes');
        break;
      case '--queries':
        a.queries = parsePositiveInt(val(), '--queries');
        break;
      case '--k':
        a.k = parsePositiveInt(val(), '--k');
        break;
      case '--dataset': {
        const v = val();
        if (v !== 'random' && v !== 'clustered') usage('--dataset must be random or clustered');
        a.dataset = v;
        break;
      }
      case '--m':
        a.m = parsePositiveInt(val(), '--m');
        break;
      case '--ef-construction':
      case '--efc':
        a.efConstruction = parsePositiveInt(val(), '--ef-construction');
        break;
      case '--ef-search':
      case '--efs':
        a.efSearch = parsePositiveInt(val(), '--ef-search');
        break;
      case '--ef-sweep':
        a.efSweep = parseIntList(val(), '--ef-sweep');
        break;
      case '--filter': {
        const f = Number(val());
        if (!(f > 0 && f <= 1)) usage('--filter must be in (0, 1]');
        a.filter = f;
        break;
      }
      case '--build-mode': {
        const v = val();
        if (v !== 'fresh-arrays' && v !== 'reused-buffer') usage('--build-mode must be fresh-arrays or reused-buffer');
        a.buildMode = v;
        break;
      }
      case '--native-brute':
        a.nativeBrute = true;
        break;
      case '--seed':
        a.seed = parsePositiveInt(val(), '--seed');
        break;
      case '--out':
        a.out = val();
        break;
      case '-h':
      case '--help':
        usage();
        break;
      default:
        usage(`unknown argument ${flag}`);
    }
  }
  return a;
}

const f = (x: number | undefined, digits: number): string => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));

export function formatTable(results: AnnQualityResult[]): string {
  const header = [
    'n',
    'dataset',
    'm',
    'efC',
    'efS',
    'recall@k',
    'hnsw p50',
    'hnsw p95',
    'hnsw mean',
    'brute p50',
    'brute mean',
    'speedup',
    'build s',
    'js copy s',
    'addPoint s',
    'rss MB',
  ];
  const rows: string[][] = [];
  for (const r of results) {
    for (const e of r.efSweep) {
      const isMain = e.efSearch === r.params.efSearch;
      rows.push([
        String(r.n),
        r.dataset,
        String(r.params.m),
        String(r.params.efConstruction),
        String(e.efSearch) + (isMain && r.efSweep.length > 1 ? '*' : ''),
        f(e.recallAt10, 4),
        f(e.hnswQueryMs.p50, 3),
        f(e.hnswQueryMs.p95, 3),
        f(e.hnswQueryMs.mean, 3),
        f(r.bruteQueryMs.p50, 2),
        f(r.bruteQueryMs.mean, 2),
        f(e.speedup, 1),
        f(r.buildSeconds, 1),
        f(r.buildBreakdown.jsCopySeconds, 2),
        f(r.buildBreakdown.hnswAddSeconds, 1),
        f(r.memory.hnswRssDeltaMB, 0),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  for (const r of results) {
    out.push(
      `n=${r.n}: build bound by ${r.buildBoundBy} (js ${f(r.buildBreakdown.jsCopySeconds, 2)}s, addPoint ` +
        `${f(r.buildBreakdown.hnswAddSeconds, 1)}s of which ~${f(r.buildBreakdown.napiConvertEstimateSeconds, 2)}s N-API ` +
        `array read); query Float32Array->number[] ${f(r.queryConvertMsMean * 1000, 1)}us; ` +
        `mem: rss delta ${f(r.memory.hnswRssDeltaMB, 0)} MB, theory ${f(r.memory.hnswTheoreticalMB, 0)} MB, ` +
        `file ${f(r.memory.indexFileMB, 0)} MB (raw vectors ${f(r.memory.rawVectorsMB, 0)} MB); ` +
        `data: rand-pair cos ${f(r.datasetStats.meanRandomPairCos, 3)}, top1 cos ${f(r.datasetStats.meanTop1Cos, 3)}, ` +
        `top${r.k} cos ${f(r.datasetStats.meanTopKCos, 3)}` +
        (r.nativeBruteQueryMs ? `; native BruteforceSearch p50 ${f(r.nativeBruteQueryMs.p50, 2)}ms` : ''),
    );
    if (r.filter) {
      const x = r.filter;
      out.push(
        `n=${r.n}: filter accepting ${f(x.acceptedShare * 100, 1)}% @ef=${x.efSearch}: recall ${f(x.recallAt10, 4)}, ` +
          `p50/p95 ${f(x.hnswFilteredQueryMs.p50, 3)}/${f(x.hnswFilteredQueryMs.p95, 3)}ms vs unfiltered ` +
          `${f(x.hnswUnfilteredQueryMs.p50, 3)}/${f(x.hnswUnfilteredQueryMs.p95, 3)}ms (mean x${f(x.costRatio, 2)}), ` +
          `${f(x.callbacksPerQuery, 0)} JS callbacks/query; filtered brute p50 ${f(x.bruteFilteredQueryMs.p50, 2)}ms ` +
          `(speedup ${f(x.speedup, 1)}x); overfetch k=${x.overfetch.fetchK} ef=${x.overfetch.efSearch}: recall ` +
          `${f(x.overfetch.recallAt10, 4)}, p50 ${f(x.overfetch.queryMs.p50, 3)}ms`,
      );
    }
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const results = await runAnnQuality({
    sizes: args.sizes,
    queries: args.queries,
    k: args.k,
    dataset: args.dataset,
    seed: args.seed,
    params: { m: args.m, efConstruction: args.efConstruction, efSearch: args.efSearch },
    efSearchSweep: args.efSweep,
    filterFraction: args.filter,
    buildMode: args.buildMode,
    nativeBrute: args.nativeBrute,
  });
  process.stdout.write(formatTable(results) + '\n');
  const json = JSON.stringify({ annQuality: results });
  process.stdout.write(json + '\n');
  if (args.out) appendFileSync(args.out, json + '\n');
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
