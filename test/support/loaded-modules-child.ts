/**
 * Run by test/engine/query-memory.test.ts in its own process: opens the engine on SEEDS_DIR /
 * INDEX_DIR, runs the steps given as JSON in argv[2] (`{ search }`, `{ ask }`, `{ ask, followUp }`,
 * `{ quotes }`), and after each reports the packages loaded so far, through import (a module
 * resolve hook sees every ESM import) or require (Node's CommonJS cache).
 */
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

type Step = { search: string } | { ask: string; followUp?: string } | { quotes: string };

const HOOKS = `
let port;
export async function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage(result.url);
  return result;
}`;
const imported: string[] = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url: string) => imported.push(url));
port1.unref();
register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { port: port2 }, transferList: [port2] });

const require = createRequire(import.meta.url);
/** Let the hook's messages arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
/** The packages loaded so far ("compromise", "@mozilla/readability" …). */
const packagesLoaded = async (): Promise<string[]> => {
  await settle();
  const names = [...imported, ...Object.keys(require.cache)].map((u) => /[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(u)?.[1]);
  return [...new Set(names.filter((n): n is string => n !== undefined))].sort();
};

const steps = JSON.parse(process.argv[2] ?? '[]') as Step[];
const { Engine } = await import('../../src/engine/engine.js');
const engine = await Engine.open({ buildIfMissing: false });
const out: { step: Step; result: unknown; packages: string[] }[] = [];
// Only after the engine's own imports: a module hook sees those too.
const sawEngine = await (async () => (await settle(), imported.some((u) => u.endsWith('/src/engine/engine.ts'))))();
for (const step of steps) {
  let result: unknown;
  if ('search' in step) result = (await engine.search(step.search, { limit: 5 })).map((p) => p.articleId);
  else if ('quotes' in step) result = engine.quotes({ speaker: step.quotes }).statements.length;
  else {
    const first = await engine.ask(step.ask);
    result = step.followUp ? (await engine.ask(step.followUp, { history: [first.turn!] })).text : first.text;
  }
  out.push({ step, result, packages: await packagesLoaded() });
}
await engine.close();
// A pipe takes the write asynchronously: exit once it is out.
process.stdout.write(JSON.stringify({ sawEngine, steps: out }) + '\n', () => process.exit(0));
