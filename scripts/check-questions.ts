/**
 * `npx tsx scripts/check-questions.ts <questions.jsonl> <seeds dir>`: checks a dev set against its
 * corpus before it is used: every evidence text is in its source file (whitespace-normalised, as
 * the eval compares), every must_mention group is satisfiable from the sentence around each
 * evidence text, ids are unique, out-of-scope lines carry no evidence. Exits 1 on any problem.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { QuestionLine } from '../src/eval/questions-file.js';

const [file, seeds] = process.argv.slice(2);
if (!file || !seeds) {
  console.error('usage: tsx scripts/check-questions.ts <questions.jsonl> <seeds dir>');
  process.exit(2);
}
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const texts = new Map<string, string>();
for (const f of readdirSync(seeds)) texts.set(f, norm(readFileSync(path.join(seeds, f), 'utf8')));

type Q = QuestionLine;
const problems: string[] = [];
const ids = new Set<string>();
const kinds = new Map<string, number>();
const lines = readFileSync(file, 'utf8').split('\n');
lines.forEach((line, i) => {
  if (!line.trim()) return;
  const where = `${file}:${i + 1}`;
  let q: Q;
  try {
    q = JSON.parse(line) as Q;
  } catch {
    problems.push(`${where}: not JSON`);
    return;
  }
  if (!q.question) problems.push(`${where}: no question`);
  if (q.id) {
    if (ids.has(q.id)) problems.push(`${where}: duplicate id ${q.id}`);
    ids.add(q.id);
  }
  kinds.set(q.kind ?? '(none)', (kinds.get(q.kind ?? '(none)') ?? 0) + 1);
  if (q.out_of_scope) {
    if (q.evidence?.length) problems.push(`${where}: out_of_scope with evidence`);
    return;
  }
  if (!q.evidence?.length) problems.push(`${where}: in-scope question without evidence`);
  for (const e of q.evidence ?? []) {
    const t = texts.get(e.source);
    if (t === undefined) {
      problems.push(`${where}: unknown source ${e.source}`);
      continue;
    }
    const at = t.indexOf(norm(e.text));
    if (at < 0) {
      problems.push(`${where}: evidence not found in ${e.source}: "${e.text}"`);
      continue;
    }
    // The sentence(s) around the evidence: must_mention should be answerable from there.
    const around = t.slice(Math.max(0, at - 200), at + e.text.length + 200);
    for (const group of q.must_mention ?? []) {
      if (!group.some((alt) => around.includes(alt.toLowerCase()))) {
        problems.push(`${where}: must_mention ${JSON.stringify(group)} not near the evidence in ${e.source}`);
      }
    }
  }
});
console.log(`${file}: ${ids.size || lines.filter((l) => l.trim()).length} questions; kinds: ${[...kinds].map(([k, n]) => `${k}=${n}`).join(' ')}`);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);
