import { Command } from 'commander';
import { Engine } from '../index.js';
import { articleName } from '../format/labels.js';
import { createProgressReporter } from './progress.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run remove --')
  .description('Remove an article: its file leaves the articles folder and the index is rebuilt without it (the terminal twin of /remove).')
  .argument('<article>', 'the article: its id (see `npm run sources`), the start of it, or a title or outlet naming one article only')
  .option('--wait', 'if another indexing run is updating INDEX_DIR, wait for it to finish instead of stopping')
  .showHelpAfterError();

runCli(async () => {
  program.parse();
  const opts = program.opts<{ wait?: boolean }>();
  // Removing needs an index to remove from: never builds one.
  const engine = await Engine.open({ buildIfMissing: false, name: 'npm run remove' });
  try {
    const progress = createProgressReporter();
    const typed = program.args[0]!.trim();
    // An id, or an id prefix / title / outlet that names one article only (as /remove accepts).
    const { article, summary } = await engine.removeArticle(engine.findArticle(typed) ?? typed, { wait: opts.wait, onProgress: (p) => progress.update(p) });
    progress.stop();
    process.stdout.write(
      `Removed ${article.id} (${articleName(article)}); deleted ${article.file}. The index now has ${summary.articleCount} article(s), ${summary.passageCount} passage(s).\n`,
    );
  } finally {
    await engine.close();
  }
});
