import { Command } from 'commander';
import { Engine, unknownArticleError } from '../index.js';
import { runCli } from './run-cli.js';
import { formatSource, sourceToJson } from './format-article.js';

const program = new Command()
  .name('npm run source --')
  .description("One article's metadata and every passage with its paragraph number (the terminal twin of /source).")
  .argument('<article>', 'the article: its id (see `npm run sources`), the start of it, or a title or outlet naming one article only')
  .option('--json', 'print {"document_id","title","outlet","url","published","passages":[{"paragraph","text"}]}')
  .showHelpAfterError();

runCli(async () => {
  program.parse();
  const opts = program.opts<{ json?: boolean }>();
  const engine = await Engine.open({ buildIfMissing: false, name: 'npm run source' });
  try {
    const typed = program.args[0]!.trim();
    // An id, or an id prefix / title / outlet that names one article only (as /source accepts).
    const id = engine.findArticle(typed) ?? typed;
    const found = await engine.getArticle(id);
    if (!found) throw unknownArticleError(id);
    process.stdout.write(opts.json ? `${JSON.stringify(sourceToJson(found.info, found.passages))}\n` : `${formatSource(found.info, found.passages)}\n`);
  } finally {
    await engine.close();
  }
});
