import { Command } from 'commander';
import { Engine, loadEngineConfig, type ArticleInfo } from '../index.js';
import { articleLabel } from '../format/labels.js';
import { oneLine } from '../format/shorten.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run sources --')
  .description(
    'List the indexed articles: id (for --source), source (outlet or short title, as citations name it), date, passages, title. The terminal twin of /sources.',
  )
  .option('--json', 'print one JSON array of the articles (id, file, title, outlet, url, published, passages)')
  .showHelpAfterError();

/** The articles as an aligned table, with a total line; "source" names each as citations do. */
export function formatSources(sources: readonly ArticleInfo[]): string {
  const rows = sources.map((s) => [s.id, articleLabel(s), s.published ?? '-', String(s.passageCount), oneLine(s.title || s.file, 70)]);
  const header = ['id', 'source', 'published', 'passages', 'title'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const passages = sources.reduce((n, s) => n + s.passageCount, 0);
  return [
    line(header),
    ...rows.map(line),
    `${sources.length} article${sources.length === 1 ? '' : 's'}, ${passages} passage${passages === 1 ? '' : 's'}.`,
  ].join('\n');
}

/** `--json`: each article with its passage count under its published key, `passages`. */
export const sourcesToJson = (sources: readonly ArticleInfo[]) => sources.map(({ passageCount, ...meta }) => ({ ...meta, passages: passageCount }));

runCli(async () => {
  program.parse();
  const opts = program.opts<{ json?: boolean }>();
  // Listing needs an index, never builds one.
  const engine = await Engine.open({ config: loadEngineConfig(), buildIfMissing: false, name: 'npm run sources' });
  try {
    const sources = engine.listArticles();
    process.stdout.write(opts.json ? `${JSON.stringify(sourcesToJson(sources))}\n` : `${formatSources(sources)}\n`);
  } finally {
    await engine.close();
  }
});
