/**
 * The corpora with evidence that the peer comparison scores retrieval on, and the one scorer
 * both sides are judged by.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Hit } from './protocol.js';

export interface EvidenceQuestion {
  id: string;
  question: string;
  evidence: { source: string; text: string }[];
}

/** A folder of articles and the question files about it. */
export interface RetrievalCorpus {
  name: string;
  seedsDir: string;
  questionFiles: string[];
}

const line = z.object({
  id: z.string().optional(),
  question: z.string().min(1),
  evidence: z.array(z.object({ source: z.string().min(1), text: z.string().min(1) })).default([]),
  out_of_scope: z.boolean().default(false),
});

/**
 * The scorable questions of a JSONL questions file (format of shared/eval/questions.jsonl):
 * out-of-scope questions and questions without evidence are skipped (and counted).
 */
export function readEvidenceQuestions(file: string): { questions: EvidenceQuestion[]; skipped: number } {
  const questions: EvidenceQuestion[] = [];
  let skipped = 0;
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((text, i) => {
      if (!text.trim()) return;
      let parsed;
      try {
        parsed = line.safeParse(JSON.parse(text));
      } catch {
        throw new Error(`${file}:${i + 1}: not valid JSON`);
      }
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      const q = parsed.data;
      if (q.out_of_scope || q.evidence.length === 0) skipped++;
      else questions.push({ id: q.id ?? `q${i + 1}`, question: q.question, evidence: q.evidence });
    });
  return { questions, skipped };
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/**
 * Every `<root>/<name>/` that has a `seeds/` folder and at least one `questions*.jsonl`,
 * found at run time (fixture corpora are added while the benchmark exists).
 */
export function discoverCorpora(root: string): RetrievalCorpus[] {
  if (!isDir(root)) return [];
  return readdirSync(root)
    .sort()
    .map((name) => ({ name, dir: path.join(root, name) }))
    .filter(({ dir }) => isDir(path.join(dir, 'seeds')))
    .map(({ name, dir }) => ({
      name,
      seedsDir: path.join(dir, 'seeds'),
      questionFiles: readdirSync(dir)
        .filter((f) => /^questions.*\.jsonl$/.test(f))
        .sort()
        .map((f) => path.join(dir, f)),
    }))
    .filter((c) => c.questionFiles.length > 0);
}

/** Number of article files (.txt/.md) in a folder. */
export const articleCount = (seedsDir: string): number => readdirSync(seedsDir).filter((f) => /\.(txt|md)$/i.test(f)).length;

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The one scorer for both sides: a retrieved passage is evidence when it comes from one of the
 * question's evidence articles (file name) and contains that evidence text (whitespace-normalised,
 * case-insensitive). The same rule as `npm run eval`'s recall@k.
 */
export function isEvidence(q: EvidenceQuestion, hit: Hit): boolean {
  return q.evidence.some((e) => hit.file === e.source && norm(hit.text).includes(norm(e.text)));
}

/** Rank (1-based) of the first evidence passage among the hits, or null. */
export function evidenceRank(q: EvidenceQuestion, hits: readonly Hit[]): number | null {
  const i = hits.findIndex((h) => isEvidence(q, h));
  return i >= 0 ? i + 1 : null;
}

export interface TopK {
  top1: number;
  top5: number;
}

/** Share of questions with evidence at rank 1 and within the first 5. */
export function topK(questions: readonly EvidenceQuestion[], hits: readonly (readonly Hit[])[]): TopK & { ranks: (number | null)[] } {
  const ranks = questions.map((q, i) => evidenceRank(q, hits[i] ?? []));
  const share = (k: number) => (ranks.length ? ranks.filter((r) => r !== null && r <= k).length / ranks.length : NaN);
  return { top1: share(1), top5: share(5), ranks };
}
