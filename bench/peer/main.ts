/**
 * `npm run bench -- --peer [--smoke]`: what run.ts calls for the peer comparison. Assembles the
 * corpora, compiles Newsdesk's side to JS, runs the comparison, prints the table and writes the
 * JSON (and appends the table to the .txt next to it, like the rest of the bench).
 */
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { discoverCorpora, type RetrievalCorpus } from './corpora.js';
import { formatPeer, runPeer } from './run-peer.js';

export interface PeerCommandOptions {
  repo: string;
  modelDir: string;
  modelId: string;
  smoke: boolean;
  out: string;
  /** Synthetic corpus sizes (short reports). */
  reports: number[];
  /** Measured queries per side and size. */
  queries: number;
  /** `--peer-corpus` seeds folders and `--peer-questions` files (paired in order; extra files go with the last corpus). */
  extraCorpora: string[];
  extraQuestions: string[];
  sentences: string[];
  questions: string[];
  log: (s: string) => void;
}

const PER_ROUND = 10;
const WARMUP = 10;

/** The retrieval corpora: the seeds with the shared questions, every fixture corpus (not in a smoke run), and the extra ones. */
export function peerCorpora(o: Pick<PeerCommandOptions, 'repo' | 'smoke' | 'extraCorpora' | 'extraQuestions'>): RetrievalCorpus[] {
  const corpora: RetrievalCorpus[] = [];
  const shared = path.join(o.repo, '../shared/eval/questions.jsonl');
  if (existsSync(shared)) corpora.push({ name: 'seeds', seedsDir: path.join(o.repo, 'seeds'), questionFiles: [shared] });
  if (!o.smoke) corpora.push(...discoverCorpora(path.join(o.repo, 'test/fixtures/corpora')));
  if (o.extraCorpora.length !== 0 || o.extraQuestions.length !== 0) {
    if (o.extraCorpora.length === 0 || o.extraQuestions.length === 0)
      throw new Error('--peer-corpus and --peer-questions go together: a seeds folder and a questions file about it.');
    o.extraCorpora.forEach((dir, i) => {
      const files = i === o.extraCorpora.length - 1 ? o.extraQuestions.slice(i) : o.extraQuestions.slice(i, i + 1);
      if (!existsSync(dir)) throw new Error(`--peer-corpus ${dir}: no such folder.`);
      for (const f of files) if (!existsSync(f)) throw new Error(`--peer-questions ${f}: no such file.`);
      corpora.push({ name: corpusName(o.repo, dir), seedsDir: path.resolve(dir), questionFiles: files.map((x) => path.resolve(x)) });
    });
  }
  return corpora;
}

/** `seeds` for the repo's own articles; a fixture's `<name>/seeds` is called `<name>`; any other folder by its name. */
function corpusName(repo: string, dir: string): string {
  const abs = path.resolve(dir);
  if (abs === path.join(repo, 'seeds') || path.basename(abs) !== 'seeds') return path.basename(abs);
  return path.basename(path.dirname(abs));
}

export async function benchPeer(o: PeerCommandOptions): Promise<void> {
  const corpora = peerCorpora(o);
  if (corpora.length === 0) o.log('no corpus with evidence found (../shared/eval/questions.jsonl, test/fixtures/corpora/*): retrieval is not compared.');
  // Newsdesk's side runs as compiled JS, like `npm start` (the tsx loader alone adds ~150 MB RSS).
  o.log('compiling (npm run build) for Newsdesk’s side…');
  await promisify(execFile)(process.execPath, [path.join(o.repo, 'node_modules/typescript/bin/tsc'), '-p', path.join(o.repo, 'tsconfig.build.json')], {
    cwd: o.repo,
  });
  const work = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-peer-'));
  try {
    const settings = {
      repo: o.repo,
      work,
      modelDir: o.modelDir,
      modelId: o.modelId,
      smoke: o.smoke,
      reports: o.reports,
      rounds: Math.max(1, Math.ceil(o.queries / PER_ROUND)),
      perRound: PER_ROUND,
      warmup: WARMUP,
      corpora,
      sentences: o.sentences,
      questions: o.questions,
      log: o.log,
    };
    const results = await runPeer(settings);
    const text = formatPeer(results, settings);
    process.stdout.write(`${text}\n`);
    mkdirSync(path.dirname(o.out), { recursive: true });
    writeFileSync(
      o.out,
      JSON.stringify(
        {
          machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '?', node: process.version, date: new Date().toISOString(), smoke: o.smoke },
          ...results,
        },
        null,
        2,
      ),
    );
    appendFileSync(o.out.replace(/\.json$/, '.txt'), `${new Date().toISOString()}\n${text}\n\n`);
    o.log(`results written to ${o.out}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
