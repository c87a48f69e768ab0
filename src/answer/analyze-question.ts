import { contentTerms, stem, STOPWORDS, words } from '../retrieve/terms.js';

export interface QuestionAnalysis {
  /** Stems of the question's content words. */
  terms: string[];
  /** The question's content words as written (lower-cased), minus words about speech ("remarks"). */
  topicWords: string[];
  /** Lower-cased names the question is about (capitalised words, e.g. "yermak"). */
  entities: string[];
  /** "What did X say?" style: a direct quote is the best answer. */
  asksForQuote: boolean;
  /** "How many", "how much", "what number": a sentence with a number is the best answer. */
  asksForNumber: boolean;
  /** "How did the outlets differ on …": one claim per article, side by side. */
  asksCompare: boolean;
  /** "Why …", "for what reason": a sentence giving a cause is the best answer. */
  asksWhy: boolean;
  /** "Where …": a sentence naming a place is the best answer. */
  asksWhere: boolean;
  /** "When …": a sentence with a date or time is the best answer. */
  asksWhen: boolean;
  /** "Who …": a sentence naming people is the best answer. */
  asksWho: boolean;
}

const QUESTION_WORDS = new Set(['what', 'who', 'whom', 'whose', 'where', 'when', 'why', 'how', 'which', 'did', 'does', 'do', 'is', 'are', 'was', 'were', 'can', 'could', 'will', 'would', 'should', 'has', 'have', 'tell', 'give', 'show', 'list', 'explain', 'according']);
// Words about the coverage itself ("how many outlets reported…"): never a missing topic.
const ABOUT_COVERAGE = /^(outlets?|sources?|articles?|reports?|reported|reporting|coverage|media|news|newspapers?|publications?|journalists?|reporters?|stories|story|many|much|differ|different|differently)$/;
const QUOTE_VERBS = /\b(say|says|said|saying|tell|told|quote[ds]?|call(?:ed)?|claim(?:ed)?|react(?:ed)?|respond(?:ed)?|comment(?:ed)?|think|thinks|believe[sd]?|expect[s]?|warn(?:ed)?|words?|statement|remarks?|describe[ds]?|view)\b/i;

export function analyzeQuestion(question: string): QuestionAnalysis {
  // Words about the coverage itself say nothing about which sentence answers.
  const terms = [...new Set(contentTerms(question).filter((w) => !ABOUT_COVERAGE.test(w)).map(stem))];
  const entities: string[] = [];
  // A capitalised word that is not the question's opening word is a name: "Yermak", "Stanovaya", "CSTO".
  const tokens = [...question.matchAll(/[\p{L}][\p{L}’'-]*/gu)].map((m) => m[0]);
  tokens.forEach((t, i) => {
    const lower = t.toLowerCase().replace(/[’']s$/, '');
    if (QUESTION_WORDS.has(lower) || STOPWORDS.has(lower)) return;
    if (/^\p{Lu}/u.test(t) && (i > 0 || !QUESTION_WORDS.has(lower))) entities.push(words(lower)[0] ?? lower);
  });
  return {
    terms,
    topicWords: [...new Set(contentTerms(question))].filter((w) => w.length >= 4 && !/\d/.test(w) && !QUOTE_VERBS.test(w) && !ABOUT_COVERAGE.test(w) && !entities.includes(w)),
    entities: [...new Set(entities)],
    asksForQuote: QUOTE_VERBS.test(question),
    asksCompare: /\b(differ|difference|differences|different(ly)?|compare|comparison|contrast|each (outlet|source|article))\b/i.test(question),
    asksWhere: /\bwhere\b|\bin which (city|country|place)\b/i.test(question),
    asksWhen: /\bwhen\b|\bwhat (date|day|time|year)\b/i.test(question),
    asksWho: /\bwho\b|\bwhom\b/i.test(question),
    asksWhy: /\bwhy\b|\bfor what reason\b|\bwhat (is|was) the reason\b/i.test(question),
    // "How many outlets reported …" is answered by the "reported by N of M sources" count, not a number in the text.
    asksForNumber:
      /\bhow (many|much|long|old)\b|\bwhat (number|percentage|share|amount)\b/i.test(question) &&
      !/\bhow many (sources|outlets|articles|reports|newspapers|publications|media)\b/i.test(question),
  };
}
