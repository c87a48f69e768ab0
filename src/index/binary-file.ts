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

const MAGIC = 'NDX1';
const ALIGN = 8;

type SectionArray = Uint8Array | Uint16Array | Uint32Array;
type SectionType = 'u8' | 'u16' | 'u32';

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

const typeOf = (a: SectionArray): SectionType => (a instanceof Uint32Array ? 'u32' : a instanceof Uint16Array ? 'u16' : 'u8');
const CTOR = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array } as const;
const pad = (n: number) => (n + ALIGN - 1) & ~(ALIGN - 1);

/** Thrown for a file that is not one of ours or is cut short. */
export class BinaryFileError extends Error {}

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
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== MAGIC) throw new BinaryFileError('not an index data file');
  const headerLength = buf.readUInt32LE(4);
  if (8 + headerLength > buf.length) throw new BinaryFileError('header runs past the end of the file');
  let header: Header<M>;
  try {
    header = JSON.parse(buf.toString('utf8', 8, 8 + headerLength)) as Header<M>;
  } catch {
    throw new BinaryFileError('header is not valid JSON');
  }
  const base = pad(8 + headerLength);
  const sections = new Map<string, SectionArray>();
  for (const s of header.sections ?? []) {
    const Ctor = CTOR[s.type];
    if (!Ctor) throw new BinaryFileError(`section ${s.name} has an unknown type`);
    const start = base + s.offset;
    const end = start + s.length * Ctor.BYTES_PER_ELEMENT;
    if (end > buf.length) throw new BinaryFileError(`section ${s.name} runs past the end of the file`);
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
  if (!(s instanceof ctor)) throw new BinaryFileError(`section ${name} is missing`);
  return s;
}
