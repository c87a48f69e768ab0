/**
 * `npx tsx scripts/corpus-variant.ts <questions.jsonl> <seedsDir> <outDir> [--remove-answers 0.4] [--neutral-headlines]`
 *
 * Makes a variant of a dev corpus:
 * - `--remove-answers <share>`: to measure abstention where the coverage used to answer, a share
 *   of the in-scope questions (chosen by a hash of their id, so the same every run) lose every
 *   sentence that holds one of their evidence texts, in every article; those questions become out
 *   of scope (`kind: "removed"`) and the others stay in scope only if their evidence survived.
 * - `--neutral-headlines`: every article's headline (its first line, or its front-matter title)
 *   becomes "Staff report", so no first line echoes a question.
 * Writes `<outDir>/seeds/` and `<outDir>/questions.jsonl`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { QuestionLine } from '../src/eval/questions-file.js';
import { splitSentences } from '../src/chunk/split-sentences.js';

const [file, seeds, out] = process.argv.slice(2);
const shareArg = process.argv.indexOf('--remove-answers');
const share = shareArg > 0 ? Number(process.argv[shareArg + 1]) : 0;
const neutral = process.argv.includes('--neutral-headlines');
if (!file || !seeds || !out || Number.isNaN(share)) {
  console.error('usage: tsx scripts/corpus-variant.ts <questions.jsonl> <seedsDir> <outDir> [--remove-answers 0.4] [--neutral-headlines]');
  process.exit(2);
}

type Q = QuestionLine;
const questions = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Q);
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const picked = (q: Q) =>
  !q.out_of_scope &&
  (q.evidence?.length ?? 0) > 0 &&
  parseInt(
    createHash('sha256')
      .update(q.id ?? q.question)
      .digest('hex')
      .slice(0, 8),
    16,
  ) /
    0xffffffff <
    share;

const texts = new Map(readdirSync(seeds).map((f) => [f, readFileSync(path.join(seeds, f), 'utf8')]));
// Remove, in each file, every sentence holding an evidence text of a picked question.
for (const q of questions.filter(picked)) {
  for (const e of q.evidence ?? []) {
    const text = texts.get(e.source);
    if (text === undefined) continue;
    const holds = (s: { start: number; end: number }) => {
      const sentence = norm(text.slice(s.start, s.end));
      return sentence.includes(norm(e.text)) || (sentence.length >= 20 && norm(e.text).includes(sentence));
    };
    const spans = splitSentences(text).filter(holds);
    let kept = text;
    for (const s of spans.reverse()) kept = kept.slice(0, s.start) + kept.slice(s.end);
    // An evidence text across a sentence break is removed where it stands.
    const at = norm(kept).indexOf(norm(e.text));
    if (at >= 0)
      kept = kept.replace(
        new RegExp(
          e.text
            .split(/\s+/)
            .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('\\s+'),
          'i',
        ),
        '',
      );
    texts.set(e.source, kept);
  }
}

if (neutral) {
  for (const [f, t] of texts) {
    const fm = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(t);
    if (fm) texts.set(f, fm[0].replace(/^title:.*$/m, 'title: Staff report') + t.slice(fm[0].length));
    else texts.set(f, t.replace(/^\s*[^\n]*/, 'Staff report'));
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, 'seeds'), { recursive: true });
for (const [f, t] of texts) writeFileSync(path.join(out, 'seeds', f), t.replace(/[ \t]+\n/g, '\n'));
const still = (q: Q) => (q.evidence ?? []).filter((e) => norm(texts.get(e.source) ?? '').includes(norm(e.text)));
const lines: Q[] = [];
let removed = 0;
for (const q of questions) {
  if (picked(q)) {
    removed++;
    lines.push({ id: q.id, question: q.question, kind: 'removed', out_of_scope: true });
  } else if (q.out_of_scope) {
    lines.push(q);
  } else {
    const evidence = still(q);
    if (evidence.length) lines.push({ ...q, evidence });
  }
}
writeFileSync(path.join(out, 'questions.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
console.log(
  `${out}: ${removed} questions lost their answers; ${lines.filter((l) => !l.out_of_scope).length} in scope; ${lines.length} lines${neutral ? '; neutral headlines' : ''}`,
);
