/**
 * Linear-time text handling and a responsive re-index (issue #11), measured:
 * - chunking a 1 MB article without sentence punctuation against a 100 KB one (linear: ≈ 10×);
 * - cleaning an article of 8,108 lines ending in "..." (the teaser check compares no pairs);
 * - the largest event-loop delay of the process that asks for a re-index (`Engine.reindex`, the
 *   bot's /reindex) while a 300 KB article is indexed — in the child process it uses, and for
 *   reference when the same work runs on the event loop (`buildIndex` in-process, as main did) —
 *   with the indexing process's peak memory and the asking process's RSS.
 */
import { cpSync, mkdtempSync, rmSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { chunkArticle } from '../src/chunk/chunk-article.js';
import type { EngineConfig } from '../src/config/engine-config.js';
import type { Embedder } from '../src/embed/embedder.js';
import { Engine } from '../src/engine/engine.js';
import { buildIndex } from '../src/index/build-index.js';
import { cleanText } from '../src/ingest/clean-text.js';
import { parseArticle } from '../src/ingest/load-corpus.js';
import { spread, type Spread } from './lib/stats.js';

export interface HardeningResult {
  chunk: { smallKb: number; largeKb: number; smallMs: Spread; largeMs: Spread; ratio: Spread };
  clean: { lines: number; ms: Spread };
  reindex: {
    articleKb: number;
    seconds: number;
    /** Largest and 99th-percentile event-loop delay (ms) of the asking process during the re-index. */
    maxDelayMs: number;
    p99DelayMs: number;
    /** The same article indexed on the event loop (in-process `buildIndex`), for reference. */
    inProcessMaxDelayMs: number;
    inProcessSeconds: number;
    /** Peak RSS of the indexing child process, and the asking process's RSS before and after. */
    childPeakRssMb: number;
    rssBeforeMb: number;
    rssAfterMb: number;
  };
}

const WORDS = [
  'peskov',
  'said',
  'the',
  'talks',
  'in',
  'geneva',
  'would',
  'resume',
  'soon',
  'kyiv',
  'moscow',
  'envoy',
  'delegation',
  'ceasefire',
  'harbour',
  'grain',
];

/** An article of `kb` kilobytes without sentence punctuation (a scraped transcript). */
export function unpunctuated(kb: number): string {
  let body = 'Transcript of the Geneva briefing\n\n';
  for (let i = 0; body.length < kb * 1000; i++) body += `${WORDS[(i * 7 + (i >> 4)) % WORDS.length]} `;
  return body;
}

/** 8,108 lines ending in "...", many sharing their beginnings (the article that took 16 s to clean). */
export function teaserLines(lines = 8108): string {
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return Array.from(
    { length: lines },
    (_, i) => `Update ${i % 97}: ${Array.from({ length: 10 }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ')}...`,
  ).join('\n\n');
}

const mb = () => process.memoryUsage().rss / 1048576;

async function withDelayMonitor<T>(work: () => Promise<T>): Promise<{ value: T; maxMs: number; p99Ms: number; seconds: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const t = performance.now();
  const value = await work();
  const seconds = (performance.now() - t) / 1000;
  h.disable();
  return { value, maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, seconds };
}

export async function runHardeningBenchmark(opts: {
  config: EngineConfig;
  embedder: Embedder;
  seedsDir: string;
  rounds: number;
  smoke: boolean;
  log: (s: string) => void;
}): Promise<HardeningResult> {
  const { embedder, rounds, log } = opts;
  const count = (t: string) => embedder.countTokens(t);

  // Chunking, 100 KB vs 1 MB, interleaved rounds.
  const [smallKb, largeKb] = opts.smoke ? [50, 500] : [100, 1000];
  log(`chunking ${smallKb} KB vs ${largeKb} KB of unpunctuated text…`);
  const articles = [smallKb, largeKb].map((kb) => parseArticle('long.txt', new TextEncoder().encode(unpunctuated(kb))).article!);
  const small: number[] = [];
  const large: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [article, out] of [
      [articles[0]!, small],
      [articles[1]!, large],
    ] as const) {
      const t = performance.now();
      chunkArticle(article, count);
      out.push(performance.now() - t);
    }
  }

  log('cleaning 8,108 teaser lines…');
  const article = teaserLines();
  const clean: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    cleanText(article);
    clean.push(performance.now() - t);
  }

  // Re-index through the engine (child process) vs in-process, on a copy of the seeds.
  const articleKb = opts.smoke ? 100 : 300;
  log(`re-index of a ${articleKb} KB article: event-loop delay (child process, then in-process for reference)…`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-bench-reindex-'));
  try {
    const seedsDir = path.join(dir, 'seeds');
    cpSync(opts.seedsDir, seedsDir, { recursive: true });
    const config = { ...opts.config, seedsDir, indexDir: path.join(dir, 'embeddings') };
    const engine = await Engine.open({ config, embedder, name: 'the benchmark' });
    writeFileSync(path.join(seedsDir, 'transcript.txt'), unpunctuated(articleKb));
    global.gc?.();
    const rssBeforeMb = mb();
    const viaChild = await withDelayMonitor(() => engine.reindex());
    const rssAfterMb = mb();
    // The same article under a new name: removed + added, so the in-process run chunks and embeds it too.
    renameSync(path.join(seedsDir, 'transcript.txt'), path.join(seedsDir, 'transcript-2.txt'));
    const inProcess = await withDelayMonitor(() => buildIndex(config, embedder));
    return {
      chunk: { smallKb, largeKb, smallMs: spread(small), largeMs: spread(large), ratio: spread(large.map((l, i) => l / small[i]!)) },
      clean: { lines: 8108, ms: spread(clean) },
      reindex: {
        articleKb,
        seconds: viaChild.seconds,
        maxDelayMs: viaChild.maxMs,
        p99DelayMs: viaChild.p99Ms,
        inProcessMaxDelayMs: inProcess.maxMs,
        inProcessSeconds: inProcess.seconds,
        childPeakRssMb: viaChild.value.peakRssMb ?? NaN,
        rssBeforeMb,
        rssAfterMb,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
