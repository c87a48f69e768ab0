import { stem, STOPWORDS, words } from '../text/terms.js';
import {
  AGE,
  AGE_AFTER_NAME,
  capitalisedRuns,
  CAUSAL,
  DATE,
  DAYS,
  GRANULARITY,
  MATCH_TIME,
  MONTHS,
  MONTH_NAMES,
  MONTH_OF,
  NUMBER,
  ORG_WORD,
  PLACE_PREP,
  PLACE_WORD,
  QUOTE,
  ROLE,
  Shape,
  SPEECH,
  withoutDateline,
} from '../text/shapes.js';
import { isDemonym, isFirstName } from '../text/name-lexicon.js';
import { namedThing, PRICE_ASKED, type AnswerType, type Lexicon, type QuestionAnalysis } from './question.js';

const questionStems = (q: QuestionAnalysis) => new Set(words(q.text).map(stem));
/** Whether a found expression is new: at least one of its words is not in the question. */
const isNew = (found: string, qs: Set<string>) => words(found).some((w) => !qs.has(stem(w)));

/**
 * A person the question names by surname is not new for giving a first name too ("Anselm Rautio" to
 * "who sacked rautio"), unless the question names someone else of that surname ("Amara Blake" to
 * "who is looking into the juno blake ticket mess": `phrases` are the question's names of two or
 * more words).
 */
const isNewPerson = (name: string, qs: Set<string>, phrases: readonly string[][] = []) => {
  const ws = words(name);
  const last = ws.at(-1);
  if (last === undefined) return false;
  if (!qs.has(stem(last))) return true;
  return ws.length > 1 && phrases.some((p) => p.length > 1 && stem(p.at(-1)!) === stem(last) && !ws.includes(p[0]!));
};
/** Nor is an organisation for a generic word after its name ("Vale Water Services" to "what did vale water do"). */
const isNewOrg = (name: string, qs: Set<string>) => isNew(name.replace(new RegExp(ORG_WORD.source, 'gi'), ' ').trim() || name, qs);

/**
 * Whether a sentence supplies the kind of answer the question asks for, beyond the question's own
 * words: a date for "when", a number for "how many", a name not in the question for "who", a quote
 * for "what did X say", a cause for "why". Types without a shape (yes/no, description) always do.
 */
export function suppliesAnswer(type: AnswerType, text: string, q: QuestionAnalysis, lexicon?: Lexicon): boolean {
  const qs = questionStems(q);
  // (A live blog's entry time starts no sentence of its own: "11:04 - The commissioner has walked
  // in" names no one called "The".)
  const sentence = NAMED.has(type) ? withoutEntryTime(withoutDateline(text)) : withoutDateline(text);
  switch (type) {
    case 'date': {
      // "What time/year/month/day" asks for that unit, not any date.
      const unit = GRANULARITY.find(([asks]) => asks.test(q.text));
      // A live blog's entry time ("11:02 — Sentence: six years") tells the hour, never the day, month or year asked for.
      if (unit && unit !== GRANULARITY[0] && isLiveEntry(sentence)) return suppliesAnswer(type, withoutEntryTime(sentence), q, lexicon);
      // "When will it reopen" is not answered by when something already happened ("heard a rumble at
      // 5:15 a.m.", "approved in February") nor by a plan that was dropped ("had been due on 1 October").
      if (AHEAD_ASKED.test(q.text) && !PAST_ASKED.test(q.text) && looksBack(sentence)) return false;
      return (
        [...sentence.matchAll(DATE)].some(
          (m) => isNew(m[0], qs) && (!unit || unit[1].test(m[0])) && !(REPORTED_ON.test(sentence.slice(0, m.index)) && !REPORTING_ASKED.test(q.text)),
        ) ||
        (!unit && MATCH_TIME.test(sentence) && !MATCH_TIME.test(q.text)) ||
        ((!unit || /\byear\b/i.test(q.text)) && [...sentence.matchAll(HISTORICAL_DATE)].some((m) => isNew(m[0], qs)))
      );
    }
    case 'number':
      // A live blog's entry time ("19:20 Deputy mayor Sigrun Falk reads out …") is when it was
      // written, never a number or a length of time asked for.
      if (isLiveEntry(sentence)) return suppliesAnswer(type, withoutEntryTime(sentence), q, lexicon);
      // "How long has he been mayor" is answered by when a tenure began: "who has led the town since
      // 2019" (not by any "since": "has caught three ships since 2010" is no length of time).
      if (/\bhow long\b/i.test(q.text) && [...sentence.matchAll(TENURE_SINCE)].some((m) => isNew(m[1]!, qs))) return true;
      // "How old …" wants an age, not any number in the sentence.
      // (Of a thing, how old is a century or an era: "a 7th-century brooch", "made around AD 650".)
      if (/\bhow old\b|\bwhat age\b|\bage of\b/i.test(q.text))
        return (
          personAge(sentence, q) ||
          // A thing is as old as any number of years ("more than 3,000 years old"); a person is not.
          (!PERSON_ASKED.test(q.text) && /\b\d[\d,]* years old\b/.test(sentence)) ||
          /\b\d{1,2}(?:st|nd|rd|th)[- ]century\b|\b(?:AD|BC|BCE|CE) ?\d{2,4}\b|\b\d{2,4} ?(?:AD|BC|BCE|CE)\b|\bdat(?:es|ing|ed) (?:back )?(?:to|from)\b/.test(
            sentence,
          )
        );
      // The whole number as written ("47,000", "3.5", "twenty") must be new, and be a number of
      // what was asked ("how many troops" → "47,000 troops"; "how much did it cost" → "€2m").
      // A number inside a date ("June 8", "2025") counts nothing.
      return [...sentence.matchAll(NUMBER)].some(
        (m) => isNew(m[0], qs) && !insideDate(sentence, m.index, m[0].length) && countsWhatWasAsked(sentence, m.index, m[0].length, q),
      );
    case 'quote':
      return QUOTE.test(sentence) || SPEECH.test(sentence);
    case 'reason':
      // "Go to the good causes fund" names a charity, not a cause.
      return CAUSAL.test(sentence.replace(/\bgood causes?\b/gi, ''));
    case 'person':
      // "Who is the president of X": a name with that post beside it, not any name.
      if (!postHolderNamed(sentence, q.text, qs)) return false;
      // A person's name not in the question. A role ("the Russian president told reporters")
      // answers who said something, not who holds a post or did a deed ("who's the boss").
      return (
        personNames(sentence, lexicon).some((name) => isNewPerson(name, qs, q.namePhrases)) ||
        (SPEECH.test(q.text) && !NAMES_ASKED.test(q.text) && [...sentence.matchAll(new RegExp(ROLE.source, 'gi'))].some((m) => isNew(m[0], qs))) ||
        agentNamed(sentence, q, qs) ||
        (!CONTEST_ASKED.test(q.text) && orgAgent(sentence, qs, GIVER_ASKED.test(q.text))) ||
        (RECIPIENT_ASKED.test(q.text) && [...sentence.matchAll(new RegExp(RELATIVE.source, 'gi'))].some((m) => isNew(m[1]!, qs)))
      );
    case 'org': {
      // "Who runs / owns / bought X" is answered by a company or by a person the sentence says runs,
      // owns or bought something ("the fund run by Tobias Wren", "owner Ada Brandt").
      if (/\bwho\b/i.test(q.text) && OWNER.test(sentence) && suppliesAnswer('person', sentence, q, lexicon)) return true;
      // A person's name ("President Donald Trump") is not an organisation's, however many words it has.
      const people = personNames(sentence, lexicon);
      const person = (text: string) => people.some((p) => text.includes(p) || p.includes(text));
      return (
        capitalisedRuns(sentence).some(
          (r) =>
            isNewOrg(r.text, qs) &&
            (ORG_WORD.test(r.text) ||
              // (Not "US presidential envoy": a country.)
              (/^\p{Lu}{2,}$/u.test(r.text) && !COUNTRY_CODE.test(r.text)) ||
              // (Not "Harbour Arena", "Fallowfield Airport": a place.)
              (r.text.includes(' ') && !person(r.text) && !ENDS_IN_PLACE_WORD.test(r.text)) ||
              // "bought by U.S. software group Verbatim": one word, named as a company.
              ((ORG_BEFORE.test(sentence.slice(0, r.index)) || ORG_TIE_BEFORE.test(sentence.slice(0, r.index))) && !person(r.text))),
        ) ||
        // "Northbank, the country's largest lender, said …": one word, said to be a company after it.
        capitalisedRuns(sentence, true).some(
          (r) => !r.text.includes(' ') && isNewOrg(r.text, qs) && !person(r.text) && ORG_APPOSITION.test(sentence.slice(r.index + r.text.length)),
        ) ||
        (/\b[A-Z]{2,}\b/.test(sentence.replace(/\b(?:U\.?S|UK|EU|UN)\b/g, '')) && [...sentence.matchAll(/\b[A-Z]{2,}\b/g)].some((m) => isNew(m[0], qs)))
      );
    }
    case 'name': {
      // A proper name the question lacks ("the new Westmere Health Trust"), or a quoted one ("the
      // so-called ‘Surovikin line’"). Months and weekdays are capitalised too, and name nothing.
      // When the question says what is named ("the trust", "the calf"), the name stands beside it:
      // "Ashby Vale's decision" names no parents' group.
      const thing = namedThing(q.text);
      const things = thing ? [...sentence.matchAll(/[\p{L}'’-]+/gu)].filter((w) => stem(w[0].toLowerCase().replace(/['’]s?$/, '')) === stem(thing)) : [];
      // (An organisation's own name says what it is: "the name of the group buying X" is answered by
      // "Red Kite Sports Partners has agreed to buy X", which never says "group".)
      const companyThing = thing !== undefined && COMPANY_THING.test(thing);
      const beside = (at: number, length: number) =>
        !thing ||
        (companyThing && COMPANY_NAME.test(sentence.slice(at, at + length))) ||
        things.some((t) => {
          const gap = textBetween(sentence, t.index, t[0].length, at, length);
          return (t.index >= at && t.index < at + length) || (closeBy(gap) && !ELSEWHERE.test(gap));
        });
      return (
        capitalisedRuns(sentence).some((r) => isNewOrg(r.text, qs) && !MONTH_OR_DAY.test(r.text) && !onlyDemonyms(r.text) && beside(r.index, r.text.length)) ||
        // (A short capitalised quote: "no realistic prospect" is a quote, not a name.)
        [...sentence.matchAll(/[“‘"](\p{Lu}[^”’"]{1,40})[”’"]/gu)].some(
          (m) => m[1]!.split(/\s+/).length <= 4 && isNew(m[1]!, qs) && beside(m.index, m[0].length),
        )
      );
    }
    case 'place':
      return (
        [...sentence.matchAll(PLACE_PREP)].some((m) => isNew(m[1]!, qs) && !MONTH_OR_DAY.test(m[1]!)) ||
        // A street's name, after any preposition ("on Church Lane", "off Mill Road").
        [...sentence.matchAll(STREET_NAME)].some((m) => isNew(m[0], qs)) ||
        [...sentence.matchAll(new RegExp(PLACE_WORD.source, 'gi'))].some((m) => isNew(m[0], qs))
      );
    default:
      return true;
  }
}

/** A street's name: capitalised words ending in a word for a street ("Church Lane", "Upper Mill Road"). */
const STREET_NAME = /\b\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*\s+(?:Road|Lane|Street|Avenue|Way|Square|Drive|Close|Crescent|Terrace|Row|Parade|Gardens)\b/gu;
/** A capitalised word that is a month or a weekday: capitalised, but no name of a place or a thing. */
/**
 * Dates before the 20th century that the shared date shapes leave out (they would flag every
 * "1500 jobs"): "AD 650", "1600 BC", "the 7th century", "in the 1370s", "in 1850".
 */
const HISTORICAL_DATE =
  /\b(?:AD|BC|BCE|CE) ?\d{1,4}\b|\b\d{1,4} ?(?:AD|BC|BCE|CE)\b|\b\d{1,2}(?:st|nd|rd|th)[- ]century\b|\b1\d{2}0s\b|\b(?:in|since|until|by|from|during|before|after|around|circa) (?:the )?1[0-8]\d\d\b/g;
/** "Which officials said so, names?", "name them", "what are their names": a role doesn't answer. */
const NAMES_ASKED = /\bnames\b|\bname them\b|\bnames?\s*\?/i;
/** "Ukrainian", "European": capitalised, yet a demonym names nothing ("the Ukrainian fortified line"). */
const onlyDemonyms = (run: string) => run.split(/\s+/).every((w) => isDemonym(w.replace(/[’'.]+$/, '')));
/** Countries written as capitals: "US presidential envoy" names no organisation. */
const COUNTRY_CODE = /^(?:US|USA|UK|UAE)$/;
const MONTH_OR_DAY = new RegExp(`^(?:${MONTHS}|${DAYS})\\b`, 'i');

/** Posts a "who is the … ?" question can ask for, each with the words news writes for it ("boss", "head" ask loosely: not posts). */
const POSTS: readonly RegExp[] = [
  /\b(?:ceo|chief executive|managing director)\b/gi,
  /\bchair(?:man|woman|person)?\b/gi,
  /\bpresident\b/gi,
  /\b(?:prime minister|premier|pm)\b/gi,
  /\bmayor\b/gi,
  /\bgovernor\b/gi,
  /\b(?:head coach|coach|manager)\b/gi,
  /\b(?:captain|skipper)\b/gi,
  /\b(?:goalkeeper|goalie|keeper|goaltender|netminder)\b/gi,
  /\b(?:referee|ref|umpire)\b/gi,
  /\bspokes(?:man|woman|person)\b/gi,
  /\bambassador\b/gi,
  /\bowner\b/gi,
  /\bagent\b/gi,
  /\bhandler\b/gi,
  /\btreasurer\b/gi,
  /\bsecretary\b/gi,
  /\b(?:lawyer|solicitor|barrister)\b/gi,
  /\beditor\b/gi,
  /\bconductor\b/gi,
  /\btrainer\b/gi,
  /\bdirector\b/gi,
];
/** "who is the president of kyrgyzstan", "who's the ceo of vale water", "who is the kyrgyz president". */
const POST_ASKED =
  /^\s*(?:so\s+|and\s+|ok\s+|btw\s+)*who(?:'s|’s|s| is| was)\s+(?:the|their|its|his|her|(?:[\p{L}-]+\s+)?[\p{L}-]+['’]s)\s+((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)(?=\s+(?:of|at|for|in)\b|\s*[?!.]*\s*$|\s+(?:btw|now|then|currently|again)\b|\s+(?:that|who)\s)/iu;

/**
 * When the question asks who holds a post ("who's the president of kyrgyzstan"), the sentence
 * must name someone new right beside that post ("Kyrgyz President Sadyr Japarov", "Whitlock,
 * the company's chief executive"): "Vladimir Putin speaks during Kyrgyzstan–Russia talks" names a
 * president, but not of Kyrgyzstan. Other questions pass.
 */
function postHolderNamed(sentence: string, question: string, qs: Set<string>): boolean {
  return postHolders(sentence, question, qs) !== undefined;
}

/**
 * The names beside the post a "who is the … ?" question asks for ("Rovers keeper Idris Mbeki" for
 * "who was the rovers keeper"), nearest first; undefined when the question asks for no post.
 */
function postHolders(sentence: string, question: string, qs: Set<string>): string[] | undefined {
  const asked = POST_ASKED.exec(question)?.[1];
  // (`search`, not `test`: the patterns are global, and `search` ignores their lastIndex.)
  const post = asked && POSTS.find((p) => asked.search(p) >= 0);
  if (!post) return [];
  const runs = capitalisedRuns(sentence, true).filter((r) => isNewPerson(r.text, qs));
  const beside = [...sentence.matchAll(post)].flatMap((m) =>
    runs
      .map((r) => ({ r, gap: textBetween(sentence, m.index, m[0].length, r.index, r.text.length) }))
      // "Chief executive at Greyhaven", "head of Halvard": a name after the post and a preposition
      // is where the post is, not who holds it.
      .filter(({ r, gap }) => closeBy(gap) && !(r.index > m.index && /^\s*(?:at|of|for|in|with|from|to)\s/i.test(gap)))
      .sort((a, b) => a.gap.length - b.gap.length)
      .map(({ r }) => r.text),
  );
  return beside.length ? beside : undefined;
}

/** Who holds the post the question asks about, as the sentence names them ("who was the rovers keeper" → "Idris Mbeki"). */
export function postHolderIn(sentence: string, question: string): string | undefined {
  return postHolders(withoutDateline(sentence), question, new Set(words(question).map(stem)))?.[0];
}

/** Two spans stand together when the text between them is a few words of one clause (a post and its holder, a thing and its name). */
/**
 * Between a thing and a name, a preposition puts the name somewhere else ("an okapi calf in the
 * news at Thornbury Zoo"), unless the thing is called by it ("known as", "named", "called").
 */
const ELSEWHERE = /^(?!.*\b(?:called|named|known as|dubbed)\b).*\b(?:at|in|on|from|to|near|by|with|for)\b/i;
/** What a company is asked as ("the name of the group buying X"), and the words that end a company's name. */
const COMPANY_THING = /^(?:company|firm|business|group|consortium|buyer|bidder|investor|operator)$/i;
const COMPANY_NAME =
  /\b(?:partners|group|holdings|ltd|limited|plc|capital|ventures|investments?|inc|llc|corp|corporation|company|co|industries|enterprises|consortium)\b/i;
/** Within a few words, in the same clause ("a quiz night at the Plough Inn raised £2,300, and a local builder …" is two). */
const closeBy = (gap: string) =>
  gap.length <= 40 &&
  !/[.;:!?]/.test(gap) &&
  !/,\s*(?:and|but|while|whereas|although|though|so|yet)\b/i.test(gap) &&
  // (Nor across a verb of saying: "Callum Frew … said a walker had reported …" names no walker.)
  !/\b(?:said|says|told|tells|added|reported|claimed|according)\b/i.test(gap) &&
  gap.split(/\s+/).filter(Boolean).length <= 5;

/** The text between two spans of `text`, whichever comes first ('' when they overlap). */
function textBetween(text: string, at: number, length: number, otherAt: number, otherLength: number): string {
  return otherAt >= at + length ? text.slice(at + length, otherAt) : text.slice(otherAt + otherLength, at);
}

/** The question is about a person ("how old is dr osho the archaeologist", "how old is she"). */
const PERSON_ASKED = new RegExp(`\\b(?:dr|mr|mrs|ms|miss|prof|he|she|him|her|his)\\b|${ROLE.source}`, 'i');
/** Every age a sentence gives ("58-year-old", "aged 58", "Rautio, 58,"), with where it stands. */
const NOW_AGED = /^now \d{1,2},\s+(?:he|she)$/i;
const AGES = new RegExp(`${AGE.source}|${AGE_AFTER_NAME.source}`, 'giu');

/**
 * Whether the sentence gives an age of the person asked about. When it names that person, an age
 * counts only if that person is the name standing nearest to it: "Mei-Lin Ashworth, the
 * orchestra's 31-year-old assistant conductor, … after Anselm Rautio was dismissed" gives
 * Ashworth's age, not Rautio's. A sentence that does not name the asked person ("He is 58") is
 * taken at its word.
 */
function personAge(sentence: string, q: QuestionAnalysis): boolean {
  const ages = [...sentence.matchAll(AGES)];
  if (!ages.length) return false;
  // "Now 52, he made his fortune …": the person the passage is about, whom the sentence doesn't name.
  if (ages.every((m) => NOW_AGED.test(m[0]))) return true;
  const asked = new Set(q.terms.filter((t) => t.name).map((t) => t.word));
  // Who an age can belong to: the capitalised names, less possessives ("the Morrowby Philharmonic's 31-year-old conductor").
  const holders = capitalisedRuns(sentence, true)
    .filter((r) => !/['’]s$/.test(r.text))
    .map((r) => ({ ...r, asked: words(r.text).some((w) => asked.has(w)) }));
  if (!holders.some((h) => h.asked)) return true;
  return ages.some((m) => {
    const distance = (h: { text: string; index: number }) => textBetween(sentence, m.index!, m[0].length, h.index, h.text.length).length;
    return [...holders].sort((a, b) => distance(a) - distance(b))[0]!.asked;
  });
}

/** Answers that are names, whose capitals count. */
const NAMED: ReadonlySet<AnswerType> = new Set(['person', 'org', 'name', 'place']);
/** A live-blog entry's time at the start of a sentence: "19:20 Deputy mayor …", "09.12 - Torvane names …". */
const LIVE_TIMESTAMP = /^\s*\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?\s*(?:[-–—:|]\s*)?(?=\p{Lu}|[“"‘'])/u;
/** Whether a sentence is a live blog's timed entry ("11:02 — Sentence: …"). */
export const isLiveEntry = (sentence: string): boolean => LIVE_TIMESTAMP.test(sentence);
/** A live blog entry without its time ("11:02 — Sentence: …" → "Sentence: …"). */
export const withoutEntryTime = (sentence: string): string => sentence.replace(LIVE_TIMESTAMP, '');
/** A state held since a date: "has led the town of 31,000 people since 2019", "has been chief executive since March 2021". */
const TENURE_SINCE = new RegExp(
  `\\b(?:has|have|had)\\s+(?:been|led|run|headed|managed|coached|served|chaired|worked|lived|owned|held|played)\\b[^.;:!?]{0,60}?\\bsince\\s+((?:(?:${MONTHS})\\s+)?(?:19|20)\\d{2})\\b`,
  'gi',
);

/** A "when" question about what is ahead: "when will …", "when is it supposed to …", "when's the next …". */
const AHEAD_ASKED =
  /\b(?:will|going to|gonna|supposed to|due|expected|meant to|set to|next|upcoming|now)\b|['’]ll\b|\bwhen(?:['’]s|\s+is|\s+are|\s+does|\s+do)\b/i;
/** …unless it asks about the past too ("when was it due", "when did it originally open"). */
const PAST_ASKED = /\b(?:did|was|were|had|ago|last|originally)\b/i;
/** Words of a sentence telling of what is ahead: a future, a plan, a schedule. */
const AHEAD =
  /\b(?:will|would|shall|going to|due|expected|expects?|set to|scheduled|planned|plans?|planning|intends?|aims?|hopes?|next|now|later|upcoming|coming|is to|are to|to be|to (?:open|start|begin|close|shut|reopen|resume|launch|take place)|must|has to|have to|needs? to|ordered to|required to|deadline|(?:set|fixed|listed) for|slated|pencilled|(?:is|are) (?:on|at|in|now)|(?:re)?opens|starts|begins|closes|shuts|resumes|launches|meets|ends|finishes|kicks off|takes (?:place|effect)|comes into|returns|arrives|lands|sits|rules|decides|votes|goes)\b|['’]ll\b|\b(?:by|from|until|till) (?:the end of |early |late |mid-)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|next|spring|summer|autumn|winter)/i;
/** A plan told in the past ("had been due", "was meant to"): what was, not what is ahead. */
const PAST_PLAN =
  /\bhad been\s+(?:originally\s+)?(?:due|expected|meant|supposed|scheduled|planned|set)\b|\b(?:was|were)\s+(?:originally\s+\p{L}+|meant|supposed)\b/iu;
/** Past tenses: "was", "had", a regular past ("approved") or a common irregular one ("heard", "met"). */
const PAST =
  /\b(?:was|were|had|did|(?!(?:hundred|need|speed|indeed|proceed|exceed|succeed|feed|seed|breed|bleed|greed|shed)\b)\p{L}{2,}ed|heard|met|said|spent|began|went|came|took|made|held|left|told|won|lost|found|saw|became|fell|rose|paid|sold|bought|brought|ran|sat|stood|kept|gave|got|wrote|spoke|broke|chose|drove|flew|grew|knew|threw|ago|earlier)\b/iu;
/** A sentence that only tells of what already happened. */
const looksBack = (sentence: string) => PAST_PLAN.test(sentence) || (PAST.test(sentence) && !AHEAD.test(sentence));
/**
 * The day a thing was said, not the day it happens: "… would include closing its site in Fort
 * Wayne, the company said on Wednesday" doesn't answer "when will the site close".
 */
const REPORTED_ON =
  /\b(?:said|says|announced|told\s+\S+(?:\s+\S+)?|confirmed|reported|added|stated|revealed|disclosed|wrote|insisted|warned)\s+(?:(?:late|early)\s+)?(?:(?:on|last)\s+)?$/i;
/** …unless the saying is what is asked about ("when did they announce the cuts"). */
const REPORTING_ASKED =
  /\b(?:say|said|says|announce[sd]?|announcing|announcement|tell|told|confirm(?:ed|s)?|report(?:ed|s)?|reveal(?:ed|s)?|disclose[sd]?|statement|warn(?:ed|s)?|write|wrote)\b/i;
/**
 * The question asks how something turned out ("who did they end up hiring", "how many homes flooded
 * in the end", "final score", "what was his official time"): news has previews, early estimates,
 * half-time scores and a live blog's unofficial figures of the same thing, close in words and
 * meaning, that don't answer it.
 */
const OUTCOME_ASKED =
  /\b(?:in the end|end(?:ed|s)? up|finally|eventually|ultimately|after all|at the end|altogether|in total|all told|at full[- ]?time|final (?:score|result|tally|toll|figure|count|total|number|fee|price|verdict|outcome|decision|standings?)|(?<!un)official(?:ly)?)\b/i;
/** A sentence that reports a thing before it was settled: an estimate, an expectation, a half-time score, a favourite, an unofficial time. */
const PROVISIONAL =
  /\b(?:early|initial|preliminary|first|provisional) (?:estimates?|figures?|reports?|counts?|results?|tallies)\b|\b(?:is|are|was|were|had been|has been|have been) (?:widely )?(?:expected|tipped|due|set|likely|thought|understood|rumou?red|reported) to\b|\bexpected to\b|\b(?:is|are|was|were) (?:widely |now |still )?expected\b|\bhalf[- ]?time\b|^\s*HT\b|\bso far\b|\b(?:front-?runner|favou?rite|shortlist(?:ed)?|in the running|in talks|bids?|bidding|(?:first|opening|initial|original|earlier) offer)\b|\b(?:could|might) (?:be|become|reach|rise|take)\b|\bunofficial(?:ly)?\b/i;

/** A sentence that looks ahead to a thing: what is expected, due or could be (a narrower PROVISIONAL). */
const PREVIEW =
  /\b(?:is|are|was|were|had been|has been|have been) (?:widely |now |still )?(?:expected|due|set|tipped|likely)\b|\bexpected to\b|\b(?:could|might) (?:be|become|reach|rise|take)\b/i;
/** A sentence that states a total. */
const TOTAL = /\b(?:a total of|in total|in all|altogether)\b/i;
/** A sentence that reports a thing as settled: a total, a full-time score, what was finally done. */
const SETTLED = new RegExp(
  `${TOTAL.source}|\\b(?:final(?:ly)?|(?<!un)official(?:ly)?|full[- ]?time|eventually|ultimately|in the end|ended up|(?:has|have|was|were) (?:now )?(?:confirmed|appointed|named|chosen|picked|hired|signed|completed|finished))\\b|^\\s*FT\\b`,
  'i',
);

/**
 * The question asks whom or what a decision settled on, in the past tense ("who did Torvane pick as
 * CEO", "which firm was chosen"): a front-runner, a favourite or a preview doesn't answer it either,
 * though it is asked without "in the end". (Not "who won": asked of any contest, far outside the
 * coverage too, "the final" it won is no settled answer to it.)
 */
const DECIDED_ASKED =
  /\b(?:did|has|have|had)\s+(?:\S+\s+){0,4}?(?:pick|name|appoint|choose|hire|select|elect|sign|award|give)\b|\b(?:who|which\s+\S+)\s+(?:was|were)\s+(?:picked|named|appointed|chosen|hired|elected|selected)\b/i;

/** Whether the question asks how something turned out (see `OUTCOME_ASKED`). */
export const asksOutcome = (question: string): boolean => OUTCOME_ASKED.test(question);

/**
 * A count or amount asked in the past tense ("how many runners finished", "how much was the fine"):
 * what happened, so a preview's expected figure ("about 7,000 runners are expected") doesn't answer
 * it either. (Not "how many have signed": a running tally "so far" is the answer to that.)
 */
const COUNT_DONE_ASKED =
  /\bhow (?:many|much)\b(?!.*\b(?:will|would|going to|gonna|expect(?:ed|s)?|could|might|should|likely|forecast|predicted)\b).*\b(?:did|were|was|had|\p{L}{3,}ed)\b/iu;

/**
 * How a sentence stands to a question about how something turned out: -1 when it reports a
 * provisional state, 1 when it reports the thing as settled, 0 otherwise or for other questions.
 */
export function outcomeStance(question: string, sentence: string): -1 | 0 | 1 {
  const outcome = asksOutcome(question) || DECIDED_ASKED.test(question);
  if (!outcome && !COUNT_DONE_ASKED.test(question)) return 0;
  // "A total of 6,418 finished, short of the 7,000 who had been expected": a total stated is no
  // preview, whatever expectation it is set against.
  if (TOTAL.test(sentence)) return outcome ? 1 : 0;
  // (A count asked in the past tense only puts previews behind: an early estimate of what happened
  // answers it as well as any, and "17 cases were confirmed" is no more settled than "36 had not
  // been vaccinated".)
  if (!outcome) return PREVIEW.test(sentence) ? -1 : 0;
  if (PROVISIONAL.test(sentence)) return -1;
  return SETTLED.test(sentence) ? 1 : 0;
}

/** "Who did he dedicate the win to?", "who is she married to?": whom something was done for or to. */
const RECIPIENT_ASKED = /\bwho(?:m)?\b.*\b(?:to|for|with)\s*[?!.]*\s*$/i;
/** Someone named by their tie to a person rather than by name: "his late grandfather", "her team-mates". */
const RELATIVE =
  /\b(?:his|her|their)\s+(?:late\s+|former\s+|new\s+|own\s+|young\s+|two\s+|three\s+)?(grandfather|grandmother|grandparents|father|mother|parents|wife|husband|son|sons|daughter|daughters|children|kids|family|brother|brothers|sister|sisters|partner|fianc[ée]e?|girlfriend|boyfriend|team-?mates|fans|supporters|staff|colleagues|friends?|mentor|coach)\b/i;
/** A person said to run, own or buy something. */
const OWNER =
  /\b(?:run|owned|operated|led|headed|founded|bought|acquired|controlled|backed|chaired)\s+by\b|\b(?:owner|co-owner|founder|co-founder|chief executive|ceo|chairman|chairwoman|boss|proprietor)\b/i;

/** A title that opens a person's name ("Dr. Amara Osei", "Detective Inspector Harald Dunn"). */
const TITLE =
  /^(?:mr|mrs|ms|dr|prof|professor|sir|dame|lady|lord|justice|judge|president|minister|inspector|detective|sergeant|officer|senator|governor|mayor|chancellor|councillor|councilor|chief|captain|capt|general|gen|colonel|col|rev|father|sister|king|queen|prince|princess|pope|bishop|ambassador|secretary|commissioner|superintendent|coach|doctor|deputy|speaker|premier)$/i;
/** A person noun right before a name ("goalkeeper Idris Mbeki", "councillor Omar Haddad-Reyes", "a farmer, Edvin Holm"). */
const ROLE_BEFORE = new RegExp(
  `(?:${ROLE.source}|\\b(?:councillor|councilor|farmer|chemist|seismologist|economist|editor|reporter|correspondent|historian|curator|engineer|pilot|nurse|surgeon|physician|midfielder|defender|forward|winger|batsman|bowler|driver|rider|singer|actor|actress|artist|writer|novelist|businessman|businesswoman|entrepreneur|mother|father|son|daughter|wife|husband|brother|sister|resident|woman|man|girl|boy|champion|runner-up|challenger|opponent|grandmaster|finalist|contestant|candidate|teenager|schoolgirl|schoolboy|pupil|student|pensioner|volunteer|walker|climber|hiker))\\s*,?\\s*$`,
  'i',
);
/**
 * A noun for someone who does something right before a full name ("its principal conductor,
 * Anselm Rautio", "the club's goalkeeping coordinator Ana Ruiz"), after a determiner so that
 * "after Storm Doris" is no person. Nouns of things with the same endings are left out.
 */
const AGENT_NOUN_BEFORE =
  /\b(?:its|his|her|their|our|the|a|an|\p{L}+['’]s)\s+(?:[\p{L}-]+\s+){0,2}(?!(?:border|river|center|centre|corner|tower|water|quarter|order|letter|number|chamber|register|winter|summer|paper|power|matter|computer|cluster|container|shelter|theater|harbor|harbour|meter|metre|filter|weather|cancer|danger|corridor|sector|floor|door|motor|factor|mirror|error|terror|colou?r|labou?r|flavou?r|honou?r|favou?r|\p{L}*list)s?\b)\p{L}{3,}(?:or|er|ist|ian|eer|man|woman)s?\s*,?\s*$/iu;
/** An apposition after a name that only a person takes ("Bondarev, a former diplomat", "Ellery, 61,", "Holm, who …"). */
const APPOSITION = new RegExp(
  `^,\\s+(?:\\d{1,3}\\s*,|who\\b|(?:a|an|the)\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:${ROLE.source}|councillor|farmer|chemist|seismologist|economist|member|veteran|mother|father|resident|woman|man))`,
  'iu',
);
const HONORIFIC =
  /(?:^|\s)(?:mr|mrs|ms|dr|prof|sir|dame|lady|lord|justice|judge|president|minister|inspector|sergeant|detective|officer|senator|governor|mayor|chancellor|rev|father|sister|gen|col|capt|lt)\.?\s*$/i;
const AFTER_PERSON =
  /^(?:,\s*\d{1,3},|\s*\(\d{1,3}\)|\s+(?:said|says|told|tells|added|wrote|writes|argued|insisted|warned|explained|noted|recalled|replied|believes|thinks)\b)/;
// (One word after "told" is mostly an outlet: "he told Stagebill", "told Reuters".)
const BEFORE_PERSON = /\b(?:said|says|told|according to|wrote|added|succeed|succeeds|replace|replaces|named|appointed|hired|elected)\s*$/i;
// (Or a post in it: "Tatiana Stanovaya, founder of R.Politik", "a spokeswoman for Crownplay".)
const ORG_BEFORE =
  /\b(?:company|firm|operator|group|carrier|airline|retailer|lender|bank|insurer|maker|manufacturer|developer|agency|broadcaster|newspaper|outlet|start-?up|rival|subsidiary|brand|platform|network|club|team|side|fund|union|party|chain|supplier|contractor|regulator|ministry|band|(?:co-?)?founders? of|owners? of|chief executive of|ceo of|director of|chair(?:man|woman|person)? of|head of|spokes(?:man|woman|person) for|works? for|worked for|working for|employed by)\s+$/i;
/** A company named by its tie to another, with a comma before the name: "its ticketing partner, TixPoint". */
const ORG_TIE_BEFORE = /\b(?:partner|supplier|contractor|sponsor|backer|parent company|owner)s?\s*,\s*$/i;
/** An apposition after a one-word name that says it is a company: ", the country's largest lender,". */
const ORG_APPOSITION =
  /^,\s+(?:the|a|an|its|their)\s+(?:[\p{L}'’-]+\s+){0,4}?(?:company|firm|lender|bank|insurer|retailer|carrier|airline|operator|supplier|contractor|developer|manufacturer|maker|group|chain|platform|app|start-?up|broadcaster|publisher|brewer|builder|agency|charity)\b/iu;
const PLACE_BEFORE = /\b(?:in|at|near|outside|across|into|from)\s+(?:the\s+)?$/i;

/**
 * Names of people in a sentence, as written: capitalised words (not an organisation, a place, a
 * wire credit in brackets or a dateline) with a sign of a person — a known given name or a title
 * opening them, a person noun before them ("goalkeeper Idris Mbeki"), an age, an apposition or a
 * speech verb after them, "said X". On its own "Enceladus", "Kingsmere Transit" or "Home Hub"
 * could be anything.
 */
export function personNames(sentence: string, lexicon?: Lexicon): string[] {
  const out: string[] = [];
  for (const run of capitalisedRuns(sentence, true)) {
    // "The Sunwheel Brooch", "A Coruña": people's names don't take an article.
    if (/^(?:The|A|An)\s/.test(run.text)) continue;
    // "Her Honour Judge Philippa Crane": the form of address is not part of the name.
    const address = /^(?:Her|His|Your)\s+(?:Honou?r|Excellency|Majesty|Highness|Worship|Grace|Lordship|Ladyship)\s+(?=\p{Lu})/u.exec(run.text)?.[0];
    let r = address ? { text: run.text.slice(address.length), index: run.index + address.length, opening: false } : run;
    // "Ferry Skarvøy ran aground": a sentence's first word is capitalised anyway; keep it only if
    // the articles write it as a name, or it is a given name ("Asha Morven took the seat": a short
    // report may name her once, at the start of a sentence).
    const opener = words(r.text)[0] ?? '';
    if (lexicon && r.text.includes(' ') && sentence.slice(0, r.index).trim() === '' && !lexicon.isName(opener) && !isFirstName(opener)) {
      const rest = r.text.slice(r.text.indexOf(' ') + 1);
      r = { text: rest, index: r.index + r.text.length - rest.length, opening: false };
    }
    const before = sentence.slice(0, r.index);
    const after = sentence.slice(r.index + r.text.length);
    // "the operator Nordlink said": a company speaks too.
    if (ORG_BEFORE.test(before)) continue;
    if (/\(\s*$/.test(before) && /^\s*\)/.test(after)) continue;
    if (ORG_WORD.test(r.text) || PLACE_WORD.test(r.text) || /^\p{Lu}{2,}\b/u.test(r.text)) continue;
    const multi = r.text.includes(' ');
    if (multi && PLACE_BEFORE.test(before)) continue;
    if (r.opening && lexicon && !lexicon.isName(words(r.text)[0] ?? '')) continue;
    const [first, second] = r.text.split(/\s+/);
    const titled = multi && TITLE.test(first!.replace(/\.$/, ''));
    const given = multi && (isFirstName(first!) || (titled && second !== undefined && isFirstName(second)));
    if (
      given ||
      titled ||
      HONORIFIC.test(before) ||
      ROLE_BEFORE.test(before) ||
      (multi && AGENT_NOUN_BEFORE.test(before)) ||
      AFTER_PERSON.test(after) ||
      APPOSITION.test(after) ||
      (BEFORE_PERSON.test(before) && (multi || !/\btold\s*$/i.test(before)))
    )
      out.push(r.text);
  }
  return out;
}

/** A count that gives no figure: "Thousands of drivers", "hundreds of homes", "dozens". */
const VAGUE_COUNT = /^(?:hundreds|thousands|millions|billions|dozens|scores)$/i;

/**
 * Whether every number a sentence gives is a count with no figure ("Thousands of drivers were
 * fined"): it says how many only roughly, where another report may give the figure ("11,384").
 */
export function vagueCountOnly(sentence: string): boolean {
  const counts = [...sentence.matchAll(NUMBER)].filter((m) => !insideDate(sentence, m.index, m[0].length));
  return counts.length > 0 && counts.every((m) => VAGUE_COUNT.test(m[0]));
}

function insideDate(sentence: string, at: number, length: number): boolean {
  const within = (d: RegExpMatchArray) => d.index! <= at && at + length <= d.index! + d[0].length;
  return [...sentence.matchAll(DATE)].some((d) => within(d) && /\p{L}/u.test(d[0])) || [...sentence.matchAll(YEAR_SPAN)].some(within);
}
/** A span of years ("the 2026-27 season", "in 2024/25"): a time, not a count of what follows it. */
const YEAR_SPAN = /\b(?:19|20)\d\d\s?[-–/]\s?(?:(?:19|20)\d\d|\d\d)\b/g;

/**
 * The verb of "who <verb> …" ("who unveiled it" → unveiled), when the question has that form. ("Who
 * did torvane pick" asks whom the subject after "did" picked: no doer's verb to find.)
 */
const WHO_VERB =
  /\bwho\s+(?!(?:did|does|do)\b)(?:(?:has|have|had|needs?) to\s+|(?:has|have|had|will|would|is|was|must|should|can|could|may|might)\s+)?([a-z]{3,}(?:ed|s|ing)?)\b/i;

/**
 * "Who unveiled the plan?" is answered by whoever the sentence says did it, a person or not: a
 * capitalised name just before the question's verb ("the US recently unveiled") or after "by" just
 * after it ("was unveiled by Washington").
 */
function agentNamed(sentence: string, q: QuestionAnalysis, qs: Set<string>): boolean {
  const verb = WHO_VERB.exec(q.text)?.[1]?.toLowerCase();
  // (STOPWORDS lists "won" as the stem of "won't"; here it is the verb: "who won the final".)
  if (!verb || (STOPWORDS.has(verb) && verb !== 'won')) return false;
  const v = stem(verb);
  const ws = sentence.split(/\s+/);
  const isVerb = (w: string | undefined) => w !== undefined && stem(w.toLowerCase().replace(/[^\p{L}]/gu, '')) === v;
  // Passive with a body of people as the agent, capitalised or not: "must be endorsed by the
  // international community", "was approved by local voters".
  if (
    ws.some(
      (w, i) =>
        w.toLowerCase() === 'by' &&
        ws.slice(Math.max(0, i - 3), i).some(isVerb) &&
        BY_GROUP.test(ws.slice(i + 1, i + 5).join(' ')) &&
        isNew(ws.slice(i + 1, i + 5).join(' '), qs),
    )
  )
    return true;
  return ws.some((w, i) => {
    const name = w.replace(/^[“"‘(]+|[,.;:”"’)]+$/g, '');
    if (!/^\p{Lu}/u.test(name) || !isNew(name, qs) || NOT_AN_AGENT.test(name)) return false;
    // Subject: the verb within the next three words. Passive: "… unveiled by Washington".
    return ws.slice(i + 1, i + 4).some(isVerb) || (ws[i - 1]?.toLowerCase() === 'by' && ws.slice(Math.max(0, i - 4), i - 1).some(isVerb));
  });
}
/**
 * "Who paid for the voyage" is answered by "is funded by the Ocean Futures Council", whatever the
 * verb: an organisation named as the agent of a passive verb ("<verb>ed by (the) X Council").
 */
function orgAgent(sentence: string, qs: Set<string>, giverAsked = false): boolean {
  return capitalisedRuns(sentence).some((r) => {
    if (!ORG_WORD.test(r.text) || !isNewOrg(r.text, qs)) return false;
    const before = sentence.slice(Math.max(0, r.index - 40), r.index);
    return PASSIVE_BY.test(before) || (giverAsked && GIFT_FROM.test(before));
  });
}
/** A name whose last word says it is a place ("Harbour Arena", "Mill Road", "Kessing Valley"). */
const ENDS_IN_PLACE_WORD = new RegExp(`(?:${PLACE_WORD.source})$`, 'i');
/** "Who put up / paid / gave the grant": whoever a gift or a payment came from is who gave it. */
const GIVER_ASKED =
  /\bwho\b.*\b(?:put(?:s|ting)? up|paid|pays|pay|gave|give|gives|giving|donated|donates|funded|funds|fund|lent|lends|loaned|sponsored|sponsors|backed|backs|bankrolled|bankrolls|stumped up|coughed up|chipped in|put(?:s|ting)? in)\b/i;
/** A gift or payment and "from" right before a name: "a £400,000 grant from the", "a donation from". */
const GIFT_FROM =
  /\b(?:grants?|donations?|gifts?|funding|loans?|contributions?|investment|payments?|sponsorship|backing|money|cash|bequest|legacy)\s+(?:of\s+\S+\s+)?from\s+(?:the\s+|its\s+|their\s+)?$/i;
/** "Who won / beat / came second": the winner is named doing it, not the body that ran the contest ("organised by the Town Council"). */
const CONTEST_ASKED = /\bwho\b.*\b(?:won|win|wins|winning|beat|beats|lost|loses|lose|came|comes|finished|finishes|topped|tops|leads|leading)\b/i;
/** A participle and "by" right before a name: "funded by the", "offered by", "was run by its". */
const PASSIVE_BY = /\b\p{L}{2,}(?:ed|en|wn|ght|id|nt|lt|ld)\s+(?:jointly\s+|mainly\s+|partly\s+)?by\s+(?:the\s+|its\s+|their\s+)?$/iu;
/** A body of people after "by", capitalised or not ("the international community", "local voters"). */
const BY_GROUP = new RegExp(
  `^(?:(?:the|a|an|its|their|local|all)\\s+)?(?:[\\p{L}-]+\\s+){0,2}?(?:${ROLE.source}|${ORG_WORD.source}|\\b(?:community|public|electorate|people)\\b)`,
  'iu',
);
const NOT_AN_AGENT = new RegExp(
  `^(?:${MONTHS}|${DAYS}|the|a|an|he|she|it|they|we|i|this|that|these|those|but|and|or|in|on|at|as|if|when|while|after|before|last|next)$`,
  'i',
);

const MONEY_ASKED =
  /\b(?:put(?:ting|s)? in|st(?:eal|ole|olen|ealing)|embezzl(?:e[sd]?|ing)|siphon(?:ed|ing)?|defraud(?:ed|ing)?|swindl(?:e[sd]?|ing)|pledge[sd]?|pledging|donate[sd]?|donating|allocate[sd]?|set aside|earmark(?:ed|s)?|invest(?:ed|s|ing)?|sales|earnings|income|compensation|payout|bonus|damages|settlement|funding|grant|(?:get|got|gets|receive|received|fetch|fetched|sell|sold|buy|bought|go|goes|went) (?:\S+ ){0,5}?for|cost|costs|costing|pay|paid|pays|price|prices|priced|fine|fined|fee|fees|worth|spend|spent|raise|raised|earn|earned|salary|wage|wages|bid|offer|offered|money|cash|prize|reward|budget|revenue|profit|loss|losses|sold for|bought for|value|valued)\b/i;
/** Money asked for by its noun, without "how much" ("what's her salary", "final fee for X"). */
const MONEY_NOUN =
  /\b(?:salary|salaries|wage|wages|fee|fees|price|prices|cost|costs|fine|paid|pay packet|compensation|payout|bonus|prize money|budget|bill|valuation|worth|revenue|revenues|sales|profit|profits|earnings|income|turnover|dividend)\b/;
// "4.2 per cent" is a share, not cents.
const MONEY = /[$€£¥₹]|\b(?:dollars?|euros?|pounds?|francs?|crowns?|kroner|krona|yen|rupees?|usd|eur|gbp)\b|(?<!\bper\s?)\bcents?\b|\d\s*(?:bn|m|k)\b/i;
/** Whether the number at `at` is someone's age ("Lusk, 57,", "a 58-year-old", "aged 58"). */
const isAge = (sentence: string, at: number) => [...sentence.matchAll(AGES)].some((m) => at >= m.index && at < m.index + m[0].length);
/** "How much did / does / was …": an amount asked without saying of what. */
const BARE_HOW_MUCH = /\bhow much (?:did|does|do|is|was|were|are|has|have|had|will|would|could|can)\b/;
/** Units of volume and area, and counted units that measure an amount ("40 points", "3 degrees"). */
const VOLUME_OR_AREA = /^[\s-]*(?:lit(?:re|er)s?|l|ml|gallons?|barrels?|cubic\b|hectares?|ha|acres?|square\b|sq\b|units?|points?|degrees?|mm|cm)\b/i;
/** A question about time: "how much time", "how much longer", "how much of the sentence", "how much per hour". */
const TIME_ASKED = /\b(?:time|longer|late|delay(?:ed|s)?|years?|months?|weeks?|days?|hours?|minutes?|seconds?|sentence|jail|prison|term|season)\b/;
const PERCENT_ASKED = /\b(?:percent|percentage|share|proportion|rate|%)\b/i;
const DURATION =
  /^[\s-]*(?:(?:more|less|fewer) than\s+|about\s+|nearly\s+|almost\s+)?(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|h|minutes?|mins?|seconds?|secs?|s|decades?|centuries|nights?|seasons?|terms?|innings)\b/i;
const LENGTH =
  /^[\s-]*(?:km|kilomet(?:re|er)s?|miles?|mi|nautical miles?|met(?:re|er)s?|m|cm|centimet(?:re|er)s?|mm|millimet(?:re|er)s?|feet|foot|ft|inch(?:es)?|yards?|yds?|storeys?|stories|floors?|laps?)\b/i;
const WEIGHT = /^[\s-]*(?:kg|kilos?|kilograms?|kilogrammes?|grams?|grammes?|g|tonnes?|tons?|pounds?|lbs?|ounces?|oz|stone)\b/i;
/** A speed, or a rate of movement written as a length per time: "40 mph", "90 centimetres a day" (a glacier, a crack, a flood front). */
const SPEED =
  /^[\s-]*(?:km\/h|kph|kmh|mph|knots?|miles an hour|miles per hour|(?:km|kilomet(?:re|er)s?|miles?|m|met(?:re|er)s?|cm|centimet(?:re|er)s?|mm|millimet(?:re|er)s?|feet|foot|ft|inch(?:es)?|yards?)\s*(?:a|an|per|each|every|\/)\s*(?:second|sec|s|minute|min|hour|hr|h|day|night|week|month|year|yr)\b)/i;
/** "How long / far / heavy …": the unit after the number that measures it; a clock-like time ("2:18:05") is a duration too. */
const MEASURES: [RegExp, RegExp, RegExp?][] = [
  // "How long is the bridge" asks for a length; "how long was it stuck / did it last", a duration.
  [
    /\bhow long (?:is|was|are|were) (?:the |a |an |its |their )?(?:[a-z'-]+ ){0,2}[a-z'-]+\s*\??$/,
    new RegExp(`${DURATION.source}|${LENGTH.source}`, 'i'),
    /\d:\d\d/,
  ],
  [/\bhow long\b/, DURATION, /\d:\d\d/],
  // "What was his finishing time": a race's time, "2:07:39" or "in 48 minutes", not "at 35 km".
  [/\bwhat (?:is|was|were) (?:\S+ ){0,2}?time\b(?! of\b)/, DURATION, /\d:\d\d/],
  [/\bhow (?:far|tall|deep)\b/, LENGTH],
  [/\bhow heavy\b|\bhow much does (?:\S+ ){1,4}weigh\b|\bwhat does (?:\S+ ){1,4}weigh\b/, WEIGHT],
  [/\bhow fast\b|\bwhat speed\b/, SPEED],
];
/** Nouns that count people: "how many people …" is answered by "a crowd of 61,240" or "80,000 fans". */
const PEOPLE = [
  'people',
  'person',
  'persons',
  'crowd',
  'attendance',
  'fans',
  'supporters',
  'spectators',
  'visitors',
  'residents',
  'voters',
  'workers',
  'employees',
  'staff',
  'members',
  'children',
  'adults',
  'students',
  'patients',
  'passengers',
  'protesters',
  'demonstrators',
  'participants',
  'attendees',
  'guests',
  'customers',
  'users',
  'dead',
  'killed',
  'injured',
  'victims',
  'refugees',
  // An outbreak counts people as cases ("how many people got ill" → "linked to 31 illnesses").
  'cases',
  'illnesses',
  'infections',
];
/** Nouns news writes interchangeably for what is counted ("how many soldiers" → "47,000 troops"). */
const SAME_COUNT: readonly string[][] = [
  ['soldiers', 'troops', 'servicemen', 'personnel', 'fighters', 'recruits', 'conscripts'],
  ['deaths', 'dead', 'killed', 'fatalities', 'died', 'lives', 'bodies', 'victims'],
  ['jobs', 'positions', 'posts', 'roles', 'staff', 'workers', 'employees', 'redundancies', 'layoffs'],
  ['homes', 'houses', 'buildings', 'properties', 'dwellings', 'households'],
  ['votes', 'ballots'],
  ['cases', 'infections', 'patients', 'infected', 'illnesses', 'ill', 'sick'],
  // "How many parking tickets" → "11,384 penalty notices".
  ['tickets', 'fines', 'notices', 'summonses'],
  ['points', 'items', 'clauses', 'provisions', 'parts', 'sections'],
  ['countries', 'nations', 'states'],
  ['companies', 'firms', 'businesses'],
  ['cars', 'vehicles'],
  ['penalties', 'pens', 'kicks', 'spot-kicks'],
  // "How many times did she capsize" → "capsized twice".
  ['times', 'twice', 'thrice', 'occasions'],
];
const UNIT_ALIASES: Record<string, readonly string[]> = {
  ppl: PEOPLE,
  ppls: PEOPLE,
  people: PEOPLE,
  ppeople: PEOPLE,
  persons: PEOPLE,
  folks: PEOPLE,
  ...Object.fromEntries(SAME_COUNT.flatMap((group) => group.map((w) => [w, group]))),
  // A crowd is counted in people, or "in front of 31,402".
  ...Object.fromEntries(['crowd', 'crowds', 'attendance', 'audience', 'spectators'].map((w) => [w, [...PEOPLE, 'front', 'attended', 'watched']])),
};
/** Words after "how many" that end the counted noun ("how many turned out", "how many were there"). */
const NOT_A_UNIT =
  /^(?:are|were|is|was|be|been|do|did|does|have|has|had|will|would|can|could|should|got|get|went|for|at|in|on|to|from|by|with|they|we|you|there|still|so|far|now|more|actually|really)$/;

/**
 * Whether the number at `at` counts what the question asks about: for "how many <noun>", the noun
 * (or a near form) within four words of it; for money, a currency; for a share, a percent sign.
 * Questions that name no unit accept any number.
 */
/** A margin asked for: "how much did she lose by", "by how many votes did he win", "what was the margin". */
const MARGIN_ASKED = /\b(?:lose|lost|win|won|beat|beaten|trail|trailed|lead|led|ahead|behind)\s+(?:\S+\s+)?by\b|\bby how (?:much|many)\b|\bmargin\b/;

function countsWhatWasAsked(sentence: string, at: number, length: number, analysis: QuestionAnalysis): boolean {
  const q = analysis.text.toLowerCase();
  // "How many kyiv mobilized": a name after "how many" is who did it, not what was counted.
  const names = new Set(analysis.terms.filter((t) => t.name).map((t) => t.typed));
  const window = sentence.slice(Math.max(0, at - 40), at + length + 40);
  // "How much did she lose by", "by how many votes": a margin, "by 198 votes", "a margin of 198" or
  // a score ("won 3-1"), not a total ("finished fourth with 9,099").
  if (MARGIN_ASKED.test(q))
    return (
      /\b(?:by|margin(?:\s+(?:of|was|is|stood at))?|majority(?:\s+(?:of|was|is))?)\s+(?:(?:just|only|some|about|around|roughly|nearly|almost|more than|fewer than|less than)\s+)?$/i.test(
        sentence.slice(Math.max(0, at - 32), at),
      ) ||
      // A winner's share ("with 52.6% of the vote") tells by how much, when no margin is given.
      (/\b(?:win|wins|won)\b/.test(q) && /^\s*(?:%|per ?cent)/i.test(sentence.slice(at + length))) ||
      /^[\s-]*(?:-?vote|point|goal|run|seat)s?\s+(?:margin|majority|lead)\b/i.test(sentence.slice(at + length)) ||
      /^\s*[-–]\s*\d/.test(sentence.slice(at + length))
    );
  if ((/\bhow much\b/.test(q) && MONEY_ASKED.test(q)) || (!/\bhow (?:many|much)\b/.test(q) && (MONEY_NOUN.test(q) || PRICE_ASKED.test(q))))
    return MONEY.test(window);
  if (
    (/\bwhat (?:percentage|percent|share|proportion)\b|\bhow many percent\b/.test(q) && PERCENT_ASKED.test(q)) ||
    /\bwhat (?:%|per ?cent)|\b(?:interest|inflation|unemployment|jobless|growth|tax|mortgage) rate\b/.test(q)
  )
    return /%|\bper ?cent\b|\bpercentage points?\b/i.test(window);
  // What follows the number ("-two" of "twenty-two" skipped): where its unit is.
  const after = sentence.slice(at + length).replace(/^-(?=\p{L})[\p{L}]+/u, '');
  // "How much did he end up taking" is answered by an amount with its unit (money, a share, a
  // measure): not by a length of time unless time is asked ("how much longer", "how much of his
  // sentence"), nor by a person's age ("Lusk, 57, was jailed"), nor by a bare count ("three charges").
  if (/\bhow much\b/.test(q) && !TIME_ASKED.test(q)) {
    if (isAge(sentence, at) || DURATION.test(after)) return false;
    if (BARE_HOW_MUCH.test(q))
      return (
        MONEY.test(window) || /^\s*(?:%|per ?cent\b|percentage points?\b)/i.test(after) || [LENGTH, WEIGHT, SPEED, VOLUME_OR_AREA].some((m) => m.test(after))
      );
  }
  // "How long / far / heavy / fast / tall": the number carries a unit of that measure.
  const measure = MEASURES.find(([asks]) => asks.test(q));
  if (measure)
    return measure[1].test(sentence.slice(at + length, at + length + 24)) || (measure[2]?.test(sentence.slice(Math.max(0, at - 3), at + length + 3)) ?? false);
  const unit =
    /\bhow many\s+(?:of\s+the\s+|of\s+)?((?:[a-z'-]+\s+){0,2}[a-z'-]+)/.exec(q)?.[1] ??
    /\bhow (?:big|large) (?:is|was|are|were|will) (?:the |a |an |its |their )?([a-z'-]+)/.exec(q)?.[1];
  if (!unit) return true;
  const taken = unit.split(/\s+/);
  const end = taken.findIndex((w) => NOT_A_UNIT.test(w) || (w.length > 4 && /ed$/.test(w)));
  const nouns = (end < 0 ? taken : taken.slice(0, end)).filter((w) => !STOPWORDS.has(w) && !names.has(w));
  if (nouns.length === 0) return true;
  // "How many councillors" counts councillors: "a 10% cut in councillors' allowances" or "£400,000 for councillors" does not.
  if (
    /\bhow many\b/.test(q) &&
    (/^\s*(?:%|per ?cent\b|percent\b|percentage points?\b)/i.test(sentence.slice(at + length)) || /[$€£¥₹]\s*$/.test(sentence.slice(0, at)))
  )
    return false;
  // "Twenty-two minutes … staff" counts minutes: a number with a unit of measure after it counts
  // that measure, not the people or things asked about (unless they are the measure: "how many days").
  // ("Twenty-two" is two number words: the unit follows the second.)
  if ([DURATION, LENGTH, WEIGHT, SPEED].some((m) => m.test(after) && !nouns.some((n) => m.test(n)))) return false;
  const near = words(sentence.slice(Math.max(0, at - 30), at + length + 50)).map(stem);
  return nouns.some((n) =>
    (UNIT_ALIASES[n] ?? [n]).some((alias) =>
      near.some((w) => w === stem(alias) || (w.length >= 4 && stem(alias).startsWith(w)) || (stem(alias).length >= 4 && w.startsWith(stem(alias)))),
    ),
  );
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
    case 'name':
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
  const ws = words(withoutDateline(sentence)).filter((w) => !STOPWORDS.has(w));
  if (ws.length === 0) return 1;
  return ws.filter((w) => qs.has(stem(w))).length / ws.length;
}

const TIME_KINDS: { find: RegExp; key: (m: string) => string | number }[] = [
  // "May" is also a verb and a name; only months that can't be words count.
  {
    find: new RegExp(
      `\\b(?:${[...MONTH_NAMES.filter((m) => m !== 'may'), 'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sept', 'oct', 'nov', 'dec'].join('|')})\\b`,
      'gi',
    ),
    key: (m) => MONTH_OF[m.toLowerCase()]!,
  },
  { find: /\b(?:19|20)\d\d\b/g, key: (m) => m },
  { find: new RegExp(`\\b(?:${DAYS})\\b`, 'gi'), key: (m) => m.toLowerCase() },
];

/**
 * Whether a sentence is about another time than the question names: the question asks about
 * September and the sentence reports October (and not September); the same for years and
 * weekdays. Such a sentence doesn't answer, however close it is otherwise.
 */
export function otherTime(question: string, sentence: string): boolean {
  return TIME_KINDS.some((kind) => {
    const asked = timesIn(question, kind);
    if (asked.size === 0) return false;
    const said = timesIn(sentence, kind);
    return said.size > 0 && ![...asked].some((k) => said.has(k));
  });
}

/** Whether a sentence names a month, year or weekday the question names ("September" asked and said). */
export function sameTime(question: string, sentence: string): boolean {
  return TIME_KINDS.some((kind) => {
    const asked = timesIn(question, kind);
    return asked.size > 0 && [...timesIn(sentence, kind)].some((k) => asked.has(k));
  });
}

/** The times of one kind (months, years or weekdays) a text names, as comparable keys. */
function timesIn(text: string, { find, key }: (typeof TIME_KINDS)[number]): Set<string | number> {
  return new Set([...text.matchAll(find)].map((m) => key(m[0])));
}

const escapeRe = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A sentence that says what `thing` is: "rexoferin, a synthetic hormone that …", "Lumetrexin is
 * an experimental pill …", "a site the students nicknamed the Lantern Garden".
 */
export function definesPattern(thing: readonly string[]): RegExp {
  const x = thing.map(escapeRe).join('[\\s-]+');
  return new RegExp(
    `\\b${x}\\b(?:['’]s)?\\s*(?:,|\\(|—|–)\\s*(?:a|an|which|one)\\b|\\b${x}\\b\\s*(?:,|\\(|—|–)\\s*the\\s+(?:[\\p{L}-]+\\s+){1,3}?(?:that|which|who)\\b|\\b${x}\\b\\s+(?:is|are|was|were)\\s+(?:a|an|the|one)\\b|\\b(?:called|named|known\\s+as|nicknamed?|dubbed)\\s+(?:\\p{L}+\\s+){0,2}?["“‘']?(?:the\\s+)?${x}\\b`,
    'iu',
  );
}

/** A name of several words as the question writes it, with a space or a hyphen between ("Cedar Ridge", "Wynn-Parry"). */
export function namePhrasePattern(phrase: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${phrase.map(escapeRe).join('[\\s\\-‐‑]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

/** Whether a text writes a name of several words as the question does. */
export function hasNamePhrase(phrase: readonly string[], text: string): boolean {
  return namePhrasePattern(phrase).test(text);
}

/**
 * Whether `short` is an abbreviation of `word` ("st" of street, "rd" of road, "ave" of avenue,
 * "mt" of mount, "univ" of university): at most four letters, the same first letter, and its
 * letters in order in the word.
 */
export function abbreviates(short: string, word: string): boolean {
  if (short.length > 4 || short.length >= word.length || short[0] !== word[0]) return false;
  let i = 0;
  for (const ch of word) if (ch === short[i]) i++;
  return i === short.length;
}

/**
 * Another name opening with the same word as the question's ("Cedar Creek" for "cedar ridge",
 * "Brookfield Creamery" for "brookfield farms"), as the text writes it; undefined when none.
 */
export function otherNameLike(phrase: readonly string[], text: string): string | undefined {
  const [first, second] = phrase;
  if (!first || !second) return undefined;
  const cap = first.charAt(0).toUpperCase() + first.slice(1);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${escapeRe(cap)}|${escapeRe(first.toUpperCase())})\\s+(\\p{Lu}[\\p{L}’'-]*)`, 'gu');
  for (const m of text.matchAll(re)) {
    const next = words(m[2]!)[0] ?? '';
    if (stem(next) !== stem(second) && !abbreviates(second, next) && !abbreviates(next, second)) return `${m[1]} ${m[2]}`;
  }
  return undefined;
}
