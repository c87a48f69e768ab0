/**
 * Bad articles through the real re-index paths (`npm run index` as a process, and /reindex through
 * the loopback gateway), a re-index that fails while the bot is serving, and the gateway dropping
 * mid-answer. Kill -9 during `npm run index`, truncated/corrupt index files and an index from another
 * model are covered in test/engine/index.test.ts (not repeated here).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { OLD_INDEX_KEPT } from '../../src/bot/commands/reindex.js';
import { Engine } from '../../src/engine/engine.js';
import { makeWorkspace, REPO, testEmbedder, type Workspace } from '../support/workspace.js';
import { holdAnswers, useHarness, type Harness } from './harness.js';

const YERMAK = /As long as (Mr\. )?Zelensk\w+ is president/;
const run = promisify(execFile);

/** The bad articles a real seeds folder ends up with, and the warning each must get. */
function addBadArticles(seedsDir: string): Record<string, RegExp> {
  const file = (name: string) => path.join(seedsDir, name);
  writeFileSync(file('empty.txt'), '');
  writeFileSync(
    file('binary.txt'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...Array(2000).fill(0)]),
  );
  writeFileSync(file('huge.txt'), 'The harbour crane story goes on and on. '.repeat(Math.ceil((5 * 1024 * 1024) / 40))); // 5 MB
  writeFileSync(
    file('latin1.txt'),
    Buffer.concat([
      Buffer.from('Bishkek cafe opens\n\nA new caf'),
      Buffer.from([0xe9]), // "é" in Latin-1: invalid UTF-8
      Buffer.from(' called Tunduk opened in Bishkek on Monday. Owner Aibek Osmonov said it serves plov and green tea to reporters every day.\n'),
    ]),
  );
  copyFileSync(file('002_74fab2486cdf4fb4.txt'), file('dup.txt'));
  writeFileSync(
    file('broken.md'),
    '---\ntitle: [unclosed\noutlet: Lake Wire\n---\nIssyk-Kul ferry resumes\n\nThe Issyk-Kul ferry resumed service on Tuesday, captain Nurlan Beishenov said, after two weeks of storms.\n',
  );
  return {
    'empty.txt': /^empty\.txt: skipped: file is empty$/,
    'binary.txt': /^binary\.txt: skipped: file looks binary/,
    'huge.txt': /^huge\.txt: skipped: 5\.0 MB is over the 1\.0 MB article limit \(MAX_ARTICLE_BYTES\)$/,
    'latin1.txt': /^latin1\.txt: file has 1 invalid UTF-8 byte\(s\); they were replaced with \uFFFD$/,
    'dup.txt': /^dup\.txt: skipped: identical to 002_74fab2486cdf4fb4\.txt$/,
    'broken.md': /^broken\.md: front matter is not valid YAML \(.+\); ignored it and indexed the text after it$/,
  };
}

/** The indexing processes the engine started: children of this process running build-worker (Linux /proc). */
function indexingProcesses(): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('build-worker')) out.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** After a run with bad articles: the index loads and answers, with the usable ones in it. */
async function expectHealthyIndex(engine: Engine): Promise<void> {
  const ids = engine.listArticles().map((s) => s.id);
  expect(ids).toEqual(expect.arrayContaining(['000_5ed6bed9a529a53f', 'latin1', 'broken']));
  for (const skipped of ['empty', 'binary', 'huge', 'dup']) expect(ids).not.toContain(skipped);
  expect((await engine.ask('what did Yermak say?')).text).toMatch(YERMAK);
  expect((await engine.ask('What did Aibek Osmonov say about the Tunduk cafe?')).text).toMatch(/Tunduk|plov and green tea/);
  expect((await engine.ask('When did the Issyk-Kul ferry resume service?')).text).toMatch(/resumed service on Tuesday/);
}

describe('bad articles: `npm run index` (the CLI, as a process)', () => {
  let w: Workspace;
  beforeAll(() => {
    w = makeWorkspace();
  });
  afterAll(() => w?.cleanup());

  it('skips or flags each one with a warning naming the file, exits 0, and leaves an index that loads and answers', async () => {
    const expected = addBadArticles(w.seedsDir);
    const cli = await run(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/index-command.ts')], {
      cwd: REPO,
      env: { ...process.env, SEEDS_DIR: w.seedsDir, INDEX_DIR: w.indexDir },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 240_000,
    });
    expect(cli.stdout).toMatch(/^Indexed 7 article\(s\) into \d+ passage\(s\)/);
    const warnings = cli.stdout
      .split('\n')
      .filter((l) => l.startsWith('Warning: '))
      .map((l) => l.slice('Warning: '.length));
    expect(warnings).toHaveLength(Object.keys(expected).length);
    for (const [name, pattern] of Object.entries(expected))
      expect(
        warnings.filter((l) => pattern.test(l)),
        name,
      ).toHaveLength(1);

    const engine = await Engine.open({ config: w.config, embedder: await testEmbedder(), buildIfMissing: false });
    await expectHealthyIndex(engine);
  });
});

describe('through the bot', () => {
  const harness = useHarness();
  let h: Harness;
  beforeAll(() => {
    h = harness();
  });
  const admin = { permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages };

  const reindex = async () => {
    const ref = h.slash('reindex', [], admin);
    expect(await h.callback(ref)).toEqual({ type: 5, data: { flags: 64 } });
    return (await h.original(ref, 120_000)) as { content?: string; embeds?: { title?: string; description?: string }[] };
  };
  const askYermak = async () => {
    const ref = h.slash('ask', [{ name: 'question', value: 'what did Yermak say?' }]);
    expect((await h.callback(ref)).type).toBe(5);
    return (await h.original(ref)).embeds![0]!;
  };

  describe('bad articles: /reindex', () => {
    it('reports a warning per bad file in its summary; the new index is in service and answers', async () => {
      const expected = addBadArticles(h.w.seedsDir);
      const embed = (await reindex()).embeds![0]!;
      expect(embed.title).toBe('Re-index complete: the new index is in service');
      expect(embed.description).toMatch(/^Indexed 7 article\(s\)/);
      // the summary is escaped markdown: undo that to read the warning lines
      const warnings = embed
        .description!.replace(/\\(.)/g, '$1')
        .split('\n')
        .filter((l) => l.startsWith('Warning: '))
        .map((l) => l.slice('Warning: '.length));
      for (const [name, pattern] of Object.entries(expected))
        expect(
          warnings.filter((l) => pattern.test(l)),
          name,
        ).toHaveLength(1);
      await expectHealthyIndex(h.engine);
      const ref = h.slash('ask', [{ name: 'question', value: 'When did the Issyk-Kul ferry resume service?' }]);
      await h.callback(ref);
      expect((await h.original(ref)).embeds![0]!.description).toMatch(/resumed service on Tuesday/);
    });
  });

  describe('a failed hot reload keeps the old index in service', () => {
    const before = () => h.engine.listArticles().map((s) => s.id);

    it('the articles folder is gone → a clear error; the next /ask is answered from the old index', async () => {
      const sources = before();
      const away = `${h.w.seedsDir}.away`;
      renameSync(h.w.seedsDir, away);
      try {
        const reply = await reindex();
        expect(reply.content).toBe(
          `Re-index failed: The articles folder ${h.w.seedsDir} does not exist. Put articles there (.txt, .md or .html). ${OLD_INDEX_KEPT}`,
        );
        expect(h.engine.isReindexing).toBe(false);
        expect((await askYermak()).description).toMatch(YERMAK);
        expect(before()).toEqual(sources);
      } finally {
        renameSync(away, h.w.seedsDir);
      }
    });

    it('every article unusable → a clear error naming the files; the old index still answers', async () => {
      const sources = before();
      const away = `${h.w.seedsDir}.away`;
      renameSync(h.w.seedsDir, away);
      mkdirSync(h.w.seedsDir);
      writeFileSync(path.join(h.w.seedsDir, 'blank.txt'), '   \n\n');
      writeFileSync(path.join(h.w.seedsDir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
      try {
        const reply = await reindex();
        expect(reply.content).toMatch(
          /^Re-index failed: No usable articles in .+ \(\.txt, \.md or \.html\)\. blank\.txt: skipped: .+; image\.txt: skipped: file looks binary/,
        );
        expect(reply.content).toContain(OLD_INDEX_KEPT);
        expect((await askYermak()).description).toMatch(YERMAK);
        expect(before()).toEqual(sources);
      } finally {
        rmSync(h.w.seedsDir, { recursive: true });
        renameSync(away, h.w.seedsDir);
      }
    });

    it('the indexing process dies (kill -9, as a native crash in the model would) → "Re-index failed (ref …)", details only in the log; old index answers; a retry succeeds', async () => {
      const sources = before();
      writeFileSync(path.join(h.w.seedsDir, '020_new.txt'), 'Osh bazaar reopens\n\nThe Osh bazaar reopened on Sunday after a fire, the mayor said.\n');
      const earlier = new Set(indexingProcesses()); // earlier runs' processes may still be exiting
      const ref0 = h.slash('reindex', [], admin);
      expect(await h.callback(ref0)).toEqual({ type: 5, data: { flags: 64 } });
      let pid: number | undefined;
      for (let i = 0; i < 400 && !pid; i++) {
        pid = indexingProcesses().find((p) => !earlier.has(p));
        if (!pid) await new Promise((r) => setTimeout(r, 25));
      }
      expect(pid, 'the re-index runs in a child process').toBeDefined();
      process.kill(pid!, 'SIGKILL');
      const reply = (await h.original(ref0, 120_000)) as { content?: string };
      expect(reply.content).toMatch(
        new RegExp(`^Re-index failed \\(ref ([0-9A-F]{6}); details in the bot's log\\)\\. ${OLD_INDEX_KEPT.replace(/[.:]/g, '\\$&')}$`),
      );
      const ref = /ref ([0-9A-F]{6})/.exec(reply.content!)![1]!;
      expect(reply.content).not.toContain('SIGKILL');
      expect(h.logger.lines).toContainEqual(
        expect.stringMatching(new RegExp(`^ERROR \\[ref ${ref}\\] /reindex failed :: the indexing process ended unexpectedly \\(signal SIGKILL\\)`)),
      );
      expect((await askYermak()).description).toMatch(YERMAK);
      expect(before()).toEqual(sources);
      const retry = (await reindex()).embeds![0]!;
      expect(retry.description).toContain('Added 1 (020\\_new)');
      expect(before()).toContain('020_new');
    });
  });

  describe('the gateway drops the connection mid-answer', () => {
    it('between the deferral and the edit: discord.js resumes, the answer is still delivered (over REST), nothing is logged as an error', async () => {
      const errorsBefore = h.logger.lines.filter((l) => l.startsWith('ERROR')).length;
      const resumesBefore = h.server.gatewayLog.filter((e) => e.kind === 'resume' && e.ok).length;
      const { release, restore } = holdAnswers(h);
      try {
        const ref = h.slash('ask', [{ name: 'question', value: 'what did Yermak say?' }]);
        expect((await h.callback(ref)).type).toBe(5);
        expect(h.server.dropConnections()).toBe(1); // abrupt TCP drop (1006)
        // while disconnected, another question arrives: Discord buffers it for the session
        const during = h.server.sendInteraction(h.server.slashCommand({ name: 'ask', options: [{ name: 'question', value: 'who is Andriy Yermak?' }] }));
        await h.server.waitForGateway((e) => e.kind === 'resume' && e.ok, 15_000, resumesBefore + 1);
        release();
        expect((await h.original(ref)).embeds![0]!.description).toMatch(YERMAK);
        expect((await h.callback(during)).type).toBe(5); // replayed on RESUME and deferred in time
        expect((await h.original(during)).embeds![0]!.description).toBeTruthy();
      } finally {
        restore();
      }
      expect(h.logger.lines.filter((l) => l.startsWith('ERROR')).length).toBe(errorsBefore);
      expect(h.server.openGatewayConnections).toBe(1);
      expect((await askYermak()).description).toMatch(YERMAK); // and it keeps working
    });

    it('a resumable close (4000) and op 7 RECONNECT mid-answer: same', async () => {
      for (const fault of [() => h.server.dropConnections(4000), () => h.server.requestReconnect()]) {
        const resumes = h.server.gatewayLog.filter((e) => e.kind === 'resume' && e.ok).length;
        const { release, restore } = holdAnswers(h);
        try {
          const ref = h.slash('ask', [{ name: 'question', value: 'what did Yermak say?' }]);
          expect((await h.callback(ref)).type).toBe(5);
          fault();
          await h.server.waitForGateway((e) => e.kind === 'resume' && e.ok, 15_000, resumes + 1);
          release();
          expect((await h.original(ref)).embeds![0]!.description).toMatch(YERMAK);
        } finally {
          restore();
        }
      }
      expect(h.logger.lines.filter((l) => l.startsWith('ERROR'))).toEqual([expect.stringMatching(/\/reindex failed/)]);
    });
  });
});
