/**
 * Load benchmark: `concurrency` /ask interactions dispatched at once through the loopback Discord
 * gateway (test/support/fake-discord), answered by the real bot: createBot + a real Engine + the
 * real model, an unmodified discord.js client. Discord's 3 s deadline for the first callback is
 * enforced by the loopback server (a late deferral gets 404 10062 and counts as a failure).
 *
 * ```ts
 * import { runLoadBenchmark } from './load.js';
 * const r = await runLoadBenchmark({ concurrency: 50 });
 * r.answersPerSecond;           // answers delivered per second, over the whole burst
 * r.deferMs.p50, r.deferMs.p95; // dispatch → deferred callback (ms)
 * r.answerMs.p50, r.answerMs.p95; // dispatch → final edit of the answer (ms)
 * ```
 *
 * Every option is optional. Pass `embedder` (or `engine`) to reuse a model already loaded;
 * otherwise the model is loaded from MODEL_ID / MODEL_DIR (as `npm start` does) and disposed after.
 * The index is built from a temp copy of `seedsDir` (default: the repo's seeds/) unless `engine`
 * is given. Rate limits are off (one simulated user asks everything).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIEmbed } from 'discord.js';
import { createBot } from '../src/bot/create-bot.js';
import { memoryLogger } from '../src/bot/logger.js';
import { NO_RATE_LIMITS } from '../src/bot/rate-limit.js';
import { loadEngineConfig } from '../src/config/engine-config.js';
import { embedderOptionsFrom, loadEmbedder, type Embedder } from '../src/embed/embedder.js';
import { Engine } from '../src/engine/engine.js';
import { startFakeDiscord, type RecordedRequest } from '../test/support/fake-discord/index.js';
import { latency, type Latency } from './lib/stats.js';

const REPO = path.resolve(import.meta.dirname, '..');

export const DEFAULT_LOAD_QUESTIONS: readonly string[] = [
  'what did Yermak say?',
  'What did Putin say about attacking Europe?',
  'What guarantees did Putin offer in writing?',
  'What did Peskov say about the peace plan?',
  'How do I bake sourdough bread?',
  'Who is Andriy Yermak?',
  'What did Zelensky say about territory?',
  'Where could the talks resume?',
];

export interface LoadBenchmarkOptions {
  /** /ask interactions dispatched at once (default 50). */
  concurrency?: number;
  /** Questions, cycled (default: a mix of answerable and out-of-scope ones about the seeds). */
  questions?: readonly string[];
  /** An already loaded model to share. */
  embedder?: Embedder;
  /** An already open engine (its model and index are used as they are). */
  engine?: Engine;
  /** Articles to index when no engine is given (default: the repo's seeds/). */
  seedsDir?: string;
  /** The bot's "Show passages" answer cache size (default: the bot's own, 200). */
  answerCacheSize?: number;
  /** Give up waiting for the answers after this long (default 180 s). */
  timeoutMs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface LoadSample {
  question: string;
  /** Dispatch → the bot's discord.js client emitted the interaction (ms). */
  receivedMs: number;
  /** Dispatch → deferred callback arrived at "Discord" (ms). */
  deferMs: number;
  /** HTTP status "Discord" gave that callback (404 = the 3 s deadline was missed). */
  callbackStatus: number;
  /** Dispatch → final edit arrived (ms); NaN when it never came. */
  answerMs: number;
  /** The answer's embed (undefined when there was no edit). */
  embed?: APIEmbed;
  /** allowed_mentions of that edit. */
  allowedMentions?: unknown;
}

export interface LoadBenchmarkResult {
  concurrency: number;
  /** Answers delivered (final edits accepted by the loopback server). */
  answers: number;
  /** Interactions that were deferred late (after 3 s), refused, or never answered. */
  failures: number;
  /** Dispatch of the first → last answer delivered (s). */
  seconds: number;
  answersPerSecond: number;
  /** Dispatch → received by the bot's client (gateway and discord.js), for reference. */
  receivedMs: Latency & { max: number };
  deferMs: Latency & { max: number };
  answerMs: Latency & { max: number };
  /** Resident set size (MB) before the burst, at its peak (sampled every 25 ms) and after. */
  rss: { beforeMb: number; peakMb: number; afterMb: number; growthMb: number };
  /** The one shared model: questions embedded, model calls made for them, largest batch. */
  embedder: { queries: number; modelCalls: number; largestBatch: number } | undefined;
  /** The bot's answer cache after the burst (bounded: size ≤ capacity). */
  answerCache: { size: number; capacity: number };
  /** Requests "Discord" refused (status ≥ 400) and ones to unknown routes. */
  rejectedRequests: string[];
  /** Errors the bot logged. */
  errors: string[];
  samples: LoadSample[];
}

const mb = () => process.memoryUsage().rss / 1048576;
const withMax = (values: number[]) => ({ ...latency(values), max: values.length ? Math.max(...values) : NaN });

/** Run one burst of `concurrency` concurrent /ask interactions against the real bot. See the file comment. */
export async function runLoadBenchmark(options: LoadBenchmarkOptions = {}): Promise<LoadBenchmarkResult> {
  const concurrency = options.concurrency ?? 50;
  const questions = options.questions?.length ? options.questions : DEFAULT_LOAD_QUESTIONS;
  const timeoutMs = options.timeoutMs ?? 180_000;
  const log = options.log ?? (() => undefined);
  const cleanup: (() => Promise<void> | void)[] = [];

  try {
    // --- the engine: given, or a fresh index of a temp copy of the seeds
    let engine = options.engine;
    if (!engine) {
      const base = loadEngineConfig();
      const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-load-'));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      cpSync(options.seedsDir ?? path.join(REPO, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
      const config = { ...base, seedsDir: path.join(dir, 'seeds'), indexDir: path.join(dir, 'embeddings') };
      let embedder = options.embedder;
      if (!embedder) {
        log('loading the model…');
        embedder = await loadEmbedder(embedderOptionsFrom(config));
        const owned = embedder;
        cleanup.push(() => owned.dispose());
      }
      log('building the index…');
      engine = await Engine.open({ config, embedder });
    }

    // --- the loopback Discord and the bot
    const server = await startFakeDiscord();
    cleanup.push(() => server.close());
    const logger = memoryLogger();
    const bot = createBot({
      engine,
      config: { token: server.token, apiBase: server.apiBase },
      logger,
      rateLimits: NO_RATE_LIMITS,
      ...(options.answerCacheSize ? { answerCacheSize: options.answerCacheSize } : {}),
    });
    cleanup.unshift(() => bot.stop());
    await bot.start();
    // when the bot's client emits each interaction (dispatch → received is gateway + discord.js time)
    const received = new Map<string, number>();
    bot.client.on('interactionCreate', (i) => received.set(i.id, Date.now()));

    const askOnce = (question: string) => server.sendInteraction(server.slashCommand({ name: 'ask', options: [{ name: 'question', value: question }] }));
    const editOf = (token: string) => ({ method: 'PATCH', path: `/webhooks/${server.applicationId}/${token}/messages/@original` });

    // warm-up: the first answer pays for lazily built structures
    const warm = askOnce(questions[0]!);
    await server.waitForResponse(editOf(warm.token), 60_000);

    const stats0 = engine.embedderStats ? { ...engine.embedderStats } : undefined;
    global.gc?.();
    const rssBefore = mb();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, mb())), 25);
    cleanup.unshift(() => clearInterval(sampler));

    // --- the burst: every interaction dispatched at once
    log(`dispatching ${concurrency} /ask interactions…`);
    const first = server.requests.length;
    const started = Date.now();
    const refs = Array.from({ length: concurrency }, (_, i) => {
      const question = questions[i % questions.length]!;
      return { question, ref: askOnce(question), at: Date.now() };
    });
    const samples = await Promise.all(
      refs.map(async ({ question, ref, at }): Promise<LoadSample> => {
        const cb = await server.waitForResponse({ method: 'POST', path: `/interactions/${ref.id}/${ref.token}/callback` }, timeoutMs);
        let edit: RecordedRequest<{ embeds?: APIEmbed[]; allowed_mentions?: unknown }> | undefined;
        try {
          edit = await server.waitForResponse(editOf(ref.token), timeoutMs);
        } catch {
          edit = undefined;
        }
        const ok = edit && (edit.response?.status ?? 500) < 400;
        return {
          question,
          receivedMs: (received.get(ref.id) ?? NaN) - at,
          deferMs: cb.at - at,
          callbackStatus: cb.response!.status,
          answerMs: ok ? edit!.at - at : NaN,
          ...(ok ? { embed: edit!.body?.embeds?.[0], allowedMentions: edit!.body?.allowed_mentions } : {}),
        };
      }),
    );
    const finished = Date.now();
    clearInterval(sampler);
    const rssAfter = mb();

    const answered = samples.filter((s) => !Number.isNaN(s.answerMs));
    const failures = samples.filter((s) => s.callbackStatus >= 400 || s.deferMs > 3000 || Number.isNaN(s.answerMs)).length;
    const lastAnswer = answered.length ? Math.max(...answered.map((s) => s.answerMs)) : finished - started;
    const stats1 = engine.embedderStats;
    const burst = server.requests.slice(first);
    const result: LoadBenchmarkResult = {
      concurrency,
      answers: answered.length,
      failures,
      seconds: lastAnswer / 1000,
      answersPerSecond: answered.length / (lastAnswer / 1000),
      receivedMs: withMax(samples.map((s) => s.receivedMs)),
      deferMs: withMax(samples.map((s) => s.deferMs)),
      answerMs: withMax(answered.map((s) => s.answerMs)),
      rss: { beforeMb: rssBefore, peakMb: Math.max(peak, rssAfter), afterMb: rssAfter, growthMb: Math.max(peak, rssAfter) - rssBefore },
      embedder:
        stats0 && stats1
          ? { queries: stats1.queries - stats0.queries, modelCalls: stats1.queryBatches - stats0.queryBatches, largestBatch: stats1.largestQueryBatch }
          : undefined,
      answerCache: { size: bot.context.answers.size, capacity: bot.context.answers.capacity },
      rejectedRequests: burst.filter((r) => r.route === null || (r.response?.status ?? 200) >= 400).map((r) => `${r.method} ${r.path} → ${r.response?.status}`),
      errors: logger.lines.filter((l) => l.startsWith('ERROR')),
      samples,
    };
    if (process.env.LOAD_DEBUG) {
      for (const s of samples) log(`received ${s.receivedMs} deferred ${s.deferMs} answered ${s.answerMs} ms  ${s.question}`);
    }
    log(
      `${result.answers}/${concurrency} answered in ${result.seconds.toFixed(2)} s (${result.answersPerSecond.toFixed(1)}/s); ` +
        `deferral p50 ${result.deferMs.p50.toFixed(0)} ms, p95 ${result.deferMs.p95.toFixed(0)} ms; answer p50 ${result.answerMs.p50.toFixed(0)} ms, p95 ${result.answerMs.p95.toFixed(0)} ms`,
    );
    return result;
  } finally {
    for (const step of cleanup) await Promise.resolve(step()).catch(() => undefined);
  }
}

// `npx tsx bench/load.ts [concurrency]`: run it on its own and print the JSON (without the samples).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const concurrency = Number(process.argv[2] ?? 50);
  const { samples: _samples, ...summary } = await runLoadBenchmark({ concurrency, log: (l) => process.stderr.write(`[load] ${l}\n`) });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  process.exit(0);
}
