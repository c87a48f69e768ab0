import { readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Command } from 'commander';
import { Engine, loadEngineConfig, type EngineConfig, EngineError, isEngineError, type Tuning } from '../index.js';
import { readQuestionsFile, runEval, runRetrievalEval, summarizeByKind, type QuestionResult } from '../tools.js';
import { createProgressReporter } from './progress.js';
import { runQuotesEval } from './quotes-eval.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run eval --')
  .description('Score retrieval and answers on a JSONL questions file. The last line printed is one JSON summary object.')
  .option('--questions <file>', 'questions file (JSONL: question, must_mention, evidence, out_of_scope, kind)')
  .option(
    '--quotes <gold.json>',
    'score the quote index against a gold file (the `npm run quotes -- --json` shape): statement recall, speaker accuracy, grouping precision/recall/F1',
  )
  .option('--predicted <file.json>', 'with --quotes: score this file instead of the index')
  .option('--sweep', 'with --quotes: also score the grouping at other values of its threshold (sameStatementCosine)')
  .option(
    '--seeds <dir>',
    'articles folder to answer from (or to score --quotes on; default SEEDS_DIR); its index is kept in .cache/eval-index/ unless --index-dir is given (with INDEX_BACKEND=postgres: in a schema eval_<folder>_<hash> of its own)',
  )
  .option('--index-dir <dir>', 'index folder for --seeds')
  .option('--tuning <file.json>', 'JSON overrides of the tunables: {"retrieval": {…}, "answer": {…}} (see src/*/tuning.ts)')
  .option('--retrieval-only', 'only retrieval: evidence in the top 1 / top 5 for each variant (hybrid, rrf, dense, keyword)')
  .option('--verbose', 'print each answer under its row')
  .option(
    '--ignore-history',
    'ask every question alone, ignoring its `history` (to compare follow-ups and subject switches with the same questions asked alone)',
  )
  .showHelpAfterError();

const mark = (ok: boolean) => (ok ? 'ok ' : 'MISS');
const show = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));

function row(r: QuestionResult, verbose: boolean): string {
  const parts = r.outOfScope
    ? [`${r.id.padEnd(6)}`, `out-of-scope  ${r.abstained ? 'abstained ok' : 'ANSWERED (should abstain)'}`]
    : [
        `${r.id.padEnd(6)}`,
        `rank ${r.evidenceRank === null ? '-' : String(r.evidenceRank)}`.padEnd(7),
        `answer ${mark(r.answerHit)}`,
        `cites ${r.citationsOk}/${r.citedSources.length}`,
        r.abstained ? 'ABSTAINED' : '',
      ];
  let line = `${parts.join('  ')}  ${r.question}`;
  if (r.readAs) line += `\n        ↳ read as: ${r.readAs}`;
  if (r.missing.length && !r.outOfScope) line += `\n        missing: ${r.missing.map((g) => g.join('|')).join(', ')}`;
  if (verbose) line += `\n        ${r.answer.replace(/\n/g, '\n        ')}`;
  return line;
}

function readTuning(file: string): Tuning {
  try {
    const t = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof t !== 'object' || t === null || Array.isArray(t)) throw new Error('not an object');
    return t as Tuning;
  } catch (e) {
    throw new EngineError('INVALID_FILE', `Cannot use tuning file ${file}: ${(e as Error).message}.`);
  }
}

/** The eval's engine, its index brought up to date with the articles folder. */
async function openEngine(config: EngineConfig, ownIndex: boolean): Promise<Engine> {
  const progress = createProgressReporter();
  const open = () => Engine.open({ config, onProgress: (p) => progress.update(p) });
  let engine: Engine;
  try {
    engine = await open();
  } catch (e) {
    // The eval's own cached index of a --seeds folder, from an older format: build it again.
    if (!ownIndex || config.backend !== 'files' || !(isEngineError(e) && (e.code === 'INDEX_MISMATCH' || e.code === 'INDEX_CORRUPT'))) throw e;
    rmSync(config.indexDir, { recursive: true, force: true });
    engine = await open();
  }
  progress.stop();
  // An index built earlier from an older copy of the folder would give stale results.
  await engine.reindex();
  return engine;
}

runCli(async () => {
  program.parse();
  const opts = program.opts<{
    questions?: string;
    quotes?: string;
    predicted?: string;
    sweep?: boolean;
    seeds?: string;
    indexDir?: string;
    tuning?: string;
    retrievalOnly?: boolean;
    verbose?: boolean;
    ignoreHistory?: boolean;
  }>();
  if (!opts.questions && !opts.quotes) throw new EngineError('CONFIG', 'Give --questions <file.jsonl> or --quotes <gold.json>.');
  let config = loadEngineConfig();
  if (opts.seeds) {
    // Each articles folder gets its own cached index, so switching between dev corpora costs nothing.
    const key = createHash('sha256').update(path.resolve(opts.seeds)).digest('hex').slice(0, 12);
    const name = `${path.basename(path.resolve(opts.seeds, '..'))}-${key}`;
    config = { ...config, seedsDir: opts.seeds, indexDir: opts.indexDir ?? path.join('.cache/eval-index', name) };
    // In a database, the same: a schema of its own per articles folder.
    if (config.database)
      config = { ...config, database: { ...config.database, schema: `eval_${name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63) } };
  }
  const ownIndex = Boolean(opts.seeds && !opts.indexDir);
  if (opts.quotes)
    return runQuotesEval(
      opts.quotes,
      opts.predicted ? undefined : () => openEngine(config, ownIndex),
      opts.predicted,
      Boolean(opts.verbose),
      Boolean(opts.sweep),
    );
  const questions = await readQuestionsFile(opts.questions!);
  const tuning = opts.tuning ? readTuning(opts.tuning) : undefined;
  const engine = await openEngine(config, ownIndex);
  try {
    if (opts.retrievalOnly) {
      const variants = await runRetrievalEval(engine, questions, tuning);
      process.stdout.write('variant    n     top-1   top-5\n');
      for (const v of variants) process.stdout.write(`${v.mode.padEnd(9)}  ${String(v.n).padEnd(4)}  ${show(v.recall_at_1)}   ${show(v.recall_at_5)}\n`);
      process.stdout.write(`${JSON.stringify({ retrieval: variants })}\n`);
      return;
    }
    const { results, summary } = await runEval(engine, questions, (r) => process.stdout.write(`${row(r, Boolean(opts.verbose))}\n`), tuning, {
      ignoreHistory: opts.ignoreHistory,
    });
    const kinds = summarizeByKind(results);
    if (kinds.some((k) => k.kind !== '(none)' && k.kind !== '(out of scope)')) {
      process.stdout.write('\nBy kind\n  kind             n    recall@5  answer hit  abstained\n');
      for (const k of kinds) {
        process.stdout.write(
          `  ${k.kind.padEnd(15)}  ${String(k.n).padEnd(3)}  ${show(k.recall_at_5).padEnd(8)}  ${show(k.answer_hit_rate).padEnd(10)}  ${show(k.abstained)}\n`,
        );
      }
    }
    process.stdout.write('\nSummary\n');
    for (const [k, v] of Object.entries(summary)) process.stdout.write(`  ${k.padEnd(22)} ${v === null ? 'n/a' : String(v)}\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await engine.close();
  }
});
