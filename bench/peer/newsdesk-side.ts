/**
 * Newsdesk's side of the peer comparison, run as a child process (compiled JS, as `npm start`
 * runs) by `npm run bench -- --peer`. Only the engine's public API (src/index.ts): `Engine.open`
 * (which builds the index when there is none), `engine.search(q, { limit })`, and for the probe
 * the model itself (`loadEmbedder`), shared with the engine that checks it is the index's model.
 *
 *   node newsdesk-side.js build      build the index of SEEDS_DIR into INDEX_DIR, report, exit
 *   node newsdesk-side.js serve      open INDEX_DIR and answer requests (protocol.ts)
 *   node newsdesk-side.js probe <t>  the text's vector without the query instruction
 */
import { Engine, embedderOptionsFrom, loadEmbedder, loadEngineConfig } from '../../src/index.js';
import type { BuiltMessage, Hit, ProbeMessage, ReadyMessage, Request, SearchReply, StatsReply } from './protocol.js';

const send = (message: object) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;
/** CPU seconds of this process (user + system, all threads): less sensitive than wall time to other load. */
const cpuSeconds = () => {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
};
const passagesOf = (engine: Engine) => engine.listArticles().reduce((n, s) => n + s.passageCount, 0);

async function main(mode: string | undefined, arg: string | undefined): Promise<void> {
  const config = loadEngineConfig();
  if (mode === 'build') {
    const engine = await Engine.open({ config });
    const message: BuiltMessage = {
      built: { documents: engine.articleCount, passages: passagesOf(engine), sinceStartMs: performance.now(), cpuSeconds: cpuSeconds(), maxRssMb: maxRssMb() },
    };
    await engine.close();
    await send(message);
    process.exit(0);
  }
  if (mode === 'probe') {
    const embedder = await loadEmbedder(embedderOptionsFrom(config));
    await Engine.open({ config, embedder, buildIfMissing: false }); // refuses an index built with another model
    const message: ProbeMessage = { probe: { vector: Array.from(await embedder.embedQuery(arg ?? '', false)) } };
    await send(message);
    process.exit(0);
  }
  if (mode !== 'serve') throw new Error(`unknown mode ${mode}`);
  const t = performance.now();
  const engine = await Engine.open({ config, buildIfMissing: false });
  const ready: ReadyMessage = { ready: { openMs: performance.now() - t, passages: passagesOf(engine) } };
  await send(ready);
  process.on('message', async (req: Request) => {
    try {
      if (req.op === 'search') {
        const reply: SearchReply = { id: req.id, ms: [], hits: [] };
        for (const q of req.queries) {
          const t0 = performance.now();
          // A question the engine refuses (e.g. nothing but punctuation) counts as no passages.
          const passages = await engine.search(q, { limit: req.k }).catch(() => []);
          reply.ms.push(performance.now() - t0);
          if (req.withHits) reply.hits.push(passages.map((p): Hit => ({ file: p.article.file, text: p.text })));
        }
        await send(reply);
      } else if (req.op === 'stats') {
        const reply: StatsReply = { id: req.id, rssMb: process.memoryUsage().rss / 1048576, maxRssMb: maxRssMb() };
        await send(reply);
      } else if (req.op === 'exit') {
        await engine.close();
        process.exit(0);
      }
    } catch (e) {
      await send({ error: (e as Error).message });
    }
  });
}

if (!process.send) {
  process.stderr.write('newsdesk-side is run by `npm run bench -- --peer` (it talks over IPC).\n');
  process.exit(2);
}
main(process.argv[2], process.argv[3]).catch(async (e: unknown) => {
  await send({ error: `newsdesk ${process.argv[2]}: ${(e as Error).message}` });
  process.exit(1);
});
