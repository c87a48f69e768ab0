/**
 * `npm run bench [-- --smoke] [--out file.json]`: the product's performance on this machine.
 * Prints a table and writes the same figures as JSON. Ratios are measured side by side in one
 * run; absolute times on shared 2-core machines are noisy, so repeated figures show median (range).
 */
import { execFile } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { loadDotenv } from '../src/config/dotenv.js';
import { loadEngineConfig, type EngineConfig } from '../src/config/engine-config.js';
import { embedderOptionsFrom, loadEmbedder } from '../src/embed/embedder.js';
import { buildIndex } from '../src/index/build-index.js';
import { DEFAULT_HNSW_PARAMS } from '../src/config/index-params.js';
import { benchPeer } from './peer/main.js';
import { runAnnQuality, type AnnQualityResult } from './ann/ann-quality.js';
import { runEmbeddingThroughput, type ThroughputResult } from './embedding-throughput.js';
import { runHardeningBenchmark, type HardeningResult } from './hardening.js';
import { runPostgresBench, type PostgresBenchRow } from './postgres.js';
import { runConversationState, type ConversationStateResult } from './conversation-state.js';
import { runQueryLatency, type QueryLatencyResult } from './query-latency.js';
import { fmt, fmtSpread, spread, type Spread } from './lib/stats.js';
import { realSentences, syntheticPassages, writeSyntheticCorpus } from './lib/synthetic.js';
import { realBase, writeSyntheticIndex } from './lib/synthetic-index.js';

const REPO = path.resolve(import.meta.dirname, '..');
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
const program = new Command()
  .name('npm run bench --')
  .option('--smoke', 'a quick run with small sizes (minutes, not tens of minutes)')
  .option('--out <file>', 'where to write the JSON results (default bench/results/bench.json, with --peer bench/results/peer.json)')
  .option('--sizes <list>', 'passage counts for query latency', '1000,10000,100000')
  .option('--articles <n>', 'synthetic articles for the index-build benchmark', '2000')
  .option('--rounds <n>', 'repeats for repeated figures', '5')
  .option('--skip <list>', 'sections to skip: embed,build,incremental,query,ann,cold,hardening,conversation,postgres', '')
  .option('--peer', 'instead: Newsdesk side by side with the plain LangChain.js recipe (bench/peer/), as ratios')
  .option('--peer-corpus <seedsDir>', 'peer: another corpus with evidence (repeatable; pairs with --peer-questions)', collect, [])
  .option('--peer-questions <file>', 'peer: its questions file (JSONL with evidence; repeatable)', collect, [])
  .option('--peer-reports <list>', 'peer: synthetic corpus sizes in short reports (0: retrieval only)', '1000,10000')
  .option('--peer-queries <n>', 'peer: measured queries per side and size', '300');
loadDotenv();
program.parse();
const opts = program.opts<{
  smoke?: boolean;
  out?: string;
  sizes: string;
  articles: string;
  rounds: string;
  skip: string;
  peer?: boolean;
  peerCorpus: string[];
  peerQuestions: string[];
  peerReports: string;
  peerQueries: string;
}>();
const smoke = Boolean(opts.smoke);
const sizes = smoke ? [1000, 10000] : opts.sizes.split(',').map(Number);
const articles = smoke ? 100 : Number(opts.articles);
const rounds = smoke ? 2 : Number(opts.rounds);
const skip = new Set(opts.skip.split(',').filter(Boolean));
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

const base = loadEngineConfig();
if (!base.modelDir) log('MODEL_DIR is not set: the model loads from the Hugging Face Hub (or its cache).');
const modelDir = base.modelDir ?? path.join(REPO, '.cache/models');
const sentences = await realSentences(path.join(REPO, 'seeds'));
const questions = readFileSync(path.join(REPO, '../shared/eval/questions.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { question: string }).question)
  .concat(['What did Emmanuel Macron say about the peace plan?', 'what did Yermack say?']);

if (opts.peer) {
  try {
    await benchPeer({
      repo: REPO,
      modelDir,
      modelId: base.modelId,
      smoke,
      out: opts.out ?? path.join(REPO, 'bench/results/peer.json'),
      reports: smoke
        ? [100, 400]
        : opts.peerReports
            .split(',')
            .map(Number)
            .filter((n) => n > 0),
      queries: smoke ? 30 : Number(opts.peerQueries),
      extraCorpora: opts.peerCorpus,
      extraQuestions: opts.peerQuestions,
      sentences,
      questions,
      log,
    });
    process.exit(0);
  } catch (e) {
    process.stderr.write(`bench --peer: ${(e as Error).message}\n`);
    process.exit(1);
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-bench-'));
const configFor = (seedsDir: string, indexDir: string): EngineConfig => ({ ...base, seedsDir, indexDir });
const outFile = opts.out ?? path.join(REPO, 'bench/results/bench.json');

interface Results {
  machine: { cpus: number; model: string; node: string; date: string; smoke: boolean };
  params: typeof DEFAULT_HNSW_PARAMS;
  embedding?: ThroughputResult;
  build?: {
    seeds: { passages: number; seconds: Spread; passagesPerSecond: Spread };
    synthetic: { articles: number; passages: number; seconds: number; passagesPerSecond: number; timings: Record<string, number> };
  };
  incremental?: { noChangeSeconds: Spread; addOneSeconds: Spread; addOneEmbedded: number };
  query?: QueryLatencyResult[];
  ann?: AnnQualityResult[];
  cold?: { passages: number; wallMs: Spread; openMs: Spread; rssMb: Spread }[];
  hardening?: HardeningResult;
  /** Writing the synthetic index of each size to files (the postgres rows write the same passages). */
  filesWrite?: { passages: number; seconds: number; passagesPerSecond: number }[];
  postgres?: PostgresBenchRow[];
  conversation?: ConversationStateResult[];
  targets?: { name: string; target: string; measured: string; met: boolean }[];
}
const results: Results = {
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '?', node: process.version, date: new Date().toISOString(), smoke },
  params: DEFAULT_HNSW_PARAMS,
};

const embedder = await loadEmbedder(embedderOptionsFrom(base));

// 1. Embedding throughput: ours vs raw onnxruntime-node on the same batches.
if (!skip.has('embed')) {
  log('embedding throughput…');
  results.embedding = await runEmbeddingThroughput({
    modelId: base.modelId,
    modelDir,
    texts: syntheticPassages(sentences, smoke ? 64 : 256),
    batchSize: base.embedBatchSize,
    rounds,
    compareXenova: true,
  });
}

// 2. Index build: the seeds (repeated), and a synthetic corpus of recombined real sentences.
const synthSeeds = path.join(work, 'synthetic-seeds');
const synthIndex = path.join(work, 'synthetic-index');
if (!skip.has('build') || !skip.has('incremental')) {
  log(`index build: seeds ×${rounds}, then ${articles} synthetic articles…`);
  const seedRuns: number[] = [];
  let seedPassages = 0;
  for (let i = 0; i < rounds; i++) {
    const { summary } = await buildIndex(configFor(path.join(REPO, 'seeds'), path.join(work, 'seeds-index')), embedder, { full: true });
    seedRuns.push(summary.seconds);
    seedPassages = summary.passageCount;
  }
  writeSyntheticCorpus(synthSeeds, sentences, articles);
  const { summary } = await buildIndex(configFor(synthSeeds, synthIndex), embedder, { full: true });
  results.build = {
    seeds: { passages: seedPassages, seconds: spread(seedRuns), passagesPerSecond: spread(seedRuns.map((s) => seedPassages / s)) },
    synthetic: {
      articles,
      passages: summary.passageCount,
      seconds: summary.seconds,
      passagesPerSecond: summary.passageCount / summary.seconds,
      timings: summary.timings,
    },
  };
}

// 6. Incremental re-index on the synthetic corpus: nothing changed; one article added.
if (!skip.has('incremental')) {
  log('incremental re-index…');
  const cfg = configFor(synthSeeds, synthIndex);
  const none: number[] = [];
  for (let i = 0; i < rounds; i++) none.push((await buildIndex(cfg, embedder)).summary.seconds);
  const add: number[] = [];
  let embedded = 0;
  for (let i = 0; i < Math.min(rounds, 3); i++) {
    writeFileSync(path.join(synthSeeds, `added_${i}.txt`), `Added report ${i}\n\n${syntheticPassages(sentences, 4, 500 + i).join('\n\n')}\n`);
    const { summary } = await buildIndex(cfg, embedder);
    add.push(summary.seconds);
    embedded = summary.embeddedCount;
  }
  results.incremental = { noChangeSeconds: spread(none), addOneSeconds: spread(add), addOneEmbedded: embedded };
}

// 3 + 5. Query latency per stage at each size, then cold start on the same indexes.
const indexDirs = new Map<number, string>();
const baseVectors =
  !skip.has('query') || !skip.has('cold') || !skip.has('postgres') ? await realBase(embedder, sentences, Math.min(1000, Math.max(...sizes))) : undefined;
const syntheticOptions = baseVectors && {
  base: baseVectors,
  sentences,
  modelId: base.modelId,
  dims: embedder.dims,
  pooling: embedder.profile.pooling,
  hnsw: base.hnsw,
};
if (syntheticOptions && (!skip.has('query') || !skip.has('cold'))) {
  results.filesWrite = [];
  for (const n of sizes) {
    const dir = path.join(work, `index-${n}`);
    log(`synthetic index of ${n} passages…`);
    const { writeSeconds } = await writeSyntheticIndex(dir, { ...syntheticOptions, n });
    results.filesWrite.push({ passages: n, seconds: writeSeconds, passagesPerSecond: n / writeSeconds });
    indexDirs.set(n, dir);
  }
}
if (!skip.has('query')) {
  results.query = [];
  for (const n of sizes) {
    log(`query latency at ${n} passages…`);
    results.query.push(await runQueryLatency(configFor(synthSeeds, indexDirs.get(n)!), embedder, questions, smoke ? 50 : 200));
  }
}
const coldChild = path.join(REPO, 'dist/bench/cold-start-child.js');
if (!skip.has('cold') || !skip.has('postgres')) {
  // Cold start is measured on the compiled JS that `npm start` runs (the tsx loader alone adds ~150 MB).
  log('compiling (npm run build) for the cold-start runs…');
  await promisify(execFile)(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', path.join(REPO, 'tsconfig.build.json')], {
    cwd: REPO,
  });
}
if (!skip.has('cold')) {
  const run = promisify(execFile);
  results.cold = [];
  for (const n of sizes.filter((s) => s >= 10000)) {
    log(`cold start at ${n} passages…`);
    const wall: number[] = [];
    const open: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < Math.min(rounds, 3); i++) {
      const t = performance.now();
      const { stdout } = await run(process.execPath, [path.join(REPO, 'dist/bench/cold-start-child.js')], {
        cwd: REPO,
        env: { ...process.env, INDEX_DIR: indexDirs.get(n)!, SEEDS_DIR: synthSeeds, MODEL_DIR: modelDir },
      });
      wall.push(performance.now() - t);
      const r = JSON.parse(stdout.trim().split('\n').pop()!) as { openMs: number; rssMb: number };
      open.push(r.openMs);
      rss.push(r.rssMb);
    }
    results.cold.push({ passages: n, wallMs: spread(wall), openMs: spread(open), rssMb: spread(rss) });
  }
}
// 8. The same sizes in PostgreSQL + pgvector (`npm run db:local`), beside the files rows above.
if (!skip.has('postgres') && syntheticOptions) {
  const pgSizes = sizes.filter((n) => n >= 10000);
  results.postgres = await runPostgresBench({
    sizes: pgSizes.length ? pgSizes : sizes,
    data: syntheticOptions,
    config: configFor(synthSeeds, path.join(work, 'unused')),
    embedder,
    questions,
    queries: smoke ? 50 : 200,
    coldChild,
    log,
  });
}
// 7. Linear-time text handling and a responsive re-index (issue #11).
if (!skip.has('hardening')) {
  results.hardening = await runHardeningBenchmark({
    config: configFor(path.join(REPO, 'seeds'), path.join(work, 'unused')),
    embedder,
    seedsDir: path.join(REPO, 'seeds'),
    rounds,
    smoke,
    log: (m) => log(m),
  });
}
await embedder.dispose();

// 4. ANN quality: HNSW with the shipped parameters against a fair brute force.
if (!skip.has('ann')) {
  log('ANN quality (clustered, embedding-like vectors)…');
  results.ann = await runAnnQuality({
    sizes: sizes.filter((s) => s >= 10000),
    queries: smoke ? 50 : 200,
    k: 10,
    params: DEFAULT_HNSW_PARAMS,
    dataset: 'clustered',
    filterFraction: 0.2,
    log: (m) => log(`  ${m}`),
  });
}
rmSync(work, { recursive: true, force: true });

// 8. Conversation state: memory stays bounded however many people talk to the bot (issue #16).
if (!skip.has('conversation')) {
  log('Conversation state (10,000 and 20,000 simulated users)…');
  results.conversation = await runConversationState([10000, 20000]);
}

// Targets.
const targets: NonNullable<Results['targets']> = [];
const q10k = results.query?.find((q) => q.passages === 10000);
if (q10k)
  targets.push({ name: 'total query p95 at 10k passages', target: '≤ 50 ms', measured: `${fmt(q10k.stages.total.p95)} ms`, met: q10k.stages.total.p95 <= 50 });
const ann100k = results.ann?.find((a) => a.n === 100000);
if (ann100k) {
  targets.push({ name: 'ANN recall@10 at 100k', target: '≥ 0.99', measured: fmt(ann100k.recallAt10, 3), met: ann100k.recallAt10 >= 0.99 });
  targets.push({ name: 'ANN speed-up over fair brute force at 100k', target: '≥ 50×', measured: `${fmt(ann100k.speedup)}×`, met: ann100k.speedup >= 50 });
}
if (results.embedding)
  targets.push({
    name: 'embedding throughput vs raw ONNX Runtime',
    target: '≥ 0.9×',
    measured: `${fmt(results.embedding.ratio.median, 2)}×`,
    met: results.embedding.ratio.median >= 0.9,
  });
if (results.incremental)
  targets.push({
    name: `no-change re-index (${articles} articles)`,
    target: '≤ 1 s',
    measured: `${fmt(results.incremental.noChangeSeconds.median, 2)} s`,
    met: results.incremental.noChangeSeconds.median <= 1,
  });
const cold100k = results.cold?.find((c) => c.passages === 100000);
if (cold100k)
  targets.push({
    name: 'RSS after load at 100k passages',
    target: '≤ 500 MB',
    measured: `${fmt(cold100k.rssMb.median, 0)} MB`,
    met: cold100k.rssMb.median <= 500,
  });
const hard = results.hardening;
if (hard) {
  targets.push({
    name: `chunking ${hard.chunk.largeKb} KB vs ${hard.chunk.smallKb} KB (linear)`,
    target: '≈ 10× (≤ 15×)',
    measured: `${fmt(hard.chunk.ratio.median, 1)}×`,
    met: hard.chunk.ratio.median <= 15,
  });
  targets.push({
    name: `largest event-loop delay during a re-index (${hard.reindex.articleKb} KB article)`,
    target: "< 3 s (Discord's deadline)",
    measured: `${fmt(hard.reindex.maxDelayMs, 0)} ms`,
    met: hard.reindex.maxDelayMs < 3000,
  });
}
const conv10k = results.conversation?.find((c) => c.users === 10000);
if (conv10k)
  targets.push({
    name: 'conversation state, 10,000 users (4 turns each)',
    target: '≤ 64 MB',
    measured: `${fmt(conv10k.heapMb, 1)} MB`,
    met: conv10k.heapMb <= 64,
  });
const conv20k = results.conversation?.find((c) => c.users === 20000);
if (conv20k)
  targets.push({
    name: 'conversations held with 20,000 users (LRU bound 10,000)',
    target: '≤ 10,000',
    measured: String(conv20k.conversations),
    met: conv20k.conversations <= 10000,
  });
results.targets = targets;

// Report.
const out: string[] = [];
const m = results.machine;
out.push(
  `Benchmark ${m.date} — ${m.cpus}× ${m.model}, Node ${m.node}${smoke ? ' (smoke)' : ''}; HNSW m=${results.params.m} efConstruction=${results.params.efConstruction} efSearch=${results.params.efSearch}`,
);
if (results.embedding) {
  const e = results.embedding;
  out.push(
    '',
    `Embedding throughput (${e.passages} passages, batches of ${base.embedBatchSize}, median (min–max) of ${rounds} interleaved rounds, passages/s):`,
  );
  out.push(`  ours (Embedder)             ${fmtSpread(e.ours)}`);
  out.push(`  raw onnxruntime-node        ${fmtSpread(e.raw)}`);
  out.push(`  ours / raw                  ${fmtSpread(e.ratio, 2)}`);
  out.push(`  @huggingface/transformers   ${fmtSpread(e.hfPipeline)}`);
  if (e.xenovaPipeline) out.push(`  @xenova/transformers        ${fmtSpread(e.xenovaPipeline)}`);
}
if (results.build) {
  const b = results.build;
  out.push('', 'Index build (--full):');
  out.push(`  seeds: ${b.seeds.passages} passages in ${fmtSpread(b.seeds.seconds, 2)} s → ${fmtSpread(b.seeds.passagesPerSecond)} passages/s`);
  out.push(
    `  synthetic: ${b.synthetic.articles} articles, ${b.synthetic.passages} passages in ${fmt(b.synthetic.seconds)} s → ${fmt(b.synthetic.passagesPerSecond)} passages/s`,
  );
  out.push(
    `  where the time goes: ${Object.entries(b.synthetic.timings)
      .map(([k, v]) => `${k} ${fmt(v, 2)} s (${fmt((100 * v) / b.synthetic.seconds, 0)}%)`)
      .join(', ')}`,
  );
}
if (results.incremental) {
  const i = results.incremental;
  out.push(
    '',
    `Incremental re-index (${articles} articles): no change ${fmtSpread(i.noChangeSeconds, 3)} s; one article added ${fmtSpread(i.addOneSeconds, 2)} s (${i.addOneEmbedded} passages embedded)`,
  );
}
if (results.query) {
  out.push('', 'Warm query latency, ms (p50 / p95 / p99):');
  out.push(`  ${'passages'.padEnd(9)} ${['embed', 'dense', 'keyword', 'fuse', 'compose', 'total'].map((s) => s.padEnd(20)).join('')}`);
  for (const q of results.query) {
    out.push(
      `  ${String(q.passages).padEnd(9)} ${(['embed', 'dense', 'keyword', 'fuse', 'compose', 'total'] as const).map((s) => `${fmt(q.stages[s].p50)} / ${fmt(q.stages[s].p95)} / ${fmt(q.stages[s].p99)}`.padEnd(20)).join('')}`,
    );
  }
}
if (results.ann) {
  out.push('', 'ANN quality (clustered embedding-like vectors, shipped parameters):');
  for (const a of results.ann) {
    out.push(
      `  n=${a.n}: recall@10 ${fmt(a.recallAt10, 3)}, hnsw ${fmt(a.hnswQueryMs.p50, 3)} ms p50, brute ${fmt(a.bruteQueryMs.p50, 2)} ms p50, speed-up ${fmt(a.speedup)}×, build ${fmt(a.buildSeconds)} s (JS copy ${fmt(a.buildBreakdown.jsCopySeconds, 2)} s, hnswlib ${fmt(a.buildBreakdown.hnswAddSeconds, 1)} s → bound by ${a.buildBoundBy})${a.filter ? `, filtered search ×${fmt(a.filter.costRatio, 2)} cost` : ''}`,
    );
  }
}
if (results.cold) {
  out.push('', 'Cold start (process start → first answer; model + index load):');
  for (const c of results.cold)
    out.push(`  ${c.passages} passages: ${fmtSpread(c.wallMs, 0)} ms wall, open ${fmtSpread(c.openMs, 0)} ms, RSS ${fmtSpread(c.rssMb, 0)} MB`);
}
if (results.postgres) {
  out.push('', 'Index backends side by side (same synthetic passages; postgres = `npm run db:local`, PGlite: single-threaded WebAssembly on this machine):');
  out.push(
    `  ${'backend'.padEnd(9)} ${'passages'.padEnd(9)} ${'write s (passages/s)'.padEnd(24)} ${'query total p50 / p95 ms'.padEnd(26)} ${'dense p50'.padEnd(10)} ${'keyword p50'.padEnd(12)} ${'RSS after open'.padEnd(15)} database RSS`,
  );
  for (const pg of results.postgres) {
    const files = {
      write: results.filesWrite?.find((f) => f.passages === pg.passages),
      query: results.query?.find((q) => q.passages === pg.passages),
      cold: results.cold?.find((c) => c.passages === pg.passages),
    };
    if (files.write || files.query) {
      out.push(
        `  ${'files'.padEnd(9)} ${String(pg.passages).padEnd(9)} ${(files.write ? `${fmt(files.write.seconds)} (${fmt(files.write.passagesPerSecond, 0)})` : '–').padEnd(24)} ${(files.query ? `${fmt(files.query.stages.total.p50)} / ${fmt(files.query.stages.total.p95)}` : '–').padEnd(26)} ${(files.query ? fmt(files.query.stages.dense.p50, 2) : '–').padEnd(10)} ${(files.query ? fmt(files.query.stages.keyword.p50, 2) : '–').padEnd(12)} ${(files.cold ? `${fmt(files.cold.rssMb.median, 0)} MB` : '–').padEnd(15)} –`,
      );
    }
    out.push(
      `  ${'postgres'.padEnd(9)} ${String(pg.passages).padEnd(9)} ${`${fmt(pg.write.seconds)} (${fmt(pg.write.passagesPerSecond, 0)})`.padEnd(24)} ${`${fmt(pg.query.stages.total.p50)} / ${fmt(pg.query.stages.total.p95)}`.padEnd(26)} ${fmt(pg.query.stages.dense.p50, 2).padEnd(10)} ${fmt(pg.query.stages.keyword.p50, 2).padEnd(12)} ${`${fmt(pg.cold.rssMb, 0)} MB`.padEnd(15)} ${fmt(pg.databaseRssMb, 0)} MB`,
    );
    out.push(`    postgres write: rows ${fmt(pg.write.insertSeconds)} s, indexes + statistics + commit ${fmt(pg.write.indexSeconds)} s`);
  }
}
if (hard) {
  out.push('', 'Linear-time text handling and a responsive re-index:');
  out.push(
    `  chunking unpunctuated text: ${hard.chunk.smallKb} KB ${fmtSpread(hard.chunk.smallMs, 0)} ms, ${hard.chunk.largeKb} KB ${fmtSpread(hard.chunk.largeMs, 0)} ms → ${fmtSpread(hard.chunk.ratio, 1)}×`,
  );
  out.push(`  cleaning ${hard.clean.lines} lines ending in "...": ${fmtSpread(hard.clean.ms, 0)} ms`);
  const r = hard.reindex;
  out.push(
    `  re-index of a ${r.articleKb} KB article through Engine.reindex (child process): ${fmt(r.seconds)} s, largest event-loop delay ${fmt(r.maxDelayMs, 0)} ms (p99 ${fmt(r.p99DelayMs, 0)} ms)`,
  );
  out.push(
    `    same article indexed on the event loop (in-process buildIndex, for reference): ${fmt(r.inProcessSeconds)} s, largest event-loop delay ${fmt(r.inProcessMaxDelayMs, 0)} ms`,
  );
  out.push(`    memory: indexing process peak RSS ${fmt(r.childPeakRssMb, 0)} MB; asking process RSS ${fmt(r.rssBeforeMb, 0)} → ${fmt(r.rssAfterMb, 0)} MB`);
}
if (results.conversation) {
  out.push('', 'Conversation state (default bounds: 4 turns, 30 min, at most 10,000 conversations; 6 questions per user):');
  for (const c of results.conversation) {
    out.push(
      `  ${c.users} users: ${c.conversations} conversations, ${c.turnsKept} turns, heap ${fmt(c.heapMb, 1)} MB (${fmt(c.bytesPerConversation / 1024, 1)} KB per conversation), ${fmt(c.perOpUs, 1)} µs per question`,
    );
  }
}
out.push('', 'Targets:');
for (const t of targets) out.push(`  ${t.met ? 'met    ' : 'MISSED '} ${t.name}: ${t.measured} (target ${t.target})`);
const text = out.join('\n');
process.stdout.write(`${text}\n`);
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(results, null, 2));
appendFileSync(outFile.replace(/\.json$/, '.txt'), `${text}\n\n`);
log(`results written to ${outFile}`);
