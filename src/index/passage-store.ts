import { z } from 'zod';
import type { ArticleMeta, Passage } from '../types.js';
import { binaryFileError, decodeBinaryFile, encodeBinaryFile, section } from '../storage/binary-file.js';

/** An article's passages occupy labels `[first, first + count)`. */
export interface LabelRange {
  first: number;
  count: number;
}

interface StoredMeta {
  documents: ArticleMeta[];
}

const optionalText = z.string().optional();
const storedMetaSchema: z.ZodType<StoredMeta> = z.object({
  documents: z.array(
    z.object({
      id: z.string().min(1),
      file: z.string().min(1),
      title: z.string(),
      outlet: optionalText,
      url: optionalText,
      published: optionalText,
      byline: optionalText,
      addedBy: optionalText,
      addedAt: optionalText,
      contentHash: optionalText,
    }),
  ),
});

/**
 * Every passage of the index, in label order, held compactly: the texts in one
 * UTF-8 buffer and the numbers in typed arrays. Passage objects are made on
 * demand; at 100k passages this is ~50 MB where an array of objects took ~190 MB.
 * An article's passages have consecutive labels, in article order.
 */
export class PassageStore {
  private readonly articleIndex: Map<string, number>;

  private constructor(
    readonly articles: readonly ArticleMeta[],
    /** Article index → its first label; one extra entry holds the passage count (the section names `docFirst`, `docOf` are stored). */
    private readonly docFirst: Uint32Array,
    /** Label → article index. */
    private readonly docOf: Uint32Array,
    private readonly paragraphs: Uint32Array,
    /** Character offsets into the article's cleaned text. */
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
    /** Label → end of its text in `utf8` (it starts where the previous one ends). */
    private readonly textEnds: Uint32Array,
    private readonly utf8: Buffer,
  ) {
    this.articleIndex = new Map(articles.map((d, i) => [d.id, i]));
  }

  /** Pack passages, which must be grouped by article in the order of `articles`. */
  static from(articles: readonly ArticleMeta[], passages: readonly Passage[]): PassageStore {
    const n = passages.length;
    const docFirst = new Uint32Array(articles.length + 1);
    const docOf = new Uint32Array(n);
    const paragraphs = new Uint32Array(n);
    const starts = new Uint32Array(n);
    const ends = new Uint32Array(n);
    const textEnds = new Uint32Array(n);
    const index = new Map(articles.map((d, i) => [d.id, i]));
    let doc = 0;
    let bytes = 0;
    passages.forEach((p, label) => {
      const di = index.get(p.articleId);
      if (di === undefined || di < doc) throw new Error(`passage ${p.id} is not grouped under its document`);
      for (; doc < di; doc++) docFirst[doc + 1] = label;
      if (p.id !== `${p.articleId}#${label - docFirst[di]!}`) throw new Error(`passage ${p.id} is out of order`);
      docOf[label] = di;
      paragraphs[label] = p.paragraph;
      starts[label] = p.start;
      ends[label] = p.end;
      bytes += Buffer.byteLength(p.text, 'utf8');
      textEnds[label] = bytes;
    });
    for (; doc < articles.length; doc++) docFirst[doc + 1] = n;
    const utf8 = Buffer.alloc(bytes);
    passages.forEach((p, label) => utf8.write(p.text, label ? textEnds[label - 1]! : 0, 'utf8'));
    return new PassageStore(articles, docFirst, docOf, paragraphs, starts, ends, textEnds, utf8);
  }

  get size(): number {
    return this.docOf.length;
  }

  text(label: number): string {
    return this.utf8.toString('utf8', label ? this.textEnds[label - 1]! : 0, this.textEnds[label]!);
  }

  articleIdOf(label: number): string {
    return this.articles[this.docOf[label]!]!.id;
  }

  get(label: number): Passage {
    if (!(label >= 0 && label < this.size)) throw new RangeError(`no passage with label ${label}`);
    const di = this.docOf[label]!;
    const articleId = this.articles[di]!.id;
    return {
      id: `${articleId}#${label - this.docFirst[di]!}`,
      articleId,
      paragraph: this.paragraphs[label]!,
      start: this.starts[label]!,
      end: this.ends[label]!,
      text: this.text(label),
    };
  }

  article(articleId: string): ArticleMeta | undefined {
    const di = this.articleIndex.get(articleId);
    return di === undefined ? undefined : this.articles[di];
  }

  range(articleId: string): LabelRange | undefined {
    const di = this.articleIndex.get(articleId);
    return di === undefined ? undefined : { first: this.docFirst[di]!, count: this.docFirst[di + 1]! - this.docFirst[di]! };
  }

  /** One article's passages, in order. */
  passagesOf(articleId: string): Passage[] {
    const r = this.range(articleId);
    return r ? Array.from({ length: r.count }, (_, i) => this.get(r.first + i)) : [];
  }

  /** The label of a passage id (`articleId#ordinal`). */
  labelOf(passageId: string): number | undefined {
    const hash = passageId.lastIndexOf('#');
    const r = this.range(passageId.slice(0, hash));
    const ordinal = Number(passageId.slice(hash + 1));
    return r && Number.isInteger(ordinal) && ordinal >= 0 && ordinal < r.count ? r.first + ordinal : undefined;
  }

  encode(): Buffer {
    return encodeBinaryFile<StoredMeta>(
      { documents: [...this.articles] },
      {
        docFirst: this.docFirst,
        docOf: this.docOf,
        paragraphs: this.paragraphs,
        starts: this.starts,
        ends: this.ends,
        textEnds: this.textEnds,
        utf8: this.utf8,
      },
    );
  }

  /** Read a stored store; throws binaryFileError (INDEX_CORRUPT) when the file is not a consistent one. */
  static decode(buf: Buffer): PassageStore {
    const decoded = decodeBinaryFile<unknown>(buf);
    const { sections } = decoded;
    const parsed = storedMetaSchema.safeParse(decoded.meta);
    if (!parsed.success)
      throw binaryFileError(`passage file has no valid document list (${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message})`);
    const meta = parsed.data;
    const u8 = section(sections, 'utf8', Uint8Array);
    const store = new PassageStore(
      meta.documents,
      section(sections, 'docFirst', Uint32Array),
      section(sections, 'docOf', Uint32Array),
      section(sections, 'paragraphs', Uint32Array),
      section(sections, 'starts', Uint32Array),
      section(sections, 'ends', Uint32Array),
      section(sections, 'textEnds', Uint32Array),
      Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength),
    );
    const n = store.size;
    const ok =
      store.docFirst.length === meta.documents.length + 1 &&
      [store.paragraphs, store.starts, store.ends, store.textEnds].every((a) => a.length === n) &&
      store.docFirst[meta.documents.length] === n &&
      (n === 0 || store.textEnds[n - 1] === u8.length);
    if (!ok) throw binaryFileError('passage file sections disagree in length');
    return store;
  }
}
