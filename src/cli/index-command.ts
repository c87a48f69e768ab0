import { Command } from 'commander';
import { loadEngineConfig } from '../config/engine-config.js';
import { runIndex } from '../engine/run-index.js';
import { describeOwner } from '../index/index-lock.js';
import { formatReindexSummary } from './format-summary.js';
import { createProgressReporter } from './progress.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run index --')
  .description('Index the articles in SEEDS_DIR into INDEX_DIR. Incremental: only new or changed articles are embedded.')
  .option('--full', 'rebuild everything from scratch')
  .option('--wait', 'if another indexing run is updating INDEX_DIR, wait for it to finish instead of stopping')
  .option('--json', 'print the summary as one JSON object')
  .showHelpAfterError();

runCli(async () => {
  program.parse();
  const opts = program.opts<{ full?: boolean; wait?: boolean; json?: boolean }>();
  const config = loadEngineConfig();
  const progress = createProgressReporter();
  try {
    // Under the index folder's lock, built in a child process, and loaded back before reporting.
    const { summary, index } = await runIndex(config, {
      full: opts.full,
      wait: opts.wait,
      what: 'npm run index',
      onWait: (owner) => process.stderr.write(`Waiting for another indexing run (${describeOwner(owner)}) to finish…\n`),
      onProgress: (p) => progress.update(p),
    });
    await index.sentences.close();
    progress.stop();
    process.stdout.write(opts.json ? `${JSON.stringify(summary)}\n` : `${formatReindexSummary(summary!)}\n`);
  } finally {
    progress.stop();
  }
});
