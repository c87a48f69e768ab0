import { nameKey } from '../quotes/names.js';
import type { QuotesJson } from '../quotes/quotes-json.js';

/** Scores of a quote index against a gold file (README "Evaluation": the quote index). */
export interface QuoteScores {
  gold_statements: number;
  gold_quotes: number;
  predicted_quotes: number;
  /** Gold statements with at least one of their quotes found. */
  statement_recall: number;
  /** Gold quotes found (same article, same words). */
  quote_recall: number;
  /** Found gold quotes whose predicted speaker is the gold one (null = unknown counts as a speaker). */
  speaker_accuracy: number;
  /** Pairs of found gold quotes: predicted in one statement and gold in one statement. */
  grouping_precision: number;
  grouping_recall: number;
  grouping_f1: number;
  /** The same over pairs from different articles only: one statement as two outlets report it (what the grouping threshold decides). */
  cross_article_pairs: number;
  cross_article_precision: number;
  cross_article_recall: number;
  cross_article_f1: number;
}

export interface QuoteMiss {
  what: 'quote not found' | 'wrong speaker' | 'split apart' | 'wrongly grouped';
  detail: string;
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const round = (x: number) => Math.round(x * 1000) / 1000;
const ratio = (a: number, b: number) => (b === 0 ? 1 : round(a / b));

/** Word overlap of two quotes: 1 when one's words are all in the other (a quote cut at a different point still matches). */
function overlap(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.length || !wb.length) return 0;
  const count = new Map<string, number>();
  for (const w of wb) count.set(w, (count.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of wa) {
    const n = count.get(w) ?? 0;
    if (n > 0) {
      shared++;
      count.set(w, n - 1);
    }
  }
  return shared / Math.max(wa.length, wb.length);
}

/** Speakers are the same person: same family name up to transliteration (Zelenskyy / Zelenskiy), or both unknown. */
export function sameSpeaker(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return nameKey(a.trim().split(/\s+/).pop()!) === nameKey(b.trim().split(/\s+/).pop()!);
}

/**
 * Match predicted quotes to gold quotes one to one (same article, word overlap ≥ 0.6, best
 * first), then score statements, speakers and pairwise grouping.
 */
export function scoreQuotes(gold: QuotesJson, predicted: QuotesJson): { scores: QuoteScores; misses: QuoteMiss[] } {
  const flat = (j: QuotesJson) => j.statements.flatMap((s, si) => s.quotes.map((q) => ({ ...q, statement: si, speaker: s.speaker })));
  const g = flat(gold);
  const p = flat(predicted);
  const candidates: { gi: number; pi: number; score: number }[] = [];
  g.forEach((gq, gi) =>
    p.forEach((pq, pi) => {
      if (gq.document_id !== pq.document_id) return;
      const score = overlap(gq.text, pq.text) + (gq.paragraph === pq.paragraph ? 0.01 : 0);
      if (score >= 0.6) candidates.push({ gi, pi, score });
    }),
  );
  candidates.sort((a, b) => b.score - a.score);
  const match = new Map<number, number>();
  const used = new Set<number>();
  for (const c of candidates) {
    if (match.has(c.gi) || used.has(c.pi)) continue;
    match.set(c.gi, c.pi);
    used.add(c.pi);
  }
  const misses: QuoteMiss[] = [];
  const where = (q: (typeof g)[number]) => `${q.document_id} ¶${q.paragraph} “${q.text.length > 60 ? `${q.text.slice(0, 59)}…` : q.text}”`;
  let speakersOk = 0;
  g.forEach((gq, gi) => {
    const pi = match.get(gi);
    if (pi === undefined) return misses.push({ what: 'quote not found', detail: where(gq) });
    if (sameSpeaker(gq.speaker, p[pi]!.speaker)) speakersOk++;
    else misses.push({ what: 'wrong speaker', detail: `${where(gq)}: ${p[pi]!.speaker ?? 'unknown'} instead of ${gq.speaker ?? 'unknown'}` });
  });
  const found = [...match.keys()];
  const all = { both: 0, predSame: 0, goldSame: 0 };
  const cross = { both: 0, predSame: 0, goldSame: 0 };
  for (let i = 0; i < found.length; i++) {
    for (let j = i + 1; j < found.length; j++) {
      const a = found[i]!;
      const b = found[j]!;
      const gs = g[a]!.statement === g[b]!.statement;
      const ps = p[match.get(a)!]!.statement === p[match.get(b)!]!.statement;
      for (const c of g[a]!.document_id === g[b]!.document_id ? [all] : [all, cross]) {
        if (gs) c.goldSame++;
        if (ps) c.predSame++;
        if (gs && ps) c.both++;
      }
      if (gs && !ps) misses.push({ what: 'split apart', detail: `${where(g[a]!)} / ${where(g[b]!)}` });
      if (ps && !gs) misses.push({ what: 'wrongly grouped', detail: `${where(g[a]!)} / ${where(g[b]!)}` });
    }
  }
  const precision = ratio(all.both, all.predSame);
  const recall = ratio(all.both, all.goldSame);
  const crossPrecision = ratio(cross.both, cross.predSame);
  const crossRecall = ratio(cross.both, cross.goldSame);
  const f1 = (p: number, r: number) => (p + r === 0 ? 0 : round((2 * p * r) / (p + r)));
  const statementsFound = gold.statements.filter((_, si) => g.some((gq, gi) => gq.statement === si && match.has(gi))).length;
  return {
    scores: {
      gold_statements: gold.statements.length,
      gold_quotes: g.length,
      predicted_quotes: p.length,
      statement_recall: ratio(statementsFound, gold.statements.length),
      quote_recall: ratio(match.size, g.length),
      speaker_accuracy: ratio(speakersOk, match.size),
      grouping_precision: precision,
      grouping_recall: recall,
      grouping_f1: f1(precision, recall),
      cross_article_pairs: cross.goldSame,
      cross_article_precision: crossPrecision,
      cross_article_recall: crossRecall,
      cross_article_f1: f1(crossPrecision, crossRecall),
    },
    misses,
  };
}
