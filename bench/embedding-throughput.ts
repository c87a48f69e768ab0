/**
 * Embedding throughput, side by side in one process on the same ONNX file and texts:
 *  - ours: the product's Embedder.embedPassages (transformers.js pipeline: tokenise, run, pool);
 *  - raw: an onnxruntime-node InferenceSession fed the SAME tokenised batches (tokenised up
 *    front, outside the timing) with CLS/mean pooling and normalisation in a tight loop — the
 *    ceiling our embedder can reach;
 *  - the two transformers.js packages' plain pipelines, to keep the package choice measured.
 * Rounds are interleaved (raw, ours, @huggingface, @xenova, …) so machine noise hits all alike.
 */
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { AutoTokenizer, env as hfEnv, pipeline as hfPipeline } from '@huggingface/transformers';
import { loadEmbedder } from '../src/embed/embedder.js';
import { profileFor } from '../src/embed/model-profiles.js';
import { spread, type Spread } from './lib/stats.js';

export interface ThroughputOptions {
  modelId: string;
  modelDir: string;
  texts: string[];
  batchSize: number;
  rounds: number;
  /** Also time @xenova/transformers 2.17.2's pipeline (dev dependency). */
  compareXenova?: boolean;
}

export interface ThroughputResult {
  passages: number;
  /** passages/s, median and range over rounds */
  ours: Spread;
  raw: Spread;
  hfPipeline: Spread;
  xenovaPipeline?: Spread;
  /** ours / raw per round */
  ratio: Spread;
}

type Feeds = Record<string, ort.Tensor>;

export async function runEmbeddingThroughput(o: ThroughputOptions): Promise<ThroughputResult> {
  const profile = profileFor(o.modelId);
  hfEnv.localModelPath = o.modelDir.endsWith('/') ? o.modelDir : `${o.modelDir}/`;
  hfEnv.allowRemoteModels = false;

  // Same batching as the Embedder: sorted by length, batchSize per call.
  const order = o.texts.map((t, i) => ({ t, i })).sort((a, b) => a.t.length - b.t.length);
  const batches: string[][] = [];
  for (let b = 0; b < order.length; b += o.batchSize) batches.push(order.slice(b, b + o.batchSize).map((x) => profile.passagePrefix + x.t));

  const tokenizer = await AutoTokenizer.from_pretrained(o.modelId);
  const session = await ort.InferenceSession.create(path.join(o.modelDir, o.modelId, 'onnx', 'model_quantized.onnx'));
  const feeds: Feeds[] = batches.map((texts) => {
    const enc = tokenizer(texts, { padding: true, truncation: true }) as Record<string, { data: BigInt64Array; dims: number[] }>;
    const f: Feeds = {};
    for (const name of session.inputNames) {
      const t = enc[name];
      if (t) f[name] = new ort.Tensor('int64', t.data, t.dims);
      else if (name === 'token_type_ids') f[name] = new ort.Tensor('int64', new BigInt64Array(enc.input_ids!.data.length), enc.input_ids!.dims);
    }
    return f;
  });

  const rawRun = async () => {
    for (const f of feeds) {
      const out = await session.run(f);
      const hidden = out.last_hidden_state ?? Object.values(out)[0]!;
      const [n, seq, dims] = hidden.dims as [number, number, number];
      const data = hidden.data as Float32Array;
      const mask = f.attention_mask!.data as BigInt64Array;
      const result = new Float32Array(n * dims);
      for (let r = 0; r < n; r++) {
        const v = result.subarray(r * dims, (r + 1) * dims);
        if (profile.pooling === 'cls') v.set(data.subarray(r * seq * dims, r * seq * dims + dims));
        else {
          let count = 0;
          for (let s = 0; s < seq; s++) {
            if (!mask[r * seq + s]) continue;
            count++;
            const base = (r * seq + s) * dims;
            for (let d = 0; d < dims; d++) v[d]! += data[base + d]!;
          }
          for (let d = 0; d < dims; d++) v[d]! /= count || 1;
        }
        let norm = 0;
        for (let d = 0; d < dims; d++) norm += v[d]! * v[d]!;
        norm = Math.sqrt(norm) || 1;
        for (let d = 0; d < dims; d++) v[d]! /= norm;
      }
    }
  };

  const ours = await loadEmbedder({ modelId: o.modelId, modelDir: o.modelDir, batchSize: o.batchSize });
  const hf = await hfPipeline('feature-extraction', o.modelId, { dtype: 'q8', device: 'cpu' });
  const hfRun = async () => {
    for (const b of batches) await hf(b, { pooling: profile.pooling, normalize: true });
  };
  let xenovaRun: (() => Promise<void>) | undefined;
  if (o.compareXenova) {
    const x = await import('@xenova/transformers');
    x.env.localModelPath = hfEnv.localModelPath;
    x.env.allowRemoteModels = false;
    const xp = await x.pipeline('feature-extraction', o.modelId, { quantized: true });
    xenovaRun = async () => {
      for (const b of batches) await xp(b, { pooling: profile.pooling, normalize: true });
    };
  }

  const rate = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return o.texts.length / ((performance.now() - t) / 1000);
  };
  // Warm every path once.
  await rawRun();
  await ours.embedPassages(o.texts.slice(0, o.batchSize));
  await hfRun();
  await xenovaRun?.();

  const r = { ours: [] as number[], raw: [] as number[], hf: [] as number[], xenova: [] as number[], ratio: [] as number[] };
  for (let i = 0; i < o.rounds; i++) {
    const raw = await rate(rawRun);
    const our = await rate(() => ours.embedPassages(o.texts));
    r.raw.push(raw);
    r.ours.push(our);
    r.ratio.push(our / raw);
    r.hf.push(await rate(hfRun));
    if (xenovaRun) r.xenova.push(await rate(xenovaRun));
  }
  await ours.dispose();
  await session.release();
  return {
    passages: o.texts.length,
    ours: spread(r.ours),
    raw: spread(r.raw),
    hfPipeline: spread(r.hf),
    ...(xenovaRun && { xenovaPipeline: spread(r.xenova) }),
    ratio: spread(r.ratio),
  };
}
