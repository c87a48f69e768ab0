/**
 * `npm run bench:add`: how long adding one article to the five seeds takes through Discord, end
 * to end — from the /add interaction reaching the bot to the bot's reply with the article's title,
 * outlet, date and passages (fetching the page from a loopback web server, Readability, writing
 * the file, the incremental build in its own process with its own model, loading and swapping the
 * index) — and whether the first /ask after it cites it. The target (issue #12): under 3 s.
 *
 * Each round adds one test page to the five seeds, asks about it, then removes it again (so every
 * add is "one article to the five seeds"). Run from TypeScript (`npm run bench:add`, the indexing
 * process then runs through tsx too) or compiled as `npm start` runs the bot
 * (`npm run build && node dist/bench/add-article.js`).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationCommandOptionType, PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { createBot } from '../src/bot/create-bot.js';
import { memoryLogger } from '../src/bot/logger.js';
import { registerCommands } from '../src/bot/register-commands.js';
import { loadEngineConfig } from '../src/config/engine-config.js';
import { embedderOptionsFrom, loadEmbedder } from '../src/embed/embedder.js';
import { Engine } from '../src/engine/engine.js';
import { startFakeDiscord } from '../test/support/fake-discord/index.js';
import { page, startPageServer } from '../test/support/pages.js';
import { fmtSpread, spread } from './lib/stats.js';

const REPO = path.resolve(import.meta.dirname, import.meta.url.endsWith('.ts') ? '..' : '../..');
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 8);
const log = (s: string) => process.stdout.write(`${s}\n`);

/** A page and a question its first /ask should answer from it. */
const PAGES: [string, string, RegExp][] = [
  ['standard-article.html', 'When will construction of the Kestwick sea wall start?', /March/],
  ['time-and-title.html', 'How many office staff will work a four-day week in Glenmoor?', /450/],
  ['jsonld-only.html', 'When will Tarnside library reopen?', /April/],
  ['paywall-teaser.html', 'How many jobs will the Dunmere bakery closure cut?', /310/],
  ['comments-heavy.html', 'Who will take charge of Ashworth Rovers for the FA Cup tie?', /Oduya/],
  ['no-metadata.html', 'How many trees were planted on Corran Hill?', /5,000/],
  ['live-blog.html', 'How many lorries are parked on the approach road to Bramley port?', /220/],
  ['legacy-markup.html', 'How much were the owners of Harwood Mill fined?', /85,000/],
];

const work = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-bench-add-'));
const seedsDir = path.join(work, 'seeds');
cpSync(path.join(REPO, 'seeds'), seedsDir, { recursive: true });
const config = loadEngineConfig({ ...process.env, SEEDS_DIR: seedsDir, INDEX_DIR: path.join(work, 'embeddings'), ALLOW_PRIVATE_FETCH: 'true' });
const embedder = await loadEmbedder(embedderOptionsFrom(config));
const engine = await Engine.open({ config, embedder, name: 'the benchmark' });
const [web, discord] = await Promise.all([startPageServer(), startFakeDiscord()]);
await registerCommands({ token: discord.token, clientId: discord.applicationId, guildId: discord.guildId, apiBase: discord.apiBase });
const bot = createBot({ engine, config: { token: discord.token, apiBase: discord.apiBase }, logger: memoryLogger() });
await bot.start();
const manager = { permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel };

const endToEnd: number[] = [];
const engineSide: number[] = [];
const answers: string[] = [];
try {
  log(
    `Adding one article to the five seeds through /add (loopback Discord and web server), ${rounds} rounds, ${import.meta.url.endsWith('.ts') ? 'from TypeScript (tsx)' : 'compiled JS'}:`,
  );
  for (let i = 0; i < rounds; i++) {
    const [file, question, expected] = PAGES[i % PAGES.length]!;
    const url = web.serve(`/r${i}/${file}`, page(file));
    const t = performance.now();
    const ref = discord.sendInteraction(
      discord.slashCommand({ name: 'add', options: [{ name: 'url', type: ApplicationCommandOptionType.String, value: url }], ...manager }),
    );
    const reply = await discord.waitForResponse<{ embeds?: APIEmbed[]; content?: string }>(
      { method: 'PATCH', path: `/webhooks/${discord.applicationId}/${ref.token}/messages/@original` },
      60_000,
    );
    const ms = performance.now() - t;
    const embed = reply.body?.embeds?.[0];
    if (!embed) throw new Error(`/add of ${file} failed: ${reply.body?.content}`);
    endToEnd.push(ms);
    engineSide.push(Number(/in (\d+\.\d) s$/.exec(embed.footer?.text ?? '')?.[1] ?? NaN) * 1000);
    const id = embed.fields!.find((f) => f.name === 'ID')!.value.replace(/`/g, '');

    const askRef = discord.sendInteraction(discord.slashCommand({ name: 'ask', options: [{ name: 'question', value: question }] }));
    const answer = (
      await discord.waitForResponse<{ embeds?: APIEmbed[] }>(
        { method: 'PATCH', path: `/webhooks/${discord.applicationId}/${askRef.token}/messages/@original` },
        60_000,
      )
    ).body!.embeds![0]!;
    const cites = (answer.fields ?? []).some((f) => f.value.includes(id)) && expected.test(answer.description ?? '');
    answers.push(`${file}: ${cites ? 'cited' : 'NOT cited'}`);
    log(`  ${file.padEnd(24)} ${(ms / 1000).toFixed(2)} s end to end; first /ask ${cites ? 'cites it' : 'does NOT cite it'}`);
    await engine.removeArticle(id);
  }
  log(
    `\n/add end to end: ${fmtSpread(spread(endToEnd.map((m) => m / 1000)), 2)} s (median (min–max) of ${rounds}); engine side (fetch → index in service): ${fmtSpread(spread(engineSide.map((m) => m / 1000)), 1)} s`,
  );
  log(`first /ask after the add cites the new article: ${answers.filter((a) => a.endsWith(': cited')).length}/${answers.length}`);
} finally {
  await bot.stop();
  await discord.close();
  await web.close();
  await engine.close();
  await embedder.dispose();
  rmSync(work, { recursive: true, force: true });
}
