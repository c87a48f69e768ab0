/**
 * Shared types: the engine API's data (the CLI, the Discord bot and the benchmark all speak
 * these) and what the stages pass each other. Imports nothing of the project, so every folder of
 * src/ may depend on it (the call options that carry stage tunables are in engine/options.ts).
 */

/** Metadata of one article, as found in `seeds/`. */
export interface ArticleMeta {
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

/** One retrievable passage: a span of an article's cleaned text. */
export interface Passage {
  /** `${articleId}#${ordinal}` */
  id: string;
  articleId: string;
  /** 1-based paragraph number in the cleaned text (first paragraph of the span). */
  paragraph: number;
  /** Character offsets into the article's cleaned text: `cleaned.slice(start, end) === text`. */
  start: number;
  end: number;
  text: string;
}

/** A passage returned by retrieval, with its article's metadata. */
export interface ScoredPassage extends Passage {
  article: ArticleMeta;
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
  articleId: string;
  /** Human label: outlet when known, else the title. */
  label: string;
  article: ArticleMeta;
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

/** What kind of thing a name in a conversation stands for (decides which pronoun can refer to it); `name`: a name of unknown kind. */
export type EntityKind = 'person' | 'place' | 'org' | 'group' | 'thing' | 'name';

/** A name or noun phrase a later question can refer back to ("he", "there", "it", "and X?"). */
export interface Entity {
  /** As shown in a rewritten question ("Yermak", "Steve Witkoff", "the peace plan"). */
  text: string;
  kind: EntityKind;
  /** Known only for people whose first name says it (he / she). */
  gender?: 'male' | 'female';
}

/**
 * One question and answer of a conversation, as kept between questions: never the full answer,
 * only what resolving the next question needs (see README "Conversations").
 */
export interface ConversationTurn {
  /** As typed. */
  question: string;
  /** As understood (the rewritten follow-up, or the question itself). */
  standalone: string;
  /** Names and noun phrases of the standalone question, most salient first (its speaker, then the rest). */
  subjects: Entity[];
  /** What the answer named as the answer to who / where / which … ("Steve Witkoff" for "who is going to Moscow?"). */
  answerEntity?: Entity;
  /** Further names in the answer's sentences. */
  answerNames: Entity[];
  /** Cited passage ids of the answer. */
  passages: string[];
  abstained: boolean;
  /** When it was asked (ms since the epoch). */
  at: number;
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
  /** Number of distinct articles in the index (for "reported by 3 of 5 sources"). */
  articleCount: number;
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

/** Filters on which articles a question is answered from, as the user typed them. */
export interface ArticleFilter {
  /** An outlet name (case-insensitive; a unique prefix or part of a name is enough). */
  outlet?: string;
  /** Published on or after this day: "2025-11-27", "last week", "3 March", "yesterday". */
  since?: string;
  /** Published on or before this day. */
  until?: string;
}

/** A summary of one article for listing. */
export interface ArticleInfo extends ArticleMeta {
  passageCount: number;
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

/**
 * A warning of an index run whose advice each front end words in its own terms, as for an error's
 * `data.rebuild` (`npm run index` vs `/reindex`). LOCK_LOST: the index lock was lost while the run
 * held it (taken over as stale, or its folder removed), so run it again to be sure.
 */
export interface IndexRunWarning {
  code: 'LOCK_LOST';
  /** The warning without the advice, e.g. "the lock on embeddings was lost during the run (…)". */
  message: string;
  /** Run again to bring the index up to date (`update`) or rebuild it (`full`). */
  rebuild: 'full' | 'update';
}

export interface ReindexSummary {
  articleCount: number;
  passageCount: number;
  added: string[];
  changed: string[];
  removed: string[];
  unchangedCount: number;
  /** Number of chunks that were embedded in this run (0 when nothing changed). */
  embeddedCount: number;
  /** False when nothing changed and the index on disk was left as it was. */
  wrote: boolean;
  seconds: number;
  /** Per-stage seconds. */
  timings: Record<ReindexProgress['phase'], number>;
  /** One line per skipped or suspicious article, naming the file. */
  warnings: string[];
  /** Warnings that end in what to do next, worded by each front end (see IndexRunWarning); shown after `warnings`. */
  rebuildWarnings?: IndexRunWarning[];
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
  article: ArticleInfo;
  /** Its file in the articles folder. */
  file: string;
  summary: ReindexSummary;
  /** End to end, and the part before indexing (fetching, extracting, checking for duplicates). */
  seconds: number;
  prepareSeconds: number;
}

export interface RemoveResult {
  /** The article that was removed, as it was indexed. */
  article: ArticleInfo;
  summary: ReindexSummary;
}
