import { composeAnswer, rankCandidates, type AnswerExplanation, type ComposeInput } from '../answer/compose-answer.js';
import { answerableFeatures } from '../answer/candidates.js';
import { analyzeQuestion, type Lexicon } from '../answer/question.js';
import { loadEngineConfig, type EngineConfig } from '../config/engine-config.js';
import { embedderOptionsFrom, loadEmbedder, type Embedder } from '../embed/embedder.js';
import { buildIndex } from '../index/build-index.js';
import { readIndex, type StoredIndex } from '../index/index-store.js';
import { assertManifestMatches } from '../index/manifest.js';
import { HybridRetriever } from '../retrieve/hybrid-retriever.js';
import { listQuotes, type QuoteListing, type QuoteOptions } from '../quotes/list-quotes.js';
import { compareCoverage, type Comparison } from '../compare/compare-coverage.js';
import { answerFromIndexes } from './answer-from-indexes.js';
import { EngineError } from './errors.js';
import type { Answer, AskOptions, Passage, ReindexOptions, ReindexSummary, ScoredPassage, SearchOptions, SourceInfo } from './types.js';
import { resolveTuning } from './tuning.js';
import { normalizeQuestion } from './validate-question.js';

export interface OpenEngineOptions {
  /** Settings; read from the environment when omitted. */
  config?: EngineConfig;
  /** Build the index when there is none yet (default true). */
  buildIfMissing?: boolean;
  /** Progress of that first build. */
  onProgress?: ReindexOptions['onProgress'];
  /** An already loaded model to share (tests, benchmark). */
  embedder?: Embedder;
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
  private reindexing: Promise<ReindexSummary> | undefined;
  /** Tail of the queue of compositions waiting for their event-loop turn (see `composeTurn`). */
  private composeQueue: Promise<void> = Promise.resolve();
  /** Summary of the build done while opening, if one was needed. */
  readonly initialBuild?: ReindexSummary;

  private constructor(
    readonly config: EngineConfig,
    readonly embedder: Embedder,
    index: StoredIndex,
    initialBuild?: ReindexSummary,
  ) {
    this.retriever = new HybridRetriever(index, embedder);
    this.initialBuild = initialBuild;
  }

  /** Load the model and the index (building the index first when it is missing). */
  static async open(options: OpenEngineOptions = {}): Promise<Engine> {
    const config = options.config ?? loadEngineConfig();
    const embedder = options.embedder ?? (await loadEmbedder(embedderOptionsFrom(config)));
    let index = await readIndex(config.indexDir, config.hnsw.efSearch);
    let built: ReindexSummary | undefined;
    if (index) {
      assertManifestMatches(index.manifest, { modelId: config.modelId, dims: embedder.dims });
    } else {
      if (options.buildIfMissing === false) {
        throw new EngineError('INDEX_MISSING', `There is no index in ${config.indexDir} yet. Run \`npm run index\` to build it.`);
      }
      const result = await buildIndex(config, embedder, { full: true, onProgress: options.onProgress });
      index = result.index!;
      built = result.summary;
    }
    return new Engine(config, embedder, index, built);
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
    const started = performance.now();
    // "What did X say?" about a quoted person, and "how did the outlets differ on …", are answered
    // from the quote index and the side-by-side comparison.
    const special = await answerFromIndexes(this, normalizeQuestion(question), options);
    if (special) return { ...special, timings: { embed: 0, dense: 0, keyword: 0, fuse: 0, compose: 0, total: performance.now() - started } };
    const { input, tuning, timings } = await this.prepare(question, options);
    await this.composeTurn();
    const t = performance.now();
    const answer = composeAnswer(input, tuning.answer);
    const compose = performance.now() - t;
    return { ...answer, timings: { ...timings, compose, total: performance.now() - started } };
  }

  /**
   * What the answer layer saw: the question's analysis, every candidate sentence with its features
   * and score (best first), and the probability that the best one answers. For `npm run
   * fit-answers` and for looking into a wrong answer.
   */
  async explain(question: string, options: AskOptions = {}): Promise<AnswerExplanation> {
    const { input, tuning } = await this.prepare(question, options);
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
        answerable: answerableFeatures(input.analysis, c),
      })),
      answerable: features,
      probability,
    };
  }

  /** Retrieval and everything the answer layer needs for a question. */
  private async prepare(question: string, options: AskOptions) {
    const text = normalizeQuestion(question);
    const tuning = resolveTuning(options.tuning);
    const retriever = this.retriever; // a re-index swapping in mid-question must not mix indexes
    const retrieval = await retriever.retrieve(text, { source: options.source, limit: tuning.answer.passages, tuning: tuning.retrieval });
    const lexicon = lexiconOf(retriever);
    const { passages, labels } = retriever.withFollowing(retrieval);
    const input: ComposeInput = {
      analysis: analyzeQuestion(text, lexicon),
      passages,
      labels,
      sentences: retriever.sentences,
      queryVector: retrieval.queryVector,
      lexicon,
      similarityScale: this.embedder.profile.similarity,
      sourceCount: options.source ? 1 : this.sourceCount,
    };
    return { input, tuning, timings: retrieval.timings };
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
    const text = normalizeQuestion(query);
    const limit = Math.min(Math.max(1, options.limit ?? 5), 25);
    return (await this.retriever.retrieve(text, { source: options.source, limit, tuning: resolveTuning(options.tuning).retrieval })).passages;
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
    const text = normalizeQuestion(topic);
    const r = this.retriever;
    const retrieval = await r.retrieve(text, { limit: 40 });
    const found = new Set(retrieval.passages.map((p) => p.docId));
    const docIds = r.documents.map((d) => d.id).filter((id) => found.has(id));
    const topicVector = await this.embedder.embedQuery(text, false);
    return compareCoverage({ topic: text, topicVector, docIds, passages: r.index.passages, sentences: r.sentences, sourceCount: this.sourceCount });
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
   * re-index fails, the old index stays in service. One re-index at a time.
   */
  async reindex(options: ReindexOptions = {}): Promise<ReindexSummary> {
    if (this.reindexing) throw new EngineError('REINDEX_IN_PROGRESS', 'A re-index is already running; please wait for it to finish.');
    const run = (async () => {
      const { summary, index } = await buildIndex(this.config, this.embedder, options);
      if (index) this.retriever = new HybridRetriever(index, this.embedder);
      return summary;
    })();
    this.reindexing = run;
    try {
      return await run;
    } finally {
      this.reindexing = undefined;
    }
  }

  async close(): Promise<void> {
    await this.reindexing?.catch(() => undefined);
    await this.embedder.dispose();
  }
}

/** The corpus's words as the answer layer sees them (from the keyword index). */
function lexiconOf(retriever: HybridRetriever): Lexicon {
  const k = retriever.keyword;
  return {
    passages: k.size,
    documentFrequency: (w) => k.documentFrequency(w),
    isName: (w) => k.isName(w),
    correct: (w) => k.correct(w),
  };
}
