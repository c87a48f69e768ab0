/** How a question was read against its conversation. */
export interface Resolution {
  /** The question to answer (the question itself when it stands on its own). */
  standalone: string;
  /** True when `standalone` differs from the question: the front ends show "↳ read as: …". */
  rewritten: boolean;
  /** Why it was rewritten (for tests and `--verbose`). */
  how?: 'pronoun' | 'ellipsis' | 'wh-ellipsis';
}

/** What the resolver needs to know about the corpus's words (a subset of the answer layer's Lexicon). */
export interface NameLookup {
  /** Whether the articles write the word capitalised inside sentences (a name). */
  isName(word: string): boolean;
}
