import { chrono } from '../text/dates.js';
import { nlp } from '../text/nlp.js';
import { PLACE_PREP, withoutDateline } from '../text/shapes.js';
import { isCommonWord } from '../answer/common-words.js';
import { personNames, postHolderIn } from '../answer/answer-types.js';
import { ORG_THING, answerTypeOf, namedThing } from '../answer/question.js';
import { EVENT_NOUN, GROUP_HEADS, ORG_WORDS, baseVerb, isPersonNoun, nameSnapshot, namesIn, nounPhrases } from './entities.js';
import { genderEvidence, withGenderEvidence } from './gender-evidence.js';
import { describedPerson, mayOpenWithDescription } from './described-person.js';
import { defaultConversationTuning, type ConversationTuning } from './tuning.js';
import type { ConversationTurn, Entity, EntityKind } from '../types.js';
import type { NameLookup, Resolution } from './types.js';

/** Chat openers that carry nothing ("ok and …", "hmm so …"). */
const OPENER = /^(?:(?:and|but|ok|okay|so|also|hmm+|wait|right|cool|thanks|thx|ty|lol|oh|ah|yeah|yes|no|nice|great|interesting|ah ok|got it|i see)[\s,.!]+)+/i;
/** "when?", "where was that?", "why though", "when did that happen?", "by how much?", "by how many votes?" */
const WH_ELLIPSIS =
  /^(when|where|why|how come|by how much|by how many(?: (?!(?:was|is|did|does|will|would|exactly|though|tho|then|again|precisely)\b)[a-z]+)?|by what margin|how many|(?:for )?how much(?: for)?|how long ago|how long|how far|how often|who|what|which one|what for|since when|by when|until when|till when|where exactly|when exactly)(?:\s+(?:exactly|though|tho|then|again|precisely))?(?:\s+(?:was|is|did|does|will|would)\s+(?:that|this|it)(?:\s+(?:actually|really|finally|first))?(?:\s+(?:happen|be|take place|said|announced))?)?(?:\s+(?:exactly|though|tho|then|again))?\s*[?!.]*$/i;
/** "what minute was that?", "which day did it happen?": "when?" asked of a unit of time. */
const TIME_ELLIPSIS =
  /^(?:(?:at|in|on)\s+)?(?:what|which)\s+(time|day|date|year|month|week|minute|hour)\s+(?:was|is|did|does|will)\s+(?:that|this|it)(?:\s+(?:happen|be|take place))?\s*[?!.]*$/i;
/** "who said so?", "who decided that", "according to whom?", "says who?": who is behind what the last answer reported. */
const SOURCE = /^(?:(?:according\s+to|says|said)\s+(?:who|whom)|who\s+says(?:\s+(?:so|that))?|(?:who|whom)\s+(\p{L}+)\s+(?:so|that|this))\s*[?!.]*$/iu;
/** "what kind of publication is that", "which party is this": a demonstrative for what the last answer was about. */
const DEMONSTRATIVE = /^((?:what|which|who)\b.*?\s(?:is|was|are|were))\s+(?:that|this)\s*[?!.]*$/i;
/** "and Zelensky?", "what about Europe", "how about the Kremlin", "same for the Meridian" */
const ELLIPSIS =
  /^(?:(?:and\s+)?(?:what|how)\s+(?:about|abt)|what\s+of|same\s+(?:for|with)|and|also|or|but|re|regarding)\s+(.+?)(?:\s+(?:too|as well|then))?\s*[?!.]*$/i;
const AUX = 'did|does|do|is|are|was|were|will|would|has|have|had|can|could|should';
const WH_QUESTION = new RegExp(`^(what|who|whom|which \\S+|where|when|why|how(?: many \\S+| much(?: \\S+)?| long| old)?)\\s+(${AUX})\\s+(.+)$`, 'i');
const SUBJECT_QUESTION = /^(who|what)\s+((?:\p{L}+ly\s+)?)(\S+)(?:\s+(.+))?$/iu;
const YESNO = new RegExp(`^(${AUX})\\s+(.+)$`, 'i');
const VERBISH = new RegExp(`\\b(?:${AUX}|say|said|says|think|thinks|going|go|went|happen|happened|mean|means|call|called|want|wants)\\b`, 'i');

interface PronounSpec {
  kinds: EntityKind[];
  fallback?: EntityKind[];
  gender?: 'male' | 'female';
  possessive?: boolean;
  subjectName?: boolean;
}
/**
 * What each pronoun can stand for, in order of preference; `subjectName`: also a name of no known
 * kind a question asked about ("when does old quay close" + "when did it first open"), though not
 * one an answer merely mentioned ("LC-20", "Russian").
 */
const PRONOUN_KINDS: Record<string, PronounSpec> = {
  he: { kinds: ['person', 'name'], gender: 'male' },
  him: { kinds: ['person', 'name'], gender: 'male' },
  his: { kinds: ['person', 'name'], gender: 'male', possessive: true },
  she: { kinds: ['person', 'name'], gender: 'female' },
  her: { kinds: ['person', 'name'], gender: 'female' },
  they: { kinds: ['group', 'org', 'place', 'person', 'name'] },
  them: { kinds: ['group', 'org', 'place', 'person', 'name'] },
  their: { kinds: ['group', 'org', 'place', 'person', 'name'], possessive: true },
  // A country or city acting ("how many troops did it lose" of Kiev) is "it" too, when no turn has a thing.
  it: { kinds: ['thing', 'org'], fallback: ['place'], subjectName: true },
  its: { kinds: ['thing', 'org'], fallback: ['place'], possessive: true, subjectName: true },
  there: { kinds: ['place'] },
};
const PLURAL = new Set(['they', 'them', 'their']);
const PRONOUN = /\b(he|him|his|she|her|they|them|their|it|its|there)\b/gi;
/** "say it", "put it", "is it true", "didn't make it" (survive), "there is": not a reference to a thing or a place. */
const DUMMY_IT =
  /\b(?:say|said|says|tell|told|mention|mentioned|write|wrote|put|claim|claimed|mean|meant|call|called|phrase|word|repeat|repeated|deny|denied|confirm|confirmed)\s+it\b(?=\s*(?:$|[?!.,]|to\b|again\b|like\b|first\b|that way\b|publicly\b))|\b(?:is|was|isn't|wasn't)\s+it\s+(?:true|right|correct|confirmed|possible|likely|known|clear|official|real)\b|\bit(?:'s| is| was)\s+(?:true|reported|said|claimed|unclear|not clear|clear)\b|\b(?:didn['’]?t|did not|don['’]?t|won['’]?t|couldn['’]?t|never|not)\s+make\s+it\b|\b(?:make|made)\s+it\s+(?:out|through|back|home|alive|ashore|in time)\b/i;
const EXISTENTIAL =
  /\b(?:is|are|was|were|be|been|isn't|aren't|wasn't|weren't)\s+there\s+(?:a|an|any|no|some|anything|anyone|anybody|many|much|more|other|another)\b|\bthere\s+(?:is|are|was|were|be|been|will|would|has|have|had|isn't|aren't|wasn't|weren't|'s)\b/i;
/** Verbs whose subject is someone ("what did X say"). */
const SPEECH_VERBS =
  'say|said|says|tell|told|think|thinks|believe|believes|argue|argued|claim|claimed|mean|meant|want|wants|call|called|warn|warned|announce|announced|write|wrote|deny|denied';
const MOTION =
  /\b(?:go|goes|going|went|gone|travel|travels|travelling|traveling|travelled|traveled|head|heads|heading|headed|fly|flying|flew|come|comes|coming|came|arrive|arrives|arriving|arrived|move|moved|moving|send|sent|sending|return|returned|returning)\s*$/i;

/** What is said of an event: played, held, staged, taking place, starting, ending. */
const EVENT_VERB =
  /^\s+(?:(?:be|being|been|get|gets|got)\s+)?(?:played|held|staged|hosted|take place|took place|taking place|happen|happens|happened|start|starts|started|begin|begins|began|end|ends|ended|kick off|kicks off|kicked off|finish|finishes|finished|scheduled|broadcast|televised|shown)\b/i;
/** A lower-case noun phrase with no determiner, possessive or number before it ("dog", "sewage spill"). */
const BARE_NOUN = /^(?!(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|some|any|every|each|all|both|no|one|two|three|[\d])\b)\p{Ll}/u;
const strip = (s: string) => s.replace(/[\s?!.]+$/, '');
/** Letters and digits only: "r politik" and "R.Politik" are one name. */
const bareText = (s: string) =>
  s
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
/** Noun phrases that are only a name already found ("putin", "r politik") are that name, not a thing. */
function withoutNames<T extends Entity>(phrases: readonly T[], found: readonly Entity[]): T[] {
  return phrases.filter((np) => !found.some((n) => bareText(n.text).includes(bareText(np.text))));
}
const compatible = (e: Entity, kind: EntityKind, gender?: 'male' | 'female') =>
  e.kind === kind && !(gender && e.gender && e.gender !== gender) && !(gender && kind === 'name' && isTeamName(e.text));
/** A name ending in an everyday plural ("Brennock Bears", "Halsberg Wolves") is a side, never "he" or "she". */
const isTeamName = (name: string) => {
  const last = name.toLowerCase().split(/\s+/).pop() ?? '';
  return /\s/.test(name.trim()) && /[^s]s$/.test(last) && isCommonWord(last);
};

/**
 * Entities of the recent turns in tiers, most salient first: per turn (newest first) its answer
 * entity, then its question's subjects, then the other names of its answer. A pronoun takes the
 * first tier holding something of a kind it can stand for (the kinds in its order of preference).
 */
function candidates(history: readonly ConversationTurn[], lookback: number): Entity[][] {
  const out: Entity[][] = [];
  for (const t of history.slice(-lookback).reverse()) out.push(t.answerEntity ? [t.answerEntity] : [], t.subjects, t.answerNames);
  return out;
}

function pick(tiers: readonly Entity[][], pronoun: string, exclude: ReadonlySet<string> = new Set()): Entity | undefined {
  const spec = PRONOUN_KINDS[pronoun]!;
  tiers = tiers.map((t) => t.filter((e) => !exclude.has(e.text.toLowerCase())));
  // "They" is plural: a group the last question named or was answered with ("the earlier talks",
  // "Donetsk and Luhansk") before any single person, place or organisation (the answer's other noun
  // phrases are too loose to be preferred: "terms", "the Western media").
  if (spec.kinds[0] === 'group') {
    const group = tiers
      .slice(0, 2)
      .flat()
      .find((e) => e.kind === 'group');
    if (group) return group;
  }
  // A woman's first name is recognised reliably (and a woman the articles call "she", "Ms …"): "she"
  // is her before any name of unknown gender.
  if (spec.gender === 'female') {
    const woman = tiers.flat().find((e) => e.kind === 'person' && e.gender === 'female');
    if (woman) return woman;
    // Then someone known to be a person by a role before the name ("Rovers manager Hanne Lindqvist",
    // a first name the lexicon lacks), before a name of unknown kind: "she" is not a team or a company.
    const person = tiers.flat().find((e) => e.kind === 'person' && !e.gender);
    if (person) return person;
  }
  for (const [i, tier] of tiers.entries()) {
    // An answer entity is "he" or "she" only when it is known to be a person (not "The Atlantic").
    const kinds = i % 3 === 0 && spec.gender ? ['person' as const] : i % 3 === 1 && spec.subjectName ? [...spec.kinds, 'name' as const] : spec.kinds;
    // (A name inside another of the question's phrases, "Hatherby" of "the hatherby residents", is no subject of its own.)
    // (But one inside a phrase for a person is: "Greenhollow" of "the judge in the greenhollow case".)
    const own = (e: Entity) => e.kind !== 'name' || !tier.some((o) => o !== e && o.kind !== 'person' && bareText(o.text).includes(bareText(e.text)));
    for (const kind of kinds) {
      const hit = tier.find((e) => compatible(e, kind, spec.gender) && (kind !== 'name' || !spec.subjectName || own(e)));
      if (hit) return hit;
    }
  }
  for (const kind of spec.fallback ?? []) {
    const hit = tiers.flat().find((e) => e.kind === kind);
    if (hit) return hit;
  }
  // Nobody named: "he" or "she" is someone only described ("“…,” the union leader said").
  if (spec.gender) return tiers.flat().find((e) => e.kind !== 'person' && isRolePhrase(e.text));
  return undefined;
}

/** Rewrite the question's third-person pronouns with what they refer to; undefined when none does. */
function replacePronouns(question: string, history: readonly ConversationTurn[], names: NameLookup, tuning: ConversationTuning): string | undefined {
  const list = candidates(history, tuning.lookback);
  // The question's own names come first: "what did Putin say about his plan" is about Putin.
  // (A wh-phrase, "which territory", asks for something: it is not what "it" refers to.)
  const ownNames = namesIn(question, names, tuning);
  const own = [
    ...ownNames,
    ...withoutNames(nounPhrases(question, tuning), ownNames)
      .filter(
        (e) =>
          !/\b(?:which|what|whose|how many|how much)\s+\S*$/i.test(
            question.slice(0, Math.max(0, question.toLowerCase().indexOf(e.text.toLowerCase()))).trimEnd() + ' ' + e.text.split(' ')[0],
          ),
      )
      .map((e) => ({ ...e, at: question.toLowerCase().indexOf(e.text.toLowerCase()) })),
  ];
  // What the last question named, with where (read once, when a pronoun needs it).
  const last = history.at(-1)?.standalone ?? '';
  let lastMentions: (Entity & { at: number })[] | undefined;
  const mentionedBefore = (offset: number, kinds: readonly EntityKind[]) =>
    (lastMentions ??= [
      ...namesIn(last, names, tuning),
      ...nounPhrases(last, tuning).map((e) => ({ ...e, at: last.toLowerCase().indexOf(e.text.toLowerCase()) })),
    ]).some((e) => e.at >= 0 && e.at < offset && kinds.includes(e.kind));
  let changed = false;
  const usedBy = new Map<Entity, string>();
  // "There" is read first: the place it stands for is where, so not who ("who will they meet there").
  const exclude = new Set<string>();
  const thereAt = [...question.matchAll(/\bthere\b/gi)].find((m) => !EXISTENTIAL.test(question.slice(Math.max(0, m.index - 10), m.index + 15)));
  if (thereAt) {
    const place = pick(list, 'there');
    if (place) exclude.add(place.text.toLowerCase());
  }
  const out = question.replace(PRONOUN, (match, _p: string, offset: number, whole: string) => {
    const pronoun = match.toLowerCase();
    const spec = PRONOUN_KINDS[pronoun]!;
    const before = whole.slice(0, offset);
    const after = whole.slice(offset + match.length);
    if ((pronoun === 'it' || pronoun === 'its') && DUMMY_IT.test(whole.slice(Math.max(0, offset - 12), offset + match.length + 14))) return match;
    if (pronoun === 'there' && EXISTENTIAL.test(whole.slice(Math.max(0, offset - 10), offset + match.length + 10))) return match;
    // A pronoun the last question used with nothing before it to stand for stands for what it stood
    // for there, which nothing named ("how many were they expecting to catch" + "how many did they
    // get"); one after a name of its kind was that name's ("what did Yermak say he wanted").
    const lastAt = last.search(new RegExp(`\\b${pronoun}\\b`, 'i'));
    if (lastAt >= 0 && !mentionedBefore(lastAt, spec.kinds)) return match;
    // "They" in a question that names only a person ("what did Putin say about them") is someone else.
    const ownKinds = spec.kinds[0] === 'group' ? ['group', 'org'] : spec.kinds;
    if (own.some((e) => e.at >= 0 && e.at < offset && ownKinds.includes(e.kind) && !(spec.gender && e.gender && e.gender !== spec.gender))) return match;
    // "Where was it played / held?", "when does it start?": "it" is an event the turns named ("the
    // Kestrel Cup final", "the summit"), not the crowd or the score.
    const event =
      pronoun === 'it' && EVENT_VERB.test(after)
        ? (['thing', 'name'] as const).map((k) => list.flat().find((e) => e.kind === k && EVENT_NOUN.test(e.text))).find(Boolean)
        : undefined;
    let referent = event ?? pick(list, pronoun, pronoun === 'there' ? new Set() : exclude);
    if (!referent) return match;
    // A plural and a singular pronoun are two referents ("when did he tell them"): "them" is not "he".
    const earlier = usedBy.get(referent);
    if (earlier !== undefined && PLURAL.has(earlier) !== PLURAL.has(pronoun)) {
      referent = pick(list, pronoun, new Set([...exclude, ...[...usedBy.keys()].map((e) => e.text.toLowerCase())]));
      if (!referent) return match;
    }
    // Named once, the rest of the question may keep its pronouns ("what did Solberg say her priority was").
    if (usedBy.has(referent)) return match;
    usedBy.set(referent, pronoun);
    changed = true;
    const possessive =
      spec.possessive ||
      (pronoun === 'her' &&
        /^\s+(?!(?:to|about|on|in|at|for|with|from|and|or|say|said|of|that|this|by)\b)[\p{L}]/iu.test(after) &&
        !/[?!.]\s*$/.test(after.slice(0, 1)));
    // A bare noun the question used ("what kind of dog was it") is that one: "the dog".
    // (Not a name typed in lower case: "greenhollow water".)
    const bare =
      referent.kind !== 'place' &&
      referent.kind !== 'name' &&
      BARE_NOUN.test(referent.text) &&
      !referent.text.split(/\s+/).some((w) => names.isName(w.replace(/['’]s$/i, '')));
    const text = bare ? `the ${referent.text}` : referent.text;
    if (possessive) return `${text}’s`;
    if (pronoun === 'there') return /\b(?:in|to|from|at|out of|over)\s*$/i.test(before) ? text : MOTION.test(before) ? `to ${text}` : `in ${text}`;
    return text;
  });
  return changed ? out.replace(OPENER, '') : undefined;
}

/** "what's …", chat's "whats …" → "what is …", as the question patterns read it. */
const whIs = (question: string) => question.replace(/^(who|what|where|when|why|how)(?:'|’)s\b/i, '$1 is').replace(/^whats\b/i, 'what is');

/**
 * The earlier question as an embedded clause, for "who said so?": "how many troops did kyiv lose
 * in october" → "how many troops kyiv lost in october"; "how many components were the points split
 * into" → "how many components the points were split into". A question of another shape stays as it is.
 */
function embedded(question: string, tuning: ConversationTuning): string {
  const p = whIs(strip(question));
  const m = WH_QUESTION.exec(p);
  if (!m || !tuning.useCompromise) return p;
  const [, wh, aux, rest] = m as unknown as [string, string, string, string];
  let verb = (nlp(rest).verbs().json() as { text: string }[])[0]?.text.split(/\s+/).pop();
  // "tidewater pay for rovers" reads as nouns: with the auxiliary back after the subject
  // ("tidewater did pay …") the verb shows.
  for (let i = 1, words = rest.split(/\s+/); !verb && /^(?:did|does|do)$/i.test(aux) && i < Math.min(words.length, 4); i++) {
    const v = (
      nlp([...words.slice(0, i), aux, ...words.slice(i)].join(' '))
        .verbs()
        .json() as { text: string }[]
    ).find((x) => x.text.toLowerCase().startsWith(`${aux.toLowerCase()} `));
    verb = v?.text.split(/\s+/).pop();
  }
  const at = verb ? new RegExp(`\\b${verb.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').exec(rest)?.index : undefined;
  if (!verb || at === undefined) return /^(?:is|are|was|were)$/i.test(aux) ? `${wh} ${rest} ${aux}` : p;
  if (/^(?:did|does|do)$/i.test(aux)) {
    // (Tensed after a subject: "pay" alone is read as a noun.)
    const v = nlp(`they ${verb}`).verbs();
    const form = (/^did$/i.test(aux) ? v.toPastTense().text() : /^does$/i.test(aux) ? nlp(`it ${verb}`).verbs().toPresentTense().text() : verb)
      .split(/\s+/)
      .pop();
    return `${wh} ${rest.slice(0, at)}${form || verb}${rest.slice(at + verb.length)}`;
  }
  return at > 0 ? `${wh} ${rest.slice(0, at).trim()} ${aux} ${rest.slice(at)}` : p;
}

/** "how many homes in fennick had to boil …", "how many measles cases r there": what it counted and what is said of it. */
const HOW_MANY =
  /^how (?:many|much)\s+((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+(?:\s+(?:in|of|at|from|on)\s+[\p{L}-]+)?)\s+((?:r|are|were|was|is|did|do|does|have|has|had|will|got|get)\b.*|\p{L}+ed\b.*)$/iu;

/** The earlier question asked again with another wh-word: "who is going to Moscow?" + "when?" → "when is Witkoff going to Moscow?" */
function askAgainWith(wh: string, prev: ConversationTurn, tuning: ConversationTuning): string {
  let p = whIs(strip(prev.standalone)).replace(/^(who|what|where|when|why|how)(?:'|’)re\b/i, '$1 are');
  // "When?" asks for the date: the earlier question's own date words ("next week") would answer it.
  // ("Until when?" asks for an end: the earlier start, "after June", stays.)
  if (/^(?:when|since when|by when|when exactly|(?:in|on|at) what \w+)$/i.test(wh)) {
    for (const d of chrono().parse(p).reverse())
      p = `${p.slice(0, d.index)}${p.slice(d.index + d.text.length)}`.replace(/\s+(?:on|in|at|by|from|until|since|during|after|before)\s*$/i, '');
    p = p.replace(/\s+/g, ' ').trim();
  }
  // ("how much for?" is "for how much?")
  const w = wh
    .toLowerCase()
    .replace(/\s+(?:exactly)$/, '')
    .replace(/^how much for$/, 'for how much');
  const m = WH_QUESTION.exec(p);
  if (m) {
    const [, pw, aux] = m as unknown as [string, string, string, string];
    // "Where is it moving to?", "which team did he go to?" + "when?": the "to" went with the wh-word.
    const rest = !/^(?:who|whom|what|which)\b/.test(w) ? m[3]!.replace(/\s+(?:to|from|for|with|at|into)$/i, '') : m[3]!;
    const first = rest.split(/\s+/)[0] ?? '';
    if (/^(?:who|what)$/i.test(pw) && /ing$/i.test(first)) return `${w} ${aux} ${prev.answerEntity?.text ?? 'they'} ${rest}?`;
    // "Which hospitals are merging in westmere?" + "when?" → "when are the hospitals merging in westmere?"
    if (/^which\s/i.test(pw) && /\p{L}(?:ing|ed|en)$/iu.test(first)) return `${w} ${aux} the ${pw.replace(/^which\s+/i, '')} ${rest}?`;
    // "What was stolen from the museum?" + "when?" → "when was that stolen from the museum?"
    if (/^what$/i.test(pw) && /^(?:is|are|was|were)$/i.test(aux) && /\p{L}(?:ed|en)$/iu.test(first))
      return `${w} ${aux} ${prev.answerEntity?.text ?? 'that'} ${rest}?`;
    const object = /^what$/i.test(pw) && !/^(?:is|are|was|were)$/i.test(aux) && !/\b(?:that|it|this)$/i.test(rest) && !/^what\b/i.test(w);
    return `${w} ${aux} ${rest}${object ? ' that' : ''}?`;
  }
  const s = SUBJECT_QUESTION.exec(p);
  if (s && !/^(?:is|are|was|were)$/i.test(s[3]!)) {
    // ("who appealed?" + "when?" → "when did Quickcart appeal?")
    // (An adverb before the verb stays before it: "what actually caused X" → "when did that actually cause X".)
    const [, pw, adverb, verb, rest = ''] = s as unknown as [string, string, string, string, string | undefined];
    const subject = prev.answerEntity?.text ?? (/^what$/i.test(pw) ? 'that' : 'they');
    const base = baseVerb(verb, tuning);
    // The tense stays: "what happens to X" + "until when?" → "until when does that happen to X".
    const aux = base !== verb && /[^s]s$/i.test(verb) && !/ed$/i.test(verb) ? 'does' : 'did';
    return `${w} ${aux} ${subject} ${adverb}${base}${rest ? ` ${rest}` : ''}?`;
  }
  const y = YESNO.exec(p);
  if (y) return `${w} ${y[1]} ${y[2]}?`;
  // "How many homes in fennick had to boil their water?" + "why?" → "why did homes in fennick
  // have to boil their water?" (its subject is what it counted).
  const counted = HOW_MANY.exec(p);
  if (counted && tuning.useCompromise && /^(?:why|how come|when|where)$/.test(w) && !/^(?:r|is|are|was|were|did|do|does|will)\b/i.test(counted[2]!)) {
    const [, subject, predicate] = counted as unknown as [string, string, string];
    // (compromise reads "had to boil" as "to boil": the modal "have to" is kept by hand.)
    const modal = /^(?:had|has|have) to\s+/i.exec(predicate);
    const base = modal
      ? `have to ${predicate.slice(modal[0].length)}`
      : nlp(`they ${predicate}`)
          .verbs()
          .toInfinitive()
          .all()
          .text()
          .replace(/^they\s+/i, '');
    if (base && base !== `they ${predicate}`) return `${w === 'how come' ? 'why' : w} did ${subject} ${base}?`;
  }
  return `${w} (${p})?`;
}

/**
 * The subjects of the last question a name typed alone takes the place of, in order (its own kind
 * otherwise): a name of no known kind a person's first, then any name's.
 */
const SLOTS: Partial<Record<EntityKind, EntityKind[]>> = {
  name: ['person', 'name', 'place', 'org'],
  person: ['person', 'name'],
  place: ['place', 'name'],
};
const SLOTS_OF_PLACE: EntityKind[] = ['place', 'name', 'org'];
/** Words that order things of one kind ("the first offer", "the second one"). */
const ORDINALS = 'first|second|third|fourth|fifth|sixth|last|final|next|latest|original|initial|opening|earlier|later|previous';
const ORDINAL = new RegExp(`\\b(?:${ORDINALS})\\b`, 'i');
const ORDINAL_ONE = new RegExp(`^(?:the\\s+)?(${ORDINALS})(?:\\s+(?:one|1))?$`, 'i');
/** A phrase for someone by role ("the judge", "the union leader"), not by name. */
const isRolePhrase = (text: string) => /^the\s/i.test(text) && isPersonNoun(text.split(/\s+/).pop()!);
/** Whoever acts in a question ("the police", "the council", "the fans"), as against what they act on. */
const isAgent = (text: string) => {
  const head = text.toLowerCase().split(/\s+/).pop() ?? '';
  return ORG_WORDS.test(head) || GROUP_HEADS.test(head) || isPersonNoun(head);
};

/** The earlier question with one of its names swapped for the new one: "what did Yermak say?" + "and Zelensky?". */
function swapInto(prev: ConversationTurn, entity: Entity): string {
  const p = strip(prev.standalone);
  // "and in September?", "the next day?": another time for the same question.
  const when = chrono().parse(entity.text);
  if (when.length && when[0]!.text.length >= entity.text.replace(/^(?:in|on|at|during)\s+/i, '').length - 2) {
    const old = chrono()
      .parse(p)
      .find((d) =>
        /\d|day|week|month|year|night|morning|evening|january|february|march|april|may|june|july|august|september|october|november|december/i.test(d.text),
      );
    if (old) return `${p.slice(0, old.index)}${entity.text.replace(/^(?:in|on|at|during)\s+/i, '')}${p.slice(old.index + old.text.length)}?`;
    return `${p} ${entity.text}?`;
  }
  // "And in aldermoor?" is a place, whatever the lists say.
  const kinds = /^(?:in|at|near|from)\s/i.test(entity.text) ? SLOTS_OF_PLACE : (SLOTS[entity.kind] ?? [entity.kind]);
  // "What about the mens race?" after "the womens race": the phrase with the same head word.
  const head = (e: Entity) => e.text.toLowerCase().split(/\s+/).pop();
  // The name without the preposition typed before it ("and in aldermoor?").
  const named = entity.text.replace(/^(?:in|at|on|from|for|with|by)\s+(?=\S)/i, '');
  // (Not the name itself: "and for the wolves?" after "who scored for the pilots when they beat the wolves".)
  const others = prev.subjects.filter((e) => bareText(e.text) !== bareText(named));
  const sameHead = /\s/.test(entity.text.trim())
    ? others.find((e) => head(e) === head(entity) && e.text.toLowerCase() !== entity.text.toLowerCase())
    : undefined;
  // "And the reliquary?" after "where did the police find the watches": a thing takes the place of
  // the thing acted on, not of whoever acted.
  const thing = entity.kind === 'thing' ? prev.subjects.find((e) => (e.kind === 'thing' || e.kind === 'group') && !isAgent(e.text)) : undefined;
  // "And his barrister?" after "who was the judge in lusks trial": someone else of the same person
  // (Lusk), so the role asked for ("the judge") gives way, and "his" is Lusk's.
  const owned = entity.kind === 'person' ? /^(?:his|her|their)\s+/i.exec(entity.text)?.[0] : undefined;
  const role = owned ? prev.subjects.find((e) => isRolePhrase(e.text)) : undefined;
  const owner = role && prev.subjects.find((e) => (e.kind === 'person' || e.kind === 'name') && !/^the\s/i.test(e.text));
  const roleAt = role ? p.toLowerCase().indexOf(role.text.toLowerCase()) : -1;
  if (roleAt >= 0) {
    const who = owner ? `${owner.text}'s ${entity.text.slice(owned!.length)}` : entity.text;
    return `${p.slice(0, roleAt)}${who}${p.slice(roleAt + role!.text.length)}?`;
  }
  const slot = sameHead ?? thing ?? kinds.map((k) => others.find((e) => e.kind === k)).find(Boolean);
  const at = slot ? p.toLowerCase().indexOf(slot.text.toLowerCase()) : -1;
  // A name takes the name's place, without a second "the" ("the pilots" → "the wolves").
  if (slot && at >= 0) {
    const inserted = /\bthe\s+$/i.test(p.slice(0, at)) ? named.replace(/^the\s+/i, '') : named;
    return `${p.slice(0, at)}${inserted}${p.slice(at + slot.text.length)}?`;
  }
  const topic = /\b(about|on|regarding)\s+(.+)$/i.exec(p);
  // "and about Europe?" brings its own preposition.
  if (topic) return `${p.slice(0, topic.index)}${/^(?:about|on|regarding)\s/i.test(entity.text) ? '' : `${topic[1]} `}${entity.text}?`;
  return `${p}, for ${entity.text}?`;
}

/** Kind of a name typed in an elliptical follow-up. */
function entityOf(typed: string, names: NameLookup, tuning: ConversationTuning): Entity {
  // "And the reliquary itself?": the reliquary.
  const phrase = typed.replace(/\s+(?:itself|himself|herself|themselves)$/i, '');
  const found = namesIn(phrase, names, tuning);
  if (found.length === 1 && found[0]!.text.toLowerCase() === phrase.toLowerCase().replace(/^the\s+/, '')) {
    const article = /^the\s+/i.exec(phrase)?.[0] ?? '';
    return { text: `${article}${found[0]!.text}`, kind: found[0]!.kind, ...(found[0]!.gender && { gender: found[0]!.gender }) };
  }
  if (found.length) return { text: phrase, kind: found[0]!.kind };
  const np = nounPhrases(phrase, tuning)[0];
  // "And the runner-up?", "what about the women's winner": someone, in the place of someone.
  if (np && isPersonNoun(np.text.split(/\s+/).pop()!)) return { text: phrase, kind: 'person' };
  return { text: phrase, kind: np?.kind ?? 'thing' };
}

function hasVerb(phrase: string, tuning: ConversationTuning): boolean {
  if (VERBISH.test(phrase)) return true;
  // "the mens race" is a noun phrase, whatever the tagger makes of "race".
  if (/^(?:the|a|an|his|her|their|its)\s+\S+(?:\s+\S+){0,2}$/i.test(phrase.trim())) return false;
  return tuning.useCompromise && nlp(phrase).verbs().length > 0 && !/^(?:the\s+)?\p{Lu}/u.test(phrase);
}

/**
 * Load now what reading follow-ups needs (compromise and chrono-node, which are loaded on first use
 * and synchronously: 1–2 s on a small machine). A bot calls it before it goes online, so the first
 * follow-up it reads does not hold up everyone else's questions for that long.
 */
export function prepareFollowUps(): void {
  nlp('');
  chrono();
}

/**
 * Read a question against the conversation so far: a follow-up that leans on it ("who did he say
 * it to?", "and Zelensky?", "when?") becomes a question that stands on its own; any other question
 * is left exactly as it is (a new subject is not rewritten).
 */
export function resolveFollowUp(
  question: string,
  history: readonly ConversationTurn[],
  names: NameLookup,
  tuning: ConversationTuning = defaultConversationTuning,
): Resolution {
  const prev = history[history.length - 1];
  const unchanged: Resolution = { standalone: question, rewritten: false };
  if (!prev) return unchanged;
  const body = question.trim().replace(OPENER, '').trim();
  const wh = WH_ELLIPSIS.exec(body);
  if (wh) return { standalone: askAgainWith(wh[1]!, prev, tuning), rewritten: true, how: 'wh-ellipsis' };
  const unit = TIME_ELLIPSIS.exec(body);
  if (unit) {
    const noun = unit[1]!.toLowerCase();
    const prep = noun === 'time' ? 'at' : noun === 'day' || noun === 'date' ? 'on' : 'in';
    return { standalone: askAgainWith(`${prep} what ${noun}`, prev, tuning), rewritten: true, how: 'wh-ellipsis' };
  }
  const source = SOURCE.exec(body);
  if (source) return { standalone: `who ${(source[1] ?? 'said').toLowerCase()} ${embedded(prev.standalone, tuning)}?`, rewritten: true, how: 'wh-ellipsis' };
  const demo = DEMONSTRATIVE.exec(body);
  const that = prev.answerEntity ?? prev.subjects[0];
  if (demo && that && !PRONOUN.test(demo[1]!)) return { standalone: `${demo[1]} ${that.text}?`, rewritten: true, how: 'pronoun' };
  const ell = ELLIPSIS.exec(question.trim()) ?? ELLIPSIS.exec(body);
  if (ell) {
    const phrase = ell[1]!.trim();
    // (A question after "and" is no name to swap in, however chat spells it: "and whats the first offer".)
    if (
      phrase.split(/\s+/).length <= tuning.maxEllipsisWords &&
      !hasVerb(phrase, tuning) &&
      !/^(?:what|who|when|where|why|how|which)(?:s|['’]s)?\b/i.test(phrase)
    ) {
      // "And her?", "what about them": the pronoun is someone else the conversation named, not
      // what the last question was about.
      const pronoun = /^(?:he|him|she|her|they|them|it)$/i.exec(phrase)?.[0].toLowerCase();
      if (pronoun) {
        const asked = new Set([...prev.subjects, ...(prev.answerEntity ? [prev.answerEntity] : [])].map((e) => e.text.toLowerCase()));
        const other = pick(candidates(history, tuning.lookback), pronoun === 'he' ? 'him' : pronoun === 'she' ? 'her' : pronoun, asked);
        if (!other) return unchanged;
        return { standalone: swapInto(prev, other), rewritten: true, how: 'ellipsis' };
      }
      // "And the second one?" after "how much was the first offer": the same question of the next in the series.
      const ordinal = ORDINAL_ONE.exec(phrase)?.[1];
      const p = strip(prev.standalone);
      const was = ordinal && ORDINAL.exec(p);
      if (ordinal && was) {
        return { standalone: `${p.slice(0, was.index)}${ordinal.toLowerCase()}${p.slice(was.index + was[0].length)}?`, rewritten: true, how: 'ellipsis' };
      }
      return { standalone: swapInto(prev, entityOf(phrase, names, tuning)), rewritten: true, how: 'ellipsis' };
    }
  }
  // "How many measles cases are there?" + "how many of them weren't vaccinated?": them are the cases counted.
  const counted = HOW_MANY.exec(whIs(strip(prev.standalone)))?.[1];
  const partitive = /\b((?:how many|how much|which|what share|what proportion|what percentage|some|most|all|none|any)\s+of\s+)them\b/i;
  if (counted && partitive.test(body)) return { standalone: body.replace(partitive, `$1the ${counted}`), rewritten: true, how: 'pronoun' };
  // "How many crayfish were they expecting to catch?" + "and how many did they actually get?": the
  // same thing counted.
  // (Not "how much": "how much did the clean-up cost" after "how much acetate leaked" asks for money.)
  // (Also "and how many didnt make it": an auxiliary with its "not", typed with or without the apostrophe.)
  const countsNothing = /^how many\s+(?=(?:did|do|does|were|was|are|is|have|has|had|will|would|could)(?:n['’]?t)?\b|won['’]?t\b)/i;
  const asked = counted && /^how many\b/i.test(prev.standalone) && countsNothing.test(body) ? body.replace(countsNothing, `how many ${counted} `) : question;
  const replaced = replacePronouns(asked, history, names, tuning);
  const partOf = partOfAnswer(replaced ?? asked, prev, tuning);
  if (partOf !== undefined) return { standalone: partOf, rewritten: true, how: 'pronoun' };
  if (replaced !== undefined) return { standalone: replaced, rewritten: true, how: 'pronoun' };
  if (asked !== question) return { standalone: asked, rewritten: true, how: 'ellipsis' };
  return unchanged;
}

/** "how much of that", "which of those": a part of what the last answer gave ("that" not before a noun). */
const OF_THAT = /\b(of|about)\s+(?:that|this|those|these)(?=\s*(?:$|[?!.,]|(?:was|is|were|are|will|would|did|does|has|have|had|went|goes|came|comes)\b))/i;

/**
 * "how much did Tidewater pay for Rovers" + "how much of that was debt" → "how much of what
 * tidewater paid for rovers was debt": "that" is what the last question asked for, said as a clause.
 */
function partOfAnswer(question: string, prev: ConversationTurn, tuning: ConversationTuning): string | undefined {
  const at = OF_THAT.exec(question);
  if (!at) return undefined;
  const m = WH_QUESTION.exec(strip(prev.standalone));
  if (!m || !/^(?:what|how many \S+|how much(?: \S+)?|which \S+)$/i.test(m[1]!)) return undefined;
  const clause = embedded(prev.standalone, tuning);
  if (!clause.toLowerCase().startsWith(m[1]!.toLowerCase()) || clause === strip(prev.standalone)) return undefined;
  return `${question.slice(0, at.index)}${at[1]} what ${clause.slice(m[1]!.length).trim()}${question.slice(at.index + at[0].length)}`.replace(OPENER, '');
}

type TurnEntities = Pick<ConversationTurn, 'subjects' | 'answerEntity' | 'answerNames'>;

/** A cited passage as a turn reads it: its text and, when the engine fetched it, the article's text just before it. */
interface CitedText {
  n?: number;
  passageId: string;
  passage?: string;
  /** The article's text before the passage (for a claim that names its person only there). */
  before?: string;
}

/**
 * Whether an answer to this question may name its person only before the cited passage ("The
 * 52-year-old started the petition …" after a paragraph naming him): then the engine passes that
 * text as `before` (a cheap test: no tagger).
 */
export function wantsLeadIn(standalone: string, answer: { claims: readonly { text: string }[] }): boolean {
  const first = answer.claims[0]?.text;
  return Boolean(first && answerTypeOf(standalone) === 'person' && asksForSubject(standalone) && mayOpenWithDescription(first));
}

/**
 * Whether "who" is the subject of the question ("who scored …", "who is the keeper", "who has been
 * appointed"): then the subject of the answer's sentence is who. Not "who did Trump sanction",
 * "who will they meet" (the answer is an object; "He recounted how Trump …" is someone else).
 */
function asksForSubject(question: string): boolean {
  const m = WH_QUESTION.exec(strip(question));
  if (!m || !/^who$/i.test(m[1]!)) return /^who\b/i.test(question);
  if (/^(?:did|does|do)$/i.test(m[2]!)) return false;
  return /^(?:been|being|not|\S+(?:ed|en|ing))\b/i.test(m[3]!) || /^(?:is|are|was|were)$/i.test(m[2]!);
}

/**
 * What to keep of a question and its answer for the next question (see ConversationTurn). Its names
 * and noun phrases (subjects, answerEntity, answerNames) are worked out on first read, by a follow-up:
 * they need compromise's tagger, and a process answering only questions that stand on their own
 * never loads compromise (30–45 MB). The turn keeps copies of what that takes (the texts, and which
 * of their words the articles write as names), nothing of the answer or the index.
 */
export function turnOf(
  question: string,
  standalone: string,
  answer: { abstained: boolean; claims: readonly { text: string; citations?: readonly number[] }[]; citations: readonly CitedText[] },
  names: NameLookup,
  tuning: ConversationTuning = defaultConversationTuning,
  at = Date.now(),
): ConversationTurn {
  const claims = answer.claims.map((c) => ({ text: c.text }));
  // The first claim's passages, kept only when it may describe its person instead of naming them.
  const firstCited = answer.claims[0]?.citations;
  const leadIns = wantsLeadIn(standalone, answer)
    ? answer.citations.filter((c) => !firstCited || c.n === undefined || firstCited.includes(c.n)).map((c) => ({ passage: c.passage, before: c.before }))
    : [];
  const facts = { abstained: answer.abstained, claims, leadIns };
  const lookup = nameSnapshot([standalone, claims.map((c) => c.text).join(' '), ...leadIns.flatMap((p) => [p.passage ?? '', p.before ?? ''])], names);
  // Whom "he" and "she" can mean, from the answer's own passages (kept small: a map, not the text).
  const genders = genderEvidence([
    ...claims.map((c) => c.text),
    ...answer.citations.flatMap((c) => (c.passage ? [c.passage] : [])),
    ...leadIns.flatMap((p) => (p.before ? [p.before] : [])),
  ]);
  let entities: TurnEntities | undefined;
  const read = () => (entities ??= turnEntities(standalone, facts, lookup, tuning, genders));
  const turn = { question, standalone } as ConversationTurn;
  // In the order of the eager object (JSON output reads the same); answerEntity is undefined when there is none.
  Object.defineProperties(turn, {
    subjects: { get: () => read().subjects, enumerable: true },
    answerEntity: { get: () => read().answerEntity, enumerable: true },
    answerNames: { get: () => read().answerNames, enumerable: true },
  });
  return Object.assign(turn, { passages: answer.citations.map((c) => c.passageId), abstained: answer.abstained, at });
}

function turnEntities(
  standalone: string,
  answer: { abstained: boolean; claims: readonly { text: string }[]; leadIns?: readonly { passage?: string; before?: string }[] },
  names: NameLookup,
  tuning: ConversationTuning,
  genders: ReadonlyMap<string, 'male' | 'female'> = new Map(),
): TurnEntities {
  const named = namesIn(standalone, names, tuning);
  const claims = answer.claims.map((c) => c.text).join(' ');
  const claimNames = claims ? namesIn(claims, names, tuning) : [];
  const subjects: Entity[] = named.map(({ text, kind, gender, at }) => {
    const after = standalone.slice(at + text.length);
    // A name the question leaves untyped is what the answer shows it to be ("for rovers" …
    // "Rovers manager Hanne Lindqvist": a side, not a person).
    if (kind === 'name') kind = claimNames.find((e) => e.kind !== 'name' && e.text.toLowerCase() === text.toLowerCase())?.kind ?? kind;
    // Only people speak: the subject of "say", "tell", "think" … is a person ("what did stanovaya say").
    if (
      kind === 'name' &&
      new RegExp(`^\\s+(?:${SPEECH_VERBS})\\b`, 'i').test(after) &&
      /\b(?:did|does|do|will|would|has|have|had)\s+$/i.test(standalone.slice(0, at))
    )
      kind = 'person';
    // "What is X?" asks about a thing (a person would be "who is X?").
    if (kind === 'name' && /^(?:what(?:'s|’s|s| is| was| are)\s+)$/i.test(standalone.slice(0, at).replace(/^\s+/, '')) && /^[\s?!.]*$/.test(after))
      kind = 'thing';
    return { text, kind, ...(gender && { gender }) };
  });
  // Noun phrases after the names ("the peace plan", "Russia's delegation"), unless they are only a name.
  // What the question asked for ("which company") is what the answer gives, so it comes after what
  // the question was about ("the port alcott housing contract") as what "it" means next.
  const asked: Entity[] = [];
  for (const np of withoutNames(nounPhrases(standalone, tuning), named)) {
    if (subjects.some((s) => bareText(s.text).includes(bareText(np.text)))) continue;
    const at = standalone.toLowerCase().indexOf(np.text.toLowerCase());
    // (Asked as the one who did something, "which company got …"; "what summit was it" asks what "it" is.)
    if (at >= 0 && /\b(?:which|what)\s+$/i.test(standalone.slice(0, at)) && !/^\s+(?:is|was|are|were)\b/i.test(standalone.slice(at + np.text.length)))
      asked.push(np);
    else subjects.push(np);
  }
  subjects.push(...asked);
  // A partial abstention ("doesn't name who; it reports: Putin also said …") showed its claim: the
  // next question may point into it ("what did he say …"), though it answered nothing.
  const inQuestion = (e: Entity) =>
    subjects.some(
      (s) =>
        s.text.toLowerCase() === e.text.toLowerCase() ||
        s.text.toLowerCase().endsWith(e.text.toLowerCase()) ||
        e.text.toLowerCase().endsWith(s.text.toLowerCase()),
    );
  // Names inside a quotation ("As long as Mr. Zelenskiy is president…") are what someone said, not the answer.
  const quoted = [...claims.matchAll(/“[^”]*”|"[^"]*"/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const inQuote = (e: { at: number }) => quoted.some(([a, b]) => e.at > a && e.at < b);
  const found = claimNames.filter((e) => !inQuestion(e)).sort((a, b) => Number(inQuote(a)) - Number(inQuote(b)));
  // Groups the first claim names without a proper name ("two major Russian oil companies"): what "they" may mean next.
  const firstClaim = answer.claims[0]?.text ?? '';
  const groups = nounPhrases(firstClaim, tuning)
    .filter((e) => e.kind === 'group' && e.text.split(' ').length <= 5)
    .map((e) => ({ ...e, at: -1 }));
  const type = answerTypeOf(standalone);
  // Whom the answer layer reads as a person in the answer proper ("beating the defending champion
  // Piers Lockyer": a role before the name), a person here too, whatever the name lists say.
  if (type === 'person') {
    const people = personNames(withoutDateline(firstClaim));
    for (const e of found) if (e.kind === 'name' && people.some((p) => p === e.text || p.endsWith(` ${e.text}`))) e.kind = 'person';
  }
  const wanted: Partial<Record<string, EntityKind[]>> = {
    person: ['person', 'name', 'group', 'org', 'place'],
    place: ['place', 'name'],
    // ("Who bought Albion?" may be answered by the person leading the buyers.)
    org: /^who\b/i.test(standalone.trim()) ? ['org', 'name', 'person'] : ['org', 'name'],
    // "The name of the company": its organisation before any other name the answer has ("U.S.").
    name: ORG_THING.test(namedThing(standalone) ?? '') ? ['org', 'name', 'place', 'thing'] : ['name', 'org', 'place', 'thing'],
  };
  // "Which regions …?" is answered by the names of the answer, whatever their kind.
  const kinds = answer.abstained
    ? undefined
    : (wanted[type] ?? (/^which\s+\p{L}/iu.test(standalone) ? (['person', 'place', 'org', 'name'] as EntityKind[]) : undefined));
  const first =
    kinds && /^which\s/i.test(standalone) && !wanted[type] ? found.filter((e) => !e.owner && !inQuote(e)).sort((a, b) => a.at - b.at)[0] : undefined;
  // The first claim is the answer proper: its names come before those of the claims after it.
  const inFirst = (e: { at: number }) => e.at < firstClaim.length;
  // "Who stole the brooch?" — "Two masked people entered …, Detective Inspector Harald Dunn said":
  // whoever a claim is attributed to did not do what was asked (unless the question asks who said it).
  const sourceIsNoDoer =
    type === 'person' &&
    asksForSubject(standalone) &&
    !/^who\s+(?:is|are|was|were|'s|’s)\b/i.test(standalone.trim()) &&
    !new RegExp(`^who\\s+(?:${SPEECH_VERBS})\\b`, 'i').test(standalone.trim());
  // (Attributed after the fact: "…, X said." or "…, said X." — "X said it would appeal" is X's own act.)
  const attributed = (e: { text: string; at: number }) =>
    /^,?\s+(?:said|says|added|explained|insisted)(?:\s+on\s+\p{L}+)?\s*[.!?]/iu.test(firstClaim.slice(e.at + e.text.length)) ||
    (/(?:,\s*)(?:said|says|according to)\s+(?:\p{Lu}[\p{L}.]*\s+){0,3}$/u.test(firstClaim.slice(0, e.at)) &&
      /^[^,;]*[.!?]?\s*$/.test(firstClaim.slice(e.at + e.text.length)));
  // What answered "where" is a name after "at", "in", "near" … ("at Kettering Flats"), before one
  // that only acted there ("Sorell Semiconductors said it would build its plant at …").
  // (The answer layer's prepositions of place, PLACE_PREP: where each name after one starts.)
  const placedAt = new Set([...firstClaim.matchAll(PLACE_PREP)].map((m) => m.index + m[0].length - m[1]!.length));
  const placed = (e: { at: number }) => placedAt.has(e.at);
  // (Among names of no known kind: a known place stays first, wherever it is: "to visit Moscow".)
  const ordered = (list: typeof found, kind: EntityKind) =>
    type === 'place' && kind === 'name' ? [...list.filter(placed), ...list.filter((e) => !placed(e))] : list;
  // ("who did torvane name as ceo": "Torvane Logistics" is the question's own name, no answer.)
  const extendsAsked = (e: Entity) => e.kind !== 'person' && subjects.some((s) => e.text.toLowerCase().startsWith(`${s.text.toLowerCase()} `));
  const byKind = (list: typeof found) =>
    kinds
      ? kinds
          .map((k) => ordered(list, k).find((e) => e.kind === k && !e.owner && !inQuote(e) && !extendsAsked(e) && !(sourceIsNoDoer && attributed(e))))
          .find(Boolean)
      : undefined;
  // (Nor, then, is a name in the claims after it: the answer proper named nobody who did it.)
  const onlySource = sourceIsNoDoer && found.some((e) => inFirst(e) && attributed(e));
  let answerEntity: (Entity & { at: number }) | undefined =
    first ?? byKind(found.filter(inFirst)) ?? (onlySource ? undefined : byKind(found.filter((e) => !inFirst(e))));
  const strip = (e: Entity): Entity => {
    const { text, kind, gender } = withGenderEvidence(e, genders);
    return { text, kind, ...(gender && { gender }) };
  };
  // What answered "where" is a place, whatever the name lists say ("Bishkek"); what answered "who" is someone.
  if (answerEntity && type === 'place' && answerEntity.kind === 'name') answerEntity.kind = 'place';
  if (answerEntity && type === 'person' && answerEntity.kind === 'name') answerEntity.kind = 'person';
  // "Who was the rovers keeper?": whoever the answer names beside the post ("… denied by Rovers
  // keeper Idris Mbeki"), not the first name in it.
  const holder = type === 'person' && !answer.abstained ? postHolderIn(firstClaim, standalone) : undefined;
  const held = holder && found.find((e) => e.text === holder || e.text.endsWith(holder) || holder.endsWith(e.text));
  if (held) answerEntity = { ...held, kind: 'person' };
  // "Who …?" answered by a description ("The big keeper guessed right twice …", shown too by a
  // partial abstention): "he" or "she" next is the person named just before it in the article.
  // (A claim that itself names a person who answers is described only by a word for a person: "The
  // ribbon was cut by Ruby Dunn" is answered by Ruby Dunn.)
  const namesItsPerson = answerEntity !== undefined && answerEntity.kind === 'person' && inFirst(answerEntity);
  const described =
    type === 'person' && answer.leadIns?.length ? describedPerson(firstClaim, answer.leadIns, inQuestion, names, tuning, genders, namesItsPerson) : undefined;
  if (described) answerEntity = { ...described, at: -1 };
  // "Donetsk and Luhansk": an answer naming two things joined by "and" is both (a plural, "they").
  if (answerEntity) {
    const e = answerEntity;
    const next = found.find((o) => o !== e && o.at > e.at && /^\s+and\s+$/i.test(claims.slice(e.at + e.text.length, o.at)));
    if (next && claims.slice(e.at, e.at + e.text.length) === e.text) answerEntity = { text: `${e.text} and ${next.text}`, kind: 'group', at: e.at };
  }
  // Things the first claim names ("a 28-point peace framework"): what "it" may mean next, after the question's own.
  // (Nor words quoted: "branding such claims as “ridiculous” and “complete nonsense”".)
  const quotedWords = new Set([...firstClaim.matchAll(/[“"‘]([^”"’]*)[”"’]/g)].flatMap((m) => m[1]!.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []));
  const things = withoutNames(nounPhrases(firstClaim, tuning), found).filter(
    (e) =>
      e.kind === 'thing' &&
      e.text.split(' ').length <= 5 &&
      !inQuestion(e) &&
      !(e.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).some((w) => quotedWords.has(w) && !/^(?:the|a|an|and|of)$/.test(w)),
  );
  // "What did the US unveil?" asks for a thing (not for words: "what did X say"): the answer's first
  // thing is what a following "it" means ("what did it demand").
  const doWhat = WH_QUESTION.exec(standalone.replace(/[\s?!.]+$/, ''));
  if (
    !answerEntity &&
    !answer.abstained &&
    doWhat &&
    /^what$/i.test(doWhat[1]!) &&
    /^(?:did|does|do|has|have|had|will|would)$/i.test(doWhat[2]!) &&
    // ("What does he do?" asks what someone does, not for a thing.)
    !new RegExp(`\\b(?:${SPEECH_VERBS}|think|feel|mention|call|view|see|know|do|doing)\\b`, 'i').test(doWhat[3]!) &&
    things[0]
  ) {
    answerEntity = { ...things[0], at: -1 };
  }
  // "Who was the judge?" answered by a woman: "the judge" is she, so "him" next is someone else.
  const answered = answerEntity && type === 'person' ? strip(answerEntity) : undefined;
  const roleAsked = answered?.gender && /^\s*who(?:'s|’s|s| is| was)\s+the\s/i.test(standalone);
  const asSubject = (e: Entity): Entity => (roleAsked && e.kind === 'person' && !e.gender && isRolePhrase(e.text) ? { ...e, gender: answered!.gender } : e);
  return {
    subjects: subjects.slice(0, 6).map(strip).map(asSubject),
    ...(answerEntity && { answerEntity: strip(answerEntity) }),
    answerNames: [
      ...found.filter((e) => e !== answerEntity && !answerEntity?.text.includes(e.text)).slice(0, 6),
      ...groups.slice(0, 2),
      ...things.filter((e) => e.text !== answerEntity?.text).slice(0, 2),
    ].map(strip),
  };
}
