import os from 'node:os';
import { Command } from 'commander';
import { Engine, type ArticleInput } from '../index.js';
import { formatAdded } from './format-article.js';
import { createProgressReporter } from './progress.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run add --')
  .description(
    'Add an article to the articles folder and the index (the terminal twin of /add): a web page by its link, or a .txt, .md or .html file. ' +
      'It is saved under a stable name with who added it and when, then indexed incrementally.',
  )
  .argument('<path-or-url>', 'an http(s) link to the article, or a file on this machine')
  .option('--json', 'print the added article as one JSON object')
  .option('--wait', 'if another indexing run is updating INDEX_DIR, wait for it to finish instead of stopping')
  .showHelpAfterError();

/** A link when it looks like one (a scheme), else a file path. */
export function inputOf(arg: string): ArticleInput {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(arg.trim()) ? { kind: 'url', url: arg.trim() } : { kind: 'file', path: arg };
}

runCli(async () => {
  program.parse();
  const opts = program.opts<{ json?: boolean; wait?: boolean }>();
  const progress = createProgressReporter();
  const engine = await Engine.open({ name: 'npm run add', onProgress: (p) => progress.update(p), onWait: (m) => process.stderr.write(`${m}\n`) });
  progress.stop();
  try {
    const [arg] = program.args;
    const indexing = createProgressReporter();
    const result = await engine.addArticle(inputOf(arg!), {
      addedBy: `${os.userInfo().username} (npm run add)`,
      wait: opts.wait,
      onProgress: (p) => indexing.update(p),
    });
    indexing.stop();
    const a = result.article;
    process.stdout.write(
      opts.json
        ? `${JSON.stringify({ document_id: a.id, file: result.file, title: a.title, outlet: a.outlet ?? null, url: a.url ?? null, published: a.published ?? null, passages: a.passageCount, seconds: result.seconds })}\n`
        : `${formatAdded(result)}\n`,
    );
  } finally {
    await engine.close();
  }
});
