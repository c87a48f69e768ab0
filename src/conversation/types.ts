/** What kind of thing a name in a conversation stands for (decides which pronoun can refer to it); `name`: a name of unknown kind. */
export type EntityKind = 'person' | 'place' | 'org' | 'group' | 'thing' | 'name';

/** A name or noun phrase a later question can refer back to ("he", "there", "it", "and X?"). */
export interface Entity {
  /** As shown in a rewritten question ("Yermak", "Steve Witkoff", "the peace plan"). */
  text: string;
  kind: EntityKind;
  /** Known only for people whose first name says it (he / she). */
  gender?: 'male' | 'female';
}

/**
 * One question and answer of a conversation, as kept between questions: never the full answer,
 * only what resolving the next question needs (see README "Conversations").
 */
export interface ConversationTurn {
  /** As typed. */
  question: string;
  /** As understood (the rewritten follow-up, or the question itself). */
  standalone: string;
  /** Names and noun phrases of the standalone question, most salient first (its speaker, then the rest). */
  subjects: Entity[];
  /** What the answer named as the answer to who / where / which … ("Steve Witkoff" for "who is going to Moscow?"). */
  answerEntity?: Entity;
  /** Further names in the answer's sentences. */
  answerNames: Entity[];
  /** Cited passage ids of the answer. */
  passages: string[];
  abstained: boolean;
  /** When it was asked (ms since the epoch). */
  at: number;
}

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
