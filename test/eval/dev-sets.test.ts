/**
 * The dev corpora's question files are usable as written: each reads with the eval's own reader,
 * ids are unique, every evidence passage is in its article word for word, and every must-mention
 * group can be met from the evidence (a line that no answer could satisfy measures nothing).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuestionsFile } from '../../src/eval/questions-file.js';
import { REPO } from '../support/workspace.js';

const CORPORA = path.join(REPO, 'test/fixtures/corpora');
const squash = (s: string) => s.replace(/\s+/g, ' ').toLowerCase();

describe('dev corpora: question files', () => {
  for (const corpus of readdirSync(CORPORA)) {
    for (const name of ['questions.jsonl', 'conversations.jsonl']) {
      const file = path.join(CORPORA, corpus, name);
      if (!existsSync(file)) continue;
      it(`${corpus}/${name}`, async () => {
        const lines = await readQuestionsFile(file);
        expect(lines.length).toBeGreaterThan(10);
        const ids = lines.map((l) => l.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const l of lines) {
          if (l.out_of_scope) continue;
          const evidence = (l.evidence ?? []).map((e) => {
            const text = squash(readFileSync(path.join(CORPORA, corpus, 'seeds', e.source), 'utf8'));
            expect(text, `${l.id}: ${e.source}`).toContain(squash(e.text));
            return text;
          });
          for (const group of l.must_mention ?? []) {
            expect(
              group.some((alt) => evidence.some((t) => t.includes(alt.toLowerCase()))),
              `${l.id}: one of ${group.join(' | ')} in its evidence articles`,
            ).toBe(true);
          }
        }
      });
    }
  }
});
