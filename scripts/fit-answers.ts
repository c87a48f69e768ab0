/**
 * `npm run fit-answers -- --train <questions.jsonl>@<seedsDir> … [--check …] [--out file.json]`
 *
 * Fits the answer layer's weights (src/answer/tuning.ts) on dev sets, and reports how they do on
 * sets they were not fit on:
 * - sentence choice: a conditional logit (softmax over each question's candidate sentences) whose
 *   positives are the sentences holding every must_mention group;
 * - answer or abstain: a logistic regression over the best candidate's features, in-scope
 *   questions against out-of-scope ones, and the threshold that keeps wrong abstentions on the
 *   training sets at or below `--max-false-abstention` (default 0.06).
 * Candidate features don't depend on the weights, so each set is explained once (cached in
 * .cache/fit/) and fitting is quick. Prints the fitted weights as a tuning JSON.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { AnswerExplanation } from '../src/answer/compose-answer.js';
import { defaultAnswerTuning, type AnswerableFeature, type SelectFeature } from '../src/answer/tuning.js';
import { loadEngineConfig } from '../src/config/engine-config.js';
import { Engine } from '../src/engine/engine.js';
import { readQuestionsFile, type EvalQuestion } from '../src/eval/questions-file.js';

const collect = (v: string, prev: string[]) => [...prev, v];
const program = new Command()
  .option('--train <set>', 'questions.jsonl@seedsDir (repeatable)', collect, [])
  .option('--check <set>', 'questions.jsonl@seedsDir, not fit on (repeatable)', collect, [])
  .option('--max-false-abstention <r>', 'largest share of in-scope training questions abstained on', '0.06')
  .option('--out <file>', 'write the fitted tuning JSON here')
  .option('--refresh', 'explain the sets again instead of using the cache');
program.parse();
const opts = program.opts<{ train: string[]; check: string[]; maxFalseAbstention: string; out?: string; refresh?: boolean }>();

interface Item {
  q: EvalQuestion;
  exp: AnswerExplanation;
  /** Candidates holding every must_mention group. */
  positive: boolean[];
}

const hits = (q: EvalQuestion, text: string) => q.must_mention.length > 0 && q.must_mention.every((g) => g.some((a) => text.toLowerCase().includes(a.toLowerCase())));

async function explainSet(spec: string): Promise<Item[]> {
  const [file, seeds] = spec.split('@');
  if (!file || !seeds) throw new Error(`expected questions.jsonl@seedsDir, got ${spec}`);
  const questions = await readQuestionsFile(file);
  const key = createHash('sha256').update(readFileSync(file)).update(path.resolve(seeds)).update(readFileSync(path.join(import.meta.dirname, '../src/answer/candidates.ts'))).digest('hex').slice(0, 16);
  const cache = path.join('.cache/fit', `${path.basename(file, '.jsonl')}-${key}.json`);
  let exps: AnswerExplanation[];
  if (existsSync(cache) && !opts.refresh) {
    exps = JSON.parse(readFileSync(cache, 'utf8')) as AnswerExplanation[];
  } else {
    const dirKey = createHash('sha256').update(path.resolve(seeds)).digest('hex').slice(0, 12);
    const config = { ...loadEngineConfig(), seedsDir: seeds, indexDir: path.join('.cache/eval-index', `${path.basename(path.resolve(seeds, '..'))}-${dirKey}`) };
    const engine = await Engine.open({ config });
    await engine.reindex();
    exps = [];
    for (const q of questions) exps.push(await engine.explain(q.question));
    await engine.close();
    mkdirSync(path.dirname(cache), { recursive: true });
    writeFileSync(cache, JSON.stringify(exps));
  }
  return questions.map((q, i) => ({ q, exp: exps[i]!, positive: exps[i]!.candidates.map((c) => hits(q, c.text)) }));
}

const SELECT = Object.keys(defaultAnswerTuning.select) as SelectFeature[];
const ANSWERABLE = Object.keys(defaultAnswerTuning.answerable).filter((k) => k !== 'bias') as AnswerableFeature[];

/** Conditional logit by gradient ascent (Adam), L2-regularised. */
function fitSelect(items: Item[]): Record<SelectFeature, number> {
  const data = items.filter((it) => !it.q.out_of_scope && it.positive.some(Boolean) && it.exp.candidates.length > 1);
  const w = SELECT.map((k) => defaultAnswerTuning.select[k]);
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  const lambda = 0.01;
  for (let step = 1; step <= 3000; step++) {
    const grad = w.map((x) => -lambda * x);
    for (const it of data) {
      const xs = it.exp.candidates.map((c) => SELECT.map((k) => c.features[k]));
      const s = xs.map((x) => x.reduce((a, xi, j) => a + xi * w[j]!, 0));
      const max = Math.max(...s);
      const e = s.map((z) => Math.exp(z - max));
      const all = e.reduce((a, b) => a + b, 0);
      const pos = e.reduce((a, b, i) => a + (it.positive[i] ? b : 0), 0);
      xs.forEach((x, i) => {
        const coef = (it.positive[i] ? e[i]! / pos : 0) - e[i]! / all;
        x.forEach((xj, j) => (grad[j]! += (coef * xj) / data.length));
      });
    }
    grad.forEach((g, j) => {
      m[j] = 0.9 * m[j]! + 0.1 * g;
      v[j] = 0.999 * v[j]! + 0.001 * g * g;
      w[j]! += (0.05 * (m[j]! / (1 - 0.9 ** step))) / (Math.sqrt(v[j]! / (1 - 0.999 ** step)) + 1e-8);
    });
  }
  return Object.fromEntries(SELECT.map((k, j) => [k, round(w[j]!)])) as Record<SelectFeature, number>;
}

const best = (it: Item, sel: Record<SelectFeature, number>) => {
  let bi = -1;
  let bs = -Infinity;
  it.exp.candidates.forEach((c, i) => {
    const s = SELECT.reduce((a, k) => a + c.features[k] * sel[k], 0);
    if (s > bs) (bs = s), (bi = i);
  });
  return bi;
};

/** Logistic regression (in-scope = 1) over the chosen candidate's answerability features. */
function fitAnswerable(items: Item[], sel: Record<SelectFeature, number>): Record<AnswerableFeature | 'bias', number> {
  const rows = items.filter((it) => it.exp.candidates.length).map((it) => ({ x: [1, ...ANSWERABLE.map((k) => it.exp.candidates[best(it, sel)]!.answerable[k])], y: it.q.out_of_scope ? 0 : 1 }));
  const pos = rows.filter((r) => r.y === 1).length;
  const neg = rows.length - pos;
  const w = [0, ...ANSWERABLE.map(() => 0)];
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  for (let step = 1; step <= 4000; step++) {
    const grad = w.map((x, j) => (j === 0 ? 0 : -0.001 * x));
    for (const r of rows) {
      const p = 1 / (1 + Math.exp(-r.x.reduce((a, xi, j) => a + xi * w[j]!, 0)));
      // Classes weighted equally whatever their sizes.
      const weight = r.y ? rows.length / (2 * pos) : rows.length / (2 * neg);
      r.x.forEach((xj, j) => (grad[j]! += (weight * (r.y - p) * xj) / rows.length));
    }
    grad.forEach((g, j) => {
      m[j] = 0.9 * m[j]! + 0.1 * g;
      v[j] = 0.999 * v[j]! + 0.001 * g * g;
      w[j]! += (0.05 * (m[j]! / (1 - 0.9 ** step))) / (Math.sqrt(v[j]! / (1 - 0.999 ** step)) + 1e-8);
    });
  }
  return { bias: round(w[0]!), ...Object.fromEntries(ANSWERABLE.map((k, j) => [k, round(w[j + 1]!)])) } as Record<AnswerableFeature | 'bias', number>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const prob = (it: Item, sel: Record<SelectFeature, number>, ans: Record<AnswerableFeature | 'bias', number>) => {
  const c = it.exp.candidates[best(it, sel)];
  if (!c) return 0;
  return 1 / (1 + Math.exp(-(ans.bias + ANSWERABLE.reduce((a, k) => a + c.answerable[k] * ans[k], 0))));
};

/** Sentence-choice accuracy and abstention rates of one set under the given weights. */
function report(name: string, items: Item[], sel: Record<SelectFeature, number>, ans: Record<AnswerableFeature | 'bias', number>, threshold: number) {
  const inScope = items.filter((it) => !it.q.out_of_scope);
  const oos = items.filter((it) => it.q.out_of_scope);
  const chosenRight = inScope.filter((it) => it.positive[best(it, sel)]).length;
  const reachable = inScope.filter((it) => it.positive.some(Boolean)).length;
  const abstainedIn = inScope.filter((it) => prob(it, sel, ans) < threshold).length;
  const abstainedOut = oos.filter((it) => prob(it, sel, ans) < threshold).length;
  const f = (a: number, b: number) => (b ? (a / b).toFixed(3) : 'n/a');
  console.log(
    `  ${name.padEnd(48)} in-scope ${String(inScope.length).padStart(3)}: best sentence hits ${f(chosenRight, inScope.length)} (a hit is among the candidates for ${f(reachable, inScope.length)}), abstained ${f(abstainedIn, inScope.length)} | out-of-scope ${String(oos.length).padStart(3)}: abstained ${f(abstainedOut, oos.length)}`,
  );
}

const train: [string, Item[]][] = [];
for (const s of opts.train) train.push([s, await explainSet(s)]);
const check: [string, Item[]][] = [];
for (const s of opts.check) check.push([s, await explainSet(s)]);
const all = train.flatMap(([, items]) => items);
const select = fitSelect(all);
const answerable = fitAnswerable(all, select);
// The threshold: the highest that abstains on at most the allowed share of in-scope training questions.
const inProbs = all.filter((it) => !it.q.out_of_scope).map((it) => prob(it, select, answerable)).sort((a, b) => a - b);
const allowed = Math.floor(Number(opts.maxFalseAbstention) * inProbs.length);
const threshold = round(Math.max(0.05, (inProbs[allowed] ?? 0.5) - 1e-3));

console.log('Fitted on:');
for (const [name, items] of train) report(name, items, select, answerable, threshold);
if (check.length) console.log('Not fitted on:');
for (const [name, items] of check) report(name, items, select, answerable, threshold);
console.log('Defaults (src/answer/tuning.ts) for comparison:');
for (const [name, items] of [...train, ...check]) report(name, items, defaultAnswerTuning.select, defaultAnswerTuning.answerable, defaultAnswerTuning.answerThreshold);
const tuning = { answer: { select, answerable, answerThreshold: threshold } };
console.log(JSON.stringify(tuning, null, 2));
if (opts.out) writeFileSync(opts.out, JSON.stringify(tuning, null, 2) + '\n');
