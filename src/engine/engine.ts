import { composeAnswer, rankCandidates, type AnswerExplanation, type ComposeInput } from '../answer/compose-answer.js';
import { answerableFeatures } from '../answer/candidates.js';
import { analyzeQuestion, type Lexicon } from '../answer/question.js';
import { loadEngineConfig, type EngineConfig } from '../config/engine-config.js';
import { embedderOptionsFrom, loadEmbedder, type Embedder, type EmbedderStats } from '../embed/embedder.js';
import type { CorpusWords, IndexBackend, RunIndexOptions } from '../index/index-backend.js';
import { describeOwner, type LockOwner } from '../index/index-lock.js';
import { assertManifestMatches } from '../index/manifest.js';
import { openIndexBackend } from '../index/open-backend.js';
import { HybridRetriever, rarityWords } from '../retrieve/hybrid-retriever.js';
import { contentTerms, STOPWORDS, words } from '../text/terms.js';
import { verbForms } from '../text/inflections.js';
import { abbreviationWords } from '../text/abbreviations.js';
import { numberedSiblings } from '../text/numbered-names.js';
import { synonymsOf } from '../text/synonyms.js';
import { isCommonWord } from '../answer/common-words.js';
import { listQuotes, type QuoteListing, type QuoteOptions } from '../quotes/list-quotes.js';
import type { QuoteIndex } from '../quotes/quote-index.js';
import { compareCoverage, type Comparison } from '../compare/compare-coverage.js';
import { COMPARE_TUNING } from '../compare/tuning.js';
import { answerFromIndexes } from './answer-from-indexes.js';
import { prepareFollowUps, resolveFollowUp, turnOf, wantsLeadIn } from '../conversation/resolve.js';
import { withBareOwner } from '../conversation/entities.js';
import { applyArticleFilter, outletsOf, type AppliedFilter } from './article-filter.js';
import { EngineError, unknownArticleError } from '../errors.js';
import type {
  AddArticleOptions,
  AddResult,
  Answer,
  ArticleFilter,
  ConversationTurn,
  Passage,
  ReindexOptions,
  ReindexSummary,
  RemoveArticleOptions,
  RemoveResult,
  ScoredPassage,
  ArticleInfo,
} from '../types.js';
import type { AskOptions, SearchOptions } from './options.js';
import { startIndexingProcess, type IndexingProcess } from '../index/build-in-child.js';
import { addArticleFile, removeArticleFile } from './article-changes.js';
// Adding articles (fetching, HTML extraction: linkedom, undici) is loaded on first use: a process that only answers never needs it.
import type { ArticleInput } from './add-article.js';

export type { ArticleInput } from './add-article.js';
import { resolveTuning } from './tuning.js';
import { findArticle } from './find-article.js';
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

export interface BuildIndexOptions extends ReindexOptions {
  /** Settings; read from the environment when omitted. */
  config?: EngineConfig;
  /** If another indexing run holds the index lock, wait for it (told through `onWait`) instead of refusing with INDEX_LOCKED. */
  wait?: boolean;
  /** Who is indexing ("npm run index"), for the message a concurrent run shows. */
  name?: string;
  /** Told once when the run waits for another run holding the index lock. */
  onWait?: (message: string) => void;
}

/** What `onWait` is told: the same sentence whichever way the engine came to wait. */
const waitingMessage = (owner: LockOwner | undefined) => `Waiting for another indexing run (${describeOwner(owner)}) to finish…`;

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
  /** The index update in progress (re-index, add, remove): one at a time. */
  private reindexing: Promise<unknown> | undefined;
  private updating: 'reindex' | 'add' | 'remove' | undefined;
  /** Stops the indexing process of a re-index in progress (on close). */
  private stopBuild: (() => void) | undefined;
  /** Tail of the queue of compositions waiting for their event-loop turn (see `composeTurn`). */
  private composeQueue: Promise<void> = Promise.resolve();
  /** The retriever over the backend's current snapshot (made again when the snapshot changes). */
  private cached: HybridRetriever | undefined;
  /** Summary of the build done while opening, if one was needed. */
  readonly initialBuild?: ReindexSummary;

  private constructor(
    private readonly config: EngineConfig,
    private readonly embedder: Embedder,
    private readonly backend: IndexBackend,
    initialBuild: ReindexSummary | undefined,
    private readonly name: string,
    /** False for a model passed in to share: closing this engine leaves it to its owner. */
    private readonly ownsEmbedder: boolean,
  ) {
    this.initialBuild = initialBuild;
  }

  /** Load the model and open the index (building the index first when it is missing). */
  static async open(options: OpenEngineOptions = {}): Promise<Engine> {
    const config = options.config ?? loadEngineConfig();
    const embedder = options.embedder ?? (await loadEmbedder(embedderOptionsFrom(config)));
    const name = options.name ?? `a process using the engine`;
    let opened: IndexBackend | undefined;
    try {
      const backend = (opened = await openIndexBackend(config));
      let built: ReindexSummary | undefined;
      if (!backend.hasIndex) {
        if (options.buildIfMissing === false) backend.current(); // INDEX_MISSING, worded by the backend
        // Under the index lock, waiting for a run that holds it (which may build the index meanwhile).
        built = await backend.runIndex({
          full: true,
          what: `${name}, building a missing index`,
          wait: true,
          onlyIfMissing: true,
          onWait: (owner) => options.onWait?.(waitingMessage(owner)),
          onProgress: options.onProgress,
        });
      }
      assertManifestMatches(backend.current().description, { modelId: config.modelId, dims: embedder.dims });
      return new Engine(config, embedder, backend, built, name, !options.embedder);
    } catch (e) {
      await opened?.close().catch(() => undefined);
      if (!options.embedder) await embedder.dispose();
      throw e;
    }
  }

  /**
   * Bring the index up to date with the articles (all of it with `full`), as `npm run index` does:
   * under the index lock (refused with INDEX_LOCKED while another run holds it, unless `wait`), in a
   * child process with its own model, through the configured backend (with a database, its schema
   * is migrated first). Progress goes to `onProgress`; nothing is printed. No engine stays open.
   */
  static async buildIndex(options: BuildIndexOptions = {}): Promise<ReindexSummary> {
    const config = options.config ?? loadEngineConfig();
    const backend = await openIndexBackend(config, { forIndexing: true });
    try {
      const summary = await backend.runIndex({
        full: options.full,
        wait: options.wait,
        what: options.name ?? 'a process using the engine',
        onWait: (owner) => options.onWait?.(waitingMessage(owner)),
        onProgress: options.onProgress,
      });
      return summary!; // undefined only with `onlyIfMissing`
    } finally {
      await backend.close();
    }
  }

  /** Counters of the model's query batching (the benchmark's and the load test's view of one shared model); undefined for a model without them. */
  get embedderStats(): Readonly<EmbedderStats> | undefined {
    return this.embedder.stats;
  }

  /** Which storage backend serves the index (INDEX_BACKEND). */
  get backendKind(): IndexBackend['kind'] {
    return this.backend.kind;
  }

  /** The retriever over the index generation questions are answered from now; one per question, so a re-index never mixes generations. */
  private get retriever(): HybridRetriever {
    const snapshot = this.backend.current();
    if (this.cached?.index !== snapshot) {
      assertManifestMatches(snapshot.description, { modelId: this.config.modelId, dims: this.embedder.dims });
      this.cached = new HybridRetriever(snapshot, this.embedder);
    }
    return this.cached;
  }

  /** Number of articles in the index. */
  get articleCount(): number {
    return this.retriever.articles.length;
  }

  get isReindexing(): boolean {
    return this.reindexing !== undefined;
  }

  /**
   * Load what reading follow-up questions needs, now rather than on the first follow-up (which would
   * otherwise block the process for a second or two while loading it). For long-running front ends
   * that take follow-ups (the bot); a one-off question never needs it.
   */
  prepareConversations(): void {
    prepareFollowUps();
  }

  /** Answer a question from the coverage, with numbered citations; abstains when the articles don't say. */
  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    return this.reading((retriever) => this.answer(retriever, question, options));
  }

  /** `ask` on one generation (`retriever`): a re-index swapping in mid-question must not mix indexes. */
  private async answer(retriever: HybridRetriever, question: string, options: AskOptions): Promise<Answer> {
    const started = performance.now();
    const asked = normalizeQuestion(question);
    const tuning = resolveTuning(options.tuning);
    // A follow-up is answered as the question it stands for; the answer layer never sees the conversation.
    const names = options.history?.length
      ? await retriever.index.words(nameWords([asked, ...options.history.flatMap(turnTexts)]), undefined, { namesOnly: true })
      : undefined;
    const read = options.history?.length ? resolveFollowUp(asked, options.history, names!, tuning.conversation) : { standalone: asked, rewritten: false };
    checkArticle(retriever, options.article);
    const applied = options.filter ? applyArticleFilter(retriever.articles, options.filter) : undefined;
    const corpus = await lookupQuestion(retriever, read.standalone, names);
    const lexicon = lexiconOf(corpus);
    // "What did X say (about Y)?" about a quoted person, and "how did the outlets differ on …", are
    // answered from the quote index and the side-by-side comparison, within the one article or
    // the articles an outlet/date filter keeps.
    const special = await answerFromIndexes(
      {
        quotes: () => retriever.index.quotes, // read only for a quote question (files: from its file on first use)
        articles: retriever.index.articleReader(),
        embedder: this.embedder,
        compare: (topic) => this.compareWith(retriever, topic),
        tuning: tuning.answer,
        articleCount: retriever.articles.length,
      },
      analyzeQuestion(read.standalone, lexicon),
      { ...(options.article !== undefined ? { articleIds: new Set([options.article]) } : applied ? { articleIds: applied.articleIds } : {}) },
    );
    // What the turn kept for the next question names (read from the answer's own sentences, and
    // for an answer describing its person without the name, the text before its passage).
    const turnNames = async (answer: { claims: readonly { text: string }[] }, cited: readonly { passage: string; before?: string }[] = []) =>
      retriever.index.words(nameWords([read.standalone, ...answer.claims.map((c) => c.text), ...cited.flatMap((c) => [c.passage, c.before ?? ''])]), corpus, {
        namesOnly: true,
      });
    const turnFor = async (answer: Omit<Answer, 'question' | 'turn' | 'timings'>) => {
      const cited = wantsLeadIn(read.standalone, answer) ? await withLeadIns(retriever, answer.citations) : undefined;
      return turnOf(asked, read.standalone, cited ? { ...answer, citations: cited } : answer, await turnNames(answer, cited), tuning.conversation);
    };
    if (special) {
      return {
        ...special,
        question: asked,
        ...(read.rewritten && { standalone: read.standalone }),
        ...(applied && { filter: applied.description }),
        turn: await turnFor(special),
        timings: { embed: 0, dense: 0, keyword: 0, fuse: 0, compose: 0, total: performance.now() - started },
      };
    }
    const { input, timings, filter } = await this.prepare(read.standalone, options, retriever, corpus);
    await this.composeTurn();
    const t = performance.now();
    const answer = composeAnswer(input, tuning.answer);
    const compose = performance.now() - t;
    return {
      ...answer,
      question: asked,
      ...(read.rewritten && { standalone: read.standalone }),
      ...(filter && { filter: filter.description }),
      turn: await turnFor(answer),
      timings: { ...timings, compose, total: performance.now() - started },
    };
  }

  /** How a question reads against a conversation (the standalone question), without answering it. */
  async readAs(question: string, history: AskOptions['history'] = [], options: Pick<AskOptions, 'tuning'> = {}) {
    const asked = normalizeQuestion(question);
    const names = await this.retriever.index.words(nameWords([asked, ...history.flatMap(turnTexts)]), undefined, { namesOnly: true });
    return resolveFollowUp(asked, history, names, resolveTuning(options.tuning).conversation);
  }

  /**
   * Check an outlet / date filter before asking (so a front end can refuse it at once): its
   * description, or an EngineError (NO_MATCHING_ARTICLES / INVALID_FILTER) listing what exists.
   */
  checkFilter(filter: ArticleFilter): string | undefined {
    return applyArticleFilter(this.retriever.articles, filter)?.description;
  }

  /** The generation of the index in service (its data files' tag, or the database's generation number), for feedback records. */
  get indexGeneration(): string {
    return this.retriever.index.description.generation;
  }

  /** The outlets named by the indexed articles (for `outlet:` suggestions). */
  listOutlets(): string[] {
    return outletsOf(this.retriever.articles);
  }

  /**
   * What the answer layer saw: the question's analysis, every candidate sentence with its features
   * and score (best first), and the probability that the best one answers. For `npm run
   * fit-answers` and for looking into a wrong answer.
   */
  async explain(question: string, options: AskOptions = {}): Promise<AnswerExplanation> {
    const { input, tuning } = await this.reading((r) => this.prepare(question, options, r));
    const { candidates, probability, features } = rankCandidates(input, tuning.answer);
    return {
      analysis: input.analysis,
      candidates: candidates.map((c) => ({
        text: c.text,
        articleId: c.passage.articleId,
        file: c.passage.article.file,
        paragraph: c.passage.paragraph,
        features: c.features,
        score: c.score,
        answerable: answerableFeatures(
          input.analysis,
          c,
          Math.max(0, ...candidates.filter((o) => o.passage.articleId !== c.passage.articleId).map((o) => o.features.similarity)),
        ),
      })),
      answerable: features,
      probability,
    };
  }

  /** Every candidate passage of the hybrid retrieval's second stage with its features (for `npm run fit-tuning`). */
  async explainRetrieval(question: string, options: Pick<AskOptions, 'tuning'> = {}) {
    const text = normalizeQuestion(question);
    const candidates = await this.reading(async (retriever) => {
      const corpus = await lookupQuestion(retriever, text);
      return retriever.explain(text, analyzeQuestion(text, lexiconOf(corpus)), resolveTuning(options.tuning).retrieval);
    });
    return candidates.map((c) => ({
      file: c.passage.article.file,
      paragraph: c.passage.paragraph,
      text: c.passage.text,
      features: c.features,
      score: c.score,
    }));
  }

  /** Retrieval and everything the answer layer needs for a question. */
  private async prepare(question: string, options: AskOptions, retriever: HybridRetriever, known?: CorpusWords) {
    const text = normalizeQuestion(question);
    const tuning = resolveTuning(options.tuning);
    // (`retriever`: one per question, so a re-index swapping in mid-question never mixes generations.)
    checkArticle(retriever, options.article);
    const filter = options.filter ? applyArticleFilter(retriever.articles, options.filter) : undefined;
    const corpus = await lookupQuestion(retriever, text, known);
    const analysis = analyzeQuestion(text, lexiconOf(corpus));
    // "What did X say about Y": Y alone, embedded, tells whether X's sentences are about it.
    const topicVector = analysis.topic ? this.embedder.embedQuery(analysis.topic.map((t) => t.typed).join(' '), false) : undefined;
    const retrieval = await retriever.retrieve(text, {
      article: options.article,
      articleIds: filter?.articleIds,
      limit: tuning.answer.passages,
      tuning: tuning.retrieval,
      analysis,
      words: corpus,
    });
    const { passages, labels, batch } = await retriever.withFollowing(retrieval);
    // The answer layer also asks about the words of the passages it reads (which are names).
    const answerWords = await retriever.index.words(
      passages.flatMap((p) => lookupWords(p.text)),
      corpus,
      { namesOnly: true },
    );
    const input: ComposeInput = {
      analysis,
      passages,
      labels,
      sentences: batch,
      queryVector: retrieval.queryVector,
      ...(topicVector && { topicVector: await topicVector }),
      lexicon: lexiconOf(answerWords),
      similarityScale: this.embedder.profile.similarity,
      articleCount: options.article ? 1 : (filter?.articleIds.size ?? retriever.articles.length),
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
    return this.reading((retriever) => this.searchWith(retriever, query, options));
  }

  private async searchWith(retriever: HybridRetriever, query: string, options: SearchOptions): Promise<ScoredPassage[]> {
    const text = normalizeQuestion(query);
    const limit = Math.min(Math.max(1, options.limit ?? 5), 25);
    checkArticle(retriever, options.article);
    const filter = options.filter ? applyArticleFilter(retriever.articles, options.filter) : undefined;
    const corpus = await lookupQuestion(retriever, text);
    const analysis = analyzeQuestion(text, lexiconOf(corpus));
    return (
      await retriever.retrieve(text, {
        article: options.article,
        articleIds: filter?.articleIds,
        limit,
        tuning: resolveTuning(options.tuning).retrieval,
        analysis,
        words: corpus,
      })
    ).passages;
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
    return this.reading((r) => this.compareWith(r, topic));
  }

  private async compareWith(r: HybridRetriever, topic: string): Promise<Comparison> {
    const text = normalizeQuestion(topic);
    const limit = COMPARE_TUNING.candidatePassages;
    let corpus = await lookupQuestion(r, text);
    const retrieval = await r.retrieve(text, { limit, analysis: analyzeQuestion(text, lexiconOf(corpus)), words: corpus });
    const articles = r.index.articleReader();
    return compareCoverage({
      topic: text,
      topicVector: retrieval.queryVector,
      articleIds: [...new Set(retrieval.passages.map((p) => p.articleId))],
      near: async (v) => [...new Set((await r.index.dense(v, limit)).map((h) => r.index.articleIdOf(h.label)).filter((id): id is string => id !== undefined))],
      // The articles compared, and every word of theirs whose frequency tells claims apart.
      load: async (articleIds) => {
        await articles.read(articleIds);
        corpus = await r.index.words(
          articleIds.flatMap((id) => articles.passagesOf(id).flatMap((p) => contentTerms(p.text))),
          corpus,
        );
      },
      passages: articles,
      sentences: articles,
      ...(r.index.quotes ? { quotes: r.index.quotes } : {}),
      documentFrequency: (w) => corpus.formFrequency(w),
      articleCount: r.articles.length,
    });
  }

  /** The indexed articles, in file order. */
  listArticles(): ArticleInfo[] {
    const r = this.retriever;
    // Articles added since the last full build sit after the others in the index: sort by file.
    return [...r.articles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).map((d) => ({ ...d, passageCount: r.passageCount(d.id) }));
  }

  /** The article id meant by what someone typed: an exact id, an id prefix, a title or an outlet matching one article only. */
  findArticle(typed: string): string | undefined {
    return findArticle(this.listArticles(), typed);
  }

  /** Whether an article with this id is in the index. */
  hasArticle(id: string): boolean {
    return this.retriever.article(id) !== undefined;
  }

  /** One article's metadata and passages. */
  async getArticle(id: string): Promise<{ info: ArticleInfo; passages: Passage[] } | undefined> {
    const r = this.retriever;
    const article = r.article(id);
    if (!article) return undefined;
    return { info: { ...article, passageCount: r.passageCount(id) }, passages: await r.index.passagesOf(id) };
  }

  /**
   * Bring the index up to date with the articles folder and swap it in without a
   * restart. Questions keep being answered from the old index meanwhile; if the
   * re-index fails, the old index stays in service. One update at a time.
   */
  async reindex(options: ReindexOptions = {}): Promise<ReindexSummary> {
    return this.update('reindex', async () => {
      return this.runIndexHere({ full: options.full, what: `${this.name}, re-indexing`, onProgress: options.onProgress });
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
    const dup = findDuplicate(this.retriever.articles, prepared.article.meta);
    if (dup) throw duplicateError(dup.existing, dup.matched);
    const prepareSeconds = (performance.now() - started) / 1000;
    const id = prepared.article.meta.id;
    const summary = await this.runIndexHere({
      what: `${this.name}, adding an article`,
      process: indexer,
      onProgress: options.onProgress,
      wait: options.wait,
      change: addArticleFile(this.config.seedsDir, prepared),
      verify: (next, built) => {
        if (!next.range(id)?.count) {
          const why = built.warnings.find((w) => w.startsWith(`${prepared.fileName}: `))?.slice(prepared.fileName.length + 2) ?? 'it has no passages';
          throw new EngineError('NOT_AN_ARTICLE', `The article "${prepared.article.meta.title}" could not be indexed (${why}). Nothing was added.`);
        }
      },
    });
    const info = (await this.getArticle(id))!.info;
    return { article: info, file: prepared.fileName, summary, seconds: (performance.now() - started) / 1000, prepareSeconds };
  }

  /**
   * Remove an article: its file leaves the articles folder, the index is rebuilt without it and
   * swapped in. If that fails, the file is put back and the index in service stays as it was.
   */
  async removeArticle(id: string, options: RemoveArticleOptions = {}): Promise<RemoveResult> {
    return this.update('remove', async () => {
      const found = await this.getArticle(id);
      if (!found) throw unknownArticleError(id);
      const change = removeArticleFile(this.config.seedsDir, found.info.file);
      const summary = await this.runIndexHere({
        what: `${this.name}, removing an article`,
        onProgress: options.onProgress,
        wait: options.wait,
        change,
        verify: (next) => {
          if (next.range(id))
            throw new EngineError('NO_DOCUMENTS', `The article ${id} is still in the articles folder under another file; nothing was removed.`);
        },
      });
      await change.done();
      return { article: found.info, summary };
    });
  }

  /** One index update at a time: a second one is refused while the first runs. */
  private async update<T>(kind: 'reindex' | 'add' | 'remove', run: () => Promise<T>): Promise<T> {
    if (this.updating) {
      const what = { reindex: 'A re-index is already running', add: 'An article is being added right now', remove: 'An article is being removed right now' }[
        this.updating
      ];
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
   * holds it); the backend loads and verifies the result before it serves it (files: one
   * assignment; database: the generation just committed).
   */
  private async runIndexHere(options: Omit<RunIndexOptions, 'onStart'>): Promise<ReindexSummary> {
    const summary = await this.backend.runIndex({ ...options, onStart: (stop) => (this.stopBuild = stop) });
    assertManifestMatches(this.backend.current().description, { modelId: this.config.modelId, dims: this.embedder.dims });
    return summary!;
  }

  async close(): Promise<void> {
    this.stopBuild?.(); // the index changes only at its commit point: stopping is safe
    await this.reindexing?.catch(() => undefined);
    await this.backend.close().catch(() => undefined);
    if (this.ownsEmbedder) await this.embedder.dispose();
  }

  /**
   * Run work that reads the generation in service, held for it (sentence vectors may be read from
   * disk, the quote index on first use): a generation a re-index swaps out meanwhile keeps its files
   * open until the work is done, then the backend closes them.
   */
  private async reading<T>(work: (retriever: HybridRetriever) => Promise<T>): Promise<T> {
    const retriever = this.retriever;
    const release = this.backend.hold(retriever.index);
    try {
      return await work(retriever);
    } finally {
      release();
    }
  }
}

/** An unknown article id is the caller's error, with the id as data for the front end to word. */
function checkArticle(retriever: HybridRetriever, article: string | undefined): void {
  if (article !== undefined && retriever.passageCount(article) === 0 && !retriever.article(article)) throw unknownArticleError(article);
}

/**
 * Every word the question analysis and the second stage look up for a question: its words, and the
 * other verb forms of its everyday words (the analysis reads "leave" as "left" when only that is in the articles).
 * The forms are made only if the backend reads them (postgres asks for them with the question's words;
 * the files backend holds every word and never does): conjugating each new everyday word with
 * compromise was most of a search's non-model time on questions not seen before.
 */
function lookupQuestion(retriever: HybridRetriever, text: string, known?: CorpusWords): Promise<CorpusWords> {
  const own = words(text);
  function* forms() {
    for (const w of own) if (!STOPWORDS.has(w) && !/[-‐‑]/.test(w) && isCommonWord(w)) yield* verbForms(w);
  }
  return retriever.index.words(
    [...own, ...rarityWords(text), ...abbreviationWords(text), ...own.flatMap(numberedSiblings), ...own.flatMap(synonymsOf)],
    known,
    { forms: forms() },
  );
}

/** A passage's words and their parts (a name run the answer layer cuts out of a sentence starts at one). */
function lookupWords(text: string): string[] {
  const out = words(text);
  for (const w of [...out]) if (/[.'’,-]/.test(w)) out.push(...w.split(/[.'’,-]+/).filter(Boolean));
  return out;
}

/** The words follow-up resolution asks "is it a name?" about in these texts (as src/conversation/entities.ts reads them). */
function nameWords(texts: readonly string[]): string[] {
  return texts.flatMap((t) =>
    // (And without a final "s": "lusks trial" is Lusk's, as chat types it.)
    [...t.normalize('NFKC').matchAll(/[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*/gu)].flatMap((m) => withBareOwner(m[0].toLowerCase().replace(/[’']s$/, ''))),
  );
}

/** Citations with the text of the passage before each in its article (see wantsLeadIn). */
async function withLeadIns<C extends { articleId: string; passageId: string }>(
  retriever: HybridRetriever,
  citations: readonly C[],
): Promise<(C & { before?: string })[]> {
  const articles = retriever.index.articleReader();
  await articles.read(new Set(citations.map((c) => c.articleId)));
  return citations.map((c) => {
    const passages = articles.passagesOf(c.articleId);
    const i = passages.findIndex((p) => p.id === c.passageId);
    return i > 0 ? { ...c, before: passages[i - 1]!.text } : c;
  });
}

/** The texts of an earlier turn that resolving a follow-up reads. */
function turnTexts(turn: ConversationTurn): string[] {
  return [
    turn.question,
    turn.standalone,
    ...turn.subjects.map((e) => e.text),
    ...(turn.answerEntity ? [turn.answerEntity.text] : []),
    ...turn.answerNames.map((e) => e.text),
  ];
}

/** The corpus's words as the answer layer sees them (from the keyword index). */
function lexiconOf(corpus: CorpusWords): Lexicon {
  return {
    passageCount: corpus.passageCount,
    documentFrequency: (w) => corpus.formFrequency(w),
    isName: (w) => corpus.isName(w),
    correct: (w) => corpus.correct(w),
  };
}
