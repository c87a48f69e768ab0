import type { FileHandle } from 'node:fs/promises';
import { readSync } from 'node:fs';
import { splitSentences } from '../chunk/split-sentences.js';
import { shapeFlags } from '../text/shapes.js';
import type { Passage } from '../types.js';
import { binaryFileError, encodeBinaryFile, openBinaryFile, section, type LazySection } from '../storage/binary-file.js';
import { SENTENCE_VECTORS_IN_MEMORY_BYTES } from '../config/index-params.js';

/**
 * What a sentence is, beyond its words (bit flags, stored per sentence). Bits 2–7 record its
 * shapes (`Shape` in src/text/shapes.ts: a date, a number, a name, a quote, a cause, a place).
 */
export const SentenceFlag = {
  /** The article's title (the first line of a plain-text article): metadata, not reporting. */
  title: 1,
  /** A line without closing punctuation: a headline, strapline, section heading or byline. */
  headline: 2,
} as const;

/** One sentence of a passage: offsets into the passage's text. */
export interface SentenceSpan {
  start: number;
  end: number;
  flags: number;
}

const ENDS_LIKE_A_SENTENCE = /[.!?…:;"”’')\]]$/;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The sentences of a passage, flagged; `title` is its article's title. */
export function sentenceSpans(passage: Pick<Passage, 'text' | 'start'>, title: string): SentenceSpan[] {
  const t = squash(title);
  return splitSentences(passage.text).map(({ start, end }) => {
    const text = passage.text.slice(start, end);
    let flags = 0;
    if (passage.start + start === 0 && t.includes(squash(text))) flags |= SentenceFlag.title;
    if (!ENDS_LIKE_A_SENTENCE.test(text)) flags |= SentenceFlag.headline;
    return { start, end, flags: flags | shapeFlags(text) };
  });
}

interface StoredMeta {
  dims: number;
}

/**
 * The sentences of every passage with one embedding each, so answers and the second retrieval
 * stage can compare a question with single sentences without running the model again. Vectors
 * are int8 with a scale per sentence (cosine error ~0.002); spans are offsets into passage text.
 * Sentences of passage `label` are rows `[first[label], first[label + 1])`.
 */
export class SentenceStore {
  /** Reused by `passageNorm` (JS is single-threaded). */
  private scratch: Float32Array | undefined;
  /** Each passage's `passageNorm`, NaN until first asked (4 bytes a passage). */
  private norms: Float32Array | undefined;

  private constructor(
    readonly dims: number,
    private readonly first: Uint32Array,
    private readonly starts: Uint16Array,
    private readonly ends: Uint16Array,
    private readonly flags: Uint8Array,
    private readonly scales: Float32Array,
    /** In memory, or undefined when read from `disk`. */
    private readonly vectors: Int8Array | undefined,
    private readonly disk?: { handle: FileHandle; section: LazySection },
  ) {}

  /** Build from per-passage spans (label order) and one float vector per sentence, row-major. */
  static build(spans: readonly (readonly SentenceSpan[])[], vectors: Float32Array, dims: number): SentenceStore {
    const count = spans.reduce((n, s) => n + s.length, 0);
    if (vectors.length !== count * dims) throw new Error(`sentence vectors: expected ${count * dims} values, got ${vectors.length}`);
    const first = new Uint32Array(spans.length + 1);
    const starts = new Uint16Array(count);
    const ends = new Uint16Array(count);
    const flags = new Uint8Array(count);
    let row = 0;
    spans.forEach((list, label) => {
      first[label] = row;
      for (const s of list) {
        starts[row] = Math.min(s.start, 0xffff);
        ends[row] = Math.min(s.end, 0xffff);
        flags[row] = s.flags;
        row++;
      }
    });
    first[spans.length] = row;
    const { q, scales } = quantize(vectors, dims);
    return new SentenceStore(dims, first, starts, ends, flags, scales, q);
  }

  encode(): Buffer {
    return encodeBinaryFile<StoredMeta>(
      { dims: this.dims },
      { first: this.first, starts: this.starts, ends: this.ends, flags: this.flags, scales: this.scales, vectors: this.allVectors() },
    );
  }

  /** Open a stored file; vectors stay on disk when larger than `inMemoryBytes`. */
  static async open(file: string, inMemoryBytes = SENTENCE_VECTORS_IN_MEMORY_BYTES): Promise<SentenceStore> {
    const probe = await openBinaryFile<StoredMeta>(file, new Set(['vectors']));
    const { meta, sections, lazy, handle } = probe;
    try {
      if (typeof meta?.dims !== 'number' || meta.dims <= 0) throw binaryFileError('sentence file has no dimensions');
      const first = section(sections, 'first', Uint32Array);
      const starts = section(sections, 'starts', Uint16Array);
      const ends = section(sections, 'ends', Uint16Array);
      const flags = section(sections, 'flags', Uint8Array);
      const scales = section(sections, 'scales', Float32Array);
      const vec = lazy.get('vectors');
      const n = starts.length;
      if (
        !vec ||
        vec.type !== 'i8' ||
        vec.length !== n * meta.dims ||
        ends.length !== n ||
        flags.length !== n ||
        scales.length !== n ||
        first[first.length - 1] !== n
      ) {
        throw binaryFileError('sentence file sections disagree in length');
      }
      if (vec.length <= inMemoryBytes) {
        const vectors = new Int8Array(vec.length);
        await handle.read(new Uint8Array(vectors.buffer), 0, vec.length, vec.offset);
        await handle.close();
        return new SentenceStore(meta.dims, first, starts, ends, flags, scales, vectors);
      }
      return new SentenceStore(meta.dims, first, starts, ends, flags, scales, undefined, { handle, section: vec });
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /** Number of passages covered. */
  get passages(): number {
    return this.first.length - 1;
  }

  /** Number of sentences. */
  get size(): number {
    return this.starts.length;
  }

  /** The sentences of passage `label`. */
  spansOf(label: number): SentenceSpan[] {
    const out: SentenceSpan[] = [];
    for (let r = this.first[label]!; r < this.first[label + 1]!; r++) out.push({ start: this.starts[r]!, end: this.ends[r]!, flags: this.flags[r]! });
    return out;
  }

  /** Cosine similarity of each sentence of passage `label` to a unit-length query vector. */
  similarities(label: number, query: Float32Array): Float32Array {
    const from = this.first[label]!;
    const n = this.first[label + 1]! - from;
    const rows = this.rows(from, n);
    const d = this.dims;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      const base = i * d;
      for (let k = 0; k < d; k++) s += query[k]! * rows[base + k]!;
      out[i] = s * this.scales[from + i]!;
    }
    return out;
  }

  /**
   * Cosine of a passage's vector to a unit query, from its stored sentence vectors: the passage
   * vector is the unit mean of its sentences' (as the index builds it), so this matches the vector
   * index's row within the int8 error (~0.002) — without copying that row out of hnswlib, which
   * costs ~30 µs a call (the second stage needs it for every keyword-only candidate).
   */
  passageSimilarity(label: number, query: Float32Array): number {
    return this.passageSimilarityFrom(label, this.similarities(label, query));
  }

  /**
   * The same from the passage's sentence cosines (`similarities`) to that query, which the second
   * stage has computed anyway: the mean's dot product is the sum of the sentences', and its length
   * depends on the passage alone (kept after the first call).
   */
  passageSimilarityFrom(label: number, sentenceCosines: Float32Array): number {
    let dot = 0;
    for (let i = 0; i < sentenceCosines.length; i++) dot += sentenceCosines[i]!;
    const norm = this.passageNorm(label);
    return norm > 0 ? dot / norm : 0;
  }

  /** Length of the sum of passage `label`'s sentence vectors (dequantised). */
  private passageNorm(label: number): number {
    const norms = (this.norms ??= new Float32Array(this.passages).fill(NaN));
    const known = norms[label]!;
    if (!Number.isNaN(known)) return known;
    const from = this.first[label]!;
    const n = this.first[label + 1]! - from;
    const rows = this.rows(from, n);
    const d = this.dims;
    const sum = (this.scratch ??= new Float32Array(d));
    sum.fill(0);
    for (let i = 0; i < n; i++) {
      const scale = this.scales[from + i]!;
      const base = i * d;
      for (let k = 0; k < d; k++) sum[k]! += rows[base + k]! * scale;
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += sum[k]! * sum[k]!;
    return (norms[label] = Math.sqrt(norm));
  }

  /** The sentence vectors of passage `label`, dequantised (re-used when re-indexing). */
  vectorsOf(label: number): Float32Array {
    const from = this.first[label]!;
    const n = this.first[label + 1]! - from;
    const rows = this.rows(from, n);
    const out = new Float32Array(n * this.dims);
    for (let i = 0; i < n; i++) {
      const scale = this.scales[from + i]!;
      for (let k = 0; k < this.dims; k++) out[i * this.dims + k] = rows[i * this.dims + k]! * scale;
    }
    return out;
  }

  /** Release the file kept open for on-disk vectors. */
  async close(): Promise<void> {
    await this.disk?.handle.close().catch(() => undefined);
  }

  private rows(from: number, n: number): Int8Array {
    const d = this.dims;
    if (this.vectors) return this.vectors.subarray(from * d, (from + n) * d);
    const out = new Int8Array(n * d);
    readSync(this.disk!.handle.fd, out, 0, n * d, this.disk!.section.offset + from * d);
    return out;
  }

  private allVectors(): Int8Array {
    return this.vectors ?? this.rows(0, this.size);
  }
}

/** int8 with one scale per row: the row's largest magnitude maps to 127. */
export function quantize(vectors: Float32Array, dims: number): { q: Int8Array; scales: Float32Array } {
  const rows = vectors.length / dims;
  const q = new Int8Array(vectors.length);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let k = 0; k < dims; k++) max = Math.max(max, Math.abs(vectors[r * dims + k]!));
    const scale = max / 127 || 1;
    scales[r] = scale;
    for (let k = 0; k < dims; k++) q[r * dims + k] = Math.round(vectors[r * dims + k]! / scale);
  }
  return { q, scales };
}
