/**
 * The quote index of the seeds against our gold set (test/fixtures/quotes-gold.json, written by
 * reading the articles): the targets of issue 13 with the real model and a real index.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { scoreQuotes } from '../../src/eval/score-quotes.js';
import { parseArticle } from '../../src/ingest/load-corpus.js';
import { quotesJsonSchema, statementsToJson } from '../../src/quotes/quotes-json.js';
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
        const { document } = parseArticle(`${q.document_id}.txt`, readFileSync(path.join(SEEDS, `${q.document_id}.txt`)));
        const p = document!.paragraphs[q.paragraph - 1]!;
        expect(document!.cleaned.slice(p.start, p.end), `${q.document_id} ¶${q.paragraph}`).toContain(q.text);
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
});
