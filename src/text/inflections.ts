import nlp from 'compromise';

const cache = new Map<string, readonly string[]>();

/**
 * The other forms of an English verb ("leave" → left, leaves, leaving; "held" → hold, holds …),
 * from compromise's conjugation tables. Stemming joins regular forms; irregular ones ("lose" and
 * "lost", "give" and "gave") need the tables. Words that are not verbs give nothing.
 */
export function verbForms(word: string): readonly string[] {
  const key = word.toLowerCase();
  let forms = cache.get(key);
  if (!forms) {
    const conjugated = (nlp(key).verbs().conjugate() as Record<string, unknown>[])[0] ?? {};
    forms = [...new Set(Object.values(conjugated).filter((f): f is string => typeof f === 'string' && /^\p{L}+$/u.test(f) && f !== key))];
    if (cache.size > 10_000) cache.clear();
    cache.set(key, forms);
  }
  return forms;
}
