import { contentTerms, stem } from '../text/terms.js';
import { QUOTE_TUNING, type QuoteTuning } from './tuning.js';

/** One quote as grouping sees it: a whole quote (the pieces of a split quote together). */
export interface GroupUnit {
  articleId: string;
  /** Canonical speaker; null when unknown. */
  speaker: string | null;
  kind: 'direct' | 'fragment';
  text: string;
  /** Unit-length embeddings: of `text`, then of each of its sentences when it has several. */
  vectors: Float32Array[];
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
/** Closest of the two units' embeddings (whole quotes and their sentences). */
function similarity(a: GroupUnit, b: GroupUnit): number {
  let best = -1;
  for (const x of a.vectors) for (const y of b.vectors) best = Math.max(best, dot(x, y));
  return best;
}
const normalize = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
// Plurals of short words too ("lies" / "lie"; the shared stemmer leaves words of four letters alone).
const stems = (s: string) => new Set(contentTerms(s).map((w) => stem(w).replace(/(?<=\w{2})s$/, '')));

/** Share of the smaller stem set found in the other ("key issue" / "key issues": 1). */
function stemOverlap(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let n = 0;
  for (const s of small) if (large.has(s)) n++;
  return n / small.size;
}

/**
 * Group quotes that are one statement reported by several outlets (often in different
 * translations, sharing few words). Only quotes of the same speaker and kind are compared:
 * - direct quotes join the group they are closest to by embedding cosine (halfway between the
 *   closest member and the average over members), when that reaches `sameStatementCosine`;
 * - fragments ("lies" / "lie") are too short for embeddings to tell apart: they join on shared
 *   word stems;
 * - a quote whose words are contained in another's (a pull quote, a shorter excerpt of the same
 *   sentence) joins it;
 * - quotes of unknown speakers are grouped only when their words are the same.
 * Returns groups of unit indexes, each in input order, groups in order of their first unit.
 */
export function groupStatements(units: readonly GroupUnit[], tuning: QuoteTuning = QUOTE_TUNING): number[][] {
  const groups: number[][] = [];
  const bySpeaker = new Map<string, number[]>();
  // Each unit's normalised text once (compared against every member of every candidate group).
  const normal = units.map((u) => normalize(u.text));
  units.forEach((u, i) => {
    const k = `${u.kind}\u0000${u.speaker ?? `\u0001${normal[i]}`}`;
    const list = bySpeaker.get(k);
    if (list) list.push(i);
    else bySpeaker.set(k, [i]);
  });
  const stemCache = new Map<number, Set<string>>();
  const stemsOf = (i: number) => {
    let s = stemCache.get(i);
    if (!s) stemCache.set(i, (s = stems(units[i]!.text)));
    return s;
  };
  for (const members of bySpeaker.values()) {
    const local: number[][] = [];
    for (const i of members) {
      const u = units[i]!;
      const text = normal[i]!;
      let best = -1;
      let bestScore = -Infinity;
      local.forEach((g, gi) => {
        const contains = g.some((j) => {
          const o = normal[j]!;
          return text.length >= 12 && o.length >= 12 && (o.includes(text) || text.includes(o));
        });
        let score: number;
        if (contains) score = 2;
        else if (u.speaker === null) score = -1;
        else if (u.kind === 'fragment') {
          const overlap = Math.min(...g.map((j) => stemOverlap(stemsOf(i), stemsOf(j))));
          score = overlap >= tuning.sameFragmentStems ? 1 + overlap : -1;
        } else {
          // Halfway between the closest member and the average: a group holding a short pull quote
          // still takes a new translation of the full quote, while one close member alone cannot chain groups.
          const sims = g.map((j) => similarity(u, units[j]!));
          const linked = (Math.max(...sims) + sims.reduce((a, b) => a + b, 0) / sims.length) / 2;
          score = linked >= tuning.sameStatementCosine ? linked : -1;
        }
        if (score > bestScore) {
          bestScore = score;
          best = gi;
        }
      });
      if (best >= 0 && bestScore >= 0) local[best]!.push(i);
      else local.push([i]);
    }
    groups.push(...local);
  }
  return groups.sort((a, b) => a[0]! - b[0]!);
}
