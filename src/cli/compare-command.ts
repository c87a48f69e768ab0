import { Command } from 'commander';
import { articleLabel, sharedLead } from '../format/labels.js';
import { Engine } from '../index.js';
import { createProgressReporter } from './progress.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run compare --')
  .description('Side-by-side coverage of a topic: each outlet’s main claim, what only one outlet reports, what every outlet reports.')
  .argument('<topic...>', 'the topic, e.g. "written guarantee"')
  .option('--json', 'print one JSON object: {"topic","per_source":[{"document_id","claims":[{"text","paragraph"}]}],"only_in":[…],"shared":[…]}')
  .showHelpAfterError();

runCli(async () => {
  program.parse();
  const opts = program.opts<{ json?: boolean }>();
  const progress = createProgressReporter();
  const engine = await Engine.open({ onProgress: (p) => progress.update(p) });
  progress.stop();
  try {
    const c = await engine.compare(program.args.join(' '));
    if (opts.json) {
      const json = {
        topic: c.topic,
        per_source: c.perArticle.map((s) => ({ document_id: s.articleId, claims: s.claims.map((x) => ({ text: x.text, paragraph: x.paragraph })) })),
        only_in: c.onlyIn.map((o) => ({ document_id: o.articleId, text: o.text, paragraph: o.paragraph })),
        shared: c.shared.map((s) => ({ text: s.text, document_ids: s.articleIds })),
      };
      process.stdout.write(`${JSON.stringify(json)}\n`);
      return;
    }
    const name = (d: { outlet?: string; title: string; id: string }) => articleLabel(d);
    const out = [`Coverage of "${c.topic}":`];
    for (const s of c.perArticle) out.push(`  ${name(s.article)}: ${s.claims[0]!.text} (¶${s.claims[0]!.paragraph})`);
    for (const o of c.onlyIn) out.push(`Only in ${name(o.article)}: ${o.text} (¶${o.paragraph})`);
    for (const s of c.shared)
      out.push(`${sharedLead(s.articleIds.length, s.missing)}: ${s.text} (${s.claims.map((x) => `${x.articleId} ¶${x.paragraph}`).join('; ')})`);
    if (!c.perArticle.length) out.push('  No article covers this topic.');
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await engine.close();
  }
});
