import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build-index.js';
import { parseArticle } from '../../src/ingest/load-corpus.js';
import { quotesJsonSchema } from '../../src/quotes/quotes-json.js';
import { makeWorkspace, REPO, testEmbedder, type Workspace } from '../support/workspace.js';

const run = promisify(execFile);
let w: Workspace;

/** Run a CLI entry point as `npm run <x>` does, against the test workspace. */
async function cli(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli', script), ...args], {
      cwd: REPO,
      env: { ...process.env, SEEDS_DIR: w.seedsDir, INDEX_DIR: w.indexDir, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  w = makeWorkspace();
  await buildIndex(w.config, await testEmbedder());
});
afterAll(() => w.cleanup());

describe('npm run ask', () => {
  it('prints the answer with citations and sources', async () => {
    const r = await cli('ask-command.ts', ['what did Yermak say?']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/As long as .* territory/);
    expect(r.stdout).toMatch(/Sources:\n\s+\[1\] .* — 00\d_\w+, paragraph \d+/);
  });

  it('--json prints one object with answer, citations (document id, paragraph, passage, score)', async () => {
    const r = await cli('ask-command.ts', ['--json', 'what did Yermak say?']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(out.abstained).toBe(false);
    expect(out.answer).toContain('As long as');
    expect(out.citations.length).toBeGreaterThanOrEqual(2);
    for (const c of out.citations) {
      expect(c).toEqual(
        expect.objectContaining({
          document_id: expect.stringMatching(/^00\d_[0-9a-f]{16}$/),
          paragraph: expect.any(Number),
          passage: expect.any(String),
          score: expect.any(Number),
        }),
      );
      expect(readFileSync(path.join(w.seedsDir, `${c.document_id}.txt`), 'utf8').replace(/\s+/g, ' ')).toContain(c.passage.replace(/\s+/g, ' ').slice(0, 60));
    }
  });

  it('reports bad input and bad configuration in one line, without a stack trace', async () => {
    const empty = await cli('ask-command.ts', ['   ']);
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim()).toBe('Error: Please ask a question in words, e.g. "what did Yermak say?".');

    const badDir = await cli('ask-command.ts', ['hello?'], { MODEL_DIR: path.join(w.dir, 'no-models') });
    expect(badDir.code).toBe(1);
    expect(badDir.stderr).toMatch(/^Error: Model Xenova\/bge-small-en-v1\.5 is not in MODEL_DIR/);
    expect(badDir.stderr).not.toMatch(/\n\s+at /);

    const badNum = await cli('ask-command.ts', ['hello?'], { EMBED_BATCH_SIZE: 'lots' });
    expect(badNum.stderr.trim()).toBe('Error: Invalid configuration: EMBED_BATCH_SIZE: must be a positive whole number');
  });
});

describe('npm run sources, and an unknown article (issue #11 case 8)', () => {
  it('lists id, source (as citations name it), date, passages and title of every article; --json gives the same as data', async () => {
    const r = await cli('sources-command.ts', []);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id +source +published +passages +title$/);
    const rows = lines.filter((l) => /^00\d_[0-9a-f]{16} /.test(l));
    expect(rows).toHaveLength(5);
    // no outlet: the source is the title cut at a word to at most 40 characters, "…" included
    expect(rows.find((l) => l.startsWith('001_5d1f077759e5ea62'))).toMatch(
      /^001_5d1f077759e5ea62 +Ready to guarantee in writing no… +- +\d+ +Ready to guarantee in writing no Russian attack on Europe: Putin$/,
    );
    expect(lines[lines.length - 1]).toMatch(/^5 articles, \d+ passages\.$/);
    const json = JSON.parse((await cli('sources-command.ts', ['--json'])).stdout);
    expect(json).toHaveLength(5);
    expect(json[1]).toMatchObject({
      id: '001_5d1f077759e5ea62',
      file: '001_5d1f077759e5ea62.txt',
      title: 'Ready to guarantee in writing no Russian attack on Europe: Putin',
      passages: expect.any(Number),
    });
  });

  it('ask --source with an unknown id names the CLI command to list them, not a Discord one', async () => {
    const r = await cli('ask-command.ts', ['--source', 'nope', 'what did Yermak say?']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('Error: There is no article "nope" in the index. Run `npm run sources` to see the article ids.');
  });

  it('an article named as in Discord: the start of its id, or words of its title (exact ids only before)', async () => {
    const byPrefix = await cli('source-command.ts', ['002', '--json']);
    expect(byPrefix.code).toBe(0);
    expect(JSON.parse(byPrefix.stdout)).toMatchObject({ document_id: '002_74fab2486cdf4fb4' });
    const byTitle = await cli('source-command.ts', ['Ready to guarantee in writing', '--json']);
    expect(JSON.parse(byTitle.stdout)).toMatchObject({ document_id: '001_5d1f077759e5ea62' });
    // Two articles start with "00": none is guessed.
    const ambiguous = await cli('source-command.ts', ['00']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr.trim()).toBe('Error: There is no article "00" in the index. Run `npm run sources` to see the article ids.');
  });
});

describe('npm run index', () => {
  it('a second run with no changes re-embeds nothing and says so', async () => {
    const r = await cli('index-command.ts', []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Index is up to date: 5 article\(s\), \d+ passage\(s\); nothing re-embedded/);
    const json = await cli('index-command.ts', ['--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ wrote: false, embedded: 0, unchanged: 5 });
  });
});

describe('npm run eval', () => {
  it('runs end to end on any questions file and ends with the summary JSON line', async () => {
    const shared = readFileSync(path.join(REPO, '../shared/eval/questions.jsonl'), 'utf8').trim().split('\n').slice(0, 3);
    const oos = readFileSync(path.join(REPO, 'test/fixtures/out-of-scope.jsonl'), 'utf8').trim().split('\n').slice(0, 2);
    const file = path.join(w.dir, 'q.jsonl');
    writeFileSync(file, [...shared, ...oos].join('\n') + '\n');
    const r = await cli('eval-command.ts', ['--questions', file]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => /^(v|o)\d\d /.test(l))).toHaveLength(5);
    const summary = JSON.parse(lines[lines.length - 1]!);
    expect(Object.keys(summary)).toEqual([
      'n',
      'recall_at_1',
      'recall_at_5',
      'answer_hit_rate',
      'citation_precision',
      'abstention_rate',
      'false_abstention_rate',
      'wrong_answers',
      'wrong_abstentions',
      'answered_out_of_scope',
    ]);
    expect(summary).toMatchObject({ n: 5, recall_at_5: 1, abstention_rate: 1, false_abstention_rate: 0, wrong_abstentions: 0, answered_out_of_scope: 0 });
    expect(summary.wrong_answers).toBe(3 - Math.round(summary.answer_hit_rate * 3));
  });

  it('prints a row per kind when questions carry one, and --retrieval-only compares the retrieval variants', async () => {
    const lines = readFileSync(path.join(REPO, '../shared/eval/questions.jsonl'), 'utf8').trim().split('\n').slice(0, 4);
    const kinds = ['quote', 'place', 'quote', 'reason'];
    const file = path.join(w.dir, 'kinds.jsonl');
    writeFileSync(file, lines.map((l, i) => JSON.stringify({ ...JSON.parse(l), kind: kinds[i] })).join('\n') + '\n');
    const r = await cli('eval-command.ts', ['--questions', file]);
    expect(r.code).toBe(0);
    const table = r.stdout.slice(r.stdout.indexOf('By kind'), r.stdout.indexOf('Summary'));
    expect(table).toMatch(/\n  quote +2 /);
    expect(table).toMatch(/\n  place +1 /);
    expect(table).toMatch(/\n  reason +1 /);

    const ro = await cli('eval-command.ts', ['--questions', file, '--retrieval-only']);
    expect(ro.code).toBe(0);
    const out = JSON.parse(ro.stdout.trim().split('\n').pop()!);
    expect(out.retrieval.map((v: { mode: string }) => v.mode)).toEqual(['hybrid', 'rrf', 'dense', 'keyword']);
    for (const v of out.retrieval) expect(v).toMatchObject({ n: 4, recall_at_5: 1 });
  });

  it('--tuning overrides tunables from a JSON file, and a bad file is named', async () => {
    const file = path.join(w.dir, 'one.jsonl');
    // (Not "what did Yermak say?", the first question: it is answered from the quote index, which has no tunables.)
    writeFileSync(file, readFileSync(path.join(REPO, '../shared/eval/questions.jsonl'), 'utf8').trim().split('\n')[2] + '\n');
    // Only one passage for the answer: the outlets reporting the written guarantee can't all be cited.
    const tuning = path.join(w.dir, 'tuning.json');
    writeFileSync(tuning, JSON.stringify({ answer: { passages: 1 } }));
    const base = await cli('eval-command.ts', ['--questions', file, '--verbose']);
    const tuned = await cli('eval-command.ts', ['--questions', file, '--verbose', '--tuning', tuning]);
    expect(base.code).toBe(0);
    expect(tuned.code).toBe(0);
    const cites = (s: string) => Number(/cites \d+\/(\d+)/.exec(s)![1]);
    expect(cites(base.stdout)).toBeGreaterThan(1);
    expect(cites(tuned.stdout)).toBe(1);

    writeFileSync(tuning, '{ not json');
    const bad = await cli('eval-command.ts', ['--questions', file, '--tuning', tuning]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Cannot use tuning file .*tuning\.json/);
  });

  it('names the line of a malformed questions file', async () => {
    const file = path.join(w.dir, 'bad.jsonl');
    writeFileSync(file, '{"question": "ok?"}\n{"question": 5}\n');
    const r = await cli('eval-command.ts', ['--questions', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.jsonl:2: question: /);
  });
});

describe('npm run quotes, npm run compare, npm run eval -- --quotes', () => {
  it('quotes --json prints one object in the documented shape, every quote in its article at its paragraph, meeting the targets on our gold set', async () => {
    const r = await cli('quotes-command.ts', ['--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = quotesJsonSchema.parse(JSON.parse(lines[0]!));
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual(['statements']);
    for (const s of out.statements) {
      expect(Object.keys(s).sort()).toEqual(['kind', 'quotes', 'speaker']);
      for (const q of s.quotes) {
        expect(Object.keys(q).sort()).toEqual(['document_id', 'paragraph', 'text']);
        const { article } = parseArticle(`${q.document_id}.txt`, readFileSync(path.join(w.seedsDir, `${q.document_id}.txt`)));
        const p = article!.paragraphs[q.paragraph - 1]!;
        expect(article!.cleaned.slice(p.start, p.end)).toContain(q.text);
      }
    }
    const predicted = path.join(w.dir, 'predicted.json');
    writeFileSync(predicted, lines[0]!);
    const ev = await cli('eval-command.ts', ['--quotes', path.join(REPO, 'test/fixtures/quotes-gold.json'), '--predicted', predicted]);
    expect(ev.code).toBe(0);
    expect(ev.stdout).toMatch(/^gold: 29 statements, 60 quotes; predicted: \d+ quotes\nstatement recall {5}\d\.\d{3}\n/);
    const scores = JSON.parse(ev.stdout.trim().split('\n').pop()!);
    expect(scores.statement_recall).toBeGreaterThanOrEqual(0.9);
    expect(scores.speaker_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(scores.grouping_f1).toBeGreaterThanOrEqual(0.85);
  });

  it('quotes --speaker takes any form of a name; an unknown one is one line naming who is quoted', async () => {
    const r = await cli('quotes-command.ts', ['--speaker', 'the Russian president']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Vladimir Putin — \d of 5 outlets\n {2}“/);
    const bad = await cli('quotes-command.ts', ['--speaker', 'Macron']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^Error: No one called "Macron" is quoted in the articles\. Quoted: Vladimir Putin/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('compare --json prints each outlet’s claims, what only one reports and what they share, in the documented shape', async () => {
    const r = await cli('compare-command.ts', ['--json', 'written guarantee']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim());
    expect(Object.keys(out)).toEqual(['topic', 'per_source', 'only_in', 'shared']);
    expect(out.topic).toBe('written guarantee');
    expect(out.per_source.length).toBeGreaterThanOrEqual(2);
    for (const s of out.per_source)
      expect(s).toEqual({
        document_id: expect.stringMatching(/^00\d_/),
        claims: expect.arrayContaining([{ text: expect.any(String), paragraph: expect.any(Number) }]),
      });
    expect(out.only_in.length).toBeGreaterThanOrEqual(1);
    for (const o of out.only_in) expect(o).toEqual({ document_id: expect.stringMatching(/^00\d_/), text: expect.any(String), paragraph: expect.any(Number) });
    for (const s of out.shared) expect(s).toEqual({ text: expect.any(String), document_ids: expect.any(Array) });
  });
});
