/** The CLI and eval twins of conversations (issue #16 point 6): `npm run ask -- --history`, eval lines with `history`. */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build-index.js';
import { makeWorkspace, REPO, testEmbedder, type Workspace } from '../support/workspace.js';

const run = promisify(execFile);
let w: Workspace;

async function cli(script: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli', script), ...args], {
      cwd: REPO,
      env: { ...process.env, SEEDS_DIR: w.seedsDir, INDEX_DIR: w.indexDir },
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
  writeFileSync(
    path.join(w.seedsDir, '005_ledger.md'),
    '---\ntitle: Envoys prepare\noutlet: The Harbor Ledger\npublished: 2025-11-29\n---\nThe delegation would insist on security guarantees written into any final text, a senior official said.\n',
  );
  await buildIndex(w.config, await testEmbedder());
});
afterAll(() => w.cleanup());

describe('npm run ask -- --history', () => {
  it('answers a follow-up of the earlier questions and shows how it was read', async () => {
    const r = await cli('ask-command.ts', ['--history', 'what did Yermak say?', 'who did he say it to?']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Atlantic/);
    expect(r.stdout).toContain('↳ read as: who did Yermak say it to?');
    const json = JSON.parse((await cli('ask-command.ts', ['--json', '--history', 'who is going to moscow next week?', 'when?'])).stdout);
    expect(json.read_as).toBe('when is Steve Witkoff going to moscow?');
    // a question that stands alone is not rewritten
    const alone = JSON.parse(
      (await cli('ask-command.ts', ['--json', '--history', 'what did Yermak say?', 'how many troops did kyiv lose in october?'])).stdout,
    );
    expect(alone.read_as).toBeNull();
    expect(alone.answer).toMatch(/47,000/);
  });

  it('--outlet / --since restrict the answer and say so; a filter that matches nothing lists what exists', async () => {
    const r = await cli('ask-command.ts', ['--outlet', 'harbor ledger', 'what will the delegation insist on?']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/security guarantees/);
    expect(r.stdout).toContain('↳ only outlet The Harbor Ledger (1 of 6 articles)');
    const none = await cli('ask-command.ts', ['--since', 'next year', 'what did Yermak say?']);
    expect(none.code).toBe(1);
    expect(none.stderr.trim()).toMatch(
      /^Error: No indexed article matches published since \d{4}-\d{2}-\d{2}\. Articles in the index were published from 2025-11-29 to 2025-11-29 \(5 have no date\)\.$/,
    );
  });
});

describe('npm run eval with history lines', () => {
  it('asks the history first, scores only the last answer, and has a row per kind', async () => {
    const file = path.join(w.dir, 'conv.jsonl');
    writeFileSync(
      file,
      [
        {
          id: 'f1',
          history: ['what did yermak say?'],
          question: 'who did he say it to?',
          kind: 'followup',
          must_mention: [['Atlantic']],
          evidence: [{ source: '000_5ed6bed9a529a53f.txt', text: 'Yermak told The Atlantic magazine' }],
        },
        { id: 's1', history: ['what did yermak say?'], question: 'how many troops did kyiv lose in october', kind: 'switch', must_mention: [['47,000']] },
        { id: 't1', history: ['what did yermak say?'], question: 'what did he say about nato', kind: 'followup-trap', out_of_scope: true },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const r = await cli('eval-command.ts', ['--questions', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('↳ read as: who did Yermak say it to?');
    expect(r.stdout).toMatch(/followup\s+1\s+1\.000\s+1\.000\s+0\.000/);
    expect(r.stdout).toMatch(/switch\s+1\s+n\/a\s+1\.000\s+0\.000/);
    expect(r.stdout).toMatch(/followup-trap\s+1\s+n\/a\s+n\/a\s+1\.000/);
    const alone = await cli('eval-command.ts', ['--questions', file, '--ignore-history']);
    expect(alone.code).toBe(0);
    expect(alone.stdout).not.toContain('read as');
  });
});
