import type { ArticlePerson, ArticleQuotes } from './extract-quotes.js';
import { ROLE_NOUNS, TITLE_WORDS } from './lexicon.js';
import { nameKey } from './names.js';

/** A person across the corpus: one canonical name for every spelling and form the articles use. */
export interface CanonicalPerson {
  /** Unique: the family-name key, with the first name's initial when two people share the family name ("morrow#I"). */
  id: string;
  /** The full name the articles use most ("Vladimir Putin"; "Volodymyr Zelenskyy"). */
  name: string;
  /** Family-name key shared by every spelling (see nameKey). */
  key: string;
  /** Lower-case forms that refer to them: names, family names, roles ("russian president"). */
  aliases: string[];
}

export interface CanonicalPeople {
  /** By id. */
  people: Map<string, CanonicalPerson>;
  /** The canonical person an article's person is. */
  idOf(p: ArticlePerson): string;
}

const DEMONYM = /^[a-z]+(?:ian|ean|ese|ish|an|i)$/;
const ROLE_HEADS = new Set([
  'president',
  'minister',
  'chancellor',
  'secretary',
  'envoy',
  'aide',
  'analyst',
  'diplomat',
  'leader',
  'spokesman',
  'spokeswoman',
  'chief',
]);
const GIVEN = /^\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?$/u;

/**
 * The initial of the person's first name, from the word before the family name in their full
 * names ("Ian Morrow" → I; "Miriam O. Achterberg" → M), skipping initials, titles and words that
 * are no first name ("Skarra's Marwick", "Ex-councillor Wynn-Parry"). Initials, not whole names:
 * transliterations of one first name keep their initial (Vladimir/Volodymyr, Yuri/Yury).
 */
function givenInitial(p: ArticlePerson): string | undefined {
  for (const n of p.names) {
    const words = n
      .split(/\s+/)
      .slice(0, -1)
      .filter((w) => !/^\p{Lu}\.?$/u.test(w));
    const w = words[words.length - 1];
    if (w && GIVEN.test(w) && !TITLE_WORDS.has(w.toLowerCase()) && !ROLE_NOUNS.has(w.toLowerCase()))
      return w.normalize('NFD').replace(/\p{M}/gu, '')[0]!.toUpperCase();
  }
  return undefined;
}

/**
 * Merge the persons of every article by family-name key ("Putin", "Vladimir Putin" and "the
 * Russian president" resolved to him; "Zelensky", "Zelenskyy", "Zelenskiy"), keeping apart people
 * who share a family name but not a first initial (Stefan Morrow and Ian Morrow); a family name
 * written alone goes to the one of them most articles name. The canonical name is the full name
 * (first and family name) written by the most articles; a name never written in full stays as
 * written.
 */
export function canonicalPersons(articles: Iterable<ArticleQuotes>): CanonicalPeople {
  const all = [...articles].flatMap((d) => d.persons);
  // Per family key: how many articles name each first initial.
  const initials = new Map<string, Map<string, number>>();
  for (const p of all) {
    const i = givenInitial(p);
    const counts = initials.get(p.key) ?? new Map<string, number>();
    initials.set(p.key, counts);
    if (i) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const idOf = (p: ArticlePerson): string => {
    const counts = initials.get(p.key);
    if (!counts || counts.size <= 1) return p.key;
    const i = givenInitial(p) ?? [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    return `${p.key}#${i}`;
  };
  const forms = new Map<string, Map<string, number>>();
  const aliases = new Map<string, Set<string>>();
  const keys = new Map<string, string>();
  for (const p of all) {
    const id = idOf(p);
    keys.set(id, p.key);
    const counts = forms.get(id) ?? new Map<string, number>();
    forms.set(id, counts);
    const set = aliases.get(id) ?? new Set<string>();
    aliases.set(id, set);
    for (const n of p.names) {
      counts.set(n, (counts.get(n) ?? 0) + 1);
      set.add(n.toLowerCase());
      set.add(n.split(/\s+/).pop()!.toLowerCase());
    }
    const demonyms = p.titles.filter((t) => DEMONYM.test(t) && !ROLE_HEADS.has(t));
    for (const head of p.titles.filter((t) => ROLE_HEADS.has(t))) for (const d of demonyms) set.add(`${d} ${head}`);
  }
  const people = new Map<string, CanonicalPerson>();
  for (const [id, counts] of forms) {
    const ranked = [...counts].sort((a, b) => {
      const full = (n: string) => (n.includes(' ') ? 1 : 0);
      return full(b[0]) - full(a[0]) || b[1] - a[1];
    });
    people.set(id, { id, key: keys.get(id)!, name: ranked[0]![0], aliases: [...aliases.get(id)!].sort() });
  }
  return { people, idOf };
}

/** The person a typed name means ("yermak", "Zelenskiy", "the Russian president"), if any. */
export function findPerson(people: Iterable<CanonicalPerson>, typed: string): CanonicalPerson | undefined {
  const t = typed
    .toLowerCase()
    .replace(/^(?:the|mr\.?|mrs\.?|ms\.?|dr\.?)\s+/, '')
    .replace(/[’']s$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!t) return undefined;
  const list = [...people];
  const key = nameKey(t.split(' ').pop()!);
  // Double-barrelled names typed with a space ("osei brandt" for Osei-Brandt; questions split hyphens).
  const flat = (x: string) => x.replace(/[-‐‑]/g, ' ');
  return (
    list.find((p) => p.name.toLowerCase() === t) ??
    list.find((p) => p.aliases.includes(t)) ??
    list.find((p) => flat(p.name.toLowerCase()) === flat(t) || p.aliases.some((a) => flat(a) === flat(t))) ??
    list.find((p) => p.key === key && (t.split(' ').length === 1 || p.aliases.some((a) => nameKey(a.split(' ').pop()!) === key)))
  );
}
