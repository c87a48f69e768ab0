import { chunkArticle } from '../chunk/chunk-article.js';
import type { Embedder } from '../embed/embedder.js';
import type { CleanedArticle } from '../ingest/cleaned-article.js';
import type { Passage } from '../types.js';
import type { BuildClock } from './build-clock.js';
import { sentenceSpans, type SentenceSpan } from './sentence-store.js';

/** The new and changed articles chunked, and their passages and sentences embedded. */
export interface EmbeddedArticles {
  fresh: Map<string, Passage[]>;
  freshPassages: Passage[];
  freshSpans: SentenceSpan[][];
  /** Row of each distinct fresh sentence text in `freshSentenceVectors`. */
  sentenceRow: Map<string, number>;
  freshVectors: Float32Array;
  freshSentenceVectors: Float32Array;
}

/** The embed phase of a build: chunk the articles to (re-)embed, then embed their sentences. */
export async function embedArticles(toEmbed: readonly CleanedArticle[], embedder: Embedder, clock: BuildClock): Promise<EmbeddedArticles> {
  const { timed, progress } = clock;
  // --- chunk (only new and changed articles)
  const fresh = await timed('chunk', () => {
    const out = new Map<string, Passage[]>();
    toEmbed.forEach((article, i) => {
      out.set(
        article.meta.id,
        chunkArticle(article, (t) => embedder.countTokens(t)),
      );
      progress('chunk', i + 1, toEmbed.length);
    });
    return out;
  });

  // --- embed: each distinct sentence once (answers and the second retrieval stage compare
  // questions with single sentences); a passage's vector is the mean of its sentences' vectors,
  // which ranks passages as well as embedding them whole (measured on our dev sets) at half the
  // model time.
  const freshPassages = [...fresh.values()].flat();
  const titles = new Map(toEmbed.map((d) => [d.meta.id, d.meta.title]));
  const freshSpans = freshPassages.map((p) => sentenceSpans(p, titles.get(p.articleId) ?? ''));
  const sentenceRow = new Map<string, number>();
  freshPassages.forEach((p, i) => {
    for (const s of freshSpans[i]!) {
      const text = p.text.slice(s.start, s.end);
      if (!sentenceRow.has(text)) sentenceRow.set(text, sentenceRow.size);
    }
  });
  const { freshVectors, freshSentenceVectors } = await timed('embed', async () => {
    const freshSentenceVectors = await embedder.embedPassages([...sentenceRow.keys()], (done, total) => progress('embed', done, total));
    const rows = freshPassages.map((p, i) => freshSpans[i]!.map((s) => sentenceRow.get(p.text.slice(s.start, s.end))!));
    return { freshVectors: meanVectors(rows, freshSentenceVectors, embedder.dims), freshSentenceVectors };
  });
  return { fresh, freshPassages, freshSpans, sentenceRow, freshVectors, freshSentenceVectors };
}

/** Unit-length mean of the given rows of `vectors`, one per group. */
export function meanVectors(groups: readonly number[][], vectors: Float32Array, dims: number): Float32Array {
  const out = new Float32Array(groups.length * dims);
  groups.forEach((rows, g) => {
    for (const r of rows) for (let d = 0; d < dims; d++) out[g * dims + d]! += vectors[r * dims + d]!;
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += out[g * dims + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) out[g * dims + d]! /= norm;
  });
  return out;
}
