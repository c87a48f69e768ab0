import { Command } from 'commander';
import { articleLabel } from '../format/labels.js';
import { Engine, statementsToJson } from '../index.js';
import { createProgressReporter } from './progress.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run quotes --')
  .description('Quotations across outlets: each statement with its speaker and every outlet’s wording; without --speaker, the speakers too.')
  .option('--speaker <name>', 'only this speaker (any form of the name: "Putin", "Zelenskiy", "the Russian president")')
  .option('--source <id>', 'only statements carried by this article (file name without extension)')
  .option('--json', 'print one JSON object: {"statements":[{"speaker","kind","quotes":[{"document_id","paragraph","text"}]}]}')
  .showHelpAfterError();

runCli(async () => {
  program.parse();
  const opts = program.opts<{ speaker?: string; source?: string; json?: boolean }>();
  const progress = createProgressReporter();
  const engine = await Engine.open({ onProgress: (p) => progress.update(p) });
  progress.stop();
  try {
    const listing = engine.quotes({ ...(opts.speaker ? { speaker: opts.speaker } : {}), ...(opts.source ? { article: opts.source } : {}) });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(statementsToJson(listing.statements))}\n`);
      return;
    }
    const out: string[] = [];
    if (!opts.speaker)
      out.push(
        'Speakers:',
        ...listing.speakers.map(
          (s) => `  ${s.name} — ${s.statementCount} statement(s), ${s.fragmentCount} fragment(s), in ${s.articleCount} of ${listing.articleCount} articles`,
        ),
        '',
      );
    for (const s of listing.statements) {
      out.push(`${s.speaker ?? '(speaker unknown)'}${s.kind === 'fragment' ? ' (fragment)' : ''} — ${s.articleIds.length} of ${listing.articleCount} outlets`);
      for (const q of s.quotes) out.push(`  “${q.text}” — ${articleLabel(q.article)}, ¶${q.paragraph}`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await engine.close();
  }
});
