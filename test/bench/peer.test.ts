import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverCorpora, evidenceRank, isEvidence, readEvidenceQuestions, topK, type EvidenceQuestion } from '../../bench/peer/corpora.js';
import { peerCorpora } from '../../bench/peer/main.js';
import { runOnce, ServingSide, type BuiltMessage, type SideCommand } from '../../bench/peer/protocol.js';
import { variedQueries } from '../../bench/peer/queries.js';
import type { ScoredPassage } from '../../src/types.js';
import { isEvidence as evalIsEvidence } from '../../src/eval/score-eval.js';
import { REPO, SEEDS } from '../support/workspace.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-peer-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const q: EvidenceQuestion = {
  id: 'v01',
  question: 'what did Yermak say?',
  evidence: [
    { source: '000_a.txt', text: 'As long as Mr. Zelenskiy is president,\n no one should expect' },
    { source: '001_b.txt', text: 'no one should count on us' },
  ],
};

describe('peer comparison: the one scorer', () => {
  it('counts a passage only from an evidence article that contains the evidence text (whitespace and case ignored)', () => {
    const text = 'He said: "as long as  Mr. Zelenskiy is PRESIDENT, no one should expect us to give up territory."';
    expect(isEvidence(q, { file: '000_a.txt', text })).toBe(true);
    // The same words from another article are not evidence.
    expect(isEvidence(q, { file: '002_c.txt', text })).toBe(false);
    // Part of the evidence text is not enough.
    expect(isEvidence(q, { file: '000_a.txt', text: 'As long as Mr. Zelenskiy is president' })).toBe(false);
  });

  it('agrees with `npm run eval`’s recall rule on the same passages', () => {
    const hits = [
      { file: '000_a.txt', text: 'as long as mr. zelenskiy is president, no one should expect anything' },
      { file: '001_b.txt', text: 'No one  should count on us giving up territory' },
      { file: '001_b.txt', text: 'Nothing about it here' },
      { file: '002_c.txt', text: 'no one should count on us' },
    ];
    for (const h of hits) {
      const passage = { text: h.text, article: { file: h.file } } as ScoredPassage;
      expect(isEvidence(q, h)).toBe(evalIsEvidence({ ...q, must_mention: [], out_of_scope: false }, passage));
    }
  });

  it('ranks the first evidence passage and shares top 1 / top 5 over the questions', () => {
    const miss = { file: '009_z.txt', text: 'unrelated' };
    const hit = { file: '001_b.txt', text: 'No one should count on us.' };
    expect(evidenceRank(q, [miss, miss, hit])).toBe(3);
    expect(evidenceRank(q, [miss])).toBeNull();
    const r = topK([q, q, q, q], [[hit], [miss, hit], [miss, miss, miss, miss, miss, hit], []]);
    expect(r.ranks).toEqual([1, 2, 6, null]);
    expect(r.top1).toBe(0.25);
    expect(r.top5).toBe(0.5);
  });
});

describe('peer comparison: corpora', () => {
  it('reads the questions with evidence and skips out-of-scope ones and ones without evidence', () => {
    const file = path.join(tmp, 'questions.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', question: 'who?', evidence: [{ source: 'x.txt', text: 'Bob' }] }),
        '',
        JSON.stringify({ id: 't', question: 'what about nato', out_of_scope: true }),
        JSON.stringify({ question: 'no evidence here', must_mention: [['x']] }),
      ].join('\n'),
    );
    const { questions, skipped } = readEvidenceQuestions(file);
    expect(questions.map((x) => x.id)).toEqual(['a']);
    expect(skipped).toBe(2);
    writeFileSync(file, '{"question": "ok", "evidence": []}\n{not json\n');
    expect(() => readEvidenceQuestions(file)).toThrow(/questions\.jsonl:2: not valid JSON/);
  });

  it('discovers every fixture corpus that has seeds/ and questions*.jsonl, and only those', () => {
    const root = path.join(tmp, 'corpora');
    const make = (name: string, files: string[], seeds = true) => {
      mkdirSync(path.join(root, name, seeds ? 'seeds' : 'other'), { recursive: true });
      for (const f of files) writeFileSync(path.join(root, name, f), '');
    };
    make('news-1k', ['questions.jsonl', 'questions-neutral.jsonl', 'notes.md']);
    make('half-written', []);
    make('no-seeds', ['questions.jsonl'], false);
    expect(discoverCorpora(root)).toEqual([
      {
        name: 'news-1k',
        seedsDir: path.join(root, 'news-1k', 'seeds'),
        questionFiles: [path.join(root, 'news-1k', 'questions-neutral.jsonl'), path.join(root, 'news-1k', 'questions.jsonl')],
      },
    ]);
    expect(discoverCorpora(path.join(tmp, 'missing'))).toEqual([]);
  });

  it('pairs --peer-corpus with --peer-questions and refuses one without the other', () => {
    const seeds = path.join(tmp, 'mine', 'seeds');
    mkdirSync(seeds, { recursive: true });
    const qa = path.join(tmp, 'mine', 'qa.jsonl');
    const qb = path.join(tmp, 'mine', 'qb.jsonl');
    writeFileSync(qa, '');
    writeFileSync(qb, '');
    const corpora = peerCorpora({ repo: REPO, smoke: true, extraCorpora: [seeds], extraQuestions: [qa, qb] });
    expect(corpora.at(-1)).toEqual({ name: 'mine', seedsDir: seeds, questionFiles: [qa, qb] });
    // The repo's own seeds keep their name; a fixture's <name>/seeds is called <name>.
    expect(peerCorpora({ repo: REPO, smoke: true, extraCorpora: [path.relative(process.cwd(), SEEDS)], extraQuestions: [qa] }).at(-1)?.name).toBe('seeds');
    expect(() => peerCorpora({ repo: REPO, smoke: true, extraCorpora: [seeds], extraQuestions: [] })).toThrow(/go together/);
    expect(() => peerCorpora({ repo: REPO, smoke: true, extraCorpora: [path.join(tmp, 'nope')], extraQuestions: [qa] })).toThrow(/no such folder/);
  });
});

describe('peer comparison: latency queries', () => {
  it('are many distinct queries: the questions plus ones made of the corpus sentences, the same in every run', () => {
    const sentences = [
      'Putin said on Thursday that Russia would give written guarantees to Europe.',
      'Witkoff will travel to Moscow next week, officials said.',
    ];
    const questions = ['what did Yermak say?', 'Where did Putin make these remarks?'];
    const list = variedQueries(sentences, questions, 120);
    expect(list).toHaveLength(120);
    expect(new Set(list).size).toBe(120);
    expect(list).toEqual(expect.arrayContaining(questions));
    expect(variedQueries(sentences, questions, 120)).toEqual(list);
  });
});

describe('peer comparison: Newsdesk’s side over IPC (real model, real index)', () => {
  // The bench runs the compiled JS; here the TypeScript source through tsx.
  const side = (seedsDir: string, indexDir: string): SideCommand => ({
    script: path.join(REPO, 'bench/peer/newsdesk-side.ts'),
    cwd: REPO,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, SEEDS_DIR: seedsDir, INDEX_DIR: indexDir },
  });

  it('builds in its own process, then answers searches with passages, per-query times and its RSS', async () => {
    const seedsDir = path.join(tmp, 'nd', 'seeds');
    const indexDir = path.join(tmp, 'nd', 'index');
    mkdirSync(seedsDir, { recursive: true });
    for (const f of ['000_5ed6bed9a529a53f.txt', '001_5d1f077759e5ea62.txt']) cpSync(path.join(SEEDS, f), path.join(seedsDir, f));
    const { message } = await runOnce<BuiltMessage>(side(seedsDir, indexDir), ['build'], 'built', 'Newsdesk build');
    expect(message.built.documents).toBe(2);
    expect(message.built.passages).toBeGreaterThan(10);
    expect(message.built.maxRssMb).toBeGreaterThan(50);

    const nd = await ServingSide.start('Newsdesk', side(seedsDir, indexDir), ['serve']);
    try {
      expect(nd.ready.passages).toBe(message.built.passages);
      const reply = await nd.search(['what did Yermak say?', 'Where did Putin speak?'], { k: 5, withHits: true });
      expect(reply.ms).toHaveLength(2);
      expect(reply.hits[0]).toHaveLength(5);
      expect(reply.hits[0]!.every((h) => h.file.endsWith('.txt') && h.text.length > 0)).toBe(true);
      expect(
        evidenceRank(
          { id: 'v01', question: '', evidence: [{ source: '000_5ed6bed9a529a53f.txt', text: 'As long as Mr. Zelenskiy is president' }] },
          reply.hits[0]!,
        ),
      ).not.toBeNull();
      // Without withHits only the times come back (what the latency rounds ask for).
      expect((await nd.search(['Witkoff Moscow'], { k: 5 })).hits).toEqual([]);
      const stats = await nd.stats();
      expect(stats.rssMb).toBeGreaterThan(50);
      expect(stats.maxRssMb).toBeGreaterThanOrEqual(stats.rssMb - 1);
    } finally {
      await nd.stop();
    }
  });

  it('reports a side that fails to start as an error naming it, not a hang', async () => {
    await expect(ServingSide.start('Newsdesk', side(path.join(tmp, 'none'), path.join(tmp, 'none-index')), ['serve'])).rejects.toThrow(
      /Newsdesk \(serve\).*no index/i,
    );
  });
});
