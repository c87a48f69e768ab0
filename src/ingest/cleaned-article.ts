import type { ArticleMeta } from '../types.js';

/** A character span `[start, end)` of an article's cleaned text. */
export interface Span {
  start: number;
  end: number;
}

/** An article after loading and cleaning: what the chunker consumes. */
export interface CleanedArticle {
  meta: ArticleMeta;
  /** Body with boilerplate removed; paragraphs separated by a blank line. */
  cleaned: string;
  /** Paragraph spans into `cleaned`, in order (paragraph n is `paragraphs[n - 1]`). */
  paragraphs: Span[];
  /** sha256 of the file's bytes: decides whether an article must be re-embedded. */
  hash: string;
}

/** Why a file was skipped, or what is odd about one that was indexed. */
export interface CorpusWarning {
  file: string;
  message: string;
}

/** One usable article file, in file-name order; `article` is absent when it was known and unchanged (not parsed). */
export interface CorpusEntry {
  id: string;
  file: string;
  hash: string;
  article?: CleanedArticle;
}

export interface Corpus {
  /** The articles that were parsed (all of them, unless `unchanged` was given to loadCorpus). */
  articles: CleanedArticle[];
  /** Every usable article, parsed or known-unchanged, in file-name order. */
  entries: CorpusEntry[];
  warnings: CorpusWarning[];
}
