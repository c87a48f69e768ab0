/**
 * Run with `node --expose-gc --import tsx bench/conversation-state-child.ts <users> [<users> …]`:
 * the bot's conversation state (src/conversation/state.ts, default bounds) filled by simulated
 * users, each asking 6 questions in one channel, with turns made by turnOf from the seeds' real
 * sentences and the dev sets' real questions. Prints one JSON line: heap per run (after GC).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { turnOf } from '../src/conversation/resolve.js';
import { ConversationStore } from '../src/conversation/state.js';
import { splitSentences } from '../src/chunk/split-sentences.js';

const REPO = path.resolve(import.meta.dirname, '..');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const seeds = path.join(REPO, 'seeds');
const sentences = readdirSync(seeds)
  .flatMap((f) => {
    const text = readFileSync(path.join(seeds, f), 'utf8');
    return splitSentences(text).map((s) => text.slice(s.start, s.end));
  })
  .filter((s) => s.length > 60 && s.length < 400);
const questions = readFileSync(path.join(REPO, 'test/fixtures/five/chatty.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { question: string }).question);
const capitalised = new Set(sentences.flatMap((s) => [...s.matchAll(/(?<=\s)\p{Lu}[\p{L}.'-]+/gu)].map((m) => m[0].toLowerCase())));
const names = { isName: (w: string) => capitalised.has(w) };
// Turns as the engine makes them, one per (question, answer) pair; each user's copy gets its own strings.
const templates = questions.slice(0, 60).map((q, i) =>
  turnOf(
    q,
    q,
    {
      abstained: false,
      claims: [{ text: sentences[i % sentences.length]! }, { text: sentences[(i * 7) % sentences.length]! }],
      citations: [{ passageId: `00${i % 5}_5ed6bed9a529a53f#${i % 9}` }, { passageId: `00${(i + 1) % 5}_74fab2486cdf4fb4#${i % 7}` }],
    },
    names,
  ),
);
// JSON.parse makes fresh strings: no user's turn shares text with another's, as with real answers.
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const results = [];
for (const users of process.argv.slice(2).map(Number)) {
  (globalThis as { keep?: unknown }).keep = undefined;
  gc();
  const before = process.memoryUsage().heapUsed;
  const store = new ConversationStore();
  const t = performance.now();
  let ops = 0;
  for (let q = 0; q < 6; q++) {
    for (let u = 0; u < users; u++) {
      const key = { guild: '123456789012345678', channel: '223456789012345678', user: String(300000000000000000n + BigInt(u)) };
      store.history(key, 5 * 60_000);
      store.add(key, { ...copy(templates[(u + q) % templates.length]!), at: Date.now() });
      ops++;
    }
  }
  const perOpUs = ((performance.now() - t) * 1000) / ops;
  gc();
  const heapMb = (process.memoryUsage().heapUsed - before) / 1048576;
  results.push({ users, conversations: store.size, turnsKept: store.turnCount, heapMb, bytesPerConversation: (heapMb * 1048576) / store.size, perOpUs });
  (globalThis as { keep?: unknown }).keep = store; // measured while alive
}
process.stdout.write(`${JSON.stringify(results)}\n`);
