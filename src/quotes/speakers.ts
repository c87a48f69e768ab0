import type { DocPerson, DocQuotes } from './extract-quotes.js';
import { nameKey } from './names.js';

/** A person across the corpus: one canonical name for every spelling and form the articles use. */
export interface CanonicalPerson {
  /** The full name the articles use most ("Vladimir Putin"; "Volodymyr Zelenskyy"). */
  name: string;
  /** Family-name key shared by every spelling (see nameKey). */
  key: string;
  /** Lower-case forms that refer to them: names, family names, roles ("russian president"). */
  aliases: string[];
}

const DEMONYM = /^[a-z]+(?:ian|ean|ese|ish|an|i)$/;
const ROLE_HEADS = new Set(['president', 'minister', 'chancellor', 'secretary', 'envoy', 'aide', 'analyst', 'diplomat', 'leader', 'spokesman', 'spokeswoman', 'chief']);

/**
 * Merge the persons of every article by family-name key ("Putin", "Vladimir Putin" and "the
 * Russian president" resolved to him; "Zelensky", "Zelenskyy", "Zelenskiy"). The canonical name
 * is the full name (first and family name) written by the most articles; a name never written
 * in full stays as written.
 */
export function canonicalPersons(docs: Iterable<DocQuotes>): Map<string, CanonicalPerson> {
  const forms = new Map<string, Map<string, number>>();
  const aliases = new Map<string, Set<string>>();
  const add = (p: DocPerson) => {
    const counts = forms.get(p.key) ?? new Map<string, number>();
    forms.set(p.key, counts);
    const set = aliases.get(p.key) ?? new Set<string>();
    aliases.set(p.key, set);
    for (const n of p.names) {
      counts.set(n, (counts.get(n) ?? 0) + 1);
      set.add(n.toLowerCase());
      set.add(n.split(/\s+/).pop()!.toLowerCase());
    }
    const demonyms = p.titles.filter((t) => DEMONYM.test(t) && !ROLE_HEADS.has(t));
    for (const head of p.titles.filter((t) => ROLE_HEADS.has(t))) for (const d of demonyms) set.add(`${d} ${head}`);
  };
  for (const d of docs) for (const p of d.persons) add(p);
  const out = new Map<string, CanonicalPerson>();
  for (const [key, counts] of forms) {
    const ranked = [...counts].sort((a, b) => {
      const full = (n: string) => (n.includes(' ') ? 1 : 0);
      return full(b[0]) - full(a[0]) || b[1] - a[1];
    });
    out.set(key, { key, name: ranked[0]![0], aliases: [...aliases.get(key)!].sort() });
  }
  return out;
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
  return (
    list.find((p) => p.name.toLowerCase() === t) ??
    list.find((p) => p.aliases.includes(t)) ??
    list.find((p) => p.key === key && (t.split(' ').length === 1 || p.aliases.some((a) => nameKey(a.split(' ').pop()!) === key)))
  );
}
