import type { Answer, Citation, Claim, ScoredPassage } from '../engine/types.js';
import { abstentionReason } from './abstention.js';
import { analyzeQuestion, type QuestionAnalysis } from './analyze-question.js';
import { candidateSentences } from './candidate-sentences.js';
import { CAUSAL, HAS_QUOTE, SAME_CLAIM, scoreSentences, type ScoredSentence } from './score-sentences.js';
import { claimSimilarity } from './sentence-similarity.js';
import { defaultAnswerTuning, type AnswerTuning } from './tuning.js';

export interface ComposeInput {
  question: string;
  /** Retrieved passages, best first. */
  passages: readonly ScoredPassage[];
  /** Number of articles in the index. */
  sourceCount: number;
  /** The embedding model's "far" cosine for abstention (ModelProfile.abstainSimilarity). */
  similarityFloor: number;
  /** Names in the question that no article contains (found by keyword search). */
  unknownEntities?: string[];
  /** Other content words of the question that no article contains. */
  unknownTerms?: string[];
}


const NUMBER = /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozens?|half)\b/i;

const labelOf = (p: ScoredPassage) => p.doc.outlet ?? truncate(p.doc.title, 60);
const truncate = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

/**
 * Compose a short extractive answer: the best sentences of the retrieved
 * passages, near-duplicates from different outlets merged into one claim that
 * cites them all, each claim followed by its [n] citations.
 */
export function composeAnswer(input: ComposeInput, tuning: AnswerTuning = defaultAnswerTuning): Answer {
  const { maxClaims, relativeCutoff } = tuning;
  const sameClaim = SAME_CLAIM;
  const { question, passages, sourceCount } = input;
  const q = analyzeQuestion(question);
  const scored = scoreSentences(q, candidateSentences(passages)).sort((a, b) => b.score - a.score);
  const best = scored[0];
  const bestSimilarity = Math.max(0, ...passages.map((p) => p.similarity ?? 0));

  const abstain = (reason: string): Answer => ({
    question,
    text: `The coverage doesn't say${reason}. The nearest passages are listed below.`,
    abstained: true,
    claims: [],
    citations: [],
    passages: [...passages],
    sourceCount,
  });
  const reason = abstentionReason({
    sourceCount,
    bestSimilarity,
    similarityFloor: input.similarityFloor,
    bestCoverage: best?.coverage ?? 0,
    unknownEntities: input.unknownEntities ?? [],
    unknownTerms: input.unknownTerms ?? [],
    termCount: q.terms.length,
    missingNumber: q.asksForNumber && !scored.slice(0, 3).some((x) => NUMBER.test(x.text)),
  });
  if (reason !== undefined || !best) return abstain(reason ?? ' anything that answers this');

  // Pick distinct claims, best first. A further claim must be nearly as good, and
  // either bring question terms the earlier ones lack or be close to the best.
  const chosen: ScoredSentence[] = [];
  const covered = new Set<string>();
  if (q.asksCompare) {
    // Side by side: each article's best sentence on the subject, one claim per article.
    for (const s of scored) {
      if (chosen.length >= sourceCount || s.score < best.score * 0.5) break;
      if (!chosen.some((c) => c.passage.docId === s.passage.docId)) chosen.push(s);
    }
  }
  for (const s of q.asksCompare ? [] : scored) {
    if (chosen.length >= maxClaims || s.score < best.score * relativeCutoff) break;
    if (chosen.some((c) => c.passage.docId === s.passage.docId && overlaps(c, s))) continue;
    if (chosen.some((c) => claimSimilarity(c.claim, s.claim) >= sameClaim)) continue;
    const novel = [...s.matched].some((t) => !covered.has(t));
    if (chosen.length > 0 && !novel && s.score < best.score * 0.95) continue;
    chosen.push(s);
    for (const t of s.matched) covered.add(t);
  }
  const texts = chosen.map((c) => extendClaim(c, scored, q));

  // Each claim is supported by its own sentence and by same-claim sentences of other articles.
  const citations: Citation[] = [];
  const citationFor = (s: ScoredSentence): number => {
    const existing = citations.find((c) => c.passageId === s.passage.id);
    if (existing) {
      if (!existing.quote.includes(s.text)) existing.quote = `${existing.quote} ${s.text}`;
      return existing.n;
    }
    const c: Citation = {
      n: citations.length + 1,
      docId: s.passage.docId,
      label: labelOf(s.passage),
      doc: s.passage.doc,
      paragraph: s.passage.paragraph,
      passageId: s.passage.id,
      passage: s.passage.text,
      quote: s.text,
      score: s.passage.score,
    };
    citations.push(c);
    return c.n;
  };

  const claims: Claim[] = chosen.map((claim, i) => {
    const support = [claim];
    for (const s of q.asksCompare ? [] : scored) {
      if (support.some((x) => x.passage.docId === s.passage.docId)) continue;
      if (claimSimilarity(claim.claim, s.claim) >= sameClaim) support.push(s);
    }
    const citationNumbers = support.map(citationFor);
    const extension = texts[i]!.slice(1);
    if (extension.length) {
      const own = citations[citationNumbers[0]! - 1]!;
      own.quote = [own.quote, ...extension.filter((t) => !own.quote.includes(t.text)).map((t) => t.text)].join(' ');
    }
    return { text: texts[i]!.map((t) => t.text).join(' '), citations: citationNumbers };
  });

  const lines = claims.map((c) => {
    const docs = new Set(c.citations.map((n) => citations[n - 1]!.docId)).size;
    const markers = c.citations.map((n) => `[${n}]`).join('');
    const reach = docs >= 2 ? ` (reported by ${docs} of ${sourceCount} sources)` : '';
    return `${c.text} ${markers}${reach}`;
  });
  return { question, text: lines.join('\n'), abstained: false, claims, citations, passages: [...passages], sourceCount };
}

const overlaps = (a: ScoredSentence, b: ScoredSentence) => a.start < b.end && b.start < a.end;

/** The sentence right after `s` in its article, when it directly continues it (same paragraph, or a quote opening the next one). */
function nextSentence(s: ScoredSentence, all: readonly ScoredSentence[]): ScoredSentence | undefined {
  let next: ScoredSentence | undefined;
  for (const o of all) {
    if (o.passage.docId === s.passage.docId && o.start >= s.end && o.start - s.end <= 3 && (!next || o.start < next.start)) next = o;
  }
  return next;
}

const OPENS_QUOTE = /^[“"]/;
const CLOSES_QUOTE = /[”"]/;

/**
 * A claim sometimes needs the sentences after it: "…, believes analyst X." followed
 * by X's quote in the next paragraph, or a restated claim followed by its reason.
 */
function extendClaim(s: ScoredSentence, all: readonly ScoredSentence[], q: QuestionAnalysis): ScoredSentence[] {
  const out = [s];
  if (q.asksForQuote && s.entitiesFound > 0 && !HAS_QUOTE.test(s.text)) {
    let next = nextSentence(s, all);
    if (next && OPENS_QUOTE.test(next.text)) {
      // Follow the quote to its closing mark, three sentences at most.
      for (let i = 0; next && i < 3; i++) {
        out.push(next);
        if (CLOSES_QUOTE.test(next.text.slice(1))) break;
        next = nextSentence(next, all);
      }
      return out;
    }
  }
  if (q.asksWhy && !CAUSAL.test(s.text)) {
    const next = nextSentence(s, all);
    if (next && next.start - s.end <= 1) out.push(next);
  }
  return out;
}
