import { Command } from 'commander';
import { loadEngineConfig } from '../config/engine-config.js';
import { describeOwner } from '../index/index-lock.js';
import { openIndexBackend } from '../index/open-backend.js';
import { formatReindexSummary } from './format-summary.js';
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
  const config = loadEngineConfig();
  const progress = createProgressReporter();
  // With a database, its schema is brought up to date first (the migrations of `npm run db:migrate`).
  const backend = await openIndexBackend(config, { forIndexing: true });
  try {
    // Under the index's lock, built in a child process, and loaded back before reporting.
    const summary = await backend.runIndex({
      full: opts.full,
      wait: opts.wait,
      what: 'npm run index',
      onWait: (owner) => process.stderr.write(`Waiting for another indexing run (${describeOwner(owner)}) to finish…\n`),
      onProgress: (p) => progress.update(p),
    });
    progress.stop();
    process.stdout.write(opts.json ? `${JSON.stringify(summary)}\n` : `${formatReindexSummary(summary!)}\n`);
  } finally {
    progress.stop();
    await backend.close();
  }
});
