/**
 * Child process for the cold-start benchmark: open the engine (model + index
 * load) and answer one question, then print timings and RSS as one JSON line.
 */
import { Engine } from '../src/engine/engine.js';
import { loadEngineConfig } from '../src/config/engine-config.js';

const t0 = performance.now();
const engine = await Engine.open({ config: loadEngineConfig(), buildIfMissing: false });
const opened = performance.now();
await engine.ask(process.argv[2] ?? 'what did Yermak say?');
const answered = performance.now();
const mem = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ openMs: opened - t0, firstAnswerMs: answered - opened, rssMb: mem.rss / 1048576, heapMb: mem.heapUsed / 1048576, uptimeMs: performance.now() })}\n`,
);
await engine.close();
