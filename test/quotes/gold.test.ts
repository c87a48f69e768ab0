/**
 * The quote index of the seeds against our gold set (test/fixtures/quotes-gold.json, written by
 * reading the articles): the targets of issue 13 with the real model and a real index.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { scoreQuotes } from '../../src/eval/score-quotes.js';
import { parseArticle } from '../../src/ingest/load-corpus.js';
import { quotesJsonSchema, statementsToJson } from '../../src/quotes/quotes-json.js';
import { decodeBinaryFile, encodeBinaryFile } from '../../src/storage/binary-file.js';
import { QuoteIndex } from '../../src/quotes/quote-index.js';
import { QUOTE_EXTRACTOR_VERSION, QUOTE_TUNING } from '../../src/quotes/tuning.js';
import { makeWorkspace, REPO, SEEDS, testEmbedder, type Workspace } from '../support/workspace.js';

const gold = quotesJsonSchema.parse(JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/quotes-gold.json'), 'utf8')));
let w: Workspace;
let engine: Engine;

beforeAll(async () => {
  w = makeWorkspace();
  engine = await Engine.open({ config: w.config, embedder: await testEmbedder() });
});
afterAll(async () => {
  await engine?.close();
  w?.cleanup();
});

describe('quote index on the gold set', () => {
  it('the gold file quotes the articles exactly, at the right paragraphs', () => {
    for (const s of gold.statements) {
      for (const q of s.quotes) {
        const { article } = parseArticle(`${q.document_id}.txt`, readFileSync(path.join(SEEDS, `${q.document_id}.txt`)));
        const p = article!.paragraphs[q.paragraph - 1]!;
        expect(article!.cleaned.slice(p.start, p.end), `${q.document_id} ¶${q.paragraph}`).toContain(q.text);
      }
    }
  });

  it('meets the targets: statement recall and speaker accuracy ≥ 0.90, grouping F1 ≥ 0.85', () => {
    const { scores } = scoreQuotes(gold, statementsToJson(engine.quotes().statements));
    expect(scores.statement_recall).toBeGreaterThanOrEqual(0.9);
    expect(scores.speaker_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(scores.grouping_f1).toBeGreaterThanOrEqual(0.85);
  });

  it('is stored with the index and re-used by an incremental re-index (same statements, nothing re-extracted)', async () => {
    const before = JSON.stringify(statementsToJson(engine.quotes().statements));
    const summary = await engine.reindex();
    expect(summary.wrote).toBe(false);
    const reopened = await Engine.open({ config: w.config, embedder: await testEmbedder(), buildIfMissing: false });
    expect(JSON.stringify(statementsToJson(reopened.quotes().statements))).toBe(before);
    expect(reopened.quotes({ speaker: 'Zelenskiy’s chief of staff Yermak'.split(' ').pop()! }).speaker).toBe('Andriy Yermak');
  });

  it('reads its statements back as the build grouped them, without grouping again (unless the grouping tunables changed)', () => {
    const index = engine.quoteIndex!;
    const { meta, sections } = decodeBinaryFile<{ groups?: number[][]; groupedWith?: unknown }>(index.encode());
    expect(meta.groups?.length).toBe(index.statements.length);
    const write = (m: object) => encodeBinaryFile(m, Object.fromEntries(sections));
    const statements = (buf: Buffer) => JSON.stringify(statementsToJson(QuoteIndex.decode(buf).statements));
    const same = statements(index.encode());
    expect(same).toBe(JSON.stringify(statementsToJson(index.statements)));
    // A file from before the grouping was stored, and one grouped with other tunables, are regrouped.
    expect(statements(write({ ...meta, groups: undefined, groupedWith: undefined }))).toBe(same);
    const units = meta.groups!.flat().length;
    const singletons = Array.from({ length: units }, (_, i) => [i]);
    expect(statements(write({ ...meta, groups: singletons, groupedWith: { ...QUOTE_TUNING, sameStatementCosine: 0.5 } }))).toBe(same);
    // With the tunables it was grouped with, the stored grouping is what the index holds.
    expect(units).toBeGreaterThan(meta.groups!.length);
    expect(QuoteIndex.decode(write({ ...meta, groups: singletons })).statements).toHaveLength(units);
  });

  it('is extracted again when the quote extractor changed (the manifest records its version), though no article did', async () => {
    const before = JSON.stringify(statementsToJson(engine.quotes().statements));
    const file = path.join(w.indexDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { quoteExtractor?: number };
    expect(manifest.quoteExtractor).toBe(QUOTE_EXTRACTOR_VERSION);
    writeFileSync(file, JSON.stringify({ ...manifest, quoteExtractor: QUOTE_EXTRACTOR_VERSION - 1 }));
    const summary = await engine.reindex();
    expect(summary.wrote).toBe(true);
    expect(summary.embeddedCount).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).quoteExtractor).toBe(QUOTE_EXTRACTOR_VERSION);
    expect(JSON.stringify(statementsToJson(engine.quotes().statements))).toBe(before);
  });
});

/** Every quote of a gold file is in its article, at its paragraph. */
function expectGoldInArticles(goldFile: string, seedsDir: string): void {
  const g = quotesJsonSchema.parse(JSON.parse(readFileSync(goldFile, 'utf8')));
  for (const s of g.statements) {
    for (const q of s.quotes) {
      const { article } = parseArticle(`${q.document_id}.txt`, readFileSync(path.join(seedsDir, `${q.document_id}.txt`)));
      const p = article!.paragraphs[q.paragraph - 1]!;
      expect(article!.cleaned.slice(p.start, p.end), `${q.document_id} ¶${q.paragraph}`).toContain(q.text);
    }
  }
}

const scoreOf = (goldFile: string, e: Engine) =>
  scoreQuotes(quotesJsonSchema.parse(JSON.parse(readFileSync(goldFile, 'utf8'))), statementsToJson(e.quotes().statements)).scores;

describe('quote index on a second corpus', () => {
  // test/fixtures/corpora/second: 54 short reports, its gold set written by reading them. The
  // grouping threshold was chosen on the seeds' gold set only.
  const second = path.join(REPO, 'test/fixtures/corpora/second');
  const goldFile = path.join(second, 'quotes-gold.json');
  let w2: Workspace;
  let engine2: Engine;
  beforeAll(async () => {
    w2 = makeWorkspace({ SEEDS_DIR: path.join(second, 'seeds') });
    engine2 = await Engine.open({ config: w2.config, embedder: await testEmbedder() });
  });
  // (Not closed: closing an engine disposes the model it shares with the file's other engine.)
  afterAll(() => w2?.cleanup());

  it('the gold file quotes the articles exactly, at the right paragraphs', () => expectGoldInArticles(goldFile, path.join(second, 'seeds')));

  it('meets the targets, and groups across outlets only what is one statement', () => {
    const scores = scoreOf(goldFile, engine2);
    expect(scores.statement_recall).toBeGreaterThanOrEqual(0.9);
    expect(scores.speaker_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(scores.grouping_f1).toBeGreaterThanOrEqual(0.85);
    // Pruett's post-match words in 022 and 033 are one statement; Osei-Brandt's four quotes in four reports are four.
    expect(scores.cross_article_f1).toBe(1);
    expect(engine2.quotes({ speaker: 'Osei-Brandt' }).statements.filter((s) => s.kind === 'direct')).toHaveLength(4);
  });
  it('"what did X say" from the quote index keeps to an outlet or date filter; "how did the outlets differ" with one is asked the usual way', async () => {
    const all = await engine2.ask('what did Osei-Brandt say?');
    expect(all.text).toMatch(/^Amara Osei-Brandt, as quoted in the coverage:/);
    expect(new Set(all.citations.map((c) => c.articleId)).size).toBeGreaterThan(1);
    const one = await engine2.ask('what did Osei-Brandt say?', { filter: { outlet: 'Tollund Herald' } });
    expect(one.text).toMatch(/^Amara Osei-Brandt, as quoted in the coverage:\n“I told my mother I was working on 'ice'\. She said that sounded cold” \[1\]$/);
    expect(one.citations.map((c) => c.articleId)).toEqual(['046_tollund-chemist']);
    expect(one.filter).toMatch(/Tollund Herald/);
    const later = await engine2.ask('what did Osei-Brandt say?', { filter: { since: '2025-06-05' } });
    expect(later.citations.every((c) => c.articleId === '046_tollund-chemist')).toBe(true);
    const differ = await engine2.ask('how did the outlets differ on the measles outbreak?', { filter: { outlet: 'Northline Post' } });
    expect(differ.text).not.toMatch(/Only in/);
    expect(differ.citations.every((c) => c.article.outlet === 'Northline Post')).toBe(true);
  });
});

describe('quote index on the distractor corpus (reports 000–099)', () => {
  // Two gold sets written by reading reports 000–054 and 055–099 (organisations', groups' and
  // unnamed spokespeople's words kept with speaker null). Only those reports are indexed here.
  const corpus = path.join(REPO, 'test/fixtures/corpora/distractors');
  const goldFiles = ['quotes-gold.json', 'quotes-gold-b.json'].map((f) => path.join(corpus, f));
  let w3: Workspace;
  let engine3: Engine;
  beforeAll(async () => {
    w3 = makeWorkspace();
    const seeds = path.join(w3.dir, 'distractor-seeds');
    mkdirSync(seeds);
    for (const f of readdirSync(path.join(corpus, 'seeds')).filter((f) => Number(f.slice(0, 3)) < 100))
      copyFileSync(path.join(corpus, 'seeds', f), path.join(seeds, f));
    engine3 = await Engine.open({ config: { ...w3.config, seedsDir: seeds }, embedder: await testEmbedder() });
  });
  afterAll(() => w3?.cleanup());

  it('the gold files quote the articles exactly, at the right paragraphs', () => {
    for (const f of goldFiles) expectGoldInArticles(f, path.join(corpus, 'seeds'));
  });

  it('meets the targets on both gold sets', () => {
    for (const f of goldFiles) {
      const scores = scoreOf(f, engine3);
      expect(scores.statement_recall, f).toBeGreaterThanOrEqual(0.9);
      expect(scores.speaker_accuracy, f).toBeGreaterThanOrEqual(0.9);
      expect(scores.grouping_f1, f).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('lists people, not the companies, clubs and websites that "said" things; namesakes stay two people', () => {
    const speakers = engine3.quotes().speakers.map((s) => s.name);
    for (const org of [
      'Copperleaf',
      'Copperleaf Telecom',
      'Ravnik',
      'Ravnik Fibre',
      'Harrowgate Hawks',
      'Hawks',
      'Fullcourt',
      'Lindell Transit',
      'Pellwood Governance',
      'Save Hollins Moor',
      'Hollins Moor',
    ])
      expect(speakers).not.toContain(org);
    expect(speakers).toEqual(expect.arrayContaining(['Ian Morrow', 'Stefan Morrow', 'Miriam Feld', 'Owen Strachan']));
    // Hollister's answer as two outlets quote it (one piece in 038, two in 039) is one statement.
    const hollister = engine3.quotes({ speaker: 'Hollister' }).statements.filter((s) => s.kind === 'direct');
    expect(hollister).toHaveLength(1);
    expect(hollister[0]!.articleIds).toEqual(['038_bears-name-hollister', '039_hollister-makes-history']);
  });
});
