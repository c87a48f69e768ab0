import { Command } from 'commander';
import { Engine, askConversation } from '../index.js';
import { answerToJson, formatAnswerText } from './format-answer.js';
import { createProgressReporter } from './progress.js';
import { runCli } from './run-cli.js';

const collect = (value: string, previous: string[]) => [...previous, value];

const program = new Command()
  .name('npm run ask --')
  .description('Answer a question from the indexed articles, with numbered citations.')
  .argument('<question...>', 'the question, e.g. "what did Yermak say?"')
  .option('--json', 'print one JSON object (answer, citations with document id, paragraph, passage, score)')
  .option('--source <article>', 'only use this article: its id, the start of it, or a title or outlet naming one article only')
  .option('--history <question>', 'an earlier question of the conversation (repeat, oldest first): the question is answered as a follow-up', collect, [])
  .option('--outlet <name>', 'only articles from this outlet')
  .option('--since <date>', 'only articles published on or after this day ("2025-11-27", "last week")')
  .option('--until <date>', 'only articles published on or before this day')
  .showHelpAfterError();

runCli(async () => {
  program.parse();
  const opts = program.opts<{ json?: boolean; source?: string; history: string[]; outlet?: string; since?: string; until?: string }>();
  const question = program.args.join(' ');
  const progress = createProgressReporter();
  const engine = await Engine.open({ name: 'npm run ask', onProgress: (p) => progress.update(p), onWait: (m) => process.stderr.write(`${m}\n`) });
  progress.stop();
  try {
    const filter = opts.outlet || opts.since || opts.until ? { outlet: opts.outlet, since: opts.since, until: opts.until } : undefined;
    const answers = await askConversation(engine, [...opts.history, question], {
      article: opts.source && (engine.findArticle(opts.source) ?? opts.source),
      ...(filter && { filter }),
    });
    const answer = answers[answers.length - 1]!;
    process.stdout.write(opts.json ? `${JSON.stringify(answerToJson(answer))}\n` : `${formatAnswerText(answer)}\n`);
  } finally {
    await engine.close();
  }
});
