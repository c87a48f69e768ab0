/**
 * Summarise sweep results (JSON lines written by `main.ts --out`) into one flat table and pick
 * the smallest HNSW parameters that meet the targets.
 *
 *   npx tsx bench/ann/summarize.ts bench/ann/results/sweep-clustered.jsonl [more.jsonl ...]
 *
 * Targets (never loosened): recall@10 >= 0.99 at EVERY size in the sweep (10k and 100k) and
 * speed-up >= 50x over the fair JS brute force at the largest size (100k).
 * "Smallest" = lexicographic (m, efConstruction, efSearch): m drives memory, efConstruction build
 * time, efSearch query time; the per-(m, efC) minimum efSearch is listed too.
 */
import { readFileSync } from 'node:fs';
import type { AnnQualityResult } from './ann-quality.js';
import type { DatasetKind } from './vectors.js';

export interface SweepRow {
  /** Identifies one benchmark run (file:line), i.e. one dataset seed / one build per size. */
  run: string;
  n: number;
  dataset: DatasetKind;
  m: number;
  efConstruction: number;
  efSearch: number;
  recallAt10: number;
  hnswP50: number;
  hnswP95: number;
  hnswMean: number;
  bruteP50: number;
  speedup: number;
  buildSeconds: number;
  jsCopySeconds: number;
  hnswAddSeconds: number;
}

export interface Targets {
  minRecall: number;
  minSpeedup: number;
}

export const TARGETS: Targets = { minRecall: 0.99, minSpeedup: 50 };

/**
 * The same targets plus a noise margin, for picking defaults that *reliably* meet them:
 * recall +0.001 (~1 standard error of recall@10 over 500 queries) and speed-up x1.2 (query
 * timings on the shared 2-core box drift by ~+-20% between runs). The targets themselves are
 * never lowered; this only rejects configurations that pass by a hair.
 */
export const ROBUST_TARGETS: Targets = { minRecall: 0.991, minSpeedup: 60 };

export interface LoadedResult {
  run: string;
  result: AnnQualityResult;
}

export function loadResults(files: string[]): LoadedResult[] {
  const out: LoadedResult[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const parsed = JSON.parse(line) as { annQuality: AnnQualityResult[] };
        for (const result of parsed.annQuality) out.push({ run: `${file}:${i + 1}`, result });
      });
  }
  return out;
}

export function flatten(results: LoadedResult[]): SweepRow[] {
  const rows: SweepRow[] = [];
  for (const { run, result: r } of results) {
    for (const e of r.efSweep) {
      rows.push({
        run,
        n: r.n,
        dataset: r.dataset,
        m: r.params.m,
        efConstruction: r.params.efConstruction,
        efSearch: e.efSearch,
        recallAt10: e.recallAt10,
        hnswP50: e.hnswQueryMs.p50,
        hnswP95: e.hnswQueryMs.p95,
        hnswMean: e.hnswQueryMs.mean,
        bruteP50: r.bruteQueryMs.p50,
        speedup: e.speedup,
        buildSeconds: r.buildSeconds,
        jsCopySeconds: r.buildBreakdown.jsCopySeconds,
        hnswAddSeconds: r.buildBreakdown.hnswAddSeconds,
      });
    }
  }
  return rows;
}

export interface Candidate {
  dataset: DatasetKind;
  m: number;
  efConstruction: number;
  efSearch: number;
  /** Row per size, ascending n. */
  perSize: SweepRow[];
  meets: boolean;
}

/**
 * For each (dataset, m, efC, efS) measured anywhere, check the targets in EVERY run (file line =
 * one dataset seed, one build per size) of that (dataset, m, efC), at every size.
 * A run that did not measure this exact efS is judged conservatively from its neighbours,
 * using that recall never falls and speed-up never rises as efS grows on a fixed index:
 * recall from the largest measured efS' <= efS, speed-up from the smallest measured efS' >= efS.
 * If a run has no such neighbour, the candidate is not judged (skipped).
 */
export function candidates(rows: SweepRow[], targets: Targets = TARGETS): Candidate[] {
  const EPS = 1e-9; // recall is a mean of 0.1-steps; 0.99 must not fail on 0.98999999...
  const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  const largestN = sizes[sizes.length - 1];
  // (dataset|m|efC) -> (run|n) -> rows sorted by efS
  const builds = new Map<string, Map<string, SweepRow[]>>();
  for (const r of rows) {
    const key = `${r.dataset}|${r.m}|${r.efConstruction}`;
    const byRun = builds.get(key) ?? new Map<string, SweepRow[]>();
    const list = byRun.get(`${r.run}|${r.n}`) ?? [];
    list.push(r);
    byRun.set(`${r.run}|${r.n}`, list);
    builds.set(key, byRun);
  }
  const out: Candidate[] = [];
  for (const byRun of builds.values()) {
    for (const list of byRun.values()) list.sort((a, b) => a.efSearch - b.efSearch);
    const all = [...byRun.values()].flat();
    const present = new Set(all.map((r) => r.n));
    if (!sizes.every((n) => present.has(n))) continue;
    const efs = [...new Set(all.map((r) => r.efSearch))].sort((a, b) => a - b);
    for (const ef of efs) {
      let judged = true;
      let meets = true;
      const worst = new Map<number, SweepRow>();
      for (const [runKey, list] of byRun) {
        const n = Number(runKey.slice(runKey.lastIndexOf('|') + 1));
        const below = [...list].reverse().find((r) => r.efSearch <= ef);
        const above = list.find((r) => r.efSearch >= ef);
        if (!below || (n === largestN && !above)) {
          judged = false;
          break;
        }
        const view: SweepRow = { ...below, efSearch: ef, speedup: above ? above.speedup : below.speedup };
        if (view.recallAt10 + EPS < targets.minRecall) meets = false;
        if (n === largestN && view.speedup < targets.minSpeedup) meets = false;
        const w = worst.get(n);
        if (!w || view.recallAt10 < w.recallAt10) worst.set(n, view);
      }
      if (!judged) continue;
      const first = all[0]!;
      out.push({
        dataset: first.dataset,
        m: first.m,
        efConstruction: first.efConstruction,
        efSearch: ef,
        perSize: sizes.map((n) => worst.get(n)!),
        meets,
      });
    }
  }
  return out.sort((a, b) => a.m - b.m || a.efConstruction - b.efConstruction || a.efSearch - b.efSearch);
}

export function chooseDefaults(rows: SweepRow[], dataset: DatasetKind, targets: Targets = TARGETS): Candidate | undefined {
  return candidates(rows, targets).find((c) => c.dataset === dataset && c.meets);
}

function fmtTable(rows: SweepRow[]): string {
  const header = ['n', 'dataset', 'm', 'efC', 'efS', 'recall@10', 'hnsw p50', 'hnsw p95', 'brute p50', 'speedup', 'build s', 'js s', 'addPoint s'];
  const cells = rows.map((r) => [
    String(r.n),
    r.dataset,
    String(r.m),
    String(r.efConstruction),
    String(r.efSearch),
    r.recallAt10.toFixed(4),
    r.hnswP50.toFixed(3),
    r.hnswP95.toFixed(3),
    r.bruteP50.toFixed(2),
    r.speedup.toFixed(1),
    r.buildSeconds.toFixed(1),
    r.jsCopySeconds.toFixed(2),
    r.hnswAddSeconds.toFixed(1),
  ]);
  const w = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((x, i) => x.padStart(w[i]!)).join('  ');
  return [line(header), line(w.map((x) => '-'.repeat(x))), ...cells.map(line)].join('\n');
}

function main(): void {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: npx tsx bench/ann/summarize.ts results.jsonl [...]\n');
    process.exit(2);
  }
  const rows = flatten(loadResults(files)).sort(
    (a, b) => a.dataset.localeCompare(b.dataset) || a.m - b.m || a.efConstruction - b.efConstruction || a.n - b.n || a.efSearch - b.efSearch,
  );
  process.stdout.write(fmtTable(rows) + '\n\n');
  const cands = candidates(rows);
  for (const dataset of [...new Set(rows.map((r) => r.dataset))]) {
    process.stdout.write(`${dataset}: minimal efSearch meeting targets per (m, efC):\n`);
    const combos = [...new Set(cands.filter((c) => c.dataset === dataset).map((c) => `${c.m}|${c.efConstruction}`))];
    for (const combo of combos) {
      const best = cands.find((c) => c.dataset === dataset && `${c.m}|${c.efConstruction}` === combo && c.meets);
      const [m, efc] = combo.split('|');
      if (!best) {
        const all = cands.filter((c) => c.dataset === dataset && `${c.m}|${c.efConstruction}` === combo);
        if (all.length === 0) continue;
        const bestRecall = all.reduce((a, b) => (Math.min(...b.perSize.map((r) => r.recallAt10)) > Math.min(...a.perSize.map((r) => r.recallAt10)) ? b : a));
        process.stdout.write(
          `  m=${m} efC=${efc}: NONE (best min-recall ${Math.min(...bestRecall.perSize.map((r) => r.recallAt10)).toFixed(4)} ` +
            `at efS=${bestRecall.efSearch}, speedup@max-n ${bestRecall.perSize[bestRecall.perSize.length - 1]!.speedup.toFixed(1)}x)\n`,
        );
        continue;
      }
      process.stdout.write(
        `  m=${m} efC=${efc}: efS=${best.efSearch}  ` +
          best.perSize.map((r) => `n=${r.n} recall ${r.recallAt10.toFixed(4)} speedup ${r.speedup.toFixed(1)}x`).join(', ') +
          '\n',
      );
    }
    const choice = chooseDefaults(rows, dataset);
    process.stdout.write(
      `  => smallest (m, efC, efS) meeting targets in every run: ${choice ? `(${choice.m}, ${choice.efConstruction}, ${choice.efSearch})` : 'none'}\n`,
    );
    const robust = chooseDefaults(rows, dataset, ROBUST_TARGETS);
    process.stdout.write(
      `  => smallest meeting them with noise margin (recall >= ${ROBUST_TARGETS.minRecall}, speed-up >= ${ROBUST_TARGETS.minSpeedup}x): ` +
        `${robust ? `(${robust.m}, ${robust.efConstruction}, ${robust.efSearch})` : 'none'}\n`,
    );
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) main();
