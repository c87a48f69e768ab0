/**
 * /add and /remove end to end (issue #12, points 3, 6 and 7): the real bot (createBot, discord.js)
 * against the loopback Discord server — attachments served by its CDN route — a real engine on a
 * copy of the five seeds, and pages served by a loopback web server. Everything asserted is what
 * the bot sends to Discord.
 */
import { ApplicationCommandOptionType, PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { GIVE_ONE, ONLY_ONE } from '../../src/bot/commands/add.js';
import { CANCELLED } from '../../src/bot/commands/remove.js';
import { embedText, useHarness, type Harness, type MessageBody } from '../hardening/harness.js';
import { page, startPageServer, type PageServer } from '../support/pages.js';
import { makeWorkspace } from '../support/workspace.js';
import type { InteractionRef } from '../support/fake-discord/index.js';

const ROLE_ID = '1300000000000000001';
const MANAGER = { permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel };
/** A member without Manage Server and without the role (a user of their own: roles stick to a member). */
const MEMBER = { user: { id: '1300000000000000099', username: 'bystander' }, permissions: PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel };
/** A member with the article-manager role, and no Manage Server. */
const ROLE_MEMBER = {
  user: { id: '1300000000000000098', username: 'editor' },
  roles: [ROLE_ID],
  permissions: PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel,
};
const EPHEMERAL_DEFER = { type: 5, data: { flags: 64 } };

let web: PageServer;
const pagesReady = startPageServer().then((s) => (web = s));
afterAll(async () => {
  await web?.close();
});

/** Send /add with a link or an uploaded file; returns the interaction. */
function add(
  h: Harness,
  what: { url?: string; file?: { filename: string; data: string | Buffer; contentType?: string; servedAs?: string } },
  who: object = MANAGER,
): InteractionRef {
  const options = [];
  if (what.url !== undefined) options.push({ name: 'url', value: what.url });
  if (what.file) {
    const a = h.server.uploadAttachment(what.file);
    options.push({ name: 'file', type: ApplicationCommandOptionType.Attachment, value: a.id });
  }
  return h.server.sendInteraction(h.server.slashCommand({ name: 'add', options, ...who }));
}

/** The private reply to an /add: deferred ephemerally at once, then edited. */
async function addReply(h: Harness, ref: InteractionRef): Promise<MessageBody> {
  expect(await h.callback(ref)).toEqual(EPHEMERAL_DEFER);
  return h.original(ref, 60_000);
}

const fieldsOf = (e: APIEmbed | undefined) => Object.fromEntries((e?.fields ?? []).map((f) => [f.name, f.value]));
const seedsOf = (h: Harness) => readdirSync(h.w.seedsDir).sort();

describe('with ALLOW_PRIVATE_FETCH (pages from the loopback web server)', () => {
  const w = makeWorkspace({ ALLOW_PRIVATE_FETCH: 'true', FETCH_TIMEOUT_MS: '1500', MAX_ARTICLE_BYTES: String(300 * 1024) });
  const harness = useHarness({
    workspace: w,
    discord: { articleManagerRole: 'Article managers' },
    server: { guilds: [{ roles: [{ id: ROLE_ID, name: 'Article managers' }] }] },
  });
  afterAll(() => w.cleanup());
  let kestwickId = '';

  it('/add url: → private reply with title, outlet, date and passages; the next /ask cites it by its outlet', async () => {
    await pagesReady;
    const h = harness();
    const ref = add(h, { url: web.serve('/news/kestwick', page('standard-article.html')) });
    const reply = await addReply(h, ref);
    const embed = reply.embeds![0]!;
    expect(embed.title).toBe('Added: Kestwick sea wall approved after a decade of winter flooding');
    expect(embed.url).toBe('https://www.harbourtimes.example/news/2025/11/27/kestwick-sea-wall-approved');
    const fields = fieldsOf(embed);
    expect(fields).toMatchObject({ Outlet: 'The Harbour Times', Published: '2025-11-27', 'Cited as': 'The Harbour Times' });
    expect(Number(fields.Passages)).toBeGreaterThan(0);
    kestwickId = fields.ID!.replace(/`/g, '');
    expect(kestwickId).toMatch(/^kestwick-sea-wall-approved-after-a-decade-of-winter-flooding-[0-9a-f]{10}$/);
    expect(embed.footer!.text).toMatch(new RegExp(`^Saved as ${kestwickId}\\.md · indexed and answering in \\d+\\.\\d s$`));
    expect(h.logger.lines).toContainEqual(expect.stringMatching(/^INFO \/add done in \d+\.\d s: kestwick-sea-wall/));

    const ask = h.slash('ask', [{ name: 'question', value: 'When will construction of the Kestwick sea wall start?' }]);
    expect((await h.callback(ask)).type).toBe(5);
    const answer = (await h.original(ask)).embeds![0]!;
    expect(answer.description).toMatch(/^Construction is due to start in March/);
    expect(embedText(answer)).toMatch(
      new RegExp(
        `\\*\\*\\[1\\]\\*\\* \\[The Harbour Times\\]\\(https://www\\.harbourtimes\\.example/[^)]+\\) — Kestwick sea wall approved after a decade of winter flooding · ¶\\d+ · \`${kestwickId}\``,
      ),
    );
  });

  it('/add file: an attached .html page, and a .md file sniffed by the CDN as octet-stream', async () => {
    const h = harness();
    const html = await addReply(h, add(h, { file: { filename: 'valley.html', data: page('jsonld-only.html'), contentType: 'text/html; charset=utf-8' } }));
    expect(html.embeds![0]!.title).toBe('Added: Tarnside library to reopen in spring after roof repairs');
    expect(fieldsOf(html.embeds![0])).toMatchObject({ Outlet: 'Valley Post', Published: '2025-09-02' });
    const md =
      '---\ntitle: Harbour ferry fares to rise in April\noutlet: Kestwick Weekly\npublished: 2025-12-02\n---\nFares on the Kestwick harbour ferry will rise by 20p in April, the operator said, the first increase in three years.\n\nThe operator blamed higher fuel and insurance costs.\n';
    const mdReply = await addReply(h, add(h, { file: { filename: 'notes from the meeting!!.md', data: md, servedAs: 'application/octet-stream' } }));
    expect(mdReply.embeds![0]!.title).toBe('Added: Harbour ferry fares to rise in April');
    const id = fieldsOf(mdReply.embeds![0]).ID!.replace(/`/g, '');
    expect(id).toMatch(/^harbour-ferry-fares-to-rise-in-april-[0-9a-f]{10}$/); // never the uploaded file's name
    expect(h.server.requests.filter((r) => r.route?.includes('(CDN)')).map((r) => r.response?.status)).toEqual([200, 200]);
  });

  it('refusals are private, clear, and leave the articles folder as it was', async () => {
    const h = harness();
    const before = seedsOf(h);
    const cases: [string, () => InteractionRef, RegExp][] = [
      [
        'duplicate',
        () => add(h, { url: web.serve('/amp/kestwick', page('standard-article.html')) }),
        new RegExp(
          `^That article is already in the index as ${kestwickId} \\(The Harbour Times: “Kestwick sea wall approved after a decade of winter flooding”\\): the same page \\(same canonical URL\\)\\. Nothing was added\\. Use \`/source article:${kestwickId}\` to see it\\.$`,
        ),
      ],
      ['404', () => add(h, { url: `${web.base}/nowhere` }), /^127\.0\.0\.1:\d+ answered 404 \(no such page\) for that link; nothing was added\.$/],
      [
        'not a page',
        () => add(h, { url: web.serve('/photo.jpg', Buffer.alloc(500), 'image/jpeg') }),
        /^That link is a image\/jpeg file, not a web page or text \(text\/html, text\/plain, text\/markdown\); nothing was added\.$/,
      ],
      [
        'oversized page',
        () => add(h, { url: web.serve('/huge', `<html><body>${'<p>word </p>'.repeat(40_000)}</body></html>`) }),
        /^The page at 127\.0\.0\.1:\d+ is 0\.5 MB, over the 0\.3 MB limit for an article \(MAX_ARTICLE_BYTES\); nothing was added\.$/,
      ],
      [
        'timeout',
        () => (web.routes.set('/slow', () => undefined), add(h, { url: `${web.base}/slow` })),
        /^127\.0\.0\.1:\d+ did not send the page within 1\.5 s; nothing was added\.$/,
      ],
      [
        'no article in the page',
        () => add(h, { url: web.serve('/video', page('video-page.html')) }),
        /^Could not find an article in that page: no article text could be found in the page \(\d+ characters of text after removing navigation and page furniture\)\. Nothing was added\.$/,
      ],
      [
        'an attachment of another type',
        () => add(h, { file: { filename: 'report.pdf', data: '%PDF-1.4', contentType: 'application/pdf' } }),
        /^Only \.txt, \.md, \.html, \.htm files can be added \(this is a \.pdf file\); nothing was added\.$/,
      ],
      [
        'an oversized attachment',
        () => add(h, { file: { filename: 'big.txt', data: Buffer.alloc(400 * 1024, 'a'), contentType: 'text/plain' } }),
        /^big\.txt is 0\.4 MB, over the 0\.3 MB limit for an article \(MAX_ARTICLE_BYTES\); nothing was added\.$/,
      ],
    ];
    for (const [what, send, expected] of cases) {
      const cdnBefore = h.server.requests.filter((r) => r.route?.includes('(CDN)')).length;
      const reply = await addReply(h, send());
      expect(reply.content, what).toMatch(expected);
      expect(reply.embeds ?? [], what).toEqual([]);
      if (what.includes('attachment')) expect(h.server.requests.filter((r) => r.route?.includes('(CDN)')).length, `${what}: never downloaded`).toBe(cdnBefore);
    }
    expect(seedsOf(h)).toEqual(before);
    expect(h.logger.lines.filter((l) => l.startsWith('ERROR'))).toEqual([]);
  });

  it('no link and no file, or both: told what to give, nothing deferred', async () => {
    const h = harness();
    expect((await h.callback(add(h, {}))).data).toMatchObject({ content: GIVE_ONE, flags: 64 });
    expect((await h.callback(add(h, { url: 'https://a.example/x', file: { filename: 'a.txt', data: 'x' } }))).data).toMatchObject({
      content: ONLY_ONE,
      flags: 64,
    });
  });

  it('while the index is being updated, /add is refused privately before it starts (after its own checks), nothing deferred or added', async () => {
    const h = harness();
    const before = seedsOf(h);
    const reindex = h.slash('reindex', [{ name: 'full', value: true }], MANAGER); // full: re-embeds everything, takes seconds
    expect(await h.callback(reindex)).toEqual(EPHEMERAL_DEFER);
    expect(h.engine.isReindexing).toBe(true);
    const busy = add(h, { url: 'https://a.example/news/x' });
    expect(await h.callback(busy)).toEqual({
      type: 4,
      data: expect.objectContaining({
        flags: 64,
        content: 'The index is being updated right now (a re-index, or an article being added or removed). Try /add again when it has finished.',
      }),
    });
    // the checks run in the order declared: the missing link is named first, busy or not
    expect((await h.callback(add(h, {}))).data).toMatchObject({ content: GIVE_ONE, flags: 64 });
    expect(h.server.requests.filter((r) => r.path.includes(busy.token)).length).toBe(1);
    expect((await h.original(reindex, 60_000)).embeds![0]!.title).toBe('Re-index complete: the new index is in service');
    expect(seedsOf(h)).toEqual(before);
  });

  it('permission: a member without Manage Server or the article-manager role is refused; a member with the role may add', async () => {
    const h = harness();
    const refused = await h.callback(add(h, { url: web.serve('/glenmoor', page('time-and-title.html')) }, MEMBER));
    expect(refused).toEqual({
      type: 4,
      data: expect.objectContaining({
        flags: 64,
        content: 'Sorry, only members with the **Manage Server** permission or the **Article managers** role can add articles.',
      }),
    });
    const byRole = await addReply(h, add(h, { url: `${web.base}/glenmoor` }, ROLE_MEMBER));
    expect(fieldsOf(byRole.embeds![0])).toMatchObject({ Outlet: 'Glenmoor Gazette', Published: '2025-08-19' });
    // registered so that the role's members can see them
    const registered = [...h.server.world.guildCommands.get(h.server.guildId)!.values()];
    expect(registered.find((c) => c.name === 'add')!.default_member_permissions).toBeNull();
    expect(registered.find((c) => c.name === 'reindex')!.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
  });

  it('/sources names each article as citations do: the outlet, else a title of at most 40 characters', async () => {
    const h = harness();
    const ref = h.slash('sources');
    const text = (await h.callback(ref)).data!.embeds![0]!.description!;
    expect(text).toMatch(
      /\*\*\d+\.\*\* \*\*The Harbour Times\*\* · \[Kestwick sea wall approved after a decade of winter flooding\]\(https:\/\/www\.harbourtimes\.example\/[^)]+\)\n`kestwick-[^`]+` · 2025-11-27 · \d+ passages?/,
    );
    // a seed without an outlet: its short title, not its 200-character lede
    const seedLine = text.split('\n').find((l) => l.startsWith('**') && l.includes('President Vladimir Putin'))!;
    expect(seedLine).toMatch(/^\*\*\d+\.\*\* President Vladimir Putin has rejected…$/);
  });

  it('/remove: autocomplete, a private confirmation, Cancel keeps it, Remove removes it', async () => {
    const h = harness();
    const ac = h.server.sendInteraction(
      h.server.autocomplete({ name: 'remove', options: [{ name: 'article', value: 'kestwick', focused: true }], ...MANAGER }),
    );
    const choices = (await h.callback(ac)).data!.choices!;
    expect(choices[0]).toMatchObject({ value: kestwickId, name: expect.stringContaining('The Harbour Times: Kestwick sea wall') });

    const ask = () => h.server.sendInteraction(h.server.slashCommand({ name: 'remove', options: [{ name: 'article', value: kestwickId }], ...MANAGER }));
    const confirm = await h.callback(ask());
    expect(confirm.type).toBe(4);
    expect(confirm.data!.flags).toBe(64);
    expect(confirm.data!.embeds![0]!.title).toBe('Remove Kestwick sea wall approved after a decade of winter flooding?');
    const [removeButton, cancelButton] = confirm.data!.components![0]!.components;
    expect(removeButton).toMatchObject({ custom_id: `remove:confirm:${kestwickId}`, label: 'Remove' });
    expect(cancelButton).toMatchObject({ custom_id: 'remove:cancel', label: 'Cancel' });

    const cancelled = await h.callback(h.server.sendInteraction(h.server.buttonClick({ customId: 'remove:cancel', ...MANAGER })));
    expect(cancelled).toMatchObject({ type: 7, data: { content: CANCELLED, embeds: [], components: [] } });
    expect(h.engine.hasArticle(kestwickId)).toBe(true);

    // a member who is not a manager cannot use the button either
    const sneaky = await h.callback(h.server.sendInteraction(h.server.buttonClick({ customId: `remove:confirm:${kestwickId}`, ...MEMBER })));
    expect(sneaky.data).toMatchObject({ flags: 64, content: expect.stringMatching(/^Sorry, only members with the \*\*Manage Server\*\* permission/) });
    expect(h.engine.hasArticle(kestwickId)).toBe(true);

    const file = (await h.engine.getArticle(kestwickId))!.info.file;
    const click = h.server.sendInteraction(h.server.buttonClick({ customId: `remove:confirm:${kestwickId}`, ...MANAGER }));
    expect(await h.callback(click)).toMatchObject({ type: 7, data: { content: `Removing ${kestwickId}…`, components: [] } });
    const done = (await h.original(click, 60_000)).embeds![0]!;
    expect(done.title).toBe('Removed: Kestwick sea wall approved after a decade of winter flooding');
    expect(done.description).toMatch(new RegExp(`^\`${kestwickId}\` is no longer in the index\\. It now has \\d+ articles and \\d+ passages\\.$`));
    expect(h.engine.hasArticle(kestwickId)).toBe(false);
    expect(seedsOf(h)).not.toContain(file);

    const again = await h.callback(ask());
    expect(again.data).toMatchObject({ flags: 64, content: expect.stringMatching(/^There is no article "kestwick-[^"]+" in the index\./) });
    const member = await h.callback(
      h.server.sendInteraction(h.server.slashCommand({ name: 'remove', options: [{ name: 'article', value: '002_74fab2486cdf4fb4' }], ...MEMBER })),
    );
    expect(member.data).toMatchObject({ flags: 64, content: expect.stringMatching(/^Sorry, only members with/) });
  });
});

describe('without ALLOW_PRIVATE_FETCH', () => {
  const w = makeWorkspace({ ALLOW_PRIVATE_FETCH: '' });
  const harness = useHarness({ workspace: w });
  afterAll(() => w.cleanup());

  it('links to loopback, private, link-local and metadata addresses are refused before anything is fetched', async () => {
    await pagesReady;
    const h = harness();
    web.seen.length = 0;
    const url = web.serve('/private', page('standard-article.html'));
    for (const [link, kind] of [
      [url, 'a loopback address \\(127\\.0\\.0\\.1\\)'],
      [`http://localhost:${web.port}/private`, 'a loopback address \\(127\\.0\\.0\\.1\\)'],
      ['http://169.254.169.254/latest/meta-data/', 'a cloud metadata address \\(169\\.254\\.169\\.254\\)'],
      ['http://10.20.30.40/news', 'a private or reserved address \\(10\\.20\\.30\\.40\\)'],
    ] as const) {
      const reply = await addReply(h, add(h, { url: link }));
      expect(reply.content).toMatch(new RegExp(`^Refused to fetch [^:]+(:\\d+)?: it points to ${kind}, not a public web site\\.$`));
    }
    const scheme = await addReply(h, add(h, { url: 'file:///etc/passwd' }));
    expect(scheme.content).toBe('Only http and https links can be added (this one is file:).');
    expect(web.seen).toEqual([]);
  });
});
