import type { ConversationTurn } from '../conversation/types.js';
import type { ArticleFilter } from './article-filter.js';
import type { Tuning } from './tuning.js';

/**
 * Public types of the engine API. The CLI, the Discord bot and the benchmark
 * all speak these; nothing outside `src/` should need the stage internals.
 */

/** Metadata of one article, as found in `seeds/`. */
export interface DocumentMeta {
  /** Stable id: the file name without its extension (e.g. `000_5ed6bed9a529a53f`). */
  id: string;
  /** File name inside the seeds folder (e.g. `000_5ed6bed9a529a53f.txt`). */
  file: string;
  title: string;
  outlet?: string;
  url?: string;
  /** As written in front matter (ISO date preferred); from a web page, YYYY-MM-DD. */
  published?: string;
  /** Author(s), when the article names them. */
  byline?: string;
  /** Who added the article with /add or `npm run add` (a Discord user, or the shell user), and when (ISO time). */
  addedBy?: string;
  addedAt?: string;
  /** sha256 of the cleaned text: two files with the same text are the same article. */
  contentHash?: string;
}

/** One retrievable passage: a span of a document's cleaned text. */
export interface Passage {
  /** `${docId}#${ordinal}` */
  id: string;
  docId: string;
  /** 1-based paragraph number in the cleaned text (first paragraph of the span). */
  paragraph: number;
  /** Character offsets into the document's cleaned text: `cleaned.slice(start, end) === text`. */
  start: number;
  end: number;
  text: string;
}

/** A passage returned by retrieval, with its document's metadata. */
export interface ScoredPassage extends Passage {
  doc: DocumentMeta;
  /** Fused (reciprocal-rank) score; higher is better. */
  score: number;
  /** Cosine similarity of the passage to the query (dense model), when known. */
  similarity?: number;
  denseRank?: number;
  keywordRank?: number;
}

export interface Citation {
  /** The number used in the answer text: `[n]`. */
  n: number;
  docId: string;
  /** Human label: outlet when known, else the title. */
  label: string;
  doc: DocumentMeta;
  paragraph: number;
  passageId: string;
  /** The full cited passage. */
  passage: string;
  /** The exact sentence(s) of the passage used in the answer. */
  quote: string;
  score: number;
}

export interface Claim {
  /** The claim's sentence as shown in the answer. */
  text: string;
  /** Citation numbers supporting this claim. */
  citations: number[];
}

export interface Answer {
  /** The question as asked. */
  question: string;
  /**
   * The question as understood, when it was a follow-up read against the conversation ("who did he
   * say it to?" → "who did Yermak say it to?"); absent when the question stood on its own.
   */
  standalone?: string;
  /** Which articles an outlet / date filter kept, in words ("outlet The Meridian (3 of 54 articles)"). */
  filter?: string;
  /** What to keep of this question and answer for a follow-up (pass it back in `history`). */
  turn?: ConversationTurn;
  /** Answer text with inline `[n]` markers (or the abstention sentence). */
  text: string;
  /** True when the coverage does not answer the question. */
  abstained: boolean;
  claims: Claim[];
  citations: Citation[];
  /** The passages considered, best first (shown as "nearest passages" on abstention). */
  passages: ScoredPassage[];
  /** Number of distinct documents in the index (for "reported by 3 of 5 sources"). */
  sourceCount: number;
  /** Milliseconds per stage, when the engine measured them. */
  timings?: AnswerTimings;
}

export interface AnswerTimings {
  embed: number;
  dense: number;
  keyword: number;
  fuse: number;
  compose: number;
  total: number;
}

export interface SearchOptions {
  /** Restrict to one document id. */
  source?: string;
  /** Restrict to an outlet and/or a publication date range. */
  filter?: ArticleFilter;
  /** Number of passages to return (default 5). */
  limit?: number;
  /** Overrides of retrieval tunables (evaluation of variants). */
  tuning?: Tuning;
}

export interface AskOptions {
  source?: string;
  /** Restrict to an outlet and/or a publication date range (see `ArticleFilter`). */
  filter?: ArticleFilter;
  /**
   * The conversation so far, oldest first (each earlier answer's `turn`): a follow-up is read
   * against it and answered as the question it stands for (`Answer.standalone`).
   */
  history?: readonly ConversationTurn[];
  /** Overrides of retrieval and answer tunables (evaluation of variants). */
  tuning?: Tuning;
}

/** A summary of one article for listing. */
export interface SourceInfo extends DocumentMeta {
  passages: number;
}

export interface ReindexProgress {
  phase: 'read' | 'chunk' | 'embed' | 'index' | 'write';
  done: number;
  total: number;
}

export interface ReindexOptions {
  /** Rebuild everything, ignoring what is already embedded. */
  full?: boolean;
  onProgress?: (p: ReindexProgress) => void;
}

export interface ReindexSummary {
  documents: number;
  chunks: number;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  /** Number of chunks that were embedded in this run (0 when nothing changed). */
  embedded: number;
  /** False when nothing changed and the index on disk was left as it was. */
  wrote: boolean;
  seconds: number;
  /** Per-stage seconds. */
  timings: Record<ReindexProgress['phase'], number>;
  /** One line per skipped or suspicious article, naming the file. */
  warnings: string[];
  /** Peak resident memory (MB) of the process that built the index, when it ran in its own. */
  peakRssMb?: number;
}

export interface AddArticleOptions {
  /** Who is adding it, recorded in the article's file (`added_by`): a Discord user, a shell user. */
  addedBy: string;
  /** When (default now), recorded as `added_at`. */
  now?: Date;
  onProgress?: (p: ReindexProgress) => void;
  /** Wait for another run holding the index lock instead of refusing with INDEX_LOCKED (the CLI's --wait). */
  wait?: boolean;
}

export interface RemoveArticleOptions {
  onProgress?: (p: ReindexProgress) => void;
  wait?: boolean;
}

export interface AddResult {
  /** The article as indexed: id, title, outlet, url, published, passages… */
  article: SourceInfo;
  /** Its file in the articles folder. */
  file: string;
  summary: ReindexSummary;
  /** End to end, and the part before indexing (fetching, extracting, checking for duplicates). */
  seconds: number;
  prepareSeconds: number;
}

export interface RemoveResult {
  /** The article that was removed, as it was indexed. */
  article: SourceInfo;
  summary: ReindexSummary;
}
