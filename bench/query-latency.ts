/**
 * Warm, in-process query latency per stage (query embedding, dense search, BM25,
 * fusion, answer composition) and in total, through the Engine's public API.
 */
import type { Embedder } from '../src/embed/embedder.js';
import type { EngineConfig } from '../src/config/engine-config.js';
import { Engine } from '../src/engine/engine.js';
import type { AnswerTimings } from '../src/types.js';
import { latency, rssMb, type Latency } from './lib/stats.js';

export interface QueryLatencyResult {
  passages: number;
  openSeconds: number;
  rssAfterOpenMb: number;
  queries: number;
  stages: Record<keyof AnswerTimings, Latency>;
}

export async function runQueryLatency(config: EngineConfig, embedder: Embedder, questions: readonly string[], queries: number): Promise<QueryLatencyResult> {
  const t = performance.now();
  const engine = await Engine.open({ config, embedder, buildIfMissing: false });
  const openSeconds = (performance.now() - t) / 1000;
  const rssAfterOpenMb = rssMb();
  const passages = engine.listArticles().reduce((s, d) => s + d.passageCount, 0);
  // "After the first query": warm-up is not measured.
  for (let i = 0; i < 10; i++) await engine.ask(questions[i % questions.length]!);
  const samples: Record<keyof AnswerTimings, number[]> = { embed: [], dense: [], keyword: [], fuse: [], compose: [], total: [] };
  for (let i = 0; i < queries; i++) {
    const a = await engine.ask(questions[i % questions.length]!);
    for (const k of Object.keys(samples) as (keyof AnswerTimings)[]) samples[k].push(a.timings![k]);
  }
  const stages = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, latency(v)])) as Record<keyof AnswerTimings, Latency>;
  return { passages, openSeconds, rssAfterOpenMb, queries, stages };
}
