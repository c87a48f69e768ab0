import { Command } from 'commander';
import { Engine } from '../engine/engine.js';
import { answerToJson, formatAnswerText } from './format-answer.js';
import { createProgressReporter } from './progress.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run ask --')
  .description('Answer a question from the indexed articles, with numbered citations.')
  .argument('<question...>', 'the question, e.g. "what did Yermak say?"')
  .option('--json', 'print one JSON object (answer, citations with document id, paragraph, passage, score)')
  .option('--source <id>', 'only use this article (file name without extension)')
  .showHelpAfterError();

runCli(async () => {
  program.parse();
  const opts = program.opts<{ json?: boolean; source?: string }>();
  const question = program.args.join(' ');
  const progress = createProgressReporter();
  const engine = await Engine.open({ name: 'npm run ask', onProgress: (p) => progress.update(p), onWait: (m) => process.stderr.write(`${m}\n`) });
  progress.stop();
  try {
    const answer = await engine.ask(question, { source: opts.source });
    process.stdout.write(opts.json ? `${JSON.stringify(answerToJson(answer))}\n` : `${formatAnswerText(answer)}\n`);
  } finally {
    await engine.close();
  }
});
