/**
 * The programs that never open an engine import the public API without it (src/index-light.ts), so
 * they never load the model runtime (transformers.js, onnxruntime, sharp, hnswlib: about 200 MB): the
 * shard manager, which holds nothing (`npm run start:sharded`), `npm run deploy-commands`, `npm run
 * feedback` and `npm run db:migrate`. Each runs as its own process until it stops on a setting it
 * lacks, every module it imports recorded (test/support/record-imports.ts); an ES import of a
 * package is all it takes to load it, so the packages imported are the packages loaded.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/workspace.js';

const execFileP = promisify(execFile);
/** tsx by its file: the programs run in an empty folder (no .env of the developer's), where 'tsx' does not resolve. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const MODEL_RUNTIME = ['@huggingface/transformers', 'hnswlib-node'];
const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-light-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `script` with `args` until it exits; the packages and project modules it imported. */
async function importsOf(script: string, args: string[], env: Record<string, string>): Promise<{ packages: string[]; modules: string[]; stderr: string }> {
  const file = path.join(dir, `${path.basename(script)}.txt`);
  writeFileSync(file, '');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|DATABASE_|INDEX_BACKEND|FEEDBACK_)/.test(k)));
  const stderr = await execFileP(
    process.execPath,
    ['--import', TSX, '--import', path.join(REPO, 'test/support/record-imports.ts'), path.join(REPO, script), ...args],
    {
      cwd: dir,
      env: { ...clean, ...env, RECORD_IMPORTS_TO: file },
    },
  ).then(
    (r) => r.stderr,
    (e: { stderr: string }) => e.stderr,
  );
  const urls = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const packages = urls.map((u) => /[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(u)?.[1]).filter((p): p is string => p !== undefined);
  const modules = urls.filter((u) => u.includes('/src/') && !u.includes('/node_modules/')).map((u) => u.slice(u.indexOf('/src/') + 1));
  return { packages: [...new Set(packages)].sort(), modules, stderr };
}

describe('programs that never open an engine', () => {
  it.each([
    ['src/bot/sharded.ts', [], {}, /DISCORD_TOKEN/],
    ['src/bot/deploy-commands.ts', [], {}, /DISCORD_TOKEN/],
    ['src/cli/feedback-command.ts', ['--export', 'out.jsonl'], {}, /FEEDBACK_FILE|--file/],
    ['src/cli/db-migrate-command.ts', [], { INDEX_BACKEND: 'files' }, /INDEX_BACKEND=postgres/],
  ] as const)(
    '%s never loads the model runtime',
    async (script, args, env, stopsOn) => {
      const { packages, modules, stderr } = await importsOf(script, [...args], env);
      expect(stderr).toMatch(stopsOn); // it ran its main, past every static import
      expect(modules).toContain('src/index-light.ts'); // the hook sees the program's imports
      expect(packages.filter((p) => MODEL_RUNTIME.includes(p))).toEqual([]);
    },
    60_000,
  );

  it('npm start imports the engine, model runtime included (the check above can see it)', async () => {
    const { packages, stderr } = await importsOf('src/bot/main.ts', [], {});
    expect(stderr).toMatch(/DISCORD_TOKEN/);
    expect(packages).toEqual(expect.arrayContaining(MODEL_RUNTIME));
  }, 60_000);
});
