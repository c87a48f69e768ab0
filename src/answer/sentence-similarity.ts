import { contentTerms, stem } from '../text/terms.js';

/** Text inside quotation marks, or the whole sentence when it quotes nothing. */
export function quotedPart(sentence: string): string {
  const quotes = [...sentence.matchAll(/[“"]([^”"]{12,})[”"]/g)].map((m) => m[1]);
  return quotes.length ? quotes.join(' ') : sentence;
}

/** Spellings of one name differ across outlets (Zelenskiy/Zelenskyy); treat near-equal long words as one. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 6 || b.length < 6 || a.slice(0, 4) !== b.slice(0, 4)) return false;
  return editDistance(a, b) <= 2;
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

const stems = (text: string) => [...new Set(contentTerms(text).map(stem))];

/** A sentence prepared for claim comparison (computed once per sentence). */
export interface ClaimTerms {
  stems: string[];
  /** Stems of the quoted part, when the sentence quotes someone. */
  quoteStems?: string[];
}

export function claimTerms(sentence: string): ClaimTerms {
  const quoted = quotedPart(sentence);
  return quoted === sentence ? { stems: stems(sentence) } : { stems: stems(sentence), quoteStems: stems(quoted) };
}

/**
 * How much two sentences say the same thing (0–1): overlap of content-word stems,
 * measured against the shorter one so a paraphrase embedded in a longer sentence
 * still counts. When both quote someone, the quotes are compared. Fewer than `minShared` words
 * in common count as nothing in common.
 */
export function claimSimilarity(a: string | ClaimTerms, b: string | ClaimTerms, minShared = 1): number {
  const ca = typeof a === 'string' ? claimTerms(a) : a;
  const cb = typeof b === 'string' ? claimTerms(b) : b;
  const useQuotes = ca.quoteStems !== undefined && cb.quoteStems !== undefined;
  const ta = useQuotes ? ca.quoteStems! : ca.stems;
  const tb = useQuotes ? cb.quoteStems! : cb.stems;
  if (ta.length === 0 || tb.length === 0) return 0;
  const [small, large] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  const shared = small.filter((w) => large.some((v) => sameWord(w, v))).length;
  if (shared < minShared) return 0;
  // Containment, tempered by Jaccard so a 4-word fragment can't "contain" a long sentence's claim.
  const containment = shared / small.length;
  const jaccard = shared / (ta.length + tb.length - shared);
  return 0.7 * containment + 0.3 * jaccard;
}
