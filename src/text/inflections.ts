import { VERB_FORMS } from './lexicon-data.js';

let table: Map<string, readonly string[]> | undefined;

/**
 * The other forms of an everyday English verb ("leave" → left, leaves, leaving; "held" → hold,
 * holds …), from compromise's conjugation tables. Stemming joins regular forms; irregular ones
 * ("lose" and "lost", "give" and "gave") need the tables. Words that are not verbs give nothing.
 * The forms were made at build time for every everyday word (isCommonWord, the only words the
 * question reading conjugates) by scripts/lexicon-data.ts, so this never loads compromise
 * (30–45 MB); any other word gives nothing.
 */
export function verbForms(word: string): readonly string[] {
  table ??= new Map(
    VERB_FORMS.split('\n').map((line) => {
      const [w, ...forms] = line.split(' ');
      return [w!, forms];
    }),
  );
  return table.get(word.toLowerCase()) ?? [];
}
