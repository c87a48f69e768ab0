import { chrono } from '../text/dates.js';
import { nlp } from '../text/nlp.js';
import { isCommonWord } from '../answer/common-words.js';
import { isFirstName } from '../text/name-lexicon.js';
import type { Entity, EntityKind } from '../types.js';
import type { NameLookup } from './types.js';
import type { ConversationTuning } from './tuning.js';

/** Words that are capitalised at the start of a sentence or as question scaffolding, never names. */
const NOT_NAMES = new Set(
  `a an the this that these those it its he she they we i you his her their our my your what who whom whose where when why how which
  did does do is are was were will would has have had can could should and but or so if as at in on of to for from by with about
  as then there here also yes no not mr mrs ms dr president minister
  january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow`.split(/\s+/),
);
/** Lower-case words inside a person's name. */
const PARTICLE = /^(?:van|von|der|den|de|da|di|du|del|della|dos|das|la|le|bin|ibn|al|ter|ten)$/;
/** Courtesy titles: only people have one ("Dr. Annika Reuter", "Mrs Lund"). */
const HONORIFICS = 'mr|mrs|ms|dr|prof|sir|dame';
const HONORIFIC = new RegExp(`^(?:${HONORIFICS})$`, 'i');
const HONORIFIC_BEFORE = new RegExp(`\\b(${HONORIFICS})\\.?\\s+$`, 'i');
/** Titles and roles before a name ("Chief Executive Marcus T. Ellery", "Striker Tomás Reyna"): not part of it. */
export const TITLES =
  /^(?:chief|executive|officer|operating|financial|president|vice|prime|minister|foreign|deputy|first|secretary|director|manager|boss|coach|striker|captain|skipper|goalkeeper|keeper|defender|midfielder|chairman|chairwoman|chair|founder|analyst|spokesman|spokeswoman|spokesperson|envoy|special|senator|governor|mayor|judge|general|dr|prof|professor|sir|gov|rep|sen|incoming|outgoing|former|ceo|cfo|coo|honour|honor|excellency|detective|inspector|sergeant|constable|superintendent|commissioner|councill?or|cllr)$/i;
export const ORG_WORDS =
  /^(?:kremlin|government|govt|ministry|parliament|court|council|committee|commission|union|bank|company|club|team|party|agency|alliance|organi[sz]ation|delegation|army|police|board|senate|congress|rada|nato|un|eu|cso|csto|orchestra|philharmonic|theatre|theater|museum|school|college|university|hospital|airline|lotto|lottery|trust|charity|fund|services|group|aerospace)$/i;
export const GROUP_HEADS =
  /^(?:crew|staff|workforce|squad|officials|leaders|representatives|delegates|delegation|troops|forces|lawmakers|people|parents|residents|workers|riders|fans|players|voters|investors|shareholders|americans|ukrainians|russians|europeans)$/i;

/** Nouns for a person (besides the TITLES): what "she" can mean when no one is named ("the union leader said …"). */
export const PERSON_NOUNS =
  /^(?:player|candidate|official|politician|lawmaker|athlete|runner|rider|driver|cyclist|swimmer|winner|loser|scorer|leader|member|person|man|woman|teacher|doctor|nurse|lawyer|barrister|solicitor|attorney|prosecutor|witness|worker|employee|boss|owner|buyer|seller|investor|actor|singer|artist|author|writer|journalist|reporter|conductor|musician|pilot|soldier|victim|suspect|resident|campaigner|activist|critic|expert|economist|scientist|researcher|referee|goalie|winger|forward|umpire|jockey|trainer|chief|head|guy|bloke|fella|chap|lady|girl|boy)$/i;

/** Whether a noun names someone: "leader", "envoy", "the guy", "runner-up", "co-founder". */
export const isPersonNoun = (word: string) => word.split('-').some((part) => PERSON_NOUNS.test(part) || TITLES.test(part));

const titleCase = (w: string) => w.replace(/(^|[\s.-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());

interface Tagged {
  kind: EntityKind;
  gender?: 'male' | 'female';
}

/** Kind and gender of a name, from compromise's lexicon (places, first names, organisations). */
function tagName(name: string, context: string | undefined, tuning: ConversationTuning): Tagged {
  const last = name.split(/\s+/).pop() ?? name;
  if (ORG_WORDS.test(last)) return { kind: 'org' };
  if (!tuning.useCompromise) return { kind: 'name' };
  // A lone word's gender is the lexicon's guess at a first name, but a lone word in the news is
  // mostly a surname ("Reyna", "Keter"): only a full name ("Tomás Reyna", in the text) gives one.
  const single = !/\s/.test(name.trim());
  const probe = (text: string): Tagged | undefined => {
    const doc = nlp(text);
    const person = doc.people().json() as { text: string; person?: { presumed_gender?: string } }[];
    const bare = (p: { text: string }) => p.text.replace(/[^\p{L}\s.-]/gu, '').trim();
    const hit = person.find((p) => bare(p).endsWith(last) && (!single || /\s/.test(bare(p)))) ?? person.find((p) => bare(p).endsWith(last));
    if (hit) {
      const g = single && !/\s/.test(bare(hit)) ? undefined : hit.person?.presumed_gender;
      return { kind: 'person', ...(g === 'male' || g === 'female' ? { gender: g } : {}) };
    }
    if ((doc.places().out('array') as string[]).some((p) => p.includes(last))) return { kind: 'place' };
    if ((doc.organizations().out('array') as string[]).some((p) => p.includes(last))) return { kind: 'org' };
    return undefined;
  };
  const own = probe(titleCase(name));
  // A lone word the lexicon calls a person: its full name in the text, if there, gives the gender.
  if (own && single && context) {
    const full = probe(context);
    if (full?.kind === 'person' && full.gender) return full;
  }
  // A full name that opens with a given name compromise doesn't know ("Priya Ramanathan") is someone's.
  const given = !single && isFirstName(name.trim().split(/\s+/)[0]!) ? ({ kind: 'person' } as const) : undefined;
  return own ?? (context ? probe(context) : undefined) ?? given ?? { kind: 'name' };
}

/** The words namesIn reads (and asks `isName` about, lower-cased, a possessive's "'s" cut off). */
const NAME_TOKEN = /[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*/gu;
const nameWord = (token: string) => token.toLowerCase().replace(/[’']s$/, '');

/** A word and, when it may be a possessive typed without its apostrophe ("lusks"), the word without that "s". */
export const withBareOwner = (word: string): string[] => (word.length > 3 && word.endsWith('s') ? [word, word.slice(0, -1)] : [word]);

/** A lookup answering for the words of these texts as `names` does now, holding nothing of it (namesIn asks about no other word). */
export function nameSnapshot(texts: readonly string[], names: NameLookup): NameLookup {
  const named = new Set<string>();
  for (const text of texts)
    // (And "lusk" of "lusks trial": see namesIn.)
    for (const m of text.normalize('NFKC').matchAll(NAME_TOKEN)) for (const form of withBareOwner(nameWord(m[0]))) if (names.isName(form)) named.add(form);
  return { isName: (word) => named.has(word) };
}

/**
 * Names in a piece of text (an answer's sentences, a question): runs of capitalised words, or of
 * words the articles write capitalised (questions are often typed in lower case), shown with the
 * first letters capitalised. A possessive's owner ("Trump's special envoy") is marked `owner`.
 */
export function namesIn(text: string, names: NameLookup, tuning: ConversationTuning): (Entity & { owner?: boolean; at: number })[] {
  const out: (Entity & { owner?: boolean; at: number })[] = [];
  const tokens = [...text.normalize('NFKC').matchAll(NAME_TOKEN)];
  // (The dot of "Dr." or "Mrs." ends no sentence: "Dr. Annika Reuter".)
  const sentenceStartAt = (i: number) =>
    i <= 0 ||
    (/[.!?:“"]\s*$/.test(text.slice(tokens[i - 1]!.index! + tokens[i - 1]![0].length, tokens[i]!.index)) &&
      !(HONORIFIC.test(tokens[i - 1]![0]) && text[tokens[i - 1]!.index! + tokens[i - 1]![0].length] === '.'));
  let run: RegExpMatchArray[] = [];
  // Possessives typed without the apostrophe ("lusks trial"): where the tokens start.
  const bareOwners = new Set<number>();
  const flush = () => {
    if (!run.length) return;
    const lastTok = run[run.length - 1]!;
    const end = lastTok.index! + lastTok[0].length;
    // Titles in front go ("Chief Executive Marcus T. Ellery" → "Marcus T. Ellery").
    let titled = false;
    while (run.length > 1 && TITLES.test(run[0]![0].replace(/\.$/, ''))) {
      run.shift();
      titled = true;
    }
    const first = run[0]!;
    // The word after "how" is an adjective or adverb ("how old is he", "how long"), even where the
    // articles capitalise it in a name ("Old Quay Baths", "Long Island").
    if (run.length === 1 && /\bhow\s+$/i.test(text.slice(0, first.index!))) {
      run = [];
      return;
    }
    if (TITLES.test(first[0]) && run.length === 1) {
      run = [];
      return;
    }
    // A run that ends in a role ("Ukrainian Presidential Chief") names a post, not someone.
    if (TITLES.test(lastTok[0].replace(/[’']s$/, ''))) {
      run = [];
      return;
    }
    // "The" mid-sentence belongs to the name ("told The Atlantic").
    const k = tokens.findIndex((t) => t.index === first.index);
    const the =
      k > 0 && tokens[k - 1]![0] === 'The' && !sentenceStartAt(k - 1) && /^\s+$/.test(text.slice(tokens[k - 1]!.index! + 3, first.index!))
        ? tokens[k - 1]!
        : undefined;
    const start = the ? the.index! : first.index!;
    const bare = bareOwners.has(lastTok.index!);
    const raw = bare ? text.slice(start, end - 1) : text.slice(start, end).replace(/[’']s$/, '');
    const owner = bare || /^[’']s\b/.test(text.slice(end)) || /[’']s$/.test(lastTok[0]);
    const shown = /\p{Lu}/u.test(raw) ? raw : titleCase(raw);
    // A name right before an organisation's noun ("the morrowby orchestra") names the organisation.
    const head = /^\s+([\p{L}]+)/u.exec(text.slice(end))?.[1];
    const tag: Tagged = head && ORG_WORDS.test(head) ? { kind: 'org' } : tagName(shown, text, tuning);
    // A name of no known kind right before a role ("Rovers manager Hanne Lindqvist", "Athletic
    // defender Jonas Fahr") is the side or body they serve, not a person: "he" is not "Rovers".
    // (A nationality is neither: "The Russian president".)
    if (tag.kind === 'name' && head && !owner && (TITLES.test(head) || PERSON_NOUNS.test(head)) && !(tuning.useCompromise && nlp(raw).has('#Demonym')))
      tag.kind = 'org';
    // A name after a role ("Rovers manager Hanne Lindqvist", "Chief Executive Marcus Ellery") is a person's.
    if (tag.kind === 'name' && (titled || TITLES.test(/([\p{L}]+)\s+$/u.exec(text.slice(0, first.index!))?.[1] ?? ''))) tag.kind = 'person';
    // After "Dr." or "Mrs" it is a person's whatever else the name could be ("Dr. Helena Marsh-Okoro", not Helena, Montana).
    const honorific = !the && HONORIFIC_BEFORE.exec(text.slice(0, start))?.[1]?.toLowerCase();
    if (honorific) {
      tag.kind = 'person';
      if (!tag.gender && honorific !== 'dr' && honorific !== 'prof') tag.gender = honorific === 'mr' || honorific === 'sir' ? 'male' : 'female';
    }
    // "The pilots", "the Wolves": one word of no known kind that is an everyday plural, after "the",
    // is a side, so "they" and never "his" ("what went wrong with his registration" is a player's).
    // (Not "the us", nor a singular in -us, -is, -ss: "the census", "the crisis".)
    if (
      tag.kind === 'name' &&
      run.length === 1 &&
      !owner &&
      /\bthe\s+$/i.test(text.slice(0, start)) &&
      /\p{L}{2}[^isu]s$/iu.test(raw) &&
      isCommonWord(raw.toLowerCase())
    )
      tag.kind = 'group';
    out.push({ text: shown, ...tag, at: start, ...(owner ? { owner: true } : {}) });
    run = [];
  };
  tokens.forEach((m, i) => {
    const w = m[0];
    const lower = nameWord(w);
    const sentenceStart = sentenceStartAt(i);
    const capital = /^\p{Lu}/u.test(w) && !(sentenceStart && !names.isName(lower));
    const shaped = /\p{L}\.\p{L}/u.test(w) && /\p{Lu}/u.test(w);
    // A nationality or other adjective before a noun ("Ukrainian troops", "European leaders") is part
    // of a noun phrase, not a name of its own.
    const next = tokens[i + 1]?.[0] ?? '';
    // A capitalised "The" inside a sentence starts a title ("told The Atlantic magazine"): no adjective there.
    const prevWord = i > 0 ? tokens[i - 1]![0] : '';
    // (A nationality stays one: "The Russian president".)
    const adjective = /(?:ian|ean|ese|ish|ic)$/i.test(lower) && /^\p{Ll}/u.test(next) && !NOT_NAMES.has(next.toLowerCase());
    const titledThe = adjective && prevWord === 'The' && !sentenceStartAt(i - 1) && tuning.useCompromise && !nlp(lower).has('#Demonym');
    const modifier = adjective && !titledThe;
    // Datelines and live-blog shouting ("HALBRIDGE", "ROVERS WIN") are not names; acronyms (NATO, CSTO,
    // and "the US", "the UN" though "us" is a word) are.
    const shouting = w === w.toUpperCase() && /\p{Lu}{2}/u.test(w) && (w.length > 5 || (isCommonWord(lower) && !/^the$/i.test(prevWord)));
    // An outlet credited in brackets ("(Capital Wire)") is a source, not a subject.
    const bracketed = text.lastIndexOf('(', m.index) > text.lastIndexOf(')', m.index);
    // A run ends at punctuation between words ("Zelenskyy, Yermak").
    const gap = run.length ? text.slice(run[run.length - 1]!.index! + run[run.length - 1]![0].length, m.index) : ' ';
    // A lower-case particle between two capitalised words is part of the name ("Piet van Oord",
    // "Ursula von der Leyen").
    const particle =
      run.length > 0 && PARTICLE.test(w) && /^\s+$/.test(gap) && (/^\p{Lu}/u.test(next) || (PARTICLE.test(next) && /^\p{Lu}/u.test(tokens[i + 2]?.[0] ?? '')));
    // "lusks trial", "brennans agent": a name with the possessive typed as a bare "s", before a noun
    // (not "the greyvales", a plural, nor "brennans finally …").
    const owned = withBareOwner(lower)[1];
    const bareOwner =
      /^\p{Ll}/u.test(w) &&
      owned !== undefined &&
      !names.isName(lower) &&
      names.isName(owned) &&
      !/^(?:the|a|an)$/i.test(prevWord) &&
      /^\p{Ll}+$/u.test(next) &&
      !/ly$/.test(next) &&
      !NOT_NAMES.has(next.toLowerCase());
    if (bareOwner) bareOwners.add(m.index!);
    const isNameWord =
      bareOwner ||
      particle ||
      (!NOT_NAMES.has(lower) && !modifier && !shouting && !bracketed && (capital || shaped || names.isName(lower)) && !/^\d+$/.test(w));
    // An initial's dot does not end a name ("Marcus T. Ellery").
    const initial = run.length > 0 && /^\p{Lu}$/u.test(run[run.length - 1]![0]) && /^\.\s+$/.test(gap);
    if (!isNameWord || !(/^\s+$/.test(gap) || initial)) flush();
    if (isNameWord) run.push(m);
    // A possessive ends a name: "Russia’s Zaporozhye Region" is Russia, then Zaporozhye Region.
    if (isNameWord && (/[’']s$/.test(w) || bareOwner)) flush();
  });
  flush();
  // "Zelenskyy" after "Volodymyr Zelenskyy": keep one entity per name.
  return out.filter((e, i) => !out.slice(0, i).some((o) => o.text.endsWith(e.text) || e.text.endsWith(o.text)));
}

/** Whether a phrase is only a time expression ("last week", "the coming days", "on Thursday"). */
export function isTime(phrase: string): boolean {
  const bare = phrase.replace(/^(?:the|this|that|in|on|at|during)\s+/i, '').replace(/\s+(?:alone|only|itself|too)$/i, '');
  if (/^(?:coming|past|last|next|previous|following|recent)\s+(?:days|weeks|months|years|hours)$/i.test(bare)) return true;
  const d = chrono().parse(bare)[0];
  return Boolean(d && d.text.length >= bare.length - 2);
}

/** Noun phrases that are not names ("the peace plan", "the summit", "US officials"), for "it" and "they". */
export function nounPhrases(text: string, tuning: ConversationTuning): Entity[] {
  if (!tuning.useCompromise) return [];
  // Chat drops the apostrophe ("whats the name of …"): read as "what's", not as a plural noun "whats".
  // So does a negation ("didnt anything pick it up": not a noun phrase "didnt anything").
  const doc = nlp(
    text
      .replace(/\b(what|who|where|when|why|how|that)s\b/gi, "$1's")
      .replace(/\b(did|does|do|is|are|was|were|has|have|had|could|would|should|wo|ca)nt\b/gi, "$1n't"),
  );
  doc.contractions().expand();
  const out: Entity[] = [];
  const terms = (doc.json({ offset: true }) as { terms: Term[] }[]).flatMap((sentence) => sentence.terms);
  for (const np of doc.nouns().json({ offset: true }) as { text: string; noun?: { isPlural?: boolean }; offset?: { start: number; length: number } }[]) {
    const phrase = (np.text + headLeftOut(np, terms))
      .replace(/[?!.,;:“”"]+/g, ' ')
      .replace(/\s+[—–-]+(?=\s|$)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    // "when does the halvard ceo start", "who did brennock rovers beat", "is the train dangerous":
    // the word that ends a question after its inverted auxiliary and subject is what the subject
    // does or is, though the tagger runs it into the noun phrase.
    // ("head coach in the end": "in the end" is when, not part of who.)
    const all = phrase.replace(TRAILING_WHEN, '').split(' ');
    const words = all.slice(0, subjectWords(text, phrase, all));
    const predicate = words.length < all.length;
    const bare = words.join(' ');
    // Pronouns, question words and chat filler are not what "it" refers to.
    if (!bare || words.every((w) => NOT_NAMES.has(w.toLowerCase()))) continue;
    if (/^(?:many|much|anything|something|everything|nothing|someone|anyone|lol|tbh|ngl)\b/i.test(bare)) continue;
    // "Whats the name of the new adapter": the name is what was asked, never what "it" is next.
    if (/^(?:the\s+|a\s+|its\s+|their\s+)?(?:full\s+|first\s+|official\s+)?names?$/i.test(bare)) continue;
    // A time ("last week", "the coming days") is when something happened, never what "it" or "they" is.
    if (isTime(bare)) continue;
    // (The head is before a preposition: "the judge in the greenhollow case" is a judge, someone.)
    // ("The name of the guy" is the guy.)
    const named = /^(?:the\s+)?name\s+of\s+\S/i.test(bare) ? words.indexOf('of') + 1 : 0;
    const prep = words.findIndex((w, i) => i > named && HEAD_ENDS.test(w));
    const head = words[(prep > 0 ? prep : words.length) - 1]!;
    const plural = (predicate || prep > 0 ? undefined : np.noun?.isPlural) ?? /s$/.test(head);
    // A role ("the Russian president", "the envoy") is someone, not a thing "it" could be.
    const kind: EntityKind = GROUP_HEADS.test(head) || plural ? 'group' : isPersonNoun(head) ? 'person' : 'thing';
    // "The name of the company" is the company: what "it" or "they" may mean next.
    out.push({ text: bare.replace(/^(?:the\s+)?name\s+of\s+(?=\S)/i, '').replace(/^(?:a|an)\s+/i, 'the '), kind });
  }
  return out;
}

/** A time after a noun phrase ("… in the end", "… so far", "… last week"). */
const TRAILING_WHEN =
  /\s+(?:(?:in|at) the end|in the first place|so far|(?:last|next|this) (?:week|month|year|time|season)|(?:right )?now|again|today|yesterday|tomorrow)$/i;
/** Prepositions that end a noun phrase's head ("the judge | in the … case"). */
const HEAD_ENDS = /^(?:in|of|at|for|from|on|with|about|over|behind|against|near|inside|outside)$/i;

interface Term {
  text: string;
  tags: string[];
  post?: string;
  offset?: { start: number };
}
/** Auxiliaries a question puts before its subject ("when did X …", "will X …", "is X …"). */
const INVERTED_AUX = 'did|does|do|will|would|can|could|should|might|may|has|have|had|is|are|was|were';
const AUX_WORD = new RegExp(`^(?:${INVERTED_AUX}|am|be|been|being|shall|must)$`, 'i');
const AUX_BEFORE = new RegExp(`\\b(${INVERTED_AUX})\\s+$`, 'i');
/** A verb the tagger found, not an auxiliary ("did", "will"), by its tags or its word. */
const VERB_ONLY = (t: Term) => t.tags.includes('Verb') && !AUX_WORD.test(t.text) && !t.tags.some((g) => g === 'Auxiliary' || g === 'Modal' || g === 'Copula');

/**
 * The words of a noun phrase's head the tagger read as verbs: "which company got the port alcott
 * housing contract" gives "the port alcott", its head "housing contract" taken for verbs. Only for an
 * object (after a verb or a preposition) whose clause ends right after those words (at the end or a
 * preposition): a second verb cannot stand there. '' otherwise.
 */
function headLeftOut(np: { text: string; offset?: { start: number; length: number } }, terms: readonly Term[]): string {
  if (!np.offset || /[,;:]\s*$/.test(np.text) || NOT_NAMES.has(np.text.trim().toLowerCase())) return '';
  const end = np.offset.start + np.offset.length;
  const first = terms.findIndex((t) => (t.offset?.start ?? -1) >= np.offset!.start);
  const before = terms[first - 1];
  if (!before || !(VERB_ONLY(before) || before.tags.includes('Preposition'))) return '';
  const next = terms.findIndex((t) => (t.offset?.start ?? -1) >= end);
  if (next < 0) return '';
  const head: Term[] = [];
  for (let i = next; i < terms.length && head.length < 2 && VERB_ONLY(terms[i]!); i++) {
    head.push(terms[i]!);
    if (/[,;:.!?]/.test(terms[i]!.post ?? '')) break;
  }
  const after = terms[next + head.length];
  const closes = !after || after.tags.includes('Preposition') || /[,;:.!?]/.test(head.at(-1)?.post ?? '');
  return head.length && closes ? ` ${head.map((t) => t.text).join(' ')}` : '';
}

/** Events, by the last word of their name ("the Kestrel Cup final", "the rocket launch"). */
export const EVENT_NOUN =
  /\b(?:final|finals|semi-final|quarter-final|match|game|fixture|derby|race|tournament|championship|cup|concert|festival|gig|show|summit|talks|meeting|conference|election|referendum|vote|ceremony|parade|trial|hearing|launch|inquiry|strike|protest|march|rally|debate|auction|sale|event)$/i;

/**
 * How many of a noun phrase's words are the subject when the phrase follows an inverted auxiliary:
 * the tagger runs what the subject does or is into it ("how much did tidewater pay", "will the
 * ostby creamery stay open after …", "is the train dangerous"). After "did", "will", "has" … the
 * verb is where the auxiliary, put back after the subject, makes a verb phrase ("the ostby creamery
 * will stay"); after "is" / "are", only a last word that describes ("dangerous", "worth",
 * "appealing") is cut. All of them otherwise.
 */
function subjectWords(question: string, phrase: string, words: readonly string[]): number {
  const at = question.toLowerCase().indexOf(phrase.toLowerCase());
  const aux = at < 0 ? undefined : AUX_BEFORE.exec(question.slice(0, at))?.[1];
  if (!aux || words.length < 2) return words.length;
  const rest = question.slice(at + phrase.length);
  const ends = /^[\s?!.]*$/.test(rest);
  // A verb after the phrase is the predicate ("what did the airline boss say"): the phrase is all subject.
  if (!ends && (nlp(rest).verbs().json() as unknown[]).length) return words.length;
  // (The subject has a word besides its determiners: not "the" of "the will ostby …".)
  const first = words.findIndex((w) => !/^(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your)$/i.test(w));
  const be = /^(?:is|are|was|were)$/i.test(aux);
  if (be && ends && /^(?:\p{L}+ing|worth|dangerous|safe|true|open|closed|over|finished|done|ready|allowed|legal|real|right|wrong)$/iu.test(words.at(-1)!))
    return words.length - 1;
  for (let i = Math.max(1, first + 1); i < words.length; i++) {
    // ("where is sorell building its chip plant": after "is", only a verb in -ing starts the predicate.)
    if (be && !/\p{L}ing$/iu.test(words[i]!)) continue;
    // (A word that names an event may be the phrase's head as well as a verb: "the keelstar rocket
    // launch", "the pool vote"; kept, it tells retrieval what happened.)
    if (EVENT_NOUN.test(words[i]!)) continue;
    const verb = `${aux} ${words[i]}`.toLowerCase();
    const verbs = nlp(`${words.slice(0, i).join(' ')} ${aux} ${words.slice(i).join(' ')}`)
      .verbs()
      .json() as { text: string }[];
    if (verbs.some((v) => v.text.toLowerCase().startsWith(verb))) return i;
  }
  if (be) return words.length;
  return ends && !EVENT_NOUN.test(words.at(-1)!) ? words.length - 1 : words.length;
}

/** A verb in its base form ("told" → "tell"), for "who told X?" → "when did Y tell X?". */
export function baseVerb(verb: string, tuning: ConversationTuning): string {
  if (!tuning.useCompromise) return verb.replace(/ed$/, '');
  const base = nlp(verb).verbs().toInfinitive().text();
  return base || verb;
}
