/**
 * Many distinct queries for the latency rounds: the eval questions plus queries made from the
 * corpus's own sentences (a run of 3–8 of a sentence's words, half of them behind a question
 * opener, half lower-cased). Cycling a handful of questions would measure caches, not queries.
 */
import { rng } from '../lib/stats.js';

const OPENERS = ['', '', 'what did', 'who', 'why', 'when did', 'what about', 'tell me about', 'anything on', 'is it true that', 'how', 'where'];

export function variedQueries(sentences: readonly string[], questions: readonly string[], count: number, seed = 3): string[] {
  const next = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const out = new Set<string>(questions.map((q) => q.trim()).filter(Boolean));
  const words = sentences.map((s) => s.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? []).filter((w) => w.length >= 3);
  for (let attempts = 0; out.size < count && attempts < count * 50 && words.length; attempts++) {
    const w = pick(words);
    const len = Math.min(w.length, 3 + Math.floor(next() * 6));
    const start = Math.floor(next() * (w.length - len + 1));
    let q = `${pick(OPENERS)} ${w.slice(start, start + len).join(' ')}`.trim();
    if (next() < 0.5) q = q.toLowerCase();
    out.add(q);
  }
  // Shuffle (seeded) so eval questions and generated ones are spread over all rounds.
  const list = [...out];
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list.slice(0, count);
}
