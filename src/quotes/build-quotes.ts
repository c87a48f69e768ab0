import { promises as fs } from 'node:fs';
import path from 'node:path';
import { splitSentences } from '../chunk/split-sentences.js';
import type { Embedder } from '../embed/embedder.js';
import type { CorpusEntry } from '../ingest/cleaned-article.js';
import { parseArticle } from '../ingest/load-corpus.js';
import { extractQuotes } from './extract-quotes.js';
import { QuoteIndex, type QuoteArticleEntry } from './quote-index.js';
import { QUOTE_EXTRACTOR_VERSION } from './tuning.js';

export interface BuildQuotesInput {
  /** Every article of the new index, in its order; parsed ones carry their cleaned article. */
  entries: readonly CorpusEntry[];
  /** The quote index of the previous build: unchanged articles keep their quotes and embeddings. */
  previous?: QuoteIndex;
  embedder: Embedder;
  /** To read articles that are unchanged but have no stored quotes (an index built before quotes existed). */
  seedsDir: string;
}

/**
 * The quote index for a build, incrementally: new and changed articles are extracted and their
 * quotes embedded (one vector per quote, the pieces of a split quote together); the rest are
 * re-used. Statements are regrouped over the whole corpus every time (cheap: no model call).
 */
export async function buildQuoteIndex({ entries, previous, embedder, seedsDir }: BuildQuotesInput): Promise<QuoteIndex> {
  const dims = embedder.dims;
  const quoteEntries: (QuoteArticleEntry | undefined)[] = [];
  const pending: { slot: number; id: string; hash: string; extracted: ReturnType<typeof extractQuotes> }[] = [];
  for (const [slot, e] of entries.entries()) {
    const kept = e.article ? undefined : previous?.reusable(e.id, e.hash, dims);
    if (kept) {
      quoteEntries.push(kept);
      continue;
    }
    let article = e.article;
    if (!article) article = parseArticle(e.file, await fs.readFile(path.join(seedsDir, e.file))).article;
    quoteEntries.push(undefined);
    if (article) pending.push({ slot, id: e.id, hash: e.hash, extracted: extractQuotes(article) });
  }
  // One embedding per unit, plus one per sentence of a unit of several sentences: a short report
  // of one sentence of a long quote ("And if they don’t, we will make them") is compared with
  // that sentence.
  const texts: string[] = [];
  const rowsOf: number[][] = [];
  pending.forEach((p) => {
    const units = new Map<number, string>();
    for (const q of p.extracted.quotes) units.set(q.unit, units.has(q.unit) ? `${units.get(q.unit)} ${q.text}` : q.text);
    const rows = [0];
    for (const [, text] of [...units].sort((a, b) => a[0] - b[0])) {
      const sentences = splitSentences(text).map((sp) => text.slice(sp.start, sp.end));
      const own = [text, ...(sentences.length > 1 ? sentences : [])];
      texts.push(...own);
      rows.push(rows[rows.length - 1]! + own.length);
    }
    rowsOf.push(rows);
  });
  const vectors = texts.length ? await embedder.embedPassages(texts) : new Float32Array(0);
  let at = 0;
  pending.forEach((p, pi) => {
    const rows = rowsOf[pi]!;
    const n = rows[rows.length - 1]!;
    quoteEntries[p.slot] = {
      id: p.id,
      hash: p.hash,
      extractor: QUOTE_EXTRACTOR_VERSION,
      persons: p.extracted.persons,
      quotes: p.extracted.quotes,
      rows,
      vectors: vectors.slice(at * dims, (at + n) * dims),
    };
    at += n;
  });
  return QuoteIndex.build(
    dims,
    quoteEntries.filter((d): d is QuoteArticleEntry => d !== undefined),
  );
}
