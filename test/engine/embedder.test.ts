import { describe, expect, it } from 'vitest';
import { loadEngineConfig } from '../../src/config/engine-config.js';
import { loadEmbedder } from '../../src/embed/embedder.js';
import { profileFor } from '../../src/embed/model-profiles.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const row = (m: Float32Array, i: number, d: number) => m.subarray(i * d, (i + 1) * d);

// Proves the registry-fetched weights are the real models: paraphrases land far closer than unrelated sentences.
describe.each(['Xenova/bge-small-en-v1.5', 'Xenova/all-MiniLM-L6-v2'])('embedding model %s', (modelId) => {
  it('gives unit vectors where paraphrases score far above unrelated pairs', async () => {
    const { modelDir } = loadEngineConfig();
    const e = await loadEmbedder({ modelId, modelDir });
    expect(e.dims).toBe(384);
    const texts = [
      'Putin said Russia is ready to guarantee in writing that it will not attack Europe.',
      'The Russian president offered a written promise not to invade European countries.',
      'Farmers expect a record apricot harvest in the Fergana valley this summer.',
      'The football club signed a new goalkeeper before the transfer deadline.',
    ];
    const v = await e.embedPassages(texts);
    for (let i = 0; i < texts.length; i++) expect(Math.hypot(...row(v, i, 384))).toBeCloseTo(1, 4);
    const para = dot(row(v, 0, 384), row(v, 1, 384));
    const unrelated = Math.max(dot(row(v, 0, 384), row(v, 2, 384)), dot(row(v, 0, 384), row(v, 3, 384)), dot(row(v, 1, 384), row(v, 3, 384)));
    expect(para).toBeGreaterThan(0.55);
    expect(para - unrelated).toBeGreaterThan(0.25);
    // Batching and ordering barely change a passage's vector.
    const single = await e.embedPassages([texts[2]!]);
    expect(dot(single, row(v, 2, 384))).toBeGreaterThan(0.99); // padding in a batch nudges quantized outputs slightly
    // Concurrent questions are batched into shared model calls and still get their own vectors.
    const [q1, q2] = await Promise.all([e.embedQuery(texts[0]!), e.embedQuery(texts[3]!)]);
    expect(dot(q1!, row(v, 0, 384))).toBeGreaterThan(dot(q1!, row(v, 3, 384)));
    expect(dot(q2!, row(v, 3, 384))).toBeGreaterThan(dot(q2!, row(v, 0, 384)));
    await e.dispose();
  });
});

describe('model profiles', () => {
  it('uses each family’s published pooling and query instruction', () => {
    expect(profileFor('Xenova/bge-small-en-v1.5')).toMatchObject({ pooling: 'cls', queryPrefix: 'Represent this sentence for searching relevant passages: ' });
    expect(profileFor('Xenova/all-MiniLM-L6-v2')).toMatchObject({ pooling: 'mean', queryPrefix: '' });
    expect(profileFor('Xenova/e5-small-v2')).toMatchObject({ pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ' });
  });
});
