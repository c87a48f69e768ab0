import { binaryFileError, decodeBinaryFile, encodeBinaryFile, section } from '../storage/binary-file.js';
import type { ArticlePerson, ExtractedQuote } from './extract-quotes.js';
import { groupStatements, type GroupUnit } from './group-statements.js';
import { canonicalPersons, findPerson, type CanonicalPerson } from './speakers.js';
import { QUOTE_EXTRACTOR_VERSION, QUOTE_TUNING, type QuoteTuning } from './tuning.js';

/** What one article contributes: its quotes and persons, and one embedding per quote unit. */
export interface QuoteArticleEntry {
  id: string;
  /** sha256 of the article file: a stored entry is re-used while the file hashes the same. */
  hash: string;
  extractor: number;
  persons: ArticlePerson[];
  quotes: ExtractedQuote[];
  /** Rows of unit u are `[rows[u], rows[u + 1])`: the whole unit, then its sentences when it has several. */
  rows: number[];
  /** Unit-length embeddings, row-major. */
  vectors: Float32Array;
}

/** One quoted piece, placed in its article. */
export interface QuotePiece {
  articleId: string;
  paragraph: number;
  /** Offsets of the quoted words into the article's cleaned text. */
  start: number;
  end: number;
  text: string;
}

/** One statement: the same words of one speaker, as each outlet that carries them quotes them. */
export interface Statement {
  speaker: string | null;
  kind: 'direct' | 'fragment';
  /** Every quoted piece, in article order. */
  quotes: QuotePiece[];
  /** Distinct articles carrying it. */
  articleIds: string[];
}

export interface SpeakerSummary {
  name: string;
  /** Direct statements and fragments. */
  statementCount: number;
  fragmentCount: number;
  /** Articles that quote them. */
  articleCount: number;
}

interface StoredDoc {
  id: string;
  hash: string;
  extractor: number;
  persons: ArticlePerson[];
  quotes: ExtractedQuote[];
  rows: number[];
}

interface StoredMeta {
  dims: number;
  documents: StoredDoc[];
  /**
   * The statements as groups of quote units (indexes in document and quote order), as the build
   * grouped them: reading them back is instant, regrouping takes the pairwise comparisons again
   * (21 s at 10,000 short reports). Absent in files written before it was stored.
   */
  groups?: number[][];
  /** The tunables they were grouped with: other tunables (a changed QUOTE_TUNING) regroup. */
  groupedWith?: QuoteTuning;
}

/**
 * Every quotation of the indexed articles with its speaker, grouped into statements: built with
 * the rest of the index, stored beside it (`quotes.<gen>.bin`: the extracted quotes as JSON, the
 * unit embeddings as raw floats), so listing and lookups need no model call.
 */
export class QuoteIndex {
  private readonly byId: Map<string, QuoteArticleEntry>;
  /** Canonical persons by id (family-name key, with a first initial when two share it). */
  readonly people: Map<string, CanonicalPerson>;
  readonly statements: readonly Statement[];
  /** The embeddings of each statement's units, for ranking a speaker's statements by a question. */
  private readonly statementVectors: readonly Float32Array[][];
  /** Unit indexes of each statement, as grouped (stored in the file). */
  private readonly groups: readonly number[][];
  private readonly tuning: QuoteTuning;

  private constructor(
    readonly dims: number,
    readonly articles: readonly QuoteArticleEntry[],
    tuning: QuoteTuning = QUOTE_TUNING,
    /** The grouping stored with these articles, if any (it must be a partition of their units). */
    stored?: number[][],
  ) {
    this.byId = new Map(articles.map((d) => [d.id, d]));
    const canonical = canonicalPersons(articles);
    this.people = canonical.people;
    const speakerName = (d: QuoteArticleEntry, q: ExtractedQuote) =>
      q.speaker === null ? null : (this.people.get(canonical.idOf(d.persons[q.speaker]!))?.name ?? null);

    // Units: the pieces of a split quote together.
    const units: (GroupUnit & { pieces: QuotePiece[] })[] = [];
    for (const d of articles) {
      const local = new Map<number, number>();
      for (const q of d.quotes) {
        const piece: QuotePiece = { articleId: d.id, paragraph: q.paragraph, start: q.start, end: q.end, text: q.text };
        const at = local.get(q.unit);
        if (at !== undefined) {
          const u = units[at]!;
          u.pieces.push(piece);
          u.text = `${u.text} ${q.text}`;
          if (q.kind === 'direct') u.kind = 'direct';
          continue;
        }
        local.set(q.unit, units.length);
        const vectors = Array.from({ length: d.rows[q.unit + 1]! - d.rows[q.unit]! }, (_, k) =>
          d.vectors.subarray((d.rows[q.unit]! + k) * dims, (d.rows[q.unit]! + k + 1) * dims),
        );
        units.push({ articleId: d.id, speaker: speakerName(d, q), kind: q.kind, text: q.text, vectors, pieces: [piece] });
      }
    }
    const groups = stored && isPartition(stored, units.length) ? stored : groupStatements(units, tuning);
    this.groups = groups;
    this.tuning = tuning;
    const statements = groups.map((g) => {
      const members = g.map((i) => units[i]!);
      const quotes = members.flatMap((u) => u.pieces).sort((a, b) => (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.start - b.start));
      return {
        statement: {
          speaker: members[0]!.speaker,
          kind: members.some((u) => u.kind === 'direct') ? 'direct' : 'fragment',
          quotes,
          articleIds: [...new Set(quotes.map((q) => q.articleId))],
        } as Statement,
        vectors: members.map((u) => u.vectors[0]!),
        first: g[0]!,
      };
    });
    // Full quotes first, then fragments; within each, the most widely carried first.
    statements.sort(
      (a, b) =>
        (a.statement.kind === b.statement.kind ? 0 : a.statement.kind === 'direct' ? -1 : 1) ||
        b.statement.articleIds.length - a.statement.articleIds.length ||
        a.first - b.first,
    );
    this.statements = statements.map((s) => s.statement);
    this.statementVectors = statements.map((s) => s.vectors);
  }

  static build(dims: number, articles: readonly QuoteArticleEntry[]): QuoteIndex {
    return new QuoteIndex(dims, articles);
  }

  /** The same quotes grouped with other tunables (`npm run eval -- --quotes … --sweep`). */
  regrouped(tuning: QuoteTuning): QuoteIndex {
    return new QuoteIndex(this.dims, this.articles, tuning);
  }

  /** The stored entry of an article, if it is still valid for these bytes and this extractor. */
  reusable(id: string, hash: string, dims: number): QuoteArticleEntry | undefined {
    const d = this.byId.get(id);
    return d && d.hash === hash && d.extractor === QUOTE_EXTRACTOR_VERSION && this.dims === dims ? d : undefined;
  }

  /** The person a typed name or role stands for, among everyone the articles name. */
  findPerson(typed: string): CanonicalPerson | undefined {
    return findPerson(this.people.values(), typed);
  }

  /** Speakers with their number of statements, most quoted first. */
  speakers(): SpeakerSummary[] {
    const out = new Map<string, SpeakerSummary>();
    const articlesOf = new Map<string, Set<string>>();
    for (const s of this.statements) {
      if (s.speaker === null) continue;
      const row = out.get(s.speaker) ?? { name: s.speaker, statementCount: 0, fragmentCount: 0, articleCount: 0 };
      if (s.kind === 'direct') row.statementCount++;
      else row.fragmentCount++;
      out.set(s.speaker, row);
      const set = articlesOf.get(s.speaker) ?? new Set<string>();
      for (const d of s.articleIds) set.add(d);
      articlesOf.set(s.speaker, set);
    }
    for (const [name, set] of articlesOf) out.get(name)!.articleCount = set.size;
    return [...out.values()].sort((a, b) => b.statementCount - a.statementCount || b.fragmentCount - a.fragmentCount || a.name.localeCompare(b.name));
  }

  /** Statements, optionally of one speaker (canonical name) and/or carried by one article. */
  select(filter: { speaker?: string | null; article?: string } = {}): Statement[] {
    return this.statements.filter(
      (s) => (filter.speaker === undefined || s.speaker === filter.speaker) && (filter.article === undefined || s.articleIds.includes(filter.article)),
    );
  }

  /** Best cosine of any of a statement's units to a unit-length query vector. */
  similarity(statement: Statement, query: Float32Array): number {
    const i = this.statements.indexOf(statement);
    let best = -1;
    for (const v of this.statementVectors[i] ?? []) {
      let s = 0;
      for (let k = 0; k < v.length; k++) s += v[k]! * query[k]!;
      best = Math.max(best, s);
    }
    return best;
  }

  encode(): Buffer {
    const flat = new Float32Array(this.articles.reduce((n, d) => n + d.vectors.length, 0));
    let at = 0;
    const documents: StoredDoc[] = this.articles.map((d) => {
      flat.set(d.vectors, at);
      at += d.vectors.length;
      return { id: d.id, hash: d.hash, extractor: d.extractor, persons: d.persons, quotes: d.quotes, rows: d.rows };
    });
    return encodeBinaryFile<StoredMeta>({ dims: this.dims, documents, groups: [...this.groups], groupedWith: this.tuning }, { vectors: flat });
  }

  static decode(buf: Buffer): QuoteIndex {
    const { meta, sections } = decodeBinaryFile<StoredMeta>(buf);
    if (typeof meta?.dims !== 'number' || !Array.isArray(meta.documents)) throw binaryFileError('quote file has no document list');
    const vectors = section(sections, 'vectors', Float32Array);
    let at = 0;
    const documents = meta.documents.map((d) => {
      if (!Array.isArray(d.rows) || !Array.isArray(d.quotes)) throw binaryFileError('quote file entry is incomplete');
      const n = (d.rows[d.rows.length - 1] ?? 0) * meta.dims;
      if (at + n > vectors.length) throw binaryFileError('quote file vectors are cut short');
      const entry: QuoteArticleEntry = {
        id: d.id,
        hash: d.hash,
        extractor: d.extractor,
        persons: d.persons,
        quotes: d.quotes,
        rows: d.rows,
        vectors: vectors.slice(at, at + n),
      };
      at += n;
      return entry;
    });
    const sameTuning = JSON.stringify(meta.groupedWith) === JSON.stringify(QUOTE_TUNING);
    return new QuoteIndex(meta.dims, documents, QUOTE_TUNING, sameTuning && Array.isArray(meta.groups) ? meta.groups : undefined);
  }
}

/** Whether `groups` holds each of the indexes 0 … n-1 exactly once. */
function isPartition(groups: unknown[], n: number): groups is number[][] {
  const seen = new Uint8Array(n);
  let count = 0;
  for (const g of groups) {
    if (!Array.isArray(g) || g.length === 0) return false;
    for (const i of g) {
      if (!Number.isInteger(i) || i < 0 || i >= n || seen[i]) return false;
      seen[i] = 1;
      count++;
    }
  }
  return count === n;
}
