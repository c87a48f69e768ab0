/** Standard reciprocal-rank-fusion constant (Cormack et al.); damps the weight of the very top ranks. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each list contributes 1 / (k + rank) for every label it
 * ranks (rank from 1). Returns labels by fused score, best first.
 */
export function fuseRanks(lists: readonly (readonly number[])[], k = RRF_K): { label: number; score: number }[] {
  const scores = new Map<number, number>();
  for (const list of lists) {
    list.forEach((label, i) => scores.set(label, (scores.get(label) ?? 0) + 1 / (k + i + 1)));
  }
  return [...scores].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score || a.label - b.label);
}
