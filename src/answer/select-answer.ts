import {
  asksOutcome,
  namePhrasePattern,
  otherNameLike,
  otherTime,
  outcomeStance,
  personNames,
  sameTime,
  vagueCountOnly,
  withoutEntryTime,
} from './answer-types.js';
import { answerability, answerableFeatures, buildCandidates, cosine, deniesAsked, type Candidate, type CandidateInput } from './candidates.js';
import type { AnswerType, QuestionAnalysis } from './question.js';
import { claimSimilarity, claimTerms } from './sentence-similarity.js';
import type { AnswerTuning } from './tuning.js';
import { ORG_WORD, SPEECH, datelineDay, withoutDateline } from '../text/shapes.js';
import { truncate } from '../text/shorten.js';

export interface ComposeInput extends CandidateInput {
  analysis: QuestionAnalysis;
  /** Number of articles in the index (or 1 when restricted to one). */
  articleCount: number;
}

/**
 * Which sentences answer, or why none does: `abstain` (with what to say), `lacking` (the best
 * sentence has the subject but not the asked detail), or the claims, each its sentence plus what
 * it needs after it, best first.
 */
export type Selection =
  | { kind: 'aboutTheBot' }
  | { kind: 'abstain'; text: string }
  | { kind: 'lacking'; best: Candidate }
  | { kind: 'claims'; chosen: Candidate[][]; candidates: Candidate[]; sameClaim: (a: Candidate, b: Candidate) => boolean };

/** Answer types whose answer has a recognisable shape (a date, a number, a name …). */
const SHAPED: ReadonlySet<AnswerType> = new Set(['person', 'org', 'name', 'place', 'date', 'number', 'reason', 'quote']);
/**
 * Shapes recognised reliably enough to say "the coverage doesn't say when" when no sentence has
 * one (a reason or a quote can be worded in too many ways to conclude that none is there).
 */
const MUST_SUPPLY: ReadonlySet<AnswerType> = new Set(['person', 'org', 'name', 'place', 'date', 'number']);

/** Answer types a headline can answer when it has the shape. */
const FROM_HEADINGS: ReadonlySet<AnswerType> = new Set(['date', 'number']);

/** A name from the question's words, capitalised for display ("r.politik analyst" → "R.Politik Analyst"). */
const nameOf = (terms: readonly { typed: string }[]) =>
  terms.map((t) => t.typed.replace(/(^|[.\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase())).join(' ');
/**
 * The tail of a sentence the splitter cut after a quoted question or exclamation ('… he cannot
 * see?" | he said.'): it opens with a word in lower case ("eBay" is a name), and is no claim of
 * its own.
 */
const fragment = (c: Candidate) => /^\p{Ll}+(?![\p{L}\p{N}])/u.test(c.text);
const overlaps = (a: Candidate, b: Candidate) => a.passage.articleId === b.passage.articleId && a.start < b.end && b.start < a.end;

/**
 * The select phase of composing: choose the sentence that answers (by meaning, the asked-for kind
 * of answer and the question's names), decide whether it really does (one calibrated score), and
 * add up to two further distinct claims.
 */
export function selectAnswer(input: ComposeInput, tuning: AnswerTuning): Selection {
  const { analysis: q, articleCount } = input;
  const { candidates, probability, otherTimeOnly, features } = rankCandidates(input, tuning);
  const best = candidates[0];
  const abstain = (text: string): Selection => ({ kind: 'abstain', text });
  const unknown = q.terms.filter((t) => t.unknown && t.name).map((t) => `"${t.word}"`);
  // Nothing in the articles is near a question about the bot: no passages to list either.
  if (q.aboutTheBot) return { kind: 'aboutTheBot' };
  // Whose words were asked for decides: nobody else's sentence answers "what did X say".
  if (q.speaker && !q.speaker.some((t) => !t.unknown)) {
    return abstain(`The coverage doesn't say: none of the ${articleCount} articles mentions "${nameOf(q.speaker)}".`);
  }
  // Their words on something else don't answer "what did X say about Y": Y's words (those no
  // article has weigh the most) and Y's meaning, averaged, must be at least half in or around it.
  if (q.speaker && (!best || (best.features.topic + best.features.topicSimilarity) / 2 < tuning.minTopic)) {
    return abstain(`The coverage doesn't say what ${nameOf(q.speaker)} said about this.`);
  }
  // A name the question gives and no article has: the question is about someone or something else.
  if (unknown.length) return abstain(`The coverage doesn't say: none of the ${articleCount} articles mentions ${unknown.join(' or ')}.`);
  // "Cedar Ridge" asked, only "Cedar Creek" found: each word is in the coverage, the name is not.
  for (const phrase of q.namePhrases) {
    const written = namePhrasePattern(phrase);
    if (!best || candidates.some((c) => written.test(c.passage.text))) continue;
    const other = otherNameLike(phrase, best.passage.text);
    if (other) return abstain(`The coverage doesn't say: it mentions ${other}, not "${nameOf(phrase.map((typed) => ({ typed })))}".`);
  }
  // The question shares no subject with the coverage, so the sentence nearest in meaning is about
  // something else (one word alone is too little to tell: a follow-up like "what kind of publication
  // is that" leans on what came before). Either two or more of its words are in no article and at
  // most one is, an everyday word ("anyone got a decent banana bread recipe": none; "whats the wifi
  // password on the ferry": "ferry"; a name the articles have is their subject: "whereabouts was the
  // sunwheel thing discovered"), or its words are in articles but not one in the passage of the
  // sentence nearest in meaning ("any good pizza places open late near the station", a live blog's
  // "8:02 p.m. Polls have closed").
  const known = q.terms.filter((t) => !t.unknown);
  const sharesOneWordAtMost = known.length <= 1 && !known.some((t) => t.name) && q.terms.length - known.length >= 2;
  const passageHasNone = q.terms.length > 1 && best !== undefined && features.questionInPassage === 0;
  if (sharesOneWordAtMost || passageHasNone) return abstain("The coverage doesn't say anything about this.");
  if (otherTimeOnly) return abstain(`The coverage doesn't say: the nearest it reports is about another time ("${truncate(otherTimeOnly.text, 100)}").`);
  if (!best || probability < tuning.answerThreshold) return abstain("The coverage doesn't say anything that answers this.");

  const sameClaim = (a: Candidate, b: Candidate) =>
    cosine(a.vector, b.vector) >= tuning.sameClaimCosine ||
    claimSimilarity(claimTerms(a.text), claimTerms(b.text), tuning.sameClaimSharedWords) >= tuning.sameClaimWords;

  // The best sentence has the subject but not the asked detail. News often names a person or a
  // company in the sentence right after the one that introduces them by role ("The chief inspector
  // of mines will lead the inquiry personally. Beatrix Holloway, a former mining engineer, …"):
  // when that sentence opens with the name, the two together are the claim. Otherwise the coverage
  // lacks it: say so, and show what it does say.
  const lacks = MUST_SUPPLY.has(q.answerType) && !best.features.supplies;
  const following = lacks ? namedNext(best, candidates, q) : undefined;
  if (lacks && !following) return { kind: 'lacking', best };

  // A claim is its sentence plus what it needs after it (a quote attributed in the sentence before
  // it, the rest of a split quote). Further claims must be new: not overlapping and not the same
  // claim as any sentence already taken.
  const chosen: Candidate[][] = [following ? [best, following] : [best, ...extendClaim(best, candidates, q)]];
  const taken = (c: Candidate) => chosen.some((claim) => claim.some((x) => overlaps(x, c) || sameClaim(x, c)));
  if (q.answerType === 'compare') {
    // Side by side: each article's best sentence on the subject (it has the subject's words and is
    // closer to the question than an unrelated sentence), one claim per article.
    for (const c of candidates) {
      if (chosen.length >= articleCount) break;
      if (c.features.heading || c.features.contextCoverage === 0 || c.features.similarity < tuning.compareSimilarity) continue;
      if (!chosen.some((claim) => claim[0]!.passage.articleId === c.passage.articleId)) chosen.push([c]);
    }
  } else if (q.answerType !== 'coverage') {
    for (const c of candidates) {
      if (chosen.length >= tuning.maxClaims || c.score < best.score - tuning.claimMargin) break;
      if (c.features.heading || fragment(c) || (SHAPED.has(q.answerType) && !c.features.supplies) || taken(c)) continue;
      chosen.push([c, ...extendClaim(c, candidates, q)]);
    }
    // A lede sums the story up, and every report of it opens alike ("The wreck of the Corran Maid
    // has been found …"); the asked detail ("it lies in 14 metres of water") is usually further
    // down. When the claims so far are all ledes, the best sentence that is not one joins them.
    if (chosen.every((claim) => claim[0]!.features.lede)) {
      const detail = candidates.find(
        (c) =>
          c.score >= best.score - tuning.detailMargin &&
          !c.features.lede &&
          !fragment(c) &&
          !c.features.heading &&
          (!SHAPED.has(q.answerType) || c.features.supplies) &&
          !taken(c),
      );
      if (detail) chosen.splice(Math.min(chosen.length, tuning.maxClaims - 1), 1, [detail, ...extendClaim(detail, candidates, q)]);
    }
  }
  return { kind: 'claims', chosen, candidates, sameClaim };
}

/** The candidate sentences, best first, and the probability that the best one answers. */
export function rankCandidates(
  input: ComposeInput,
  tuning: AnswerTuning,
): { candidates: Candidate[]; probability: number; features: ReturnType<typeof answerableFeatures>; otherTimeOnly?: Candidate } {
  const q = input.analysis;
  // Titles, headlines and bylines are metadata: never the answer, unless one supplies the asked-for
  // date or number (names in a title-case headline can't be told from places and things).
  const scored = buildCandidates(q, input, tuning)
    .filter((c) => !c.features.heading || (FROM_HEADINGS.has(q.answerType) && c.features.supplies))
    .filter((c) => !q.speaker || c.features.speaker > 0)
    // A question in the text ("What is Enceladus?", an explainer's subheading) asks, it doesn't answer.
    .filter((c) => !ASKS.test(c.text))
    // An explainer's run-in subheading ("The lettering. Around the shoulder …") labels what follows.
    .filter((c) => !runInLabel(c))
    // "How many homes flooded in the end": an early estimate or a preview is behind what was
    // settled. "Was anyone hurt": a denial is worded away from the question it answers.
    .map((c) => {
      const stance =
        outcomeStance(q.text, c.text) * tuning.outcomeWeight +
        (deniesAsked(q, c.text) ? tuning.denialWeight : 0) +
        (q.asksForMore && ADDS.test(c.text) ? tuning.additionWeight : 0) -
        (c.offSubject ? tuning.offSubjectWeight : 0) -
        (q.answerType === 'number' && vagueCountOnly(c.text) ? tuning.vagueCountWeight : 0);
      return stance ? { ...c, score: c.score + stance } : c;
    });
  // "…in the end" of a story told over several dated reports: the newest one.
  const newest = newestReport(q, scored);
  const eligible = (newest ? scored.map((c) => (newest.has(c.passage.articleId) ? { ...c, score: c.score + tuning.recencyWeight } : c)) : scored).sort(
    (a, b) => b.score - a.score,
  );
  const candidates = eligible.filter((c) => !otherTime(q.text, c.text));
  // The sentence that answers best reports another month, year or day than the one asked, and no
  // sentence names the one asked ("how many did they lose in September", only October reported):
  // the coverage doesn't have it, and the next-best sentence is about something else.
  const otherTimeOnly =
    eligible[0] !== undefined && eligible[0] !== candidates[0] && !candidates.some((c) => sameTime(q.text, c.text)) ? eligible[0] : undefined;
  // "What even is rexoferin": when a sentence says what it is (buildCandidates flags only those as
  // supplying it), that sentence answers, ahead of newer ones that only name it.
  if (q.definiendum) {
    const says = candidates.findIndex((c) => c.features.supplies && !c.features.heading);
    if (says > 0) candidates.unshift(...candidates.splice(says, 1));
  }
  const best = candidates[0];
  const second = Math.max(0, ...candidates.filter((c) => best && c.passage.articleId !== best.passage.articleId).map((c) => c.features.similarity));
  // Whether to answer is decided on the best sentence as ranked (measured: deciding on the one
  // promoted below answers more out-of-scope questions and no more in-scope ones).
  const features = answerableFeatures(q, best, second);
  // The best sentence has the subject but not the asked detail: a sentence close behind it in the
  // same article that has it answers ("Thieves broke in early on Sunday" < "at around 2:40 a.m.").
  if (best && MUST_SUPPLY.has(q.answerType) && !best.features.supplies) {
    const near = candidates.findIndex(
      (c) => c.features.supplies && !c.features.heading && c.passage.articleId === best.passage.articleId && c.score >= best.score - tuning.supplyMargin,
    );
    if (near > 0) candidates.unshift(...candidates.splice(near, 1));
  }
  return { candidates, probability: candidates.length ? answerability(features, tuning.answerable) : 0, features, otherTimeOnly };
}

/**
 * "How many got sick in the end", "when does it happen now": a story told over several reports is
 * answered by the latest. The articles of the newest report among the candidates that have the
 * question's names and the asked kind of answer, dated by their published date or, when none of
 * them has one, by the wire dateline of their first sentence ("RENNICK, Jan 14 (NPA) - …");
 * undefined for other questions or when fewer than two such reports are dated.
 */
function newestReport(q: QuestionAnalysis, candidates: readonly Candidate[]): Set<string> | undefined {
  if (!asksOutcome(q.text) && !STANDS_NOW.test(q.text)) return undefined;
  const reports = new Set<string>();
  for (const c of candidates) {
    if (c.features.heading || c.features.names < 1 || c.features.contextCoverage === 0 || (SHAPED.has(q.answerType) && !c.features.supplies)) continue;
    reports.add(c.passage.articleId);
  }
  const published = new Map<string, string>();
  for (const c of candidates) {
    const date = c.passage.article.published;
    if (reports.has(c.passage.articleId) && date && /^\d{4}-\d\d-\d\d/.test(date)) published.set(c.passage.articleId, date.slice(0, 10));
  }
  const newestOf = (dated: ReadonlyMap<string, string | number>, newest: string | number) =>
    new Set([...dated].filter(([, d]) => d === newest).map(([id]) => id));
  if (published.size) {
    const dates = [...new Set(published.values())].sort();
    return dates.length < 2 ? undefined : newestOf(published, dates.at(-1)!);
  }
  // A dateline has no year: the reports of one story span less of it than the longest gap
  // between them, so the newest is the one before that gap (a story from December into January).
  const filed = new Map<string, number>();
  for (const c of candidates) {
    const day = reports.has(c.passage.articleId) && c.features.lede ? datelineDay(c.text) : undefined;
    if (day) filed.set(c.passage.articleId, day.month * 31 + day.day);
  }
  const days = [...new Set(filed.values())].sort((a, b) => a - b);
  if (days.length < 2) return undefined;
  let newest = days.at(-1)!;
  let widest = days[0]! + 12 * 31 - newest;
  days.slice(1).forEach((d, i) => {
    if (d - days[i]! > widest) [widest, newest] = [d - days[i]!, days[i]!];
  });
  return newestOf(filed, newest);
}

/** A sentence adding to what came before it: "Also taken were …", "The deal also limits …", "as well". */
const ADDS = /\b(?:also|as well|in addition|additionally|besides|another|along with|together with|on top of)\b/i;

/** Besides how something turned out (`asksOutcome`), how it stands now: "now", "so far", "after the recount". */
const STANDS_NOW =
  /\b(?:final|now|latest|currently|so far|still|by the time|after the (?:\w+ ){0,2}(?:delay|recount|vote|appeal|review|inquiry|investigation|hearing|ruling|talks|deal))\b/i;

/** The sentence right after `s` in its article, when it directly continues it. */
function nextSentence(s: Candidate, all: readonly Candidate[]): Candidate | undefined {
  let next: Candidate | undefined;
  for (const o of all) {
    if (o.passage.articleId === s.passage.articleId && o.start >= s.end && o.start - s.end <= 3 && (!next || o.start < next.start)) next = o;
  }
  return next;
}

/**
 * The sentence right after `best` when it opens with the name asked for: a person's name for
 * "who" (not one said to be someone else than asked: "Joanna Price, the lead administrator" is no
 * investor), an organisation's for "which company". Undefined otherwise.
 */
function namedNext(best: Candidate, all: readonly Candidate[], q: QuestionAnalysis): Candidate | undefined {
  if (q.answerType !== 'person' && q.answerType !== 'org') return undefined;
  const next = nextSentence(best, all);
  if (!next?.features.supplies || next.features.heading) return undefined;
  const body = withoutEntryTime(next.text);
  const opening = /^\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)+/u.exec(body)?.[0];
  if (!opening) return undefined;
  if (q.answerType === 'org') return ORG_WORD.test(opening) ? next : undefined;
  if (!personNames(body).some((name) => opening.startsWith(name) || name.startsWith(opening))) return undefined;
  const asked = ASKED_ROLE.exec(q.text)?.[1];
  const said = /^,\s+(?:a|an|the|its|his|her|their)\s+([^,]{2,60}),/.exec(body.slice(opening.length))?.[1];
  return asked && said && !said.toLowerCase().includes(asked.toLowerCase().slice(0, 5)) ? undefined : next;
}
/** The role a "who" question asks about: "who was the investor that …" → "investor". */
const ASKED_ROLE = /\bwho(?:'s|’s|s|\s+is|\s+was|\s+are|\s+were)?\s+(?:the|a|an)\s+(?:new\s+|main\s+|lead\s+)?([a-z-]{4,})/i;

const ASKS = /\?[”"’)\]]*\s*$/;
/** A label of a few words after a determiner, with no figure: "The lettering.", "Its maker:". */
const LABEL = /^(?:the|a|an|its|his|her|their|our)\s+[\p{L}'’-]+(?:\s+[\p{L}'’-]+)?\s*[.:]$/iu;
/** Whether a candidate is a label that opens its paragraph, with the paragraph's text going on after it on the same line. */
function runInLabel(c: Candidate): boolean {
  if (!LABEL.test(c.text)) return false;
  const at = c.start - c.passage.start;
  const opens = at <= 0 || /\n\s*$/.test(c.passage.text.slice(0, at));
  return opens && /^[ \t]*\S/.test(c.passage.text.slice(c.end - c.passage.start));
}
const OPENS_QUOTE = /^[“"]/;
const CLOSES_QUOTE = /[”"]/;
/** A sentence that opens a quote and does not close it. */
const opensUnclosed = (text: string) => {
  const curly = (text.match(/“/g)?.length ?? 0) - (text.match(/”/g)?.length ?? 0);
  return curly > 0 || (curly === 0 && !/[“”]/.test(text) && (text.match(/"/g)?.length ?? 0) % 2 === 1);
};
const HAS_QUOTE = /[“"‘][^”"’]{12,}[”"’]/;
/** A sentence that goes on with what the person named before it said ("She says …", "He added that …"). */
const SPEAKS = String.raw`\s+(?:also\s+)?(?:says?|said|adds?|added|told|tells|insist(?:s|ed)|warn(?:s|ed)|argu(?:es|ed)|wr(?:ote|ites)|call(?:s|ed)|describ(?:es|ed))\b`;
const PRONOUN_SPEAKS = new RegExp(`^(?:he|she|they)${SPEAKS}`, 'i');
/** …or named right after a sentence that introduced them by their post ("The society's chair welcomed the ruling. Brenda Lutterworth said …"). */
const NAME_SPEAKS = new RegExp(String.raw`^(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}` + SPEAKS, 'u');

/**
 * The sentences a claim needs after it: a quote attributed in the next paragraph ("…, believes
 * analyst X." then X's words), the rest of a quote split by its attribution, or a reason given in
 * the sentence after a restated claim.
 */
function extendClaim(s: Candidate, all: readonly Candidate[], q: QuestionAnalysis): Candidate[] {
  const out: Candidate[] = [];
  if (q.answerType === 'quote') {
    let next = nextSentence(s, all);
    // A quote of several sentences the splitter cut ("Tom Hale: “Three votes. | That's one street. | …”").
    const unclosed = opensUnclosed(s.text);
    // Their words after the sentence that names them, or after one that reports what the asked
    // speaker said ("The head of the tourism association said on Sunday that …" | "“This is a blow …”").
    const aboutAsked = q.speaker !== undefined && s.features.speaker > 0;
    const attributionOnly = (s.namesFound > 0 || (aboutAsked && SPEECH.test(s.text))) && !HAS_QUOTE.test(s.text);
    const splitQuote = HAS_QUOTE.test(s.text) && next !== undefined && OPENS_QUOTE.test(next.text) && next.start - s.end <= 1;
    // "X has joined the picket line. She says students “back staff …”": the words come after a pronoun.
    if (
      next &&
      !unclosed &&
      !HAS_QUOTE.test(s.text) &&
      !OPENS_QUOTE.test(next.text) &&
      (PRONOUN_SPEAKS.test(next.text) || (aboutAsked && next.start - s.end <= 1 && NAME_SPEAKS.test(next.text))) &&
      (HAS_QUOTE.test(next.text) || SPEECH.test(next.text))
    )
      out.push(next);
    else if (next && (unclosed || (OPENS_QUOTE.test(next.text) && (attributionOnly || splitQuote)))) {
      // Follow the quote to its closing mark, three sentences at most.
      for (let i = 0; next && i < 3; i++) {
        out.push(next);
        if (CLOSES_QUOTE.test(next.text.replace(OPENS_QUOTE, ''))) break;
        next = nextSentence(next, all);
      }
    }
  }
  if (q.answerType === 'yesno' && out.length === 0) out.push(...denialSubstance(s, all));
  // "The committee attached strict conditions." announces what the next sentence spells out: a
  // sentence of a few words, or one ending in a colon, is no description or reason on its own.
  if ((q.answerType === 'description' || q.answerType === 'reason') && out.length === 0 && announces(s.text)) {
    const next = nextSentence(s, all);
    if (next && !next.features.heading) out.push(next);
  }
  if (s.attribution) out.push(s.attribution);
  if (s.because) out.push(s.because);
  if (s.dated) out.push(s.dated);
  // One sentence can be reached two ways (it spells out a short one and gives its cause): once.
  return out.filter((c, i) => c !== s && out.indexOf(c) === i);
}

/** Most words of a sentence that only announces what follows ("The reliquary is damaged."). */
const ANNOUNCEMENT_WORDS = 6;
const announces = (text: string) => {
  const body = withoutEntryTime(withoutDateline(text)).trim();
  return /:\s*$/.test(body) || (/[.!]\s*$/.test(body) && body.split(/\s+/).length <= ANNOUNCEMENT_WORDS);
};

/** "X has denied a report that …": the sentence tells of a denial without saying what was denied with. */
const DENIES_REPORT =
  /\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses)\s+(?:\S+\s+){0,4}?(?:reports?|claims?|suggestions?|rumou?rs?|speculation|allegations?|stor(?:y|ies))\b/i;
/** A plain no ("said the claim was untrue", "there are no plans", "not a penny"). */
const PLAIN_NO = /\b(?:no|not|never|nothing|none|untrue|false|wrong|nonsense|baseless|unfounded|inaccurate)\b|n['’]t\b/i;
/** The rumour told again ("a post … claimed that …"): its "not" is the rumour's, not the denial's. */
const RESTATES = /\b(?:claimed|claiming|alleged|alleging|reported|suggested|speculated)\b/i;
/** Sentences after a denial's lede, at most, that may hold what the denial says. */
const DENIAL_REACH_SENTENCES = 4;

/**
 * For a yes/no question answered by a denial's lede ("The university has denied a report that
 * exams will be cancelled"), what the denial says: the first sentence after it in its article with
 * a plain no ("A spokeswoman said the claim was “completely untrue”"), and the quote right after
 * that one when it only reports the no ("… said the report was wrong." “Not a penny …”). The lede
 * says only that someone denies; the reader asked whether it is so.
 */
function denialSubstance(s: Candidate, all: readonly Candidate[]): Candidate[] {
  if (!DENIES_REPORT.test(s.text) || PLAIN_NO.test(s.text.replace(DENIES_REPORT, ' '))) return [];
  let next = nextSentence(s, all);
  for (let i = 0; next && i < DENIAL_REACH_SENTENCES; i++, next = nextSentence(next, all)) {
    if (next.features.heading || !PLAIN_NO.test(next.text) || RESTATES.test(next.text)) continue;
    const quote = nextSentence(next, all);
    return !HAS_QUOTE.test(next.text) && quote && OPENS_QUOTE.test(quote.text) && PLAIN_NO.test(quote.text) ? [next, quote] : [next];
  }
  return [];
}
