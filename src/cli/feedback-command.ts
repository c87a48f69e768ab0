import { promises as fs } from 'node:fs';
import { Command } from 'commander';
import { EngineError } from '../index-light.js';
import { toEvalQuestion, readFeedback } from '../tools.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run feedback --')
  .description('Export the answers rated 👍 / 👎 in Discord (FEEDBACK_FILE) as eval questions, marked for review.')
  .requiredOption('--export <file>', 'write the rated questions here (JSONL, the format of npm run eval --questions)')
  .option('--file <feedback.jsonl>', 'the feedback file (default FEEDBACK_FILE)')
  .showHelpAfterError();

runCli(async () => {
  program.parse();
  const opts = program.opts<{ export: string; file?: string }>();
  const file = opts.file ?? process.env.FEEDBACK_FILE;
  if (!file) throw new EngineError('CONFIG', 'No feedback file: set FEEDBACK_FILE (as for the bot) or pass --file.');
  let read;
  try {
    read = await readFeedback(file);
  } catch {
    throw new EngineError('INVALID_FILE', `Cannot read the feedback file ${file}.`);
  }
  const lines = read.ratings.map((r, i) => JSON.stringify(toEvalQuestion(r, i)));
  await fs.writeFile(opts.export, lines.length ? `${lines.join('\n')}\n` : '');
  const up = read.ratings.filter((r) => r.rating === 'up').length;
  process.stdout.write(
    `Wrote ${lines.length} rated question${lines.length === 1 ? '' : 's'} (${up} 👍, ${lines.length - up} 👎) to ${opts.export}, marked needs_review.${read.skipped ? ` Skipped ${read.skipped} unreadable line(s) of ${file}.` : ''}\n`,
  );
});
