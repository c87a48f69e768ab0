import { splitSentences } from '../chunk/split-sentences.js';
import type { ScoredPassage } from '../engine/types.js';

/** A sentence of a retrieved passage, the unit an answer is built from. */
export interface CandidateSentence {
  text: string;
  passage: ScoredPassage;
  /** Rank of its passage in retrieval (0 = best). */
  passageRank: number;
  /** Offsets into the document's cleaned text. */
  start: number;
  end: number;
}

/** Every sentence of the retrieved passages; overlap between passages of one document is dropped. */
export function candidateSentences(passages: readonly ScoredPassage[]): CandidateSentence[] {
  const seen = new Set<string>();
  const out: CandidateSentence[] = [];
  passages.forEach((passage, passageRank) => {
    for (const s of splitSentences(passage.text)) {
      const start = passage.start + s.start;
      const key = `${passage.docId}:${start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ text: passage.text.slice(s.start, s.end), passage, passageRank, start, end: passage.start + s.end });
    }
  });
  return out;
}
