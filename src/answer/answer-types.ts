import { stem, STOPWORDS, words } from '../retrieve/terms.js';
import type { AnswerType, Lexicon, QuestionAnalysis } from './question.js';

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
// "one" is left out: "no one", "one of them" and "one day" are not quantities.
const NUMBER_WORDS =
  'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|half|quarter|third|twice|double|triple';

/** Date and time expressions, absolute and relative ("on Thursday", "May 2024", "last week", "2025-11-28"). */
const DATE = new RegExp(
  [
    `\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`,
    `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\b`,
    `\\b(?:in|since|until|by|from|during|early|late|mid|last|next|this)[\\s-]+(?:${MONTHS})\\b`,
    `\\b(?:${MONTHS})\\s+(?:19|20)\\d\\d\\b`,
    `\\b(?:on|last|next|this|by|until|since|from|early|late)\\s+(?:${DAYS})\\b`,
    `\\b(?:${DAYS})(?:'s)?\\s+(?:morning|afternoon|evening|night)\\b`,
    `\\b(?:19|20)\\d\\d-\\d\\d-\\d\\d\\b`,
    `\\b\\d{1,2}[/.]\\d{1,2}[/.](?:19|20)?\\d\\d\\b`,
    `\\b(?:in|since|until|by|from|during|before|after|of|early|late|mid)[\\s-]+(?:19|20)\\d\\d\\b`,
    `\\b(?:yesterday|today|tonight|tomorrow|overnight)\\b`,
    `\\b(?:last|next|this|coming|previous|past)\\s+(?:week|weekend|month|year|season|spring|summer|autumn|fall|winter|quarter|decade|days|weeks|months)\\b`,
    `\\b(?:earlier|later)\\s+(?:this|that|in the)\\s+(?:week|month|year|day)\\b`,
    `\\b(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\\s+(?:days?|weeks?|months?|years?|hours?|minutes?|decades?)\\s+(?:ago|earlier|later|before|after)\\b`,
    `\\b(?:in|within|for)\\s+(?:the\\s+)?(?:coming|next|past|last)\\s+(?:days|weeks|months|years|hours)\\b`,
    `\\bat\\s+\\d{1,2}(?::\\d\\d)?\\s*(?:a\\.?m\\.?|p\\.?m\\.?|h\\b|GMT|UTC)`,
    `\\b\\d{1,2}:\\d\\d\\b`,
    `\\b(?:q[1-4]|h[12])\\s+(?:19|20)?\\d\\d\\b`,
    `\\b(?:${MONTHS})\\b`,
    `\\b(?:${DAYS})\\b`,
  ].join('|'),
  'gi',
);
const AGE = /\b\d{1,3}[- ]year[- ]old\b|\baged? \d{1,3}\b|\b\d{1,3} years old\b|\bage of \d{1,3}\b|\(\d{1,3}\)/i;
const NUMBER = new RegExp(`\\d+(?:[.,]\\d+)*|\\b(?:${NUMBER_WORDS})\\b`, 'gi');
const QUOTE = /[“"‘][^”"’]{12,}[”"’]|[“"][^”"]{20,}$|^[^“"]{20,}[”"]/;
/** Reported speech: "Putin argued that …", "…, Bondarev told ABC News", "believes analyst X". */
const SPEECH =
  /\b(?:said|says|say|told|tells|stated|states|argued|argues|claimed|claims|insisted|insists|warned|warns|added|adds|noted|notes|explained|explains|believes|believe|believed|suggested|suggests|described|describes|called|calls|dismissed|dismisses|estimated|estimates|emphasi[sz]ed|stressed|declared|declares|announced|announces|asserted|asserts|reiterated|reiterates|according to|concluded|recounted|revealed|confirmed|denied|rejected|expressed|urged|vowed|promised|pledged|admitted|acknowledged|wrote|writes|commented|replied|responded|signal(?:l)?ed)\b/i;
const CAUSAL =
  /\b(?:because|since|due to|owing to|as a result|given that|given the|thanks to|on the grounds|in order to|so that|so as to|amid|citing|cited|after|following|over (?:concerns?|fears?|worries)|fearing|for fear|led to|leading to|blamed|blames|which is why|that is why|the reason|reasons?|cause[ds]?|as it|as they|as he|as she|cannot|can't|unable|would (?:open|leave|mean|allow|lead)|to (?:avoid|prevent|protect|ensure|stop|secure)|saying|arguing|insisting)\b/i;
/** Words that name a person by role: "the Russian president told reporters" answers "who said …". */
const ROLE =
  /\b(?:president|minister|spokes(?:man|woman|person)|envoy|ambassador|chief|head|ceo|chair(?:man|woman)?|director|founder|analyst|expert|official|officials|diplomat|secretary|governor|mayor|senator|judge|prosecutor|lawyer|attorney|coach|manager|captain|player|striker|goalkeeper|scientist|researcher|professor|doctor|leader|commander|general|aide|adviser|advisor|spokesperson|chancellor|premier|king|queen|prince|mp|lawmaker|legislator|deputy|owner|executive|boss|investor|author|witness|suspect|victim|police|officer)s?\b/i;
/** Words that make a capitalised run an organisation: "Acme Holdings", "Ministry of Health". */
const ORG_WORD =
  /\b(?:inc|ltd|llc|plc|corp|corporation|company|co|group|holdings|bank|ministry|department|council|commission|committee|agency|authority|party|union|club|fc|university|institute|hospital|court|parliament|assembly|government|office|foundation|association|federation|league|organi[sz]ation|alliance|treaty|bloc|airlines?|motors|energy|systems|technologies|labs|media|times|post|news|magazine|network|service|board|army|forces|navy|police|kremlin|senate|congress|rada)\b/i;
const PLACE_PREP = /\b(?:in|at|from|to|near|outside|across|into|toward|towards|around|inside|via)\s+(?:the\s+)?(\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+)*)/gu;
const PLACE_WORD =
  /\b(?:city|capital|country|town|village|region|province|state|county|district|island|port|border|coast|street|square|stadium|arena|airport|valley|river|lake|mountain|peninsula|front|frontline|oblast|republic)\b/i;
const NOT_A_NAME = new RegExp(`^(?:${MONTHS}|${DAYS}|the|a|an|he|she|it|they|we|i|his|her|their|its|this|that|these|those|but|and|or|in|on|at|as|if|when|while|after|before|mr|mrs|ms|dr)$`, 'i');

/** Capitalised words that don't open the sentence, with their positions: candidate names. */
function capitalisedRuns(sentence: string): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  const re = /\p{Lu}[\p{L}’'.-]*(?:\s+(?:of\s+|de\s+|van\s+|von\s+|al-)?\p{Lu}[\p{L}’'.-]*)*/gu;
  for (const m of sentence.matchAll(re)) {
    const before = sentence.slice(0, m.index).trimEnd();
    // The sentence's first word, or the first word inside a quote, is capitalised anyway.
    const opensSentence = before === '' || /[“"‘(:]$/.test(before);
    const first = m[0].split(/\s+/)[0]!.replace(/[’'.]+$/, '');
    if (opensSentence && !m[0].includes(' ')) continue;
    if (NOT_A_NAME.test(first) && !m[0].includes(' ')) continue;
    out.push({ text: m[0], index: m.index });
  }
  return out;
}

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
    case 'date':
      return [...sentence.matchAll(DATE)].some((m) => isNew(m[0], qs));
    case 'number':
      // "How old …" wants an age, not any number in the sentence.
      if (/\bhow old\b|\bwhat age\b|\bage of\b/i.test(q.text)) return AGE.test(sentence);
      // The whole number as written ("47,000", "3.5", "twenty") must be new.
      return [...sentence.matchAll(NUMBER)].some((m) => isNew(m[0], qs));
    case 'quote':
      return QUOTE.test(sentence) || SPEECH.test(sentence);
    case 'reason':
      return CAUSAL.test(sentence);
    case 'person':
      return (
        capitalisedRuns(sentence).some((r) => isNew(r.text, qs) && !ORG_WORD.test(r.text) && (r.text.includes(' ') || !lexicon || lexicon.isName(words(r.text)[0] ?? ''))) ||
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

/** Share (0–1) of the sentence's content words that the question already has: 1 means it only restates it. */
export function restatement(sentence: string, q: QuestionAnalysis): number {
  const qs = questionStems(q);
  const ws = words(sentence).filter((w) => !STOPWORDS.has(w));
  if (ws.length === 0) return 1;
  return ws.filter((w) => qs.has(stem(w))).length / ws.length;
}
