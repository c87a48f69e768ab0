import type { Comparison, ComparedClaim } from '../compare/compare-coverage.js';
import type { QuoteView, StatementView } from '../quotes/list-quotes.js';
import type { Engine } from './engine.js';
import { isEngineError } from './errors.js';
import type { Answer, AskOptions, Citation, Claim, DocumentMeta, ScoredPassage } from './types.js';

/** "what did Yermak say?", "what has the Russian president said": the person asked about. */
const WHAT_DID_X_SAY = /^(?:so\s+|and\s+)?(?:what|wat)\s+(?:did|does|has|have|had)\s+(.+?)\s+(?:say|said|tell|told|state|stated)(?:\s+(?:so far|in total|exactly))?\s*[?.!]*$/i;
/** "how did the outlets differ on the written guarantee?" */
const HOW_DID_THEY_DIFFER =
  /^how\s+(?:did|do|does)\s+(?:the\s+)?(?:outlets|sources|articles|media|reports|papers|newspapers|coverage|news outlets)\s+(?:differ|vary|compare|disagree)\s+(?:on|about|over|in|regarding|when reporting)\s+(.+?)\s*[?.!]*$/i;

/** Statements shown in an answer at most (the rest are one /quotes away). */
const MAX_STATEMENTS = 4;

const label = (doc: DocumentMeta) => doc.outlet ?? (doc.title.length > 60 ? `${doc.title.slice(0, 59)}…` : doc.title);

/**
 * Questions the quote index and the side-by-side comparison answer better than sentence
 * retrieval: "what did X say?" when X is a quoted person (every outlet's wording of each of their
 * statements, cited), and "how did the outlets differ on …". Undefined: ask the usual way.
 */
export async function answerFromIndexes(engine: Engine, question: string, options: AskOptions): Promise<Answer | undefined> {
  const differ = HOW_DID_THEY_DIFFER.exec(question);
  if (differ && !options.source) {
    const c = await engine.compare(differ[1]!);
    return c.perSource.length >= 2 ? comparisonAnswer(question, c) : undefined;
  }
  const said = WHAT_DID_X_SAY.exec(question);
  if (!said) return undefined;
  let listing;
  try {
    listing = engine.quotes({ speaker: said[1]!, ...(options.source ? { source: options.source } : {}) });
  } catch (e) {
    if (isEngineError(e)) return undefined; // not a quoted person (or no quote index): the usual answer
    throw e;
  }
  // Limited to one article: only its wordings.
  if (options.source) listing.statements = listing.statements.map((s) => ({ ...s, quotes: s.quotes.filter((q) => q.docId === options.source), documents: [options.source!] }));
  const direct = listing.statements.filter((s) => s.kind === 'direct');
  const shown = (direct.length ? direct : listing.statements).slice(0, MAX_STATEMENTS);
  if (!shown.length) return undefined;
  return quotesAnswer(engine, question, listing.speaker!, shown, direct.length || listing.statements.length, options.source ? 1 : listing.sourceCount);
}

interface Cited {
  citations: Citation[];
  passages: ScoredPassage[];
}

function cite(engine: Engine, acc: Cited, doc: DocumentMeta, paragraph: number, start: number, end: number, quote: string): number {
  const source = engine.getSource(doc.id);
  const p = source?.passages.find((x) => x.start <= start && end <= x.end) ?? source?.passages.find((x) => x.paragraph === paragraph);
  const passageId = p?.id ?? `${doc.id}#?`;
  const existing = acc.citations.find((c) => c.passageId === passageId && c.quote === quote);
  if (existing) return existing.n;
  const n = acc.citations.length + 1;
  acc.citations.push({ n, docId: doc.id, label: label(doc), doc, paragraph, passageId, passage: p?.text ?? quote, quote, score: 1 });
  if (p && !acc.passages.some((x) => x.id === p.id)) acc.passages.push({ ...p, doc, score: 1 });
  return n;
}

function quotesAnswer(engine: Engine, question: string, speaker: string, statements: StatementView[], total: number, sourceCount: number): Answer {
  const acc: Cited = { citations: [], passages: [] };
  const claims: Claim[] = [];
  const lines: string[] = [`${speaker}, as quoted in the coverage:`];
  for (const s of statements) {
    // One wording per article (the pieces of a split quote joined), identical wordings cited together.
    const byDoc = new Map<string, QuoteView[]>();
    for (const q of s.quotes) byDoc.set(q.docId, [...(byDoc.get(q.docId) ?? []), q]);
    const wordings = new Map<string, number[]>();
    for (const pieces of byDoc.values()) {
      const text = pieces.map((q) => q.text.replace(/[,;:]$/, '')).join(' … ');
      const first = pieces[0]!;
      const n = cite(engine, acc, first.doc, first.paragraph, first.start, pieces[pieces.length - 1]!.end, pieces.length === 1 ? first.text : text);
      wordings.set(text, [...(wordings.get(text) ?? []), n]);
    }
    const all: number[] = [];
    const statementLines = [...wordings].map(([text, ns]) => {
      all.push(...ns);
      return `“${text}” ${ns.map((n) => `[${n}]`).join('')}`;
    });
    if (s.documents.length >= 2) statementLines[statementLines.length - 1] += ` (reported by ${s.documents.length} of ${sourceCount} sources)`;
    lines.push(...statementLines);
    claims.push({ text: [...wordings.keys()][0]!, citations: all });
  }
  if (total > statements.length) lines.push(`…and ${total - statements.length} more: /quotes speaker:${speaker}`);
  return { question, text: lines.join('\n'), abstained: false, claims, citations: acc.citations, passages: acc.passages, sourceCount };
}

function comparisonAnswer(question: string, c: Comparison): Answer {
  const acc: Cited = { citations: [], passages: [] };
  const claims: Claim[] = [];
  const n = (x: ComparedClaim) => {
    const existing = acc.citations.find((k) => k.passageId === x.passageId && k.quote === x.text);
    if (existing) return existing.n;
    const k = acc.citations.length + 1;
    acc.citations.push({ n: k, docId: x.docId, label: label(x.doc), doc: x.doc, paragraph: x.paragraph, passageId: x.passageId, passage: x.passage, quote: x.text, score: x.relevance });
    return k;
  };
  const lines: string[] = [];
  for (const s of c.perSource) {
    const k = n(s.claims[0]!);
    lines.push(`${label(s.doc)}: ${s.claims[0]!.text} [${k}]`);
    claims.push({ text: s.claims[0]!.text, citations: [k] });
  }
  for (const o of c.onlyIn) {
    const k = n(o);
    lines.push(`Only in ${label(o.doc)}: ${o.text} [${k}]`);
    claims.push({ text: o.text, citations: [k] });
  }
  for (const s of c.shared) {
    const ks = s.claims.map(n);
    lines.push(`Every outlet (${s.docIds.length} of ${c.sourceCount}): ${s.text} ${ks.map((k) => `[${k}]`).join('')}`);
    claims.push({ text: s.text, citations: ks });
  }
  return { question, text: lines.join('\n'), abstained: false, claims, citations: acc.citations, passages: acc.passages, sourceCount: c.sourceCount };
}
