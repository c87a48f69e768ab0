/**
 * `npm run bench -- --peer`: Newsdesk side by side with the plain LangChain.js recipe
 * (recipe/recipe.mjs) on the same model file and the same corpora, as ratios:
 * retrieval top-1/top-5 on corpora with evidence (one scorer for both), index build wall time and
 * peak RSS, warm query p50/p95 (queries interleaved between the sides in rounds), and the RSS of
 * the query process. Every figure of a side comes from its own child process.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { latency, type Latency } from '../lib/stats.js';
import { writeSyntheticCorpus } from '../lib/synthetic.js';
import { articleCount, readEvidenceQuestions, topK, type RetrievalCorpus, type TopK } from './corpora.js';
import { ensureRecipeInstalled } from './install-recipe.js';
import { runOnce, ServingSide, type BuiltMessage, type ProbeMessage, type SideCommand } from './protocol.js';
import { variedQueries } from './queries.js';

/** Passages per query, as the recipe's `similaritySearch(q, 5)` and `engine.search(q, { limit: 5 })`. */
const K = 5;
/** Paragraphs per synthetic report: a headline and 2×(2–4) real sentences ≈ 100–200 words. */
const REPORT_PARAGRAPHS = 2;
/** Cosine between the two sides' vectors for one text above which they run the same model file. */
const SAME_MODEL_COSINE = 0.999;
const PROBE_TEXT = 'Putin said Russia is ready to give written guarantees that it will not attack Europe.';

export interface PeerSettings {
  repo: string;
  /** Scratch folder for corpora, indexes and stores. */
  work: string;
  modelDir: string;
  modelId: string;
  smoke: boolean;
  /** Synthetic corpus sizes, in short reports. */
  reports: number[];
  /** Latency rounds and queries per side per round; warm-up queries (not measured) per side. */
  rounds: number;
  perRound: number;
  warmup: number;
  corpora: RetrievalCorpus[];
  /** Real sentences: the synthetic reports and generated queries are made of them. */
  sentences: string[];
  /** Question texts mixed into the latency queries. */
  questions: string[];
  log: (s: string) => void;
}

export interface BuildFigures {
  wallSeconds: number;
  /** CPU time of the build process (user + system, all threads). */
  cpuSeconds: number;
  peakRssMb: number;
  documents: number;
  passages: number;
}

export interface QueryFigures {
  passages: number;
  openMs: number;
  latency: Latency;
  /** RSS after loading the index and the model and answering every query. */
  rssMb: number;
  peakRssMb: number;
}

export interface RetrievalRow {
  corpus: string;
  questionsFile: string;
  articles: number;
  questions: number;
  skipped: number;
  newsdesk: TopK;
  recipe: TopK;
  recipeInstruction: TopK;
  /** Newsdesk / recipe (higher is better for Newsdesk). */
  ratio: TopK;
  build: { newsdesk: BuildFigures; recipe: BuildFigures };
}

export interface SizeRow {
  reports: number;
  build: { newsdesk: BuildFigures; recipe: BuildFigures; ratio: { wall: number; cpu: number; peakRss: number } };
  query: {
    queries: number;
    rounds: number;
    newsdesk: QueryFigures;
    recipe: QueryFigures;
    recipeInstruction: Latency;
    /** Newsdesk / recipe (lower is better for Newsdesk). */
    ratio: { p50: number; p95: number; rss: number };
  };
}

export interface PeerResults {
  model: { id: string; file: string; sha256: string; recipeLoaded: string[]; recipeLocalModelPath: string; probeCosine: number; same: boolean };
  versions: Record<string, string>;
  retrieval: RetrievalRow[];
  sizes: SizeRow[];
}

const sha256 = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });

const versionOf = (nodeModules: string, pkg: string): string => {
  try {
    return (JSON.parse(readFileSync(path.join(nodeModules, pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
};

export async function runPeer(s: PeerSettings): Promise<PeerResults> {
  const recipeDir = path.join(s.repo, 'bench/peer/recipe');
  await ensureRecipeInstalled(recipeDir, s.log);
  const newsdeskScript = path.join(s.repo, 'dist/bench/peer/newsdesk-side.js');
  if (!existsSync(newsdeskScript)) throw new Error(`${newsdeskScript} is missing: compile first (npm run build).`);

  const newsdesk = (seedsDir: string, indexDir: string): SideCommand => ({
    script: newsdeskScript,
    cwd: s.repo,
    env: { ...process.env, MODEL_DIR: s.modelDir, MODEL_ID: s.modelId, SEEDS_DIR: seedsDir, INDEX_DIR: indexDir },
  });
  const recipe: SideCommand = {
    script: path.join(recipeDir, 'recipe.mjs'),
    cwd: recipeDir,
    env: { ...process.env, MODEL_DIR: s.modelDir, MODEL_ID: s.modelId },
  };

  // Builds alternate which side goes first, so a machine slowing down does not always hit one.
  let buildPairs = 0;
  const buildBoth = async (seedsDir: string, tag: string) => {
    const indexDir = path.join(s.work, tag, 'newsdesk-index');
    const storeDir = path.join(s.work, tag, 'recipe-store');
    mkdirSync(path.join(s.work, tag), { recursive: true });
    const one = async (side: 'newsdesk' | 'recipe'): Promise<BuildFigures> => {
      const { message, wallMs } =
        side === 'newsdesk'
          ? await runOnce<BuiltMessage>(newsdesk(seedsDir, indexDir), ['build'], 'built', 'Newsdesk build')
          : await runOnce<BuiltMessage>(recipe, ['build', seedsDir, storeDir], 'built', 'recipe build');
      const b = message.built;
      return { wallSeconds: wallMs / 1000, cpuSeconds: b.cpuSeconds, peakRssMb: b.maxRssMb, documents: b.documents, passages: b.passages };
    };
    const order: ('newsdesk' | 'recipe')[] = buildPairs++ % 2 === 0 ? ['newsdesk', 'recipe'] : ['recipe', 'newsdesk'];
    const out = {} as { newsdesk: BuildFigures; recipe: BuildFigures };
    for (const side of order) {
      s.log(`  ${tag}: ${side} builds…`);
      out[side] = await one(side);
    }
    return { ...out, indexDir, storeDir };
  };
  const serveBoth = async (seedsDir: string, built: { indexDir: string; storeDir: string }) => {
    const nd = await ServingSide.start('Newsdesk', newsdesk(seedsDir, built.indexDir), ['serve']);
    const lc = await ServingSide.start('recipe', recipe, ['serve', built.storeDir]).catch(async (e: unknown) => {
      await nd.stop();
      throw e;
    });
    return { nd, lc, stop: () => Promise.all([nd.stop(), lc.stop()]) };
  };

  const results: PeerResults = {
    model: { id: s.modelId, file: '', sha256: '', recipeLoaded: [], recipeLocalModelPath: '', probeCosine: NaN, same: false },
    versions: {
      node: process.version,
      '@langchain/community': versionOf(path.join(recipeDir, 'node_modules'), '@langchain/community'),
      '@langchain/core': versionOf(path.join(recipeDir, 'node_modules'), '@langchain/core'),
      '@langchain/textsplitters': versionOf(path.join(recipeDir, 'node_modules'), '@langchain/textsplitters'),
      'recipe @huggingface/transformers': versionOf(path.join(recipeDir, 'node_modules'), '@huggingface/transformers'),
      'recipe onnxruntime-node': versionOf(path.join(recipeDir, 'node_modules'), 'onnxruntime-node'),
      'recipe hnswlib-node': versionOf(path.join(recipeDir, 'node_modules'), 'hnswlib-node'),
      'newsdesk @huggingface/transformers': versionOf(path.join(s.repo, 'node_modules'), '@huggingface/transformers'),
      'newsdesk onnxruntime-node': versionOf(path.join(s.repo, 'node_modules'), 'onnxruntime-node'),
      'newsdesk hnswlib-node': versionOf(path.join(s.repo, 'node_modules'), 'hnswlib-node'),
    },
    retrieval: [],
    sizes: [],
  };

  // 1. Retrieval on every corpus with evidence; the first one's index also serves the model check.
  let probed = false;
  for (const corpus of s.corpora) {
    s.log(`retrieval: ${corpus.name} (${articleCount(corpus.seedsDir)} articles)…`);
    const built = await buildBoth(corpus.seedsDir, `corpus-${results.retrieval.length}-${corpus.name}`);
    if (!probed) {
      results.model = await checkSameModel(s, newsdesk(corpus.seedsDir, built.indexDir), recipe);
      probed = true;
    }
    const { nd, lc, stop } = await serveBoth(corpus.seedsDir, built);
    try {
      for (const file of corpus.questionFiles) {
        const { questions, skipped } = readEvidenceQuestions(file);
        if (questions.length === 0) {
          s.log(`  ${path.basename(file)}: no in-scope questions with evidence, skipped`);
          continue;
        }
        const texts = questions.map((q) => q.question);
        const score = async (side: ServingSide, instruction: boolean) =>
          topK(questions, (await side.search(texts, { k: K, instruction, withHits: true })).hits);
        const n = await score(nd, false);
        const r = await score(lc, false);
        const ri = await score(lc, true);
        results.retrieval.push({
          corpus: corpus.name,
          questionsFile: file,
          articles: articleCount(corpus.seedsDir),
          questions: questions.length,
          skipped,
          newsdesk: { top1: n.top1, top5: n.top5 },
          recipe: { top1: r.top1, top5: r.top5 },
          recipeInstruction: { top1: ri.top1, top5: ri.top5 },
          ratio: { top1: n.top1 / r.top1, top5: n.top5 / r.top5 },
          build: { newsdesk: built.newsdesk, recipe: built.recipe },
        });
      }
    } finally {
      await stop();
    }
  }

  // 2. Build and query figures on synthetic short reports (recombined real sentences).
  const queries = variedQueries(s.sentences, s.questions, s.warmup + s.rounds * s.perRound);
  if (queries.length < s.warmup + s.rounds * s.perRound) s.log(`only ${queries.length} distinct queries could be made; rounds reuse them`);
  const at = (i: number) => queries[i % queries.length]!;
  for (const reports of s.reports) {
    s.log(`synthetic corpus of ${reports} short reports…`);
    const seedsDir = path.join(s.work, `synthetic-${reports}`, 'seeds');
    writeSyntheticCorpus(seedsDir, s.sentences, reports, REPORT_PARAGRAPHS);
    const built = await buildBoth(seedsDir, `synthetic-${reports}`);
    s.log(`  ${reports} reports: query rounds…`);
    const { nd, lc, stop } = await serveBoth(seedsDir, built);
    try {
      // Three query streams: Newsdesk, the recipe, the recipe with BGE's query instruction.
      const streams = [
        { run: (q: string[]) => nd.search(q, { k: K }), ms: [] as number[] },
        { run: (q: string[]) => lc.search(q, { k: K }), ms: [] as number[] },
        { run: (q: string[]) => lc.search(q, { k: K, instruction: true }), ms: [] as number[] },
      ];
      const warm = Array.from({ length: s.warmup }, (_, i) => at(i));
      for (const st of streams) await st.run(warm);
      for (let r = 0; r < s.rounds; r++) {
        const batch = Array.from({ length: s.perRound }, (_, i) => at(s.warmup + r * s.perRound + i));
        // Each round rotates which stream goes first.
        for (let j = 0; j < streams.length; j++) {
          const st = streams[(r + j) % streams.length]!;
          st.ms.push(...(await st.run(batch)).ms);
        }
      }
      const [ndStats, lcStats] = [await nd.stats(), await lc.stats()];
      const figures = (side: ServingSide, ms: number[], stats: { rssMb: number; maxRssMb: number }): QueryFigures => ({
        passages: side.ready.passages,
        openMs: side.ready.openMs,
        latency: latency(ms),
        rssMb: stats.rssMb,
        peakRssMb: stats.maxRssMb,
      });
      const n = figures(nd, streams[0]!.ms, ndStats);
      const r = figures(lc, streams[1]!.ms, lcStats);
      results.sizes.push({
        reports,
        build: {
          newsdesk: built.newsdesk,
          recipe: built.recipe,
          ratio: {
            wall: built.newsdesk.wallSeconds / built.recipe.wallSeconds,
            cpu: built.newsdesk.cpuSeconds / built.recipe.cpuSeconds,
            peakRss: built.newsdesk.peakRssMb / built.recipe.peakRssMb,
          },
        },
        query: {
          queries: streams[0]!.ms.length,
          rounds: s.rounds,
          newsdesk: n,
          recipe: r,
          recipeInstruction: latency(streams[2]!.ms),
          ratio: { p50: n.latency.p50 / r.latency.p50, p95: n.latency.p95 / r.latency.p95, rss: n.rssMb / r.rssMb },
        },
      });
    } finally {
      await stop();
    }
  }
  return results;
}

/**
 * Both sides must run the same model file: the recipe reports which files transformers.js loaded
 * from where, and a probe text embedded by both (CLS pooling, no instruction) must give the same
 * vector.
 */
async function checkSameModel(s: PeerSettings, newsdesk: SideCommand, recipe: SideCommand): Promise<PeerResults['model']> {
  const file = path.join(s.modelDir, s.modelId, 'onnx', 'model_quantized.onnx');
  const [nd, lc] = [
    (await runOnce<ProbeMessage>(newsdesk, ['probe', PROBE_TEXT], 'probe', 'Newsdesk probe')).message.probe,
    (await runOnce<ProbeMessage>(recipe, ['probe', PROBE_TEXT], 'probe', 'recipe probe')).message.probe,
  ];
  const cosine = nd.vector.reduce((sum, v, i) => sum + v * (lc.vector[i] ?? 0), 0);
  const loaded = lc.model?.files ?? [];
  const recipeLocalModelPath = lc.model?.localModelPath ?? '';
  const same =
    cosine >= SAME_MODEL_COSINE &&
    loaded.includes('onnx/model_quantized.onnx') &&
    path.resolve(recipeLocalModelPath, s.modelId, 'onnx/model_quantized.onnx') === path.resolve(file);
  if (!same)
    s.log(
      `WARNING: the two sides may not run the same model file (probe cosine ${cosine.toFixed(4)}, recipe loaded ${loaded.join(', ')} from ${recipeLocalModelPath})`,
    );
  return { id: s.modelId, file, sha256: await sha256(file), recipeLoaded: loaded, recipeLocalModelPath, probeCosine: cosine, same };
}

const n0 = (v: number) => Math.round(v).toLocaleString('en-US');
const f = (v: number, d: number) => (Number.isFinite(v) ? v.toFixed(d) : '-');

/** The comparison as a Markdown table (the README's format) with the notes that go with it. */
export function formatPeer(r: PeerResults, s: Pick<PeerSettings, 'smoke'>): string {
  const rows: string[][] = [];
  for (const x of r.retrieval) {
    const file = path.basename(x.questionsFile);
    rows.push([
      `${x.corpus} (${n0(x.articles)} articles), ${x.questions} questions${file === 'questions.jsonl' ? '' : ` (${file})`}: evidence in top 1 / top 5`,
      `${f(x.newsdesk.top1, 3)} / ${f(x.newsdesk.top5, 3)}`,
      `${f(x.recipe.top1, 3)} / ${f(x.recipe.top5, 3)} (with the BGE query instruction ${f(x.recipeInstruction.top1, 3)} / ${f(x.recipeInstruction.top5, 3)})`,
      `${f(x.ratio.top1, 2)} / ${f(x.ratio.top5, 2)}`,
    ]);
  }
  for (const x of r.sizes) {
    const b = x.build;
    rows.push([
      `index build, ${n0(x.reports)} reports (wall / peak RSS; CPU time)`,
      `${f(b.newsdesk.wallSeconds, 1)} s / ${n0(b.newsdesk.peakRssMb)} MB; ${f(b.newsdesk.cpuSeconds, 0)} s`,
      `${f(b.recipe.wallSeconds, 1)} s / ${n0(b.recipe.peakRssMb)} MB; ${f(b.recipe.cpuSeconds, 0)} s`,
      `${f(b.ratio.wall, 2)} / ${f(b.ratio.peakRss, 2)}; ${f(b.ratio.cpu, 2)}`,
    ]);
  }
  for (const x of r.sizes) {
    const q = x.query;
    rows.push([
      `warm query p50 / p95, ${n0(x.reports)} reports (${n0(q.newsdesk.passages)} / ${n0(q.recipe.passages)} passages)`,
      `${f(q.newsdesk.latency.p50, 2)} / ${f(q.newsdesk.latency.p95, 2)} ms`,
      `${f(q.recipe.latency.p50, 2)} / ${f(q.recipe.latency.p95, 2)} ms (with the instruction ${f(q.recipeInstruction.p50, 2)} / ${f(q.recipeInstruction.p95, 2)})`,
      `**${f(q.ratio.p50, 2)} / ${f(q.ratio.p95, 2)}**`,
    ]);
  }
  for (const x of r.sizes) {
    rows.push([`query process RSS, ${n0(x.reports)} reports`, `${n0(x.query.newsdesk.rssMb)} MB`, `${n0(x.query.recipe.rssMb)} MB`, f(x.query.ratio.rss, 2)]);
  }
  const out = [
    `Peer comparison${s.smoke ? ' (smoke)' : ''}: Newsdesk vs the LangChain.js recipe (HNSWLib + HuggingFaceTransformersEmbeddings + RecursiveCharacterTextSplitter(1000, 200), similaritySearch(q, ${K}))`,
    '',
    '| | Newsdesk | LangChain recipe | ratio |',
    '|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    `Same model file for both: ${r.model.same ? 'yes' : 'NO'} — ${r.model.file} (sha256 ${r.model.sha256.slice(0, 16)}…); the recipe loaded ${r.model.recipeLoaded.join(', ')} from ${r.model.recipeLocalModelPath}; probe vectors cosine ${f(r.model.probeCosine, 5)}.`,
    `Versions: ${Object.entries(r.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  ];
  const q = r.sizes[0]?.query;
  if (q)
    out.push(
      `Queries: ${q.queries} distinct per side and size after warm-up, in ${q.rounds} rounds; each round rotates which of Newsdesk / recipe / recipe with instruction goes first. Times are taken inside each side's process around engine.search / similaritySearch alone.`,
    );
  out.push('Ratios are Newsdesk / recipe: above 1 is better for Newsdesk on retrieval, below 1 is better for Newsdesk on time and memory.');
  return out.join('\n');
}
