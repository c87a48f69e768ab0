import { Command } from 'commander';
import { Engine } from '../index.js';
import { formatReindexSummary, summaryToJson } from './format-summary.js';
import { createProgressReporter } from './progress.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run index --')
  .description(
    'Index the articles in SEEDS_DIR into INDEX_DIR (or the database, with INDEX_BACKEND=postgres). Incremental: only new or changed articles are embedded.',
  )
  .option('--full', 'rebuild everything from scratch')
  .option('--wait', 'if another indexing run is updating the index, wait for it to finish instead of stopping')
  .option('--json', 'print the summary as one JSON object')
  .showHelpAfterError();

runCli(async () => {
  program.parse();
  const opts = program.opts<{ full?: boolean; wait?: boolean; json?: boolean }>();
  const progress = createProgressReporter();
  try {
    // The engine runs it (under the index lock, in a child process, loaded back before it returns)
    // and reports progress through the callback; the progress bar and the wording are this command's.
    const summary = await Engine.buildIndex({
      full: opts.full,
      wait: opts.wait,
      name: 'npm run index',
      onWait: (message) => process.stderr.write(`${message}\n`),
      onProgress: (p) => progress.update(p),
    });
    progress.stop();
    process.stdout.write(opts.json ? `${JSON.stringify(summaryToJson(summary))}\n` : `${formatReindexSummary(summary)}\n`);
  } finally {
    progress.stop();
  }
});
