/**
 * `npm run bench:html`: Readability on linkedom against Readability on jsdom, on the test pages of
 * test/fixtures/html (shaped like news sites, with the expected body paragraphs and page
 * furniture in expected.json) and on one large page (the standard page with 3,000 comments,
 * about 1 MB). For each DOM: body paragraphs kept (exactly, in order), furniture leaked, the time
 * to parse and extract (median (min–max) of interleaved rounds; paragraphs scored after the line
 * cleaning every article gets), and the time to import the
 * library in a fresh process. Chosen: linkedom (see the README, "HTML articles").
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { cleanText } from '../src/ingest/clean-text.js';
import { extractHtml, parseWithLinkedom, type ParseDom } from '../src/ingest/html/extract-html.js';
import { fmtSpread, spread } from './lib/stats.js';

const REPO = path.resolve(import.meta.dirname, '..');
const PAGES = path.join(REPO, 'test/fixtures/html');
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 7);

interface Expected {
  paragraphs?: string[];
  boilerplate?: string[];
  notAnArticle?: boolean;
}
const expected = JSON.parse(readFileSync(path.join(PAGES, 'expected.json'), 'utf8')) as Record<string, Expected>;

// jsdom prints CSS and script errors of pages to the console unless given its own.
const quiet = new VirtualConsole();
const parseWithJsdom: ParseDom = (html, url) => new JSDOM(html, { url, virtualConsole: quiet }).window.document;
const doms: [string, ParseDom][] = [
  ['linkedom', parseWithLinkedom],
  ['jsdom', parseWithJsdom],
];

/** The standard page with `n` reader comments: a 1 MB page is what MAX_ARTICLE_BYTES lets through. */
function largePage(n: number): string {
  const page = readFileSync(path.join(PAGES, 'standard-article.html'), 'utf8');
  const comment = (i: number) =>
    `<li class="comment"><div class="comment-author">reader_${i}</div><div class="comment-body"><p>Comment ${i}: the wall should have been built ten years ago, and the fishermen deserve compensation for every week their boats cannot land a catch at the quay.</p></div><div class="comment-actions"><a href="#">Reply</a> <a href="#">Report</a> <span>${i % 50} likes</span></div></li>`;
  return page.replace('<ol class="comment-list">', `<ol class="comment-list">${Array.from({ length: n }, (_, i) => comment(i)).join('\n')}`);
}

const pages = readdirSync(PAGES)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .map((f) => ({ name: f, html: readFileSync(path.join(PAGES, f), 'utf8'), expect: expected[f] ?? {} }));
const large = { name: 'standard-article + 3000 comments', html: largePage(3000), expect: expected['standard-article.html']! };

/** Paragraphs of `expected` found as paragraphs, in order; furniture strings found anywhere. */
function score(paragraphs: string[], e: Expected): { kept: number; of: number; leaked: string[] } {
  let at = 0;
  let kept = 0;
  for (const p of e.paragraphs ?? []) {
    const i = paragraphs.indexOf(p, at);
    if (i >= 0) {
      kept++;
      at = i + 1;
    }
  }
  const text = paragraphs.join('\n');
  return { kept, of: e.paragraphs?.length ?? 0, leaked: (e.boilerplate ?? []).filter((b) => text.includes(b)) };
}

const log = (s: string) => process.stdout.write(`${s}\n`);
log(`Readability (@mozilla/readability) on linkedom vs jsdom — ${rounds} interleaved rounds, median (min–max) ms per page`);
log(`large page: ${(Buffer.byteLength(large.html) / 1024).toFixed(0)} KB\n`);

const totals = new Map(doms.map(([d]) => [d, { kept: 0, of: 0, leaked: 0, failures: [] as string[] }]));
for (const page of [...pages, large]) {
  const times = new Map(doms.map(([d]) => [d, [] as number[]]));
  const outcome = new Map<string, string>();
  for (let r = 0; r < rounds + 1; r++) {
    for (const [name, parse] of r % 2 ? [...doms].reverse() : doms) {
      const t = performance.now();
      const result = extractHtml(page.html, { parse, url: 'https://news.example/story' });
      const ms = performance.now() - t;
      if (r === 0) {
        // the first round warms up each library; its result is what is scored
        if (page.expect.notAnArticle) outcome.set(name, result.ok ? 'extracted something (wrong)' : 'refused (right)');
        else if (!result.ok) outcome.set(name, `failed: ${result.reason}`);
        else {
          // scored as indexed: after the same line cleaning as every article
          const { cleaned } = cleanText(result.article.paragraphs.join('\n\n'));
          const s = score(cleaned.split('\n\n'), page.expect);
          outcome.set(name, `${s.kept}/${s.of} paragraphs${s.leaked.length ? `, leaked: ${s.leaked.join(' | ')}` : ''}`);
          if (page !== large) {
            const t = totals.get(name)!;
            t.kept += s.kept;
            t.of += s.of;
            t.leaked += s.leaked.length;
          }
        }
        if (page.expect.notAnArticle && result.ok) totals.get(name)!.failures.push(page.name);
        continue;
      }
      times.get(name)!.push(ms);
    }
  }
  log(page.name);
  for (const [name] of doms) log(`  ${name.padEnd(9)} ${fmtSpread(spread(times.get(name)!), 1).padEnd(22)} ${outcome.get(name)}`);
}

log('\nall test pages:');
for (const [name, t] of totals)
  log(
    `  ${name.padEnd(9)} ${t.kept}/${t.of} body paragraphs kept, ${t.leaked} furniture strings leaked${t.failures.length ? `, ${t.failures.join(', ')} not refused` : ''}`,
  );

log('\nimport time in a fresh process (median of 3, ms):');
for (const [name, spec] of [
  ['linkedom', 'linkedom'],
  ['jsdom', 'jsdom'],
] as const) {
  const ms = [0, 1, 2].map(() =>
    Number(
      execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const t = performance.now(); await import('${spec}'); console.log(performance.now() - t);`],
        { cwd: REPO },
      ).toString(),
    ),
  );
  log(`  ${name.padEnd(9)} ${fmtSpread(spread(ms), 0)}`);
}
