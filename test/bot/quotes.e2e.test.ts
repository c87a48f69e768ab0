/**
 * /quotes and /compare end to end: real Engine (real model, real index with its quote index on a
 * temp copy of the seeds), the unmodified discord.js client, the loopback Discord server.
 */
import { describe, expect, it } from 'vitest';
import { embedText, useHarness } from '../hardening/harness.js';

const h = useHarness();
const SUMMARY_FIELDS = /^(Only in one outlet|Every outlet reports|What they report together)$/;
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

    const ac = await h().callback(
      h().server.sendInteraction(h().server.autocomplete({ name: 'quotes', options: [{ name: 'speaker', value: 'yer', focused: true }] })),
    );
    expect(ac.type).toBe(8);
    expect(ac.data!.choices!.map((c) => c.value)).toEqual(['Andriy Yermak']);
    const src = await h().callback(
      h().server.sendInteraction(h().server.autocomplete({ name: 'quotes', options: [{ name: 'source', value: '004', focused: true }] })),
    );
    expect(src.data!.choices!.map((c) => c.value)).toEqual(['004_026a93b63b322719']);
  });

  it('an unknown speaker gets a short private answer naming who is quoted', async () => {
    const cb = await h().callback(h().slash('quotes', [{ name: 'speaker', value: 'Macron' }]));
    expect(cb).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringMatching(/^No one called "Macron" is quoted in the articles\. Quoted: Vladimir Putin/) },
    });
  });
});

describe('/compare and /ask', () => {
  it('/compare topic:written guarantee: each outlet’s claim, a true "Only in" line, and what the others all report, cited', async () => {
    const ref = h().slash('compare', [{ name: 'topic', value: 'written guarantee' }]);
    expect((await h().callback(ref)).type).toBe(5);
    const e = (await h().original(ref)).embeds![0]!;
    expect(e.title).toBe('Coverage of: written guarantee');
    const [perArticle, rest] = [e.fields!.filter((f) => !SUMMARY_FIELDS.test(f.name)), e.fields!.filter((f) => SUMMARY_FIELDS.test(f.name))];
    // Read from the articles: four outlets report the written guarantee (002 as a promise "put on
    // paper"); 004 never mentions one, its claim on the topic is the dismissal of the claims.
    expect(perArticle.map((f) => f.value.match(/`(00\d)_/)![1])).toEqual(['000', '001', '002', '003', '004']);
    const claim = (id: string) => perArticle.find((f) => f.value.includes(`\`${id}_`))!.value;
    expect(claim('000')).toMatch(/written guarantees .* — ¶1 `000_/);
    expect(claim('001')).toMatch(/written assurances .* — ¶5 `001_/);
    expect(claim('002')).toMatch(/“put on paper” a promise .* — ¶7 `002_/);
    expect(claim('003')).toMatch(/formal, written guarantee .* — ¶5 `003_/);
    expect(claim('004')).toMatch(/dismissed claims .* — ¶6 `004_/);
    const onlyIn = rest.find((f) => f.name === 'Only in one outlet')!.value.split('\n');
    expect(onlyIn.length).toBeGreaterThanOrEqual(1);
    // Only 004 says why, in Putin's view, European leaders make the claims, and that he would discuss European security.
    for (const line of onlyIn)
      expect(line).toMatch(
        /^Only in \*\*.+\*\*: (“Maybe they’re trying to prop up their domestic political ratings|The Russian president suggested that European leaders might be|He expressed a willingness to discuss broader European security).* — ¶6 `004_026a93b63b322719`$/,
      );
    const together = rest.find((f) => f.name === 'What they report together')!.value;
    expect(together).toMatch(/^All but .+ \(4 of 5\): .*written (guarantee|assurances).* — /);
    for (const id of ['000', '001', '002', '003']) expect(together).toContain(`\`${id}_`);
    expect(together.split('\n')[0]).not.toContain('`004_');
  });

  it('/ask "what did Yermak say?" answers from the quote index, every outlet’s wording cited', async () => {
    const ref = h().slash('ask', [{ name: 'question', value: 'what did Yermak say?' }]);
    await h().callback(ref);
    const e = (await h().original(ref)).embeds![0]!;
    expect(e.description).toMatch(/^Andriy Yermak, as quoted in the coverage:/);
    expect(e.description).toMatch(/\(reported by 3 of 5 sources: [^)]+\)/);
    const sources = e.fields!.map((f) => f.value).join('\n');
    for (const id of YERMAK_SOURCES) expect(sources).toContain(id);
  });
});
