import { Command } from 'commander';
import { Engine } from '../engine/engine.js';
import { readQuestionsFile } from '../eval/questions-file.js';
import { runEval } from '../eval/run-eval.js';
import type { QuestionResult } from '../eval/score-eval.js';
import { createProgressReporter } from './progress.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run eval --')
  .description('Score retrieval and answers on a JSONL questions file. The last line printed is one JSON summary object.')
  .requiredOption('--questions <file>', 'questions file (JSONL: question, must_mention, evidence, out_of_scope)')
  .option('--verbose', 'print each answer under its row')
  .showHelpAfterError();

const mark = (ok: boolean) => (ok ? 'ok ' : 'MISS');

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
  if (r.missing.length && !r.outOfScope) line += `\n        missing: ${r.missing.map((g) => g.join('|')).join(', ')}`;
  if (verbose) line += `\n        ${r.answer.replace(/\n/g, '\n        ')}`;
  return line;
}

runCli(async () => {
  program.parse();
  const opts = program.opts<{ questions: string; verbose?: boolean }>();
  const questions = await readQuestionsFile(opts.questions);
  const progress = createProgressReporter();
  const engine = await Engine.open({ onProgress: (p) => progress.update(p) });
  progress.stop();
  try {
    const { summary } = await runEval(engine, questions, (r) => process.stdout.write(`${row(r, Boolean(opts.verbose))}\n`));
    process.stdout.write('\nSummary\n');
    for (const [k, v] of Object.entries(summary)) process.stdout.write(`  ${k.padEnd(22)} ${v === null ? 'n/a' : String(v)}\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await engine.close();
  }
});
