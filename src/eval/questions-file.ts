import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { EngineError } from '../errors.js';

const evidence = z.object({ source: z.string().min(1), text: z.string().min(1) });
const question = z.object({
  id: z.string().optional(),
  question: z.string().min(1),
  must_mention: z.array(z.array(z.string().min(1)).min(1)).default([]),
  evidence: z.array(evidence).default([]),
  out_of_scope: z.boolean().default(false),
  /** What kind of answer is expected (person, date, quote, trap …): the eval prints a row per kind. */
  kind: z.string().min(1).optional(),
  /** Earlier questions of a conversation, oldest first: they are asked first and the question is answered as a follow-up. */
  history: z.array(z.string().min(1)).optional(),
});

export type EvalQuestion = z.infer<typeof question>;
/** A question line as written (fields with defaults may be missing). */
export type QuestionLine = z.input<typeof question>;

/** Read a JSONL questions file (format of shared/eval/questions.jsonl); errors name the line. */
export async function readQuestionsFile(file: string): Promise<EvalQuestion[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new EngineError('INVALID_FILE', `Cannot read questions file ${file}.`);
  }
  const out: EvalQuestion[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new EngineError('INVALID_FILE', `${file}:${i + 1}: not valid JSON.`);
    }
    const parsed = question.safeParse(raw);
    if (!parsed.success) {
      throw new EngineError('INVALID_FILE', `${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    }
    out.push(parsed.data);
  });
  if (out.length === 0) throw new EngineError('INVALID_FILE', `${file} has no questions.`);
  return out;
}
