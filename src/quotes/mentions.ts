import nlp from 'compromise';
import { FEMALE_HONORIFICS, MALE_HONORIFICS, NOT_NAME_WORDS, PRONOUNS, ROLE_NOUNS, TITLE_WORDS } from './lexicon.js';
import { nameFacts, nameKey } from './names.js';

/**
 * Who is mentioned where in a paragraph whose quotes are masked out: names (with the titles and
 * role words written before them), the pronouns he/she, and roles ("the Russian president").
 */
export interface Mention {
  /** Offsets into the paragraph. */
  start: number;
  end: number;
  kind: 'name' | 'pronoun' | 'role';
  /** As written (for names: without titles). */
  text: string;
  /** Names: key of the family name; a person only once the document's evidence says so. */
  key?: string;
  /** Names: title and role words written with it ("russian president", "political analyst"). */
  titles: string[];
  /** Names: evidence from this mention alone that it is a person (a title, a role, compromise's lexicon). */
  personEvidence: boolean;
  /** Names: a place or an organisation by compromise's lexicon or our list. */
  nonPerson: boolean;
  gender?: 'male' | 'female';
  /** "Zelenskiy’s government": a possessive is never the speaker of its sentence. */
  possessive: boolean;
  /** Preceded by "according to". */
  according: boolean;
  /** Roles: the head noun and its qualifiers ("president", ["russian"]). */
  role?: { head: string; qualifiers: string[] };
}

/** Words that make a capitalised sequence an institution, not a person. */
const INSTITUTION_WORDS = new Set(
  `kremlin ministry organisation organization council committee union party times news agency bank group forces army
  government parliament rada house court office department commission assembly federation republic alliance treaty
  security nations association company corporation institute university school media press post journal magazine
  atlantic telegraph guardian reuters bloomberg tass ria interfax region oblast city state states kingdom navy`.split(/\s+/),
);

const TOKEN = /\p{Lu}(?:[\p{L}\p{M}-]|[’'](?=\p{L})|\.(?=\p{Lu}))*/gu;
const RUN = /\p{Lu}(?:[\p{L}\p{M}-]|[’'](?=\p{L})|\.(?=\p{Lu}))*(?:\s+(?:of\s+)?\p{Lu}(?:[\p{L}\p{M}-]|[’'](?=\p{L})|\.(?=\p{Lu}))*)*/gu;
const ROLE = new RegExp(
  String.raw`\b[Tt]he\s+((?:(?:former|top|senior|chief|deputy|first|foreign|prime|presidential|political|special|\p{Lu}[\p{L}.]*)\s+){0,3})(${[...ROLE_NOUNS].join('|')})\b`,
  'gu',
);
const PRONOUN = /\b([Hh]e|[Ss]he)\b/g;

const lowerWordsBefore = (text: string, at: number, n: number): string[] =>
  (text.slice(Math.max(0, at - 60), at).match(/(?<![\p{L}’'])[\p{Ll}][\p{L}-]*|,/gu) ?? []).filter((w) => !/^x+$/.test(w)).slice(-n);

const isDemonym = (word: string) => nameFacts(word).person === false && /(?:ian|ean|ese|ish|an|i)$/.test(word) && nlpDemonym(word);

const demonyms = new Map<string, boolean>();
function nlpDemonym(word: string): boolean {
  let d = demonyms.get(word);
  if (d === undefined) {
    d = nlp(word).has('#Demonym');
    demonyms.set(word, d);
  }
  return d;
}

/** Mentions in a masked paragraph, in order. */
export function findMentions(masked: string): Mention[] {
  const out: Mention[] = [];
  for (const m of masked.matchAll(RUN)) {
    const tokens = [...m[0].matchAll(TOKEN)].map((t) => ({ text: t[0], at: m.index + t.index }));
    // Titles, demonyms and sentence openers written before the name.
    const titles: string[] = [];
    let i = 0;
    let titled = false;
    let gender: Mention['gender'];
    while (i < tokens.length) {
      const w = tokens[i]!.text.replace(/\.$/, '');
      const lw = w.toLowerCase();
      if (NOT_NAME_WORDS.has(lw)) {
        i++;
        continue;
      }
      if (TITLE_WORDS.has(lw) || lw === 'u.s' || lw === 'us' || isDemonym(w)) {
        titles.push(lw);
        if (TITLE_WORDS.has(lw) && !['of', 'the', 'first', 'foreign', 'state', 'deputy', 'acting', 'former', 'top', 'vice'].includes(lw)) titled = true;
        if (MALE_HONORIFICS.has(lw)) gender = 'male';
        if (FEMALE_HONORIFICS.has(lw)) gender = 'female';
        i++;
        continue;
      }
      break;
    }
    let name = tokens.slice(i);
    if (name.length === 0) continue;
    // A long run is an institution or a headline, not a name ("Collective Security Treaty Organisation").
    if (name.length > 3) continue;
    const lastOf = name.map((t) => t.text.toLowerCase()).lastIndexOf('of');
    if (lastOf >= 0) name = name.slice(lastOf + 1);
    if (name.length === 0) continue;
    const last = name[name.length - 1]!;
    const possessive = /[’']s$/.test(last.text);
    const words = name.map((t, k) => (k === name.length - 1 ? t.text.replace(/[’']s$/, '') : t.text));
    const text = words.join(' ');
    const lower = words.map((w) => w.toLowerCase());
    if (lower.some((w) => NOT_NAME_WORDS.has(w))) continue;
    const facts = nameFacts(text);
    const nonPerson = facts.place || facts.organization || lower.some((w) => INSTITUTION_WORDS.has(w)) || /^[\p{Lu}.]+$/u.test(text);
    // Role words written just before the name: "political analyst Tatiana Stanovaya", "press secretary, Dmitry Peskov,".
    const before = lowerWordsBefore(masked, name[0]!.at, 3);
    const roleBefore = before.filter((w) => w !== ',').some((w) => ROLE_NOUNS.has(w)) && (before[before.length - 1] === ',' ? true : ROLE_NOUNS.has(before[before.length - 1]!));
    if (roleBefore) titles.push(...before.filter((w) => w !== ','));
    // An appositive: "Boris Bondarev, a former member of …", "Andriy Yermak, Zelenskyy’s chief of staff,".
    const after = masked.slice(last.at + last.text.length, last.at + last.text.length + 80);
    const appositive = /^,\s+(?:(?:a|an|the|his|her|\p{Lu}[\p{L}’']*[’']s)\s+)?((?:[\p{Ll}-]+\s+){0,3}?)([\p{Ll}-]+)\b/u.exec(after);
    const appositiveRole = appositive && ROLE_NOUNS.has(appositive[2]!) ? [...appositive[1]!.trim().split(/\s+/).filter(Boolean), appositive[2]!] : [];
    titles.push(...appositiveRole);
    const according = /according to\s*$/i.test(masked.slice(Math.max(0, tokens[0]!.at - 20), tokens[0]!.at));
    out.push({
      start: tokens[0]!.at,
      end: last.at + last.text.length,
      kind: 'name',
      text,
      key: nameKey(words[words.length - 1]!),
      titles,
      personEvidence: !nonPerson && (facts.person || titled || roleBefore || appositiveRole.length > 0),
      nonPerson,
      ...((gender ?? facts.gender) ? { gender: gender ?? facts.gender } : {}),
      possessive,
      according,
    });
  }
  for (const m of masked.matchAll(PRONOUN)) {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'pronoun', text: m[0], titles: [], personEvidence: false, nonPerson: false, gender: PRONOUNS[m[0].toLowerCase()], possessive: false, according: false });
  }
  for (const m of masked.matchAll(ROLE)) {
    const qualifiers = m[1]!.trim().toLowerCase().split(/\s+/).filter(Boolean);
    // "the Russian president" is a role; "the Kremlin aide Yuri Ushakov" is a name with a title (found above).
    if (/^\s+\p{Lu}/u.test(masked.slice(m.index + m[0].length, m.index + m[0].length + 3)) && !/^\s+(?:He|She|The)\b/.test(masked.slice(m.index + m[0].length))) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      kind: 'role',
      text: m[0],
      titles: [],
      personEvidence: false,
      nonPerson: false,
      possessive: false,
      according: /according to\s*$/i.test(masked.slice(Math.max(0, m.index - 20), m.index)),
      role: { head: m[2]!.toLowerCase(), qualifiers },
    });
  }
  return out.sort((a, b) => a.start - b.start);
}
