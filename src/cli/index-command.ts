import { Command } from 'commander';
import { loadEngineConfig } from '../config/engine-config.js';
import { embedderOptionsFrom, loadEmbedder } from '../embed/embedder.js';
import { buildIndex } from '../index/build-index.js';
import { formatReindexSummary } from './format-summary.js';
import { createProgressReporter } from './progress.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run index --')
  .description('Index the articles in SEEDS_DIR into INDEX_DIR. Incremental: only new or changed articles are embedded.')
  .option('--full', 'rebuild everything from scratch')
  .option('--json', 'print the summary as one JSON object')
  .showHelpAfterError();

runCli(async () => {
  program.parse();
  const opts = program.opts<{ full?: boolean; json?: boolean }>();
  const config = loadEngineConfig();
  const embedder = await loadEmbedder(embedderOptionsFrom(config));
  const progress = createProgressReporter();
  try {
    const { summary } = await buildIndex(config, embedder, { full: opts.full, onProgress: (p) => progress.update(p) });
    progress.stop();
    process.stdout.write(opts.json ? `${JSON.stringify(summary)}\n` : `${formatReindexSummary(summary)}\n`);
  } finally {
    progress.stop();
    await embedder.dispose();
  }
});
