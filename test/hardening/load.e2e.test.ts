/**
 * Load: 50 concurrent /ask interactions through the loopback gateway, answered by the real bot
 * (real model, real index), via bench/load.ts — the same code the benchmark reports from.
 * The loopback server enforces Discord's 3 s deadline for the first callback.
 */
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/bot/context.js';
import { memoryLogger } from '../../src/bot/logger.js';
import { runLoadBenchmark } from '../../bench/load.js';
import { Engine } from '../../src/engine/engine.js';
import { makeWorkspace, testEmbedder } from '../support/workspace.js';
import { expectEmbedWithinLimits } from './harness.js';

describe('50 concurrent /ask', () => {
  it('all are deferred within 3 s and answered, by one shared model with batched calls, in bounded memory', async () => {
    const embedder = await testEmbedder();
    const w = makeWorkspace();
    try {
      const engine = await Engine.open({ config: w.config, embedder });
      const r = await runLoadBenchmark({ concurrency: 50, engine, answerCacheSize: 20, timeoutMs: 90_000 });
      const report = `answers/s ${r.answersPerSecond.toFixed(1)}; deferral p50 ${r.deferMs.p50} p95 ${r.deferMs.p95} max ${r.deferMs.max} ms; answer p50 ${r.answerMs.p50} p95 ${r.answerMs.p95} max ${r.answerMs.max} ms; RSS +${r.rss.growthMb.toFixed(0)} MB; model calls ${r.embedder?.modelCalls} for ${r.embedder?.queries} questions`;
      console.log(`[load] ${report}`);

      // every interaction: a deferred callback accepted by "Discord" (within its 3 s deadline), then the answer
      expect(r.samples).toHaveLength(50);
      for (const s of r.samples) {
        expect(s.callbackStatus, report).toBeLessThan(400);
        expect(s.deferMs, report).toBeLessThan(3000);
        expect(s.answerMs, report).toBeGreaterThanOrEqual(s.deferMs);
        expect(s.allowedMentions).toEqual({ parse: [] });
        expect(s.embed?.description).toBeTruthy();
        expectEmbedWithinLimits(s.embed!);
      }
      expect(r.answers).toBe(50);
      expect(r.failures).toBe(0);
      expect(r.rejectedRequests).toEqual([]);
      expect(r.errors).toEqual([]);
      expect(r.samples.filter((s) => s.question === 'what did Yermak say?').every((s) => /As long as/.test(s.embed!.description!))).toBe(true);

      // one model instance, shared: the engine's embedder is the one loaded (its counters are that model's), and it batched the questions
      expect(engine.embedderStats).toBe(embedder.stats);
      // One embedding per question, plus one for the topic of each "what did X say about Y".
      expect(r.embedder!.queries).toBeGreaterThanOrEqual(50);
      expect(r.embedder!.queries).toBeLessThanOrEqual(100);
      expect(r.embedder!.modelCalls).toBeLessThan(25);
      expect(r.embedder!.largestBatch).toBeGreaterThan(1);

      // bounded memory: the process grew by < 300 MB during the burst, and the answer cache kept at most its capacity
      expect(r.rss.growthMb, report).toBeLessThan(300);
      expect(r.answerCache).toEqual({ size: 20, capacity: 20 });
    } finally {
      w.cleanup();
    }
  });

  it("the bot's caches are bounded by default (200 answers, 200 aliases)", () => {
    const ctx = createContext({} as never, memoryLogger());
    for (let i = 0; i < 1000; i++) {
      ctx.answers.add({} as never);
      ctx.aliases.add(`id-${i}`);
    }
    expect(ctx.answers.size).toBe(200);
    expect(ctx.aliases.size).toBe(200);
  });
});
