import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuestionsFile } from '../../src/eval/questions-file.js';

const file = (text: string) => {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'newsdesk-questions-')), 'q.jsonl');
  writeFileSync(p, text);
  return p;
};

describe('a questions file that cannot be used is INVALID_FILE (not a configuration error), naming the line', () => {
  it('missing, not JSON, the wrong shape, or empty', async () => {
    await expect(readQuestionsFile('/nonexistent/q.jsonl')).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringMatching(/Cannot read/) });
    await expect(readQuestionsFile(file('{"id": "a", "question": "who?"}\n{oops\n'))).rejects.toMatchObject({
      code: 'INVALID_FILE',
      message: expect.stringMatching(/q\.jsonl:2: not valid JSON/),
    });
    await expect(readQuestionsFile(file('{"id": 3}\n'))).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringMatching(/q\.jsonl:1: /) });
    await expect(readQuestionsFile(file('\n'))).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringMatching(/has no questions/) });
  });

  it('a valid file reads', async () => {
    const qs = await readQuestionsFile(file('{"id": "a", "question": "who is going to moscow?"}\n'));
    expect(qs.map((q) => q.id)).toEqual(['a']);
  });
});
