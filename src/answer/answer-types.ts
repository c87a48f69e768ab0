import { stem, STOPWORDS, words } from '../retrieve/terms.js';
import { AGE, capitalisedRuns, CAUSAL, DATE, DAYS, GRANULARITY, MONTHS, NUMBER, ORG_WORD, PLACE_PREP, PLACE_WORD, QUOTE, ROLE, Shape, SPEECH } from '../text/shapes.js';
import type { AnswerType, Lexicon, QuestionAnalysis } from './question.js';

const questionStems = (q: QuestionAnalysis) => new Set(words(q.text).map(stem));
/** Whether a found expression is new: at least one of its words is not in the question. */
const isNew = (found: string, qs: Set<string>) => words(found).some((w) => !qs.has(stem(w)));

/**
 * Whether a sentence supplies the kind of answer the question asks for, beyond the question's own
 * words: a date for "when", a number for "how many", a name not in the question for "who", a quote
 * for "what did X say", a cause for "why". Types without a shape (yes/no, description) always do.
 */
export function suppliesAnswer(type: AnswerType, sentence: string, q: QuestionAnalysis, lexicon?: Lexicon): boolean {
  const qs = questionStems(q);
  switch (type) {
    case 'date': {
      // "What time/year/month/day" asks for that unit, not any date.
      const unit = GRANULARITY.find(([asks]) => asks.test(q.text));
      return [...sentence.matchAll(DATE)].some((m) => isNew(m[0], qs) && (!unit || unit[1].test(m[0])));
    }
    case 'number':
      // "How old …" wants an age, not any number in the sentence.
      if (/\bhow old\b|\bwhat age\b|\bage of\b/i.test(q.text)) return AGE.test(sentence);
      // The whole number as written ("47,000", "3.5", "twenty") must be new, and be a number of
      // what was asked ("how many troops" → "47,000 troops"; "how much did it cost" → "€2m").
      return [...sentence.matchAll(NUMBER)].some((m) => isNew(m[0], qs) && countsWhatWasAsked(sentence, m.index, m[0].length, q.text));
    case 'quote':
      return QUOTE.test(sentence) || SPEECH.test(sentence);
    case 'reason':
      return CAUSAL.test(sentence);
    case 'person':
      return (
        // A name not in the question: a run of capitalised words, or one the articles write as a
        // name (also when it opens the sentence: "Haddad said …").
        capitalisedRuns(sentence, true).some(
          (r) => isNew(r.text, qs) && !ORG_WORD.test(r.text) && ((r.text.includes(' ') && !r.opening) || (lexicon ? lexicon.isName(words(r.text)[0] ?? '') : !r.opening)),
        ) ||
        [...sentence.matchAll(new RegExp(ROLE.source, 'gi'))].some((m) => isNew(m[0], qs))
      );
    case 'org':
      return capitalisedRuns(sentence).some((r) => isNew(r.text, qs) && (ORG_WORD.test(r.text) || /^\p{Lu}{2,}$/u.test(r.text) || r.text.includes(' '))) || /\b[A-Z]{2,}\b/.test(sentence.replace(/\b(?:U\.?S|UK|EU|UN)\b/g, '')) && [...sentence.matchAll(/\b[A-Z]{2,}\b/g)].some((m) => isNew(m[0], qs));
    case 'place':
      return [...sentence.matchAll(PLACE_PREP)].some((m) => isNew(m[1]!, qs) && !new RegExp(`^(?:${MONTHS}|${DAYS})\\b`, 'i').test(m[1]!)) || [...sentence.matchAll(new RegExp(PLACE_WORD.source, 'gi'))].some((m) => isNew(m[0], qs));
    default:
      return true;
  }
}

const MONEY_ASKED = /\b(?:cost|costs|costing|pay|paid|pays|price|prices|priced|fine|fined|fee|fees|worth|spend|spent|raise|raised|earn|earned|salary|wage|wages|bid|offer|offered|money|cash|prize|reward|budget|revenue|profit|loss|losses|sold for|bought for|value|valued)\b/i;
const MONEY = /[$€£¥₹]|\b(?:dollars?|euros?|pounds?|francs?|crowns?|kroner|krona|yen|rupees?|usd|eur|gbp|cents?)\b|\d\s*(?:bn|m|k)\b/i;
const PERCENT_ASKED = /\b(?:percent|percentage|share|proportion|rate|%)\b/i;
/** Chat spellings of the nouns most often counted. */
const UNIT_ALIASES: Record<string, string[]> = { ppl: ['people', 'person', 'persons'], ppls: ['people'], people: ['people', 'person', 'persons'], ppeople: ['people'] };

/**
 * Whether the number at `at` counts what the question asks about: for "how many <noun>", the noun
 * (or a near form) within four words of it; for money, a currency; for a share, a percent sign.
 * Questions that name no unit accept any number.
 */
function countsWhatWasAsked(sentence: string, at: number, length: number, question: string): boolean {
  const q = question.toLowerCase();
  const window = sentence.slice(Math.max(0, at - 40), at + length + 40);
  if (/\bhow much\b/.test(q) && MONEY_ASKED.test(q)) return MONEY.test(window);
  if (/\bwhat (?:percentage|percent|share|proportion)\b|\bhow many percent\b/.test(q) && PERCENT_ASKED.test(q)) return /%|\bper ?cent\b/i.test(window);
  const unit = /\bhow many\s+(?:of\s+the\s+|of\s+)?((?:[a-z'-]+\s+){0,2}[a-z'-]+)/.exec(q)?.[1];
  if (!unit) return true;
  const nouns = unit.split(/\s+/).filter((w) => !STOPWORDS.has(w));
  if (nouns.length === 0) return true;
  const near = words(sentence.slice(Math.max(0, at - 30), at + length + 50)).map(stem);
  return nouns.some((n) => (UNIT_ALIASES[n] ?? [n]).some((alias) => near.some((w) => w === stem(alias) || (w.length >= 4 && stem(alias).startsWith(w)) || (stem(alias).length >= 4 && w.startsWith(stem(alias))))));
}

/** The sentence shape (`Shape` bits) that can answer a question of this type; 0 when any can. */
export function shapeFor(type: AnswerType): number {
  switch (type) {
    case 'date':
      return Shape.date;
    case 'number':
      return Shape.number;
    case 'person':
    case 'org':
      return Shape.name;
    case 'place':
      return Shape.place | Shape.name;
    case 'quote':
      return Shape.quote;
    case 'reason':
      return Shape.cause;
    default:
      return 0;
  }
}

/** Share (0–1) of the sentence's content words that the question already has: 1 means it only restates it. */
export function restatement(sentence: string, q: QuestionAnalysis): number {
  const qs = questionStems(q);
  const ws = words(sentence).filter((w) => !STOPWORDS.has(w));
  if (ws.length === 0) return 1;
  return ws.filter((w) => qs.has(stem(w))).length / ws.length;
}
