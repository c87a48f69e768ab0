import { existsSync } from 'node:fs';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import type { EngineConfig } from '../config/engine-config.js';
import { EngineError } from '../errors.js';
import { profileFor, type ModelProfile } from './model-profiles.js';

export interface EmbedderOptions {
  modelId: string;
  /** Load from this folder (transformers.js layout) with remote loading off. */
  modelDir?: string;
  /**
   * Cache for Hub downloads. transformers.js keys its file cache as `<org>/<name>/<file>`, the
   * layout scripts/fetch-test-models.sh writes, so models fetched there are used without network.
   */
  cacheDir?: string;
  /** Passages per model call. */
  batchSize?: number;
}

/** Running counts of one Embedder's work (for tests and the benchmark; never reset). */
export interface EmbedderStats {
  /** embedQuery calls. */
  queries: number;
  /** Model calls made for them (concurrent questions share one). */
  queryBatches: number;
  /** Largest number of questions embedded in one model call. */
  largestQueryBatch: number;
}

/** One shared model instance. Calls are queued so the ONNX session never runs twice at once. */
export interface Embedder {
  readonly modelId: string;
  readonly dims: number;
  readonly profile: ModelProfile;
  /** Word-piece tokens of a text, without special tokens. */
  countTokens(text: string): number;
  /** Embed passages; returns `texts.length × dims` row-major, L2-normalised. */
  embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array>;
  /**
   * Embed one question, with the model's query instruction unless `instruction` is false.
   * Concurrent calls are batched into one model call.
   */
  embedQuery(text: string, instruction?: boolean): Promise<Float32Array>;
  dispose(): Promise<void>;
  /** Live counters (optional: only the transformers.js embedder keeps them). */
  readonly stats?: Readonly<EmbedderStats>;
}

const MAX_QUERY_BATCH = 32;

/** Embedder options from the engine settings (model id, MODEL_DIR, cache, batch size). */
export const embedderOptionsFrom = (c: EngineConfig): EmbedderOptions => ({
  modelId: c.modelId,
  modelDir: c.modelDir,
  cacheDir: c.modelCacheDir,
  batchSize: c.embedBatchSize,
});

/**
 * Load the embedding model with transformers.js `feature-extraction`.
 * Hub id by default (downloaded and cached on first use); `modelDir` for offline use.
 */
export async function loadEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const { modelId, modelDir } = options;
  if (modelDir) {
    const onnx = path.join(modelDir, modelId, 'onnx', 'model_quantized.onnx');
    if (!existsSync(onnx)) {
      throw new EngineError(
        'MODEL_LOAD',
        `Model ${modelId} is not in MODEL_DIR (${modelDir}): expected ${onnx}. Run \`bash scripts/fetch-test-models.sh\` or unset MODEL_DIR to download from the Hugging Face Hub.`,
      );
    }
    env.localModelPath = modelDir.endsWith(path.sep) ? modelDir : modelDir + path.sep;
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
  } else {
    env.allowRemoteModels = true;
    if (options.cacheDir) env.cacheDir = options.cacheDir;
  }

  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await pipeline('feature-extraction', modelId, { dtype: 'q8', device: 'cpu' });
  } catch (e) {
    const where = modelDir
      ? `from MODEL_DIR (${modelDir})`
      : `from the Hugging Face Hub or its cache ${options.cacheDir ?? ''} (offline? run \`bash scripts/fetch-test-models.sh\` or set MODEL_DIR)`;
    throw new EngineError('MODEL_LOAD', `Could not load embedding model ${modelId} ${where}: ${(e as Error).message}`, { cause: e });
  }
  const embedder = new TransformersEmbedder(modelId, extractor, options.batchSize ?? 16);
  // One call up front learns the vector size and warms the ONNX session, so the first question is fast.
  await embedder.embedQuery('warm up');
  return embedder;
}

class TransformersEmbedder implements Embedder {
  readonly profile: ModelProfile;
  readonly stats: EmbedderStats = { queries: 0, queryBatches: 0, largestQueryBatch: 0 };
  dims = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private pendingQueries: { text: string; resolve: (v: Float32Array) => void; reject: (e: unknown) => void }[] = [];
  private draining = false;

  constructor(
    readonly modelId: string,
    private readonly extractor: FeatureExtractionPipeline,
    private readonly batchSize: number,
  ) {
    this.profile = profileFor(modelId);
  }

  countTokens(text: string): number {
    return this.extractor.tokenizer.encode(text, { add_special_tokens: false }).length;
  }

  /** Run one model call, after any call already queued. */
  private run(texts: string[]): Promise<Float32Array> {
    const next = this.queue.then(async () => {
      const out = await this.extractor(texts, { pooling: this.profile.pooling, normalize: this.profile.normalize });
      this.dims = out.dims[out.dims.length - 1] ?? 0;
      // Copy out of the tensor so the ONNX buffers can be released.
      return new Float32Array(out.data as Float32Array);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array> {
    if (texts.length === 0) return new Float32Array(0);
    // Batch texts of similar length together: padding to the longest in a batch is wasted work.
    const order = texts.map((t, i) => ({ i, len: t.length })).sort((a, b) => a.len - b.len);
    let result: Float32Array | undefined;
    for (let b = 0; b < order.length; b += this.batchSize) {
      const slice = order.slice(b, b + this.batchSize);
      const vectors = await this.run(slice.map(({ i }) => this.profile.passagePrefix + texts[i]));
      result ??= new Float32Array(texts.length * this.dims);
      slice.forEach(({ i }, row) => result!.set(vectors.subarray(row * this.dims, (row + 1) * this.dims), i * this.dims));
      onProgress?.(Math.min(b + this.batchSize, texts.length), texts.length);
    }
    return result!;
  }

  embedQuery(text: string, instruction = true): Promise<Float32Array> {
    this.stats.queries++;
    return new Promise((resolve, reject) => {
      this.pendingQueries.push({ text: (instruction ? this.profile.queryPrefix : '') + text, resolve, reject });
      void this.drainQueries();
    });
  }

  private async drainQueries(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.pendingQueries.length) {
        const batch = this.pendingQueries.splice(0, MAX_QUERY_BATCH);
        this.stats.queryBatches++;
        this.stats.largestQueryBatch = Math.max(this.stats.largestQueryBatch, batch.length);
        try {
          const vectors = await this.run(batch.map((q) => q.text));
          batch.forEach((q, row) => q.resolve(vectors.slice(row * this.dims, (row + 1) * this.dims)));
        } catch (e) {
          batch.forEach((q) => q.reject(e));
        }
      }
    } finally {
      this.draining = false;
    }
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.extractor.dispose();
  }
}
