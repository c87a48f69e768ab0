/**
 * /quotes and /compare end to end: real Engine (real model, real index with its quote index on a
 * temp copy of the seeds), the unmodified discord.js client, the loopback Discord server.
 */
import { describe, expect, it } from 'vitest';
import { embedText, useHarness } from '../hardening/harness.js';

const h = useHarness();
const YERMAK_SOURCES = ['000_5ed6bed9a529a53f', '001_5d1f077759e5ea62', '003_fef9203f1872d730'];

describe('/quotes', () => {
  it('without a speaker lists the speakers with their number of statements', async () => {
    const cb = await h().callback(h().slash('quotes'));
    expect(cb.type).toBe(4);
    const e = cb.data!.embeds![0]!;
    expect(e.title).toBe('Who is quoted');
    expect(e.description).toMatch(/^\*\*Vladimir Putin\*\* — \d+ statements/);
    expect(e.description).toMatch(/\*\*Andriy Yermak\*\* — 1 statement, 1 fragment · in 3 of 5 outlets/);
  });

  it('speaker:Yermak shows his statement with the wordings of the three outlets that carry it, each cited', async () => {
    const cb = await h().callback(h().slash('quotes', [{ name: 'speaker', value: 'Yermak' }]));
    const e = cb.data!.embeds![0]!;
    expect(e.title).toBe('Quotes of Andriy Yermak');
    const first = e.fields![0]!;
    expect(first.name).toBe('Andriy Yermak — 3 of 5 outlets');
    const lines = first.value.split('\n');
    expect(lines).toHaveLength(3);
    lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^“As long as .*territory.?,?” — .+ ¶\\d+ \`${YERMAK_SOURCES[i]}\`$`)));
    expect(e.fields![1]!.name).toBe('Andriy Yermak (fragment) — 1 of 5 outlets'); // fragments after full quotes
  });

  it('pages with Prev/Next, and autocompletes speakers (any spelling) and sources', async () => {
    const ref = h().slash('quotes', [{ name: 'speaker', value: 'the Russian president' }]);
    const cb = await h().callback(ref);
    expect(cb.data!.embeds![0]!.title).toBe('Quotes of Vladimir Putin');
    expect(cb.data!.embeds![0]!.footer!.text).toMatch(/^Page 1\/(\d+)/);
    const next = cb.data!.components![0]!.components[1]!;
    expect(next.custom_id).toMatch(/^quotes:next:0:/);
    const messageId = h().server.originalResponse(ref)!.id;
    const upd = await h().callback(h().server.sendInteraction(h().server.buttonClick({ customId: next.custom_id, messageId })));
    expect(upd.type).toBe(7);
    expect(upd.data!.embeds![0]!.footer!.text).toMatch(/^Page 2\//);
    expect(embedText(upd.data!.embeds![0])).not.toEqual(embedText(cb.data!.embeds![0]));

    const ac = await h().callback(h().server.sendInteraction(h().server.autocomplete({ name: 'quotes', options: [{ name: 'speaker', value: 'yer', focused: true }] })));
    expect(ac.type).toBe(8);
    expect(ac.data!.choices!.map((c) => c.value)).toEqual(['Andriy Yermak']);
    const src = await h().callback(h().server.sendInteraction(h().server.autocomplete({ name: 'quotes', options: [{ name: 'source', value: '004', focused: true }] })));
    expect(src.data!.choices!.map((c) => c.value)).toEqual(['004_026a93b63b322719']);
  });

  it('an unknown speaker gets a short private answer naming who is quoted', async () => {
    const cb = await h().callback(h().slash('quotes', [{ name: 'speaker', value: 'Macron' }]));
    expect(cb).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(/^No one called "Macron" is quoted in the articles\. Quoted: Vladimir Putin/) } });
  });
});

describe('/compare and /ask', () => {
  it('/compare topic:written guarantee lists each covering outlet’s claim, cited', async () => {
    const ref = h().slash('compare', [{ name: 'topic', value: 'written guarantee' }]);
    expect((await h().callback(ref)).type).toBe(5);
    const e = (await h().original(ref)).embeds![0]!;
    expect(e.title).toBe('Coverage of: written guarantee');
    const perSource = e.fields!.filter((f) => !/^(Only in one outlet|Every outlet reports)$/.test(f.name));
    expect(perSource.length).toBeGreaterThanOrEqual(3);
    for (const f of perSource) expect(f.value).toMatch(/ — ¶\d+ `00\d_[0-9a-f]{16}`$/);
    expect(embedText(e)).toMatch(/written (guarantee|assurance)/);
  });

  it('/ask "what did Yermak say?" answers from the quote index, every outlet’s wording cited', async () => {
    const ref = h().slash('ask', [{ name: 'question', value: 'what did Yermak say?' }]);
    await h().callback(ref);
    const e = (await h().original(ref)).embeds![0]!;
    expect(e.description).toMatch(/^Andriy Yermak, as quoted in the coverage:/);
    expect(e.description).toMatch(/\(reported by 3 of 5 sources\)/);
    const sources = e.fields!.map((f) => f.value).join('\n');
    for (const id of YERMAK_SOURCES) expect(sources).toContain(id);
  });
});
