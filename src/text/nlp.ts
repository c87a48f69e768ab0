import { createRequire } from 'node:module';
import type compromise from 'compromise';

type Compromise = typeof compromise;
let loaded: Compromise | undefined;

/**
 * compromise (the rule-based English NLP library), loaded on the first call rather than imported:
 * loading it costs 30–45 MB, and only the quote index, follow-up resolution and conversations'
 * entities need it; plain searches and answers read the tables compromise's lexicon was turned into
 * at build time (lexicon-data.ts). `require` because it is synchronous and its callers are; it
 * loads compromise's CommonJS build of the same version (works on every Node 20).
 */
export function nlp(text: string): ReturnType<Compromise> {
  loaded ??= createRequire(import.meta.url)('compromise') as Compromise;
  return loaded(text);
}
