import { composeAnswer, rankCandidates, type AnswerExplanation, type ComposeInput } from '../answer/compose-answer.js';
import { answerableFeatures } from '../answer/candidates.js';
import { analyzeQuestion, type Lexicon } from '../answer/question.js';
import { loadEngineConfig, type EngineConfig } from '../config/engine-config.js';
import { embedderOptionsFrom, loadEmbedder, type Embedder } from '../embed/embedder.js';
import { describeOwner } from '../index/index-lock.js';
import { readIndex, type StoredIndex } from '../index/index-store.js';
import { assertManifestMatches } from '../index/manifest.js';
import { HybridRetriever } from '../retrieve/hybrid-retriever.js';
import { listQuotes, type QuoteListing, type QuoteOptions } from '../quotes/list-quotes.js';
import type { QuoteIndex } from '../quotes/quote-index.js';
import { compareCoverage, type Comparison } from '../compare/compare-coverage.js';
import { COMPARE_TUNING } from '../compare/tuning.js';
import { answerFromIndexes } from './answer-from-indexes.js';
import { resolveFollowUp, turnOf } from '../conversation/resolve.js';
import { applyArticleFilter, outletsOf, type AppliedFilter, type ArticleFilter } from './article-filter.js';
import { EngineError, unknownSourceError } from './errors.js';
import type { AddArticleOptions, AddResult, Answer, AskOptions, Passage, ReindexOptions, ReindexSummary, RemoveArticleOptions, RemoveResult, ScoredPassage, SearchOptions, SourceInfo } from './types.js';
import { runIndex, type RunIndexOptions } from './run-index.js';
import { startIndexingProcess, type IndexingProcess } from '../index/build-in-child.js';
import { addArticleFile, removeArticleFile } from './article-changes.js';
// Adding articles (fetching, HTML extraction: linkedom, undici) is loaded on first use: a process that only answers never needs it.
import type { ArticleInput } from './add-article.js';

export type { ArticleInput } from './add-article.js';
import { resolveTuning } from './tuning.js';
import { normalizeQuestion } from './validate-question.js';

export interface OpenEngineOptions {
  /** Settings; read from the environment when omitted. */
  config?: EngineConfig;
  /** Build the index when there is none yet (default true). */
  buildIfMissing?: boolean;
  /** Progress of that first build. */
  onProgress?: ReindexOptions['onProgress'];
  /** An already loaded model to share (tests, benchmark); `close` leaves it loaded. Indexing runs in a child process with its own. */
  embedder?: Embedder;
  /** Who is using the engine ("npm run ask", "the bot"), for the message a concurrent indexing run shows. */
  name?: string;
  /** Told once when building a missing index must wait for another run holding the index lock. */
  onWait?: (message: string) => void;
}

/**
 * The news-coverage question-answering engine: one loaded model and one index,
 * shared by every front end (CLI, Discord bot, benchmark).
 *
 * ```ts
 * const engine = await Engine.open();
 * const answer = await engine.ask('what did Yermak say?');
 * ```
 */
export class Engine {
  private retriever: HybridRetriever;
  /** The index update in progress (re-index, add, remove): one at a time. */
  private reindexing: Promise<unknown> | undefined;
  private updating: 'reindex' | 'add' | 'remove' | undefined;
  /** Stops the indexing process of a re-index in progress (on close). */
  private stopBuild: (() => void) | undefined;
  /** Questions in progress per index (an index swapped out is closed when its last one ends). */
  private readonly inUse = new Map<HybridRetriever, number>();
  /** Indexes swapped out (or closed) while questions were still reading them. */
  private readonly retired = new Set<HybridRetriever>();
  /** Closing of retired indexes' files in progress (`close` waits for them). */
  private closing: Promise<unknown> = Promise.resolve();
  /** Tail of the queue of compositions waiting for their event-loop turn (see `composeTurn`). */
  private composeQueue: Promise<void> = Promise.resolve();
  /** Summary of the build done while opening, if one was needed. */
  readonly initialBuild?: ReindexSummary;

  private constructor(
    readonly config: EngineConfig,
    readonly embedder: Embedder,
    index: StoredIndex,
    initialBuild: ReindexSummary | undefined,
    private readonly name: string,
    /** False for a model passed in to share: closing this engine leaves it to its owner. */
    private readonly ownsEmbedder: boolean,
  ) {
    this.retriever = new HybridRetriever(index, embedder);
    this.initialBuild = initialBuild;
  }

  /** Load the model and the index (building the index first when it is missing). */
  static async open(options: OpenEngineOptions = {}): Promise<Engine> {
    const config = options.config ?? loadEngineConfig();
    const embedder = options.embedder ?? (await loadEmbedder(embedderOptionsFrom(config)));
    const name = options.name ?? `a process using the engine`;
    let index = await readIndex(config.indexDir, config.hnsw.efSearch, config);
    let built: ReindexSummary | undefined;
    if (index) {
      assertManifestMatches(index.manifest, { modelId: config.modelId, dims: embedder.dims });
    } else {
      if (options.buildIfMissing === false) {
        throw new EngineError('INDEX_MISSING', `There is no index in ${config.indexDir} yet. Run \`npm run index\` to build it.`);
      }
      // Under the index lock, waiting for a run that holds it (which may build the index meanwhile).
      const result = await runIndex(config, {
        full: true,
        what: `${name}, building a missing index`,
        wait: true,
        onlyIfMissing: true,
        onWait: (owner) => options.onWait?.(`Waiting for another indexing run (${describeOwner(owner)}) to finish…`),
        onProgress: options.onProgress,
      });
      index = result.index;
      built = result.summary;
      assertManifestMatches(index.manifest, { modelId: config.modelId, dims: embedder.dims });
    }
    return new Engine(config, embedder, index, built, name, !options.embedder);
  }

  /** Number of articles in the index. */
  get sourceCount(): number {
    return this.retriever.documents.length;
  }

  get isReindexing(): boolean {
    return this.reindexing !== undefined;
  }

  /** Answer a question from the coverage, with numbered citations; abstains when the articles don't say. */
  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    return this.reading(() => this.answer(question, options));
  }

  private async answer(question: string, options: AskOptions): Promise<Answer> {
    const started = performance.now();
    const asked = normalizeQuestion(question);
    const tuning = resolveTuning(options.tuning);
    const retriever = this.retriever; // a re-index swapping in mid-question must not mix indexes
    const lexicon = lexiconOf(retriever);
    // A follow-up is answered as the question it stands for; the answer layer never sees the conversation.
    const read = options.history?.length ? resolveFollowUp(asked, options.history, lexicon, tuning.conversation) : { standalone: asked, rewritten: false };
    checkSource(retriever, options.source);
    const applied = options.filter ? applyArticleFilter(retriever.documents, options.filter) : undefined;
    // "What did X say (about Y)?" about a quoted person, and "how did the outlets differ on …", are
    // answered from the quote index and the side-by-side comparison, within the articles a source
    // or outlet/date filter keeps.
    const special = await answerFromIndexes(
      { index: retriever.index, embedder: this.embedder, compare: (topic) => this.compare(topic), tuning: tuning.answer, sourceCount: this.sourceCount },
      analyzeQuestion(read.standalone, lexicon),
      { ...(options.source !== undefined ? { documents: new Set([options.source]) } : applied ? { documents: applied.documents } : {}) },
    );
    if (special) {
      return {
        ...special,
        question: asked,
        ...(read.rewritten && { standalone: read.standalone }),
        ...(applied && { filter: applied.description }),
        turn: turnOf(asked, read.standalone, special, lexicon, tuning.conversation),
        timings: { embed: 0, dense: 0, keyword: 0, fuse: 0, compose: 0, total: performance.now() - started },
      };
    }
    const { input, timings, filter } = await this.prepare(read.standalone, options);
    await this.composeTurn();
    const t = performance.now();
    const answer = composeAnswer(input, tuning.answer);
    const compose = performance.now() - t;
    return {
      ...answer,
      question: asked,
      ...(read.rewritten && { standalone: read.standalone }),
      ...(filter && { filter: filter.description }),
      turn: turnOf(asked, read.standalone, answer, lexicon, tuning.conversation),
      timings: { ...timings, compose, total: performance.now() - started },
    };
  }

  /** How a question reads against a conversation (the standalone question), without answering it. */
  readAs(question: string, history: AskOptions['history'] = [], options: Pick<AskOptions, 'tuning'> = {}) {
    return resolveFollowUp(normalizeQuestion(question), history, lexiconOf(this.retriever), resolveTuning(options.tuning).conversation);
  }

  /**
   * Check an outlet / date filter before asking (so a front end can refuse it at once): its
   * description, or an EngineError (NO_MATCHING_ARTICLES / INVALID_FILTER) listing what exists.
   */
  checkFilter(filter: ArticleFilter): string | undefined {
    return applyArticleFilter(this.retriever.documents, filter)?.description;
  }

  /** The generation of the index in service (its data files' tag), for feedback records. */
  get indexGeneration(): string {
    return /\.([0-9a-z]+-[0-9a-z]+)\./.exec(this.retriever.index.manifest.files.passages.name)?.[1] ?? this.retriever.index.manifest.builtAt;
  }

  /** The outlets named by the indexed articles (for `outlet:` suggestions). */
  listOutlets(): string[] {
    return outletsOf(this.retriever.documents);
  }

  /**
   * What the answer layer saw: the question's analysis, every candidate sentence with its features
   * and score (best first), and the probability that the best one answers. For `npm run
   * fit-answers` and for looking into a wrong answer.
   */
  async explain(question: string, options: AskOptions = {}): Promise<AnswerExplanation> {
    const { input, tuning } = await this.reading(() => this.prepare(question, options));
    const { candidates, probability, features } = rankCandidates(input, tuning.answer);
    return {
      analysis: input.analysis,
      candidates: candidates.map((c) => ({
        text: c.text,
        docId: c.passage.docId,
        file: c.passage.doc.file,
        paragraph: c.passage.paragraph,
        features: c.features,
        score: c.score,
        answerable: answerableFeatures(input.analysis, c, Math.max(0, ...candidates.filter((o) => o.passage.docId !== c.passage.docId).map((o) => o.features.similarity))),
      })),
      answerable: features,
      probability,
    };
  }

  /** Every candidate passage of the hybrid retrieval's second stage with its features (for `npm run fit-tuning`). */
  async explainRetrieval(question: string, options: Pick<AskOptions, 'tuning'> = {}) {
    const text = normalizeQuestion(question);
    const retriever = this.retriever;
    const candidates = await this.reading(() => retriever.explain(text, analyzeQuestion(text, lexiconOf(retriever)), resolveTuning(options.tuning).retrieval));
    return candidates.map((c) => ({ file: c.passage.doc.file, paragraph: c.passage.paragraph, text: c.passage.text, features: c.features, score: c.score }));
  }

  /** Retrieval and everything the answer layer needs for a question. */
  private async prepare(question: string, options: AskOptions) {
    const text = normalizeQuestion(question);
    const tuning = resolveTuning(options.tuning);
    const retriever = this.retriever; // a re-index swapping in mid-question must not mix indexes
    checkSource(retriever, options.source);
    const filter = options.filter ? applyArticleFilter(retriever.documents, options.filter) : undefined;
    const lexicon = lexiconOf(retriever);
    const analysis = analyzeQuestion(text, lexicon);
    // "What did X say about Y": Y alone, embedded, tells whether X's sentences are about it.
    const topicVector = analysis.topic ? this.embedder.embedQuery(analysis.topic.map((t) => t.typed).join(' '), false) : undefined;
    const retrieval = await retriever.retrieve(text, { source: options.source, documents: filter?.documents, limit: tuning.answer.passages, tuning: tuning.retrieval, analysis });
    const { passages, labels } = retriever.withFollowing(retrieval);
    const input: ComposeInput = {
      analysis,
      passages,
      labels,
      sentences: retriever.sentences,
      queryVector: retrieval.queryVector,
      ...(topicVector && { topicVector: await topicVector }),
      lexicon,
      similarityScale: this.embedder.profile.similarity,
      sourceCount: options.source ? 1 : (filter?.documents.size ?? this.sourceCount),
    };
    return { input, tuning, timings: retrieval.timings, filter: filter as AppliedFilter | undefined };
  }

  /**
   * Composing an answer is synchronous CPU work (10–50 ms). When many questions finish retrieval at
   * once (their embeddings are batched), composing them back to back would block the event loop for
   * a second or more, starving the caller's network I/O (a Discord bot must acknowledge each new
   * interaction within 3 s). So questions take turns: one composition per event-loop turn.
   */
  private composeTurn(): Promise<void> {
    const turn = this.composeQueue.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    this.composeQueue = turn;
    return turn;
  }

  /** The best passages for a query, with attribution, without composing an answer. */
  async search(query: string, options: SearchOptions = {}): Promise<ScoredPassage[]> {
    return this.reading(() => this.searchNow(query, options));
  }

  private async searchNow(query: string, options: SearchOptions): Promise<ScoredPassage[]> {
    const text = normalizeQuestion(query);
    const limit = Math.min(Math.max(1, options.limit ?? 5), 25);
    const retriever = this.retriever;
    checkSource(retriever, options.source);
    const filter = options.filter ? applyArticleFilter(retriever.documents, options.filter) : undefined;
    const analysis = analyzeQuestion(text, lexiconOf(retriever));
    return (await retriever.retrieve(text, { source: options.source, documents: filter?.documents, limit, tuning: resolveTuning(options.tuning).retrieval, analysis })).passages;
  }

  /** The quote index itself (for evaluation: regrouping with other tunables); undefined in an index built before it existed. */
  get quoteIndex(): QuoteIndex | undefined {
    return this.retriever.index.quotes;
  }

  /** Quotations across outlets: statements (of one speaker, carried by one article) and the speakers. No model call. */
  quotes(options: QuoteOptions = {}): QuoteListing {
    return listQuotes(this.retriever.index, options);
  }

  /**
   * Side-by-side coverage of a topic: each outlet's main claim, what only one outlet reports and
   * what every outlet reports, each sentence placed in its article and paragraph.
   */
  async compare(topic: string): Promise<Comparison> {
    return this.reading(() => this.compareNow(topic));
  }

  private async compareNow(topic: string): Promise<Comparison> {
    const text = normalizeQuestion(topic);
    const r = this.retriever;
    const limit = COMPARE_TUNING.candidatePassages;
    const retrieval = await r.retrieve(text, { limit, analysis: analyzeQuestion(text, lexiconOf(r)) });
    const store = r.index.passages;
    return compareCoverage({
      topic: text,
      topicVector: retrieval.queryVector,
      docIds: [...new Set(retrieval.passages.map((p) => p.docId))],
      near: (v) => [...new Set(r.index.vectors.search(v, limit).map((h) => store.docIdOf(h.label)))],
      passages: store,
      sentences: r.sentences,
      ...(r.index.quotes ? { quotes: r.index.quotes } : {}),
      documentFrequency: (w) => r.keyword.formFrequency(w),
      sourceCount: this.sourceCount,
    });
  }

  /** The indexed articles, in file order. */
  listSources(): SourceInfo[] {
    const r = this.retriever;
    // Articles added since the last full build sit after the others in the index: sort by file.
    return [...r.documents].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).map((d) => ({ ...d, passages: r.passagesOf(d.id) }));
  }

  /** One article's metadata and passages. */
  getSource(id: string): { info: SourceInfo; passages: Passage[] } | undefined {
    const r = this.retriever;
    const doc = r.documents.find((d) => d.id === id);
    if (!doc) return undefined;
    return { info: { ...doc, passages: r.passagesOf(id) }, passages: r.passagesOfDocument(id) };
  }

  /**
   * Bring the index up to date with the articles folder and swap it in without a
   * restart. Questions keep being answered from the old index meanwhile; if the
   * re-index fails, the old index stays in service. One update at a time.
   */
  async reindex(options: ReindexOptions = {}): Promise<ReindexSummary> {
    return this.update('reindex', async () => {
      const { summary, index } = await this.runIndexHere({ full: options.full, what: `${this.name}, re-indexing`, onProgress: options.onProgress });
      return summary;
    });
  }

  /**
   * Add an article: fetch the link (or download the attachment, or read the file) under the fetch
   * rules, extract it, refuse a duplicate of an indexed article (same canonical URL or same text),
   * save it in the articles folder under a stable name with who added it and when, re-index
   * incrementally and swap the new index in — as `reindex` does. On any failure nothing is left
   * behind: the file is removed again and the index in service is not touched.
   */
  async addArticle(input: ArticleInput, options: AddArticleOptions): Promise<AddResult> {
    return this.update('add', async () => {
      const started = performance.now();
      // The indexing process starts now and loads its model (about a second) while the page is
      // fetched and read; it builds only once the article is saved, under the index lock.
      const indexer = startIndexingProcess(this.config);
      this.stopBuild = indexer.kill;
      try {
        return await this.addWith(indexer, input, options, started);
      } finally {
        indexer.kill(); // unused (refused before the build), or already exiting
      }
    });
  }

  private async addWith(indexer: IndexingProcess, input: ArticleInput, options: AddArticleOptions, started: number): Promise<AddResult> {
    const { duplicateError, findDuplicate, prepareArticle } = await import('./add-article.js');
    const prepared = await prepareArticle(this.config, input, { by: options.addedBy, at: (options.now ?? new Date()).toISOString() });
    const dup = findDuplicate(this.retriever.documents, prepared.document.meta);
    if (dup) throw duplicateError(dup.existing, dup.matched);
    const prepareSeconds = (performance.now() - started) / 1000;
    const id = prepared.document.meta.id;
    const { summary } = await this.runIndexHere({
      what: `${this.name}, adding an article`,
      process: indexer,
      onProgress: options.onProgress,
      wait: options.wait,
      change: addArticleFile(this.config.seedsDir, prepared),
      verify: (next, built) => {
        if (!next.passages.range(id)?.count) {
          const why = built.warnings.find((w) => w.startsWith(`${prepared.fileName}: `))?.slice(prepared.fileName.length + 2) ?? 'it has no passages';
          throw new EngineError('NOT_AN_ARTICLE', `The article "${prepared.document.meta.title}" could not be indexed (${why}). Nothing was added.`);
        }
      },
    });
    const info = this.getSource(id)!.info;
    return { article: info, file: prepared.fileName, summary, seconds: (performance.now() - started) / 1000, prepareSeconds };
  }

  /**
   * Remove an article: its file leaves the articles folder, the index is rebuilt without it and
   * swapped in. If that fails, the file is put back and the index in service stays as it was.
   */
  async removeArticle(id: string, options: RemoveArticleOptions = {}): Promise<RemoveResult> {
    return this.update('remove', async () => {
      const found = this.getSource(id);
      if (!found) throw unknownSourceError(id);
      const change = removeArticleFile(this.config.seedsDir, found.info.file);
      const { summary } = await this.runIndexHere({
        what: `${this.name}, removing an article`,
        onProgress: options.onProgress,
        wait: options.wait,
        change,
        verify: (next) => {
          if (next.passages.range(id)) throw new EngineError('NO_DOCUMENTS', `The article ${id} is still in the articles folder under another file; nothing was removed.`);
        },
      });
      await change.done();
      return { article: found.info, summary };
    });
  }

  /** One index update at a time: a second one is refused while the first runs. */
  private async update<T>(kind: 'reindex' | 'add' | 'remove', run: () => Promise<T>): Promise<T> {
    if (this.updating) {
      const what = { reindex: 'A re-index is already running', add: 'An article is being added right now', remove: 'An article is being removed right now' }[this.updating];
      throw new EngineError('REINDEX_IN_PROGRESS', `${what}; please wait for it to finish.`);
    }
    this.updating = kind;
    const p = run();
    this.reindexing = p;
    try {
      return await p;
    } finally {
      this.reindexing = undefined;
      this.updating = undefined;
      this.stopBuild = undefined;
    }
  }

  /**
   * Build in a child process under the index lock (refused with INDEX_LOCKED while another run
   * holds it), load and verify the result here, then swap it in: one assignment.
   */
  private async runIndexHere(options: Omit<RunIndexOptions, 'onStart'>) {
    const { summary, index } = await runIndex(this.config, { ...options, onStart: (stop) => (this.stopBuild = stop) });
    if (!summary || !summary.wrote) await index.close();
    else {
      assertManifestMatches(index.manifest, { modelId: this.config.modelId, dims: this.embedder.dims });
      const old = this.retriever;
      this.retriever = new HybridRetriever(index, this.embedder);
      await this.retire(old);
    }
    return { summary: summary!, index };
  }

  async close(): Promise<void> {
    this.stopBuild?.(); // the index on disk changes only at its commit point: stopping is safe
    await this.reindexing?.catch(() => undefined);
    void this.retire(this.retriever);
    await this.closing;
    if (this.ownsEmbedder) await this.embedder.dispose();
  }

  /**
   * Run work that reads the index in service (sentence vectors may be read from disk, the quote
   * index on first use): an index swapped out meanwhile stays open until the work is done.
   */
  private async reading<T>(work: () => Promise<T>): Promise<T> {
    const r = this.retriever;
    this.inUse.set(r, (this.inUse.get(r) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = this.inUse.get(r)! - 1;
      if (left > 0) this.inUse.set(r, left);
      else {
        this.inUse.delete(r);
        if (this.retired.delete(r)) void this.closeIndex(r);
      }
    }
  }

  /** Close an index that is no longer in service: now (resolved once closed), or when the last question reading it ends. */
  private retire(r: HybridRetriever): Promise<void> {
    if (!this.inUse.has(r)) return this.closeIndex(r);
    this.retired.add(r);
    return Promise.resolve();
  }

  private closeIndex(r: HybridRetriever): Promise<void> {
    const done = r.index.close().catch(() => undefined);
    this.closing = Promise.all([this.closing, done]);
    return done;
  }
}

/** An unknown article id is the caller's error, with the id as data for the front end to word. */
function checkSource(retriever: HybridRetriever, source: string | undefined): void {
  if (source !== undefined && retriever.passagesOf(source) === 0 && !retriever.documents.some((d) => d.id === source)) throw unknownSourceError(source);
}

/** The corpus's words as the answer layer sees them (from the keyword index). */
function lexiconOf(retriever: HybridRetriever): Lexicon {
  const k = retriever.keyword;
  return {
    passages: k.size,
    documentFrequency: (w) => k.formFrequency(w),
    isName: (w) => k.isName(w),
    correct: (w) => k.correct(w),
  };
}
