/**
 * A small container for index files that are mostly numbers: a JSON header
 * followed by raw typed-array sections. Loading one is a single read with no
 * parsing of the bulk data (the sections are views on the file's buffer), which
 * keeps a 100k-passage index small in memory and quick to open.
 *
 * Layout: magic (4 bytes) | u32 header length | header JSON (UTF-8) | sections,
 * each starting at a multiple of 8 (offsets in the header count from the first). Numbers are in the machine's byte order
 * (little-endian on every platform Node supports).
 */

import { z } from 'zod';
import { isEngineError, rebuildError, type EngineError } from '../errors.js';

const MAGIC = 'NDX1';
const ALIGN = 8;

export type SectionArray = Uint8Array | Int8Array | Uint16Array | Uint32Array | Float32Array;
type SectionType = 'u8' | 'i8' | 'u16' | 'u32' | 'f32';

interface SectionInfo {
  name: string;
  type: SectionType;
  offset: number;
  length: number;
}

interface Header<M> {
  meta: M;
  sections: SectionInfo[];
}

/** A header is checked before any section is touched: a wrong shape is a damaged file, not a crash. */
const headerSchema = z.object({
  meta: z.unknown(),
  sections: z.array(
    z.object({
      name: z.string(),
      type: z.enum(['u8', 'i8', 'u16', 'u32', 'f32']),
      offset: z.number().int().nonnegative().multipleOf(ALIGN),
      length: z.number().int().nonnegative(),
    }),
  ),
});

function parseHeader<M>(json: string): Header<M> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw binaryFileError('header is not valid JSON');
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw binaryFileError(`header is malformed (${issue.path.join('.')}: ${issue.message})`);
  }
  return parsed.data as Header<M>;
}

const typeOf = (a: SectionArray): SectionType =>
  a instanceof Float32Array ? 'f32' : a instanceof Uint32Array ? 'u32' : a instanceof Uint16Array ? 'u16' : a instanceof Int8Array ? 'i8' : 'u8';
const CTOR = { u8: Uint8Array, i8: Int8Array, u16: Uint16Array, u32: Uint32Array, f32: Float32Array } as const;
const pad = (n: number) => (n + ALIGN - 1) & ~(ALIGN - 1);

/**
 * A file that is not one of ours or is cut short: INDEX_CORRUPT, rebuilt from scratch (`data.rebuild`).
 * Readers that know which file it is say so (e.g. "Index in … is inconsistent (<why>)").
 */
export const binaryFileError = (why: string): EngineError => rebuildError('INDEX_CORRUPT', why, 'full');

/** An error of binaryFileError's kind (a stored structure that cannot be read). */
export const isBinaryFileError = (e: unknown): e is EngineError => isEngineError(e) && e.code === 'INDEX_CORRUPT';

export function encodeBinaryFile<M>(meta: M, sections: Record<string, SectionArray>): Buffer {
  // Section offsets are relative to the first byte after the (padded) header.
  const infos: SectionInfo[] = [];
  let size = 0;
  for (const [name, a] of Object.entries(sections)) {
    infos.push({ name, type: typeOf(a), offset: size, length: a.length });
    size = pad(size + a.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ meta, sections: infos } satisfies Header<M>), 'utf8');
  const base = pad(8 + header.length);
  const out = Buffer.alloc(base + size);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.length, 4);
  header.copy(out, 8);
  for (const [i, a] of Object.values(sections).entries()) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), base + infos[i]!.offset);
  }
  return out;
}

export function decodeBinaryFile<M>(buf: Buffer): { meta: M; sections: Map<string, SectionArray> } {
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== MAGIC) throw binaryFileError('not an index data file');
  const headerLength = buf.readUInt32LE(4);
  if (8 + headerLength > buf.length) throw binaryFileError('header runs past the end of the file');
  const header = parseHeader<M>(buf.toString('utf8', 8, 8 + headerLength));
  const base = pad(8 + headerLength);
  const sections = new Map<string, SectionArray>();
  for (const s of header.sections) {
    const Ctor = CTOR[s.type];
    if (!Ctor) throw binaryFileError(`section ${s.name} has an unknown type`);
    const start = base + s.offset;
    const end = start + s.length * Ctor.BYTES_PER_ELEMENT;
    if (end > buf.length) throw binaryFileError(`section ${s.name} runs past the end of the file`);
    const at = buf.byteOffset + start;
    // Views need aligned offsets; a buffer from the pool may not be, so copy then.
    sections.set(
      s.name,
      at % Ctor.BYTES_PER_ELEMENT === 0 ? new Ctor(buf.buffer as ArrayBuffer, at, s.length) : new Ctor(new Uint8Array(buf.subarray(start, end)).buffer),
    );
  }
  return { meta: header.meta, sections };
}

/** A section of the expected type, or an error naming it. */
export function section<T extends SectionArray>(sections: Map<string, SectionArray>, name: string, ctor: { new (...a: never[]): T }): T {
  const s = sections.get(name);
  if (!(s instanceof ctor)) throw binaryFileError(`section ${name} is missing`);
  return s;
}

/** A section left on disk by `openBinaryFile`: read it in pieces with `readSectionRows`. */
export interface LazySection {
  /** Absolute byte offset of the section in the file. */
  offset: number;
  length: number;
  type: SectionType;
}

/**
 * Open a binary file keeping the named sections on disk (big arrays read in small pieces per
 * query), reading only the header and the other sections. The returned file handle stays open
 * for `readSectionRows`; close it when the index is retired.
 */
export async function openBinaryFile<M>(
  file: string,
  lazy: ReadonlySet<string>,
): Promise<{ meta: M; sections: Map<string, SectionArray>; lazy: Map<string, LazySection>; handle: import('node:fs/promises').FileHandle }> {
  const { open } = await import('node:fs/promises');
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    if (size < 8 || head.toString('latin1', 0, 4) !== MAGIC) throw binaryFileError('not an index data file');
    const headerLength = head.readUInt32LE(4);
    if (8 + headerLength > size) throw binaryFileError('header runs past the end of the file');
    const headerBuf = Buffer.alloc(headerLength);
    await handle.read(headerBuf, 0, headerLength, 8);
    const header = parseHeader<M>(headerBuf.toString('utf8'));
    const base = pad(8 + headerLength);
    const sections = new Map<string, SectionArray>();
    const lazySections = new Map<string, LazySection>();
    for (const s of header.sections) {
      const Ctor = CTOR[s.type];
      if (!Ctor) throw binaryFileError(`section ${s.name} has an unknown type`);
      const bytes = s.length * Ctor.BYTES_PER_ELEMENT;
      if (base + s.offset + bytes > size) throw binaryFileError(`section ${s.name} runs past the end of the file`);
      if (lazy.has(s.name)) {
        lazySections.set(s.name, { offset: base + s.offset, length: s.length, type: s.type });
        continue;
      }
      const a = new Ctor(s.length);
      await handle.read(new Uint8Array(a.buffer), 0, bytes, base + s.offset);
      sections.set(s.name, a);
    }
    return { meta: header.meta, sections, lazy: lazySections, handle };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
