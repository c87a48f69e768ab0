import { Command } from 'commander';
import { Engine } from '../engine/engine.js';
import { unknownSourceError } from '../engine/errors.js';
import { runCli } from './run-cli.js';
import { formatSource, sourceToJson } from './format-article.js';

const program = new Command()
  .name('npm run source --')
  .description("One article's metadata and every passage with its paragraph number (the terminal twin of /source).")
  .argument('<id>', 'the article id (see `npm run sources`)')
  .option('--json', 'print {"document_id","title","outlet","url","published","passages":[{"paragraph","text"}]}')
  .showHelpAfterError();

runCli(async () => {
  program.parse();
  const opts = program.opts<{ json?: boolean }>();
  const engine = await Engine.open({ buildIfMissing: false, name: 'npm run source' });
  try {
    const id = program.args[0]!.trim();
    const found = await engine.getSource(id);
    if (!found) throw unknownSourceError(id);
    process.stdout.write(opts.json ? `${JSON.stringify(sourceToJson(found.info, found.passages))}\n` : `${formatSource(found.info, found.passages)}\n`);
  } finally {
    await engine.close();
  }
});
