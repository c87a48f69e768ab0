/**
 * `npm run fit-tuning -- --train <questions.jsonl>@<seedsDir> … [--check …] [--out file.json]`
 *
 * Fits the weights of retrieval's second stage (src/retrieve/tuning.ts) and of the answer layer
 * (src/answer/tuning.ts) on dev sets, and reports how they do on sets they were not fit on:
 * - passage ranking: a conditional logit (softmax over each question's candidate passages) whose
 *   positives are the passages holding an evidence text;
 * - sentence choice: the same over each question's candidate sentences, positives holding every
 *   must_mention group (explained with the freshly fitted retrieval weights);
 * - answer or abstain: a logistic regression over the chosen sentence's features, in-scope
 *   questions against out-of-scope ones, and the threshold that keeps wrong abstentions on the
 *   training sets at or below `--max-false-abstention` (default 0.06).
 * Features don't depend on the weights being fit, so each set is explained once per stage
 * (cached in .cache/fit/). Prints the fitted weights as a tuning JSON (`--tuning` of the eval).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { AnswerExplanation } from '../src/answer/compose-answer.js';
import { defaultAnswerTuning, type AnswerableFeature, type SelectFeature } from '../src/answer/tuning.js';
import { loadEngineConfig } from '../src/config/engine-config.js';
import { Engine } from '../src/engine/engine.js';
import type { Tuning } from '../src/engine/tuning.js';
import { readQuestionsFile, type EvalQuestion } from '../src/eval/questions-file.js';
import { defaultRetrievalTuning, PASSAGE_FEATURES, type PassageFeature } from '../src/retrieve/tuning.js';

const collect = (v: string, prev: string[]) => [...prev, v];
const program = new Command()
  .option('--train <set>', 'questions.jsonl@seedsDir (repeatable)', collect, [])
  .option('--check <set>', 'questions.jsonl@seedsDir, not fit on (repeatable)', collect, [])
  .option('--max-false-abstention <r>', 'largest share of in-scope training questions abstained on', '0.06')
  .option('--l2 <x>', 'L2 penalty of the conditional logits', '0.01')
  .option('--base <file.json>', 'tuning to explain with (e.g. {"retrieval": {"queryInstruction": false}}); the fitted weights are added to it')
  .option('--out <file>', 'write the fitted tuning JSON here')
  .option('--refresh', 'explain the sets again instead of using the cache')
  .option('--only-answerable', 'keep the retrieval and sentence-choice weights as they are; fit the answer-or-abstain model only')
  .option('--keep-retrieval', 'keep the retrieval weights as they are; fit the sentence choice and the answer-or-abstain model');
program.parse();
const opts = program.opts<{
  train: string[];
  check: string[];
  maxFalseAbstention: string;
  l2: string;
  base?: string;
  out?: string;
  refresh?: boolean;
  onlyAnswerable?: boolean;
  keepRetrieval?: boolean;
}>();
const base = (opts.base ? JSON.parse(readFileSync(opts.base, 'utf8')) : {}) as Tuning;

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const hits = (q: EvalQuestion, text: string) =>
  q.must_mention.length > 0 && q.must_mention.every((g) => g.some((a) => text.toLowerCase().includes(a.toLowerCase())));
const isEvidence = (q: EvalQuestion, c: { file: string; text: string }) => q.evidence.some((e) => c.file === e.source && norm(c.text).includes(norm(e.text)));
const round = (x: number) => Math.round(x * 1000) / 1000;

/** A question's candidates as feature rows, and which of them are right. */
interface Choice {
  q: EvalQuestion;
  rows: number[][];
  positive: boolean[];
}

// --- explaining (cached)

function cacheKey(file: string, seeds: string, stage: string, tuning: unknown): string {
  // Good while the questions, the corpus, the tuning explained with and the code are the same.
  const key = createHash('sha256')
    .update(readFileSync(file))
    .update(path.resolve(seeds))
    .update(stage)
    .update(JSON.stringify(tuning ?? {}));
  for (const dir of ['../src/answer', '../src/retrieve', '../src/index', '../src/text', '../src/chunk']) {
    // Subfolders too (index/postgres/): reading a folder as a file fails.
    const files = readdirSync(path.join(import.meta.dirname, dir), { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    for (const f of files.map((f) => path.join(f.parentPath, f.name)).sort()) key.update(readFileSync(f));
  }
  for (const f of readdirSync(seeds).sort()) key.update(f).update(readFileSync(path.join(seeds, f)));
  return path.join('.cache/fit', `${path.basename(file, '.jsonl')}-${stage}-${key.digest('hex').slice(0, 16)}.json`);
}

const engines = new Map<string, Promise<Engine>>();
function engineFor(seeds: string): Promise<Engine> {
  let e = engines.get(seeds);
  if (!e) {
    const dirKey = createHash('sha256').update(path.resolve(seeds)).digest('hex').slice(0, 12);
    const config = {
      ...loadEngineConfig(),
      seedsDir: seeds,
      indexDir: path.join('.cache/eval-index', `${path.basename(path.resolve(seeds, '..'))}-${dirKey}`),
    };
    e = Engine.open({ config }).then(async (engine) => (await engine.reindex(), engine));
    engines.set(seeds, e);
  }
  return e;
}

async function cached<T>(
  file: string,
  seeds: string,
  stage: string,
  tuning: Tuning | undefined,
  make: (engine: Engine, q: EvalQuestion) => Promise<T>,
): Promise<{ q: EvalQuestion; x: T }[]> {
  const questions = await readQuestionsFile(file);
  const cache = cacheKey(file, seeds, stage, tuning);
  let xs: T[];
  if (existsSync(cache) && !opts.refresh) {
    xs = JSON.parse(readFileSync(cache, 'utf8')) as T[];
  } else {
    const engine = await engineFor(seeds);
    xs = [];
    for (const q of questions) xs.push(await make(engine, q));
    mkdirSync(path.dirname(cache), { recursive: true });
    writeFileSync(cache, JSON.stringify(xs));
  }
  return questions.map((q, i) => ({ q, x: xs[i]! }));
}

const split = (spec: string) => {
  const [file, seeds] = spec.split('@');
  if (!file || !seeds) throw new Error(`expected questions.jsonl@seedsDir, got ${spec}`);
  return { file, seeds };
};

type RetrievalExplanation = Awaited<ReturnType<Engine['explainRetrieval']>>;

async function passageChoices(spec: string): Promise<Choice[]> {
  const { file, seeds } = split(spec);
  const items = await cached<RetrievalExplanation>(file, seeds, 'retrieval', base, (engine, q) =>
    !q.out_of_scope && q.evidence.length ? engine.explainRetrieval(q.question, { tuning: base }) : Promise.resolve([]),
  );
  return items
    .filter(({ q }) => !q.out_of_scope && q.evidence.length)
    .map(({ q, x }) => ({ q, rows: x.map((c) => PASSAGE_FEATURES.map((k) => c.features[k])), positive: x.map((c) => isEvidence(q, c)) }));
}

async function answerItems(spec: string, tuning: Tuning): Promise<{ q: EvalQuestion; exp: AnswerExplanation }[]> {
  const { file, seeds } = split(spec);
  const items = await cached<AnswerExplanation>(file, seeds, 'answer', tuning, (engine, q) => engine.explain(q.question, { tuning }));
  return items.map(({ q, x }) => ({ q, exp: x }));
}

// --- fitting

/**
 * Signs the weights must keep (+1: at least 0, -1: at most 0; unlisted: free). More similarity or a
 * supplied answer can never count against a sentence, a missing name never for it: the fits may not
 * lean on accidents of the dev sets.
 */
const SIGNS: Record<string, 1 | -1> = {
  // retrieval
  dense: 1,
  sentence: 1,
  answerSentence: 1,
  keyword: 1,
  rareKeyword: 1,
  // sentence choice and answerability
  similarity: 1,
  passageSimilarity: 1,
  coverage: 1,
  contextCoverage: 1,
  localCoverage: 1,
  speaker: 1,
  topic: 1,
  supplies: 1,
  namesInPassage: 1,
  questionInPassage: 1,
  names: 1,
  relativeSimilarity: 1,
  margin: 1,
  rank: 1,
  heading: -1,
  restatement: -1,
  unknownNames: -1,
  unknownRare: -1,
};
const clamp = (names: readonly string[], w: number[]) =>
  names.forEach((k, j) => (w[j] = SIGNS[k] === 1 ? Math.max(0, w[j]!) : SIGNS[k] === -1 ? Math.min(0, w[j]!) : w[j]!));

/** Conditional logit (softmax over each choice's rows) by gradient ascent with Adam, L2-regularised. */
function fitChoices(choices: Choice[], init: number[], names: readonly string[]): number[] {
  const data = choices.filter((c) => c.positive.some(Boolean) && c.rows.length > 1);
  const w = [...init];
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  const lambda = Number(opts.l2);
  for (let step = 1; step <= 2000; step++) {
    const grad = w.map((x) => -lambda * x);
    for (const c of data) {
      const s = c.rows.map((x) => x.reduce((a, xi, j) => a + xi * w[j]!, 0));
      const max = Math.max(...s);
      const e = s.map((z) => Math.exp(z - max));
      const all = e.reduce((a, b) => a + b, 0);
      const pos = e.reduce((a, b, i) => a + (c.positive[i] ? b : 0), 0);
      c.rows.forEach((x, i) => {
        const coef = (c.positive[i] ? e[i]! / pos : 0) - e[i]! / all;
        x.forEach((xj, j) => (grad[j]! += (coef * xj) / data.length));
      });
    }
    grad.forEach((g, j) => {
      m[j] = 0.9 * m[j]! + 0.1 * g;
      v[j] = 0.999 * v[j]! + 0.001 * g * g;
      w[j]! += (0.05 * (m[j]! / (1 - 0.9 ** step))) / (Math.sqrt(v[j]! / (1 - 0.999 ** step)) + 1e-8);
    });
    clamp(names, w);
  }
  return w.map(round);
}

/**
 * Weights for ranking that maximise, averaged over the sets (each set counts the same, whatever its
 * size), top-1 plus half of top-5: coordinate search from `init`, each weight moved by shrinking
 * steps while that helps. Ranking metrics are what retrieval is judged on, and they don't have
 * gradients.
 */
function searchRanking(sets: Choice[][], init: number[], names: readonly string[]): number[] {
  const usable = sets.map((cs) => cs.filter((c) => c.positive.some(Boolean))).filter((cs) => cs.length);
  const objective = (w: number[]) =>
    usable.reduce((sum, cs) => {
      const ranks = cs.map((c) => rankOf(c, w));
      return sum + (ranks.filter((r) => r === 1).length + 0.5 * ranks.filter((r) => r !== null && r <= 5).length) / cs.length;
    }, 0) / usable.length;
  let w = [...init];
  let best = objective(w);
  for (const step of [1, 0.5, 0.25, 0.1, 0.05]) {
    let improved = true;
    while (improved) {
      improved = false;
      for (let j = 0; j < w.length; j++) {
        for (const d of [step, -step]) {
          const t = [...w];
          t[j] = round(t[j]! + d);
          clamp(names, t);
          const v = objective(t);
          if (v > best + 1e-9) {
            best = v;
            w = t;
            improved = true;
          }
        }
      }
    }
  }
  return w;
}

/** Rank (1-based) of the first positive row under weights `w`, or null. */
function rankOf(c: Choice, w: number[]): number | null {
  const order = c.rows.map((x, i) => ({ i, s: x.reduce((a, xi, j) => a + xi * w[j]!, 0) })).sort((a, b) => b.s - a.s);
  const r = order.findIndex((o) => c.positive[o.i]);
  return r >= 0 ? r + 1 : null;
}

const SELECT = Object.keys(defaultAnswerTuning.select) as SelectFeature[];
const ANSWERABLE = Object.keys(defaultAnswerTuning.answerable).filter((k) => k !== 'bias') as AnswerableFeature[];
const selectRows = (exp: AnswerExplanation) => exp.candidates.map((c) => SELECT.map((k) => c.features[k]));
const bestOf = (exp: AnswerExplanation, sel: number[]) => {
  let bi = -1;
  let bs = -Infinity;
  selectRows(exp).forEach((x, i) => {
    const s = x.reduce((a, xi, j) => a + xi * sel[j]!, 0);
    if (s > bs) ((bs = s), (bi = i));
  });
  return bi;
};

/** Logistic regression (in-scope = 1) over the chosen candidate's answerability features, classes weighted equally. */
function fitAnswerable(items: { q: EvalQuestion; exp: AnswerExplanation }[], sel: number[]): number[] {
  const rows = items
    .filter((it) => it.exp.candidates.length)
    .map((it) => ({ x: [1, ...ANSWERABLE.map((k) => it.exp.candidates[bestOf(it.exp, sel)]!.answerable[k])], y: it.q.out_of_scope ? 0 : 1 }));
  const pos = rows.filter((r) => r.y === 1).length;
  const neg = rows.length - pos;
  const w = [0, ...ANSWERABLE.map(() => 0)];
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  for (let step = 1; step <= 3000; step++) {
    const grad = w.map((x, j) => (j === 0 ? 0 : -0.001 * x));
    for (const r of rows) {
      const p = 1 / (1 + Math.exp(-r.x.reduce((a, xi, j) => a + xi * w[j]!, 0)));
      const weight = r.y ? rows.length / (2 * pos) : rows.length / (2 * neg);
      r.x.forEach((xj, j) => (grad[j]! += (weight * (r.y - p) * xj) / rows.length));
    }
    grad.forEach((g, j) => {
      m[j] = 0.9 * m[j]! + 0.1 * g;
      v[j] = 0.999 * v[j]! + 0.001 * g * g;
      w[j]! += (0.05 * (m[j]! / (1 - 0.9 ** step))) / (Math.sqrt(v[j]! / (1 - 0.999 ** step)) + 1e-8);
    });
    clamp(['bias', ...ANSWERABLE], w);
  }
  return w.map(round);
}
const probability = (exp: AnswerExplanation, sel: number[], ans: number[]) => {
  const c = exp.candidates[bestOf(exp, sel)];
  if (!c) return 0;
  return 1 / (1 + Math.exp(-(ans[0]! + ANSWERABLE.reduce((a, k, j) => a + c.answerable[k] * ans[j + 1]!, 0))));
};

// --- run

const f3 = (a: number, b: number) => (b ? (a / b).toFixed(3) : ' n/a ');
const sets = [...opts.train.map((s) => ({ s, train: true })), ...opts.check.map((s) => ({ s, train: false }))];

console.log("Passage ranking (top-1 / top-5 among the second stage's candidates):");
const passages = new Map<string, Choice[]>();
for (const { s } of sets) passages.set(s, await passageChoices(s));
const retrievalInit = PASSAGE_FEATURES.map((k) => defaultRetrievalTuning.weights[k]);
const retrievalW =
  opts.onlyAnswerable || opts.keepRetrieval
    ? retrievalInit
    : searchRanking(
        opts.train.map((s) => passages.get(s)!),
        retrievalInit,
        PASSAGE_FEATURES,
      );
for (const { s, train } of sets) {
  const cs = passages.get(s)!;
  const report = (w: number[]) => {
    const ranks = cs.map((c) => rankOf(c, w));
    return `${f3(ranks.filter((r) => r === 1).length, cs.length)} / ${f3(ranks.filter((r) => r !== null && r <= 5).length, cs.length)}`;
  };
  console.log(
    `  ${train ? 'fit on ' : 'not fit'}  ${s.padEnd(70)} n=${String(cs.length).padStart(3)}  fitted ${report(retrievalW)}   defaults ${report(retrievalInit)}`,
  );
}
const retrieval = Object.fromEntries(PASSAGE_FEATURES.map((k, j) => [k, retrievalW[j]!])) as Record<PassageFeature, number>;

console.log('Answers (best sentence holds every must_mention group; abstentions by the fitted answerability):');
const tuning: Tuning = { retrieval: { ...base.retrieval, weights: retrieval }, answer: base.answer };
const answers = new Map<string, { q: EvalQuestion; exp: AnswerExplanation }[]>();
for (const { s } of sets) answers.set(s, await answerItems(s, tuning));
const trainAnswers = opts.train.flatMap((s) => answers.get(s)!);
const toChoice = (it: { q: EvalQuestion; exp: AnswerExplanation }): Choice => ({
  q: it.q,
  rows: selectRows(it.exp),
  positive: it.exp.candidates.map((c) => hits(it.q, c.text)),
});
const selectW = opts.onlyAnswerable
  ? SELECT.map((k) => defaultAnswerTuning.select[k])
  : fitChoices(
      trainAnswers.filter((it) => !it.q.out_of_scope).map(toChoice),
      SELECT.map((k) => Math.max(-0.5, Math.min(0.5, defaultAnswerTuning.select[k]))),
      SELECT,
    );
const answerW = fitAnswerable(trainAnswers, selectW);
const inProbs = trainAnswers
  .filter((it) => !it.q.out_of_scope)
  .map((it) => probability(it.exp, selectW, answerW))
  .sort((a, b) => a - b);
const threshold = round(Math.max(0.05, (inProbs[Math.floor(Number(opts.maxFalseAbstention) * inProbs.length)] ?? 0.5) - 1e-3));
for (const { s, train } of sets) {
  const items = answers.get(s)!;
  const inScope = items.filter((it) => !it.q.out_of_scope);
  const oos = items.filter((it) => it.q.out_of_scope);
  const right = inScope.filter((it) => {
    const b = bestOf(it.exp, selectW);
    return b >= 0 && hits(it.q, it.exp.candidates[b]!.text);
  }).length;
  const reachable = inScope.filter((it) => it.exp.candidates.some((c) => hits(it.q, c.text))).length;
  // The answer shows up to three sentences: how often the best three hold every group between them.
  const top3 = inScope.filter((it) => {
    const order = selectRows(it.exp)
      .map((x, i) => ({ i, s: x.reduce((a, xi, j) => a + xi * selectW[j]!, 0) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 3);
    return hits(it.q, order.map((o) => it.exp.candidates[o.i]!.text).join(' '));
  }).length;
  const abstainIn = inScope.filter((it) => probability(it.exp, selectW, answerW) < threshold).length;
  // How well answerability separates the two, whatever the threshold (area under the ROC curve).
  const pi = inScope.map((it) => probability(it.exp, selectW, answerW));
  const po = oos.map((it) => probability(it.exp, selectW, answerW));
  const auc = pi.length && po.length ? pi.reduce((n, a) => n + po.reduce((m, b) => m + (a > b ? 1 : a === b ? 0.5 : 0), 0), 0) / (pi.length * po.length) : NaN;
  const abstainOut = oos.filter((it) => probability(it.exp, selectW, answerW) < threshold).length;
  console.log(
    `  ${train ? 'fit on ' : 'not fit'}  ${s.padEnd(70)} in-scope ${String(inScope.length).padStart(3)}: best sentence right ${f3(right, inScope.length)}, top 3 ${f3(top3, inScope.length)} (reachable ${f3(reachable, inScope.length)}), abstained ${f3(abstainIn, inScope.length)} | out of scope ${String(oos.length).padStart(3)}: abstained ${f3(abstainOut, oos.length)}${Number.isNaN(auc) ? '' : ` | AUC ${auc.toFixed(3)}`}`,
  );
}
const fitted = {
  retrieval: { ...base.retrieval, weights: retrieval },
  answer: {
    ...base.answer,
    select: Object.fromEntries(SELECT.map((k, j) => [k, selectW[j]!])),
    answerable: { bias: answerW[0]!, ...Object.fromEntries(ANSWERABLE.map((k, j) => [k, answerW[j + 1]!])) },
    answerThreshold: threshold,
  },
};
console.log(JSON.stringify(fitted, null, 2));
if (opts.out) writeFileSync(opts.out, JSON.stringify(fitted, null, 2) + '\n');
for (const e of engines.values()) await (await e).close();
