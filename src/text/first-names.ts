import nlp from 'compromise';

let names: ReadonlySet<string> | undefined;

/**
 * Whether a word is a given name that compromise's lexicon knows (about 3,000, from many
 * languages: "Renata", "Volodymyr", "Abdoulaye"). A run of capitalised words that opens with one
 * is a person ("Renata Solberg"); most that don't are places, products or bodies ("Kingsmere
 * Transit", "Home Hub"). Loaded on first use.
 */
export function isFirstName(word: string): boolean {
  names ??= load();
  return names.has(word.toLowerCase());
}

function load(): ReadonlySet<string> {
  const model = nlp.model() as { one?: { lexicon?: Record<string, string | string[]> } };
  const out = new Set<string>();
  for (const [word, tags] of Object.entries(model.one?.lexicon ?? {})) {
    if ((Array.isArray(tags) ? tags : [tags]).some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName')) out.add(word);
  }
  return out;
}
