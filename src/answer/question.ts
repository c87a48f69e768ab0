import { stem, STOPWORDS, words } from '../text/terms.js';
import { DAYS, MONTHS, ROLE } from '../text/shapes.js';
import { isKnownPlace, isKnownProperName } from '../text/name-lexicon.js';
import { verbForms } from '../text/inflections.js';
import { isCommonWord, isCommonWordForm } from './common-words.js';
import { inCorpusForms } from '../text/abbreviations.js';
import { numberedSiblings } from '../text/numbered-names.js';
import { synonymsOf } from '../text/synonyms.js';

/** What kind of answer a question expects. */
export type AnswerType =
  | 'person'
  | 'org'
  | 'place'
  | 'date'
  | 'number'
  | 'reason'
  | 'quote'
  | 'yesno'
  | 'description'
  /** "What is the new trust called", "what name was chosen for the calf": a proper name, of whatever. */
  | 'name'
  /** "How did the outlets differ on …": each article's claim, side by side. */
  | 'compare'
  /** "How many outlets reported …": answered by the "(reported by N of M sources)" count. */
  | 'coverage';

/** What the engine knows about the corpus's words (from the keyword index). */
export interface Lexicon {
  /** Passages containing the word or another form of it ("leaked" → "leaks"); 0 when no article has it. */
  documentFrequency(word: string): number;
  /** Number of passages. */
  readonly passageCount: number;
  /** Whether the articles write the word capitalised inside sentences (a name: "Yermak", "Bishkek"). */
  isName(word: string): boolean;
  /** The corpus word a misspelt question word stands for ("yermack" → "yermak"), if any. */
  correct(word: string): string | undefined;
}

export interface QuestionTerm {
  /** As the corpus spells it (after spelling correction). */
  word: string;
  /** As the question spells it. */
  typed: string;
  stem: string;
  /** Inverse document frequency in the corpus (0 for words no article has). */
  idf: number;
  /** A name: capitalised in the question or in the articles, or a token like Q1 / R.Politik. */
  name: boolean;
  /** No article has this word, even allowing for a misspelling. */
  unknown: boolean;
  /** An everyday English word (so its absence from the articles says little). */
  common: boolean;
  /** Stems of words news writes for the same thing ("injured" for "hurt"), which match it too. */
  synonyms?: string[];
}

export interface QuestionAnalysis {
  text: string;
  answerType: AnswerType;
  /** The question's content words (not function words, question scaffolding or chat filler). */
  terms: QuestionTerm[];
  /**
   * Whose words or view the question asks for ("what did X say", "X's take on", "did X mention",
   * "according to X"): the terms naming them. The answer must come from them.
   */
  speaker?: QuestionTerm[];
  /** What the speaker is asked about ("what did X say about <topic>"), when the question says. */
  topic?: QuestionTerm[];
  /** The IDF of a word in one passage only: what a word no article has weighs (half for an everyday word). */
  rarestIdf: number;
  /** The question is about the bot itself ("how do i get the bot to stop pinging me"), not the news. */
  aboutTheBot?: boolean;
  /** Names of two or more words as the question writes them side by side ("cedar ridge"), corpus-spelled. */
  namePhrases: string[][];
  /** What a definition question asks about, in the corpus's spelling ("what even is rexoferin" → ["rexoferin"]). */
  definiendum?: string[];
  /**
   * The question asks for something besides what it names ("what else got taken besides the
   * brooch", "apart from the pay rise what's in the deal", "who else was there").
   */
  asksForMore?: boolean;
}

/**
 * Questions to the bot about itself: the bot named (or "you") with what people ask of a bot —
 * using, muting, pinging, commands, who made it. No article answers them.
 */
const ABOUT_THE_BOT =
  /\b(?:the|this|ur|your|that|a) bot\b.*\b(?:stop|mute|unmute|ping|pings|pinging|notif\w*|dm|dms|spam\w*|command|commands|slash|use|using|work|works|invite|add|settings|turn (?:it )?off|shut up|help|made|built|trained|broken|down|slow)\b|\b(?:stop|mute|unmute|ping|pinging|notif\w*|spam\w*|command|commands|use|using|invite|add|turn off|shut up)\b.*\b(?:the|this|ur|your|that) bot\b|\bnewsdesk\b.*\b(?:command|commands|use|work|works|made|built|help)\b|\b(?:use|using|commands?|help with|mute|invite)\b.*\bnewsdesk\b|\b(?:are you|r u) (?:a )?(?:bot|human|real|ai|chatgpt)\b|\b(?:who|what company) (?:made|built|created|programmed|owns) (?:you|u|this bot|the bot)\b|\bwhat can (?:you|u|this bot|the bot) do\b|\bhow do (?:you|u) work\b/;

/** Question scaffolding and words about speech: they say what is asked, not what about. */
const SCAFFOLDING = new Set(
  `what who whom whose where when why how which whats whos wheres whens hows wat wen wich whcih y
  did does do is are was were will would should could can has have had be been being
  tell told say says said saying talk talked talking speak spoke mention mentioned mentions
  exactly actually basically really literally just anyway anyways quick question q anyone anybody someone know knows
  pls please plz thanks thx ty hey hi hello yo ok okay guys folks bot newsdesk lol lmao tbh ngl imo idk btw fr rn
  kinda sorta gonna wanna gotta like um uh hmm so well also even still again any
  reckon think thinks guess wondering wonder curious remind explain mean means meant
  happen happened happening going go goes went get got thing things stuff bit lot lots
  news article articles outlet outlets source sources report reports reported reporting coverage media story stories
  many much number exact exactly kind sort type name names anything something everything whatever every each words
  abt w r u ur ppl bc cuz coz tho thru ya yea yeah nah wanna dunno smth sth omg wtf pls plz
  presser pressers co etc
  didnt doesnt dont isnt wasnt werent arent hasnt havent hadnt wont cant couldnt shouldnt wouldnt aint im ive youre theyre thats
  wouldve couldve shouldve mightve mustve theyve weve youve hes shes theyll youll itll wholl thatll`.split(/\s+/),
);

const YESNO_OPENER = /^(?:did|does|do|is|are|was|were|will|would|has|have|had|can|could|should|isn't|wasn't|didn't|doesn't)\b/;
/**
 * Openings that only say a new subject is coming ("different thing -", "totally different q but",
 * "on another note"): their "different" asks for no comparison.
 */
const NEW_SUBJECT =
  '(?:(?:totally|completely|entirely|slightly|kind of|kinda|a bit of a|bit of a|something|somewhat) )?(?:different|diff|other|another|unrelated|separate|new|random|side|off[- ]topic) (?:thing|things|q|qn|question|questions|topic|subject|story|news|note|matter)|(?:changing|switching|change of|changing the|switching the) (?:the )?(?:subject|topic|topics|gears)|on (?:a |an )?(?:different|other|another|unrelated|separate|side) (?:note|topic|subject)';
const NEW_SUBJECT_OPENING = new RegExp(`^(?:(?:ok|okay|so|and|but|um|hmm)[\\s,]+)*(?:${NEW_SUBJECT})[\\s,:;!?.-]+(?:(?:but|so)\\s+)?`, 'i');
const FILLER_PREFIX = new RegExp(
  `^(?:(?:hey|hi|hello|yo|ok|okay|so|but|um|uh|hmm|quick q(?:uestion)?|q|question|pls|please|bot|newsdesk|guys|folks|anyone know|does anyone know|do you know|can you tell me|tell me|i wonder|wondering|ngl|tbh|lol|btw|${NEW_SUBJECT})[\\s,:;!?.-]+)+`,
);

/** "who's" → "who is", "whats" → "what is", common chat spellings of question words. */
function normalizeForm(q: string): string {
  // Markdown around words ("**what** did …") is not part of them.
  return (
    ` ${q
      .toLowerCase()
      .replace(/[*_~|>#]+/g, ' ')
      .replace(/[’`]/g, "'")} `
      .replace(/\b(who|what|where|when|how|why)'?s\b/g, '$1 is')
      // ("what is her salary gonna be": the future adds nothing to what is asked.)
      .replace(/\s(?:gonna|going to) be(?=[\s?!.]*$)/, ' ')
      .replace(/\b(who|what|where|when|how|why)'re\b/g, '$1 are')
      .replace(/\b(who|what|where|when|how|why)'d\b/g, '$1 did')
      .replace(/\bwat\b/g, 'what')
      .replace(/\bwen\b/g, 'when')
      .replace(/\bwh?ich\b|\bwhcih\b/g, 'which')
      .replace(/\bhw\b/g, 'how')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const COMPARE =
  /\b(?:differ|differs|differed|difference|differences|different|differently|compare|compared|comparison|contrast|contrasted|versus)\b|\b(?:each|every|all|both) (?:of the )?(?:outlets?|sources?|articles?|papers?|reports?|sites?)\b.*\b(?:say|said|report|reported|cover|covered|describe|described|put|frame|framed)\b|\bhow (?:did|do|does) (?:the )?(?:outlets|sources|media|papers|articles|reports|sites|websites) (?:cover|report|describe|characteri[sz]e|portray|frame|treat|handle)\b/;
/** Words for the coverage itself: "the outlets", "the reports", "the papers". */
const OUTLETS = /\b(?:outlets?|sources?|articles?|papers?|newspapers?|reports?|coverage|media|sites?|websites?)\b/;
const COVERAGE = /\bhow many (?:of the )?(?:outlets|sources|articles|reports|papers|newspapers|publications|media|sites)\b/;
const QUOTE =
  // ("What is the deadline to claim" asks for no speech: not a verb after "to".)
  /\bwhat (?:did|does|do|has|had|was|is) (?:\S+ ){1,5}?(?<!\bto )(?:say|said|tell|told|write|wrote|claim|warn|announce|declare|insist|argue|add|reply|respond|quote|comment|state)\b|\b(?:quote|quotes|exact words|in (?:his|her|their) (?:own )?words|what were (?:his|her|their) words)\b|\bhow did (?:\S+ ){1,4}?(?:put it|phrase it|word it)\b|\bhow (?:did|does|do|has|had) (?:\S+ ){1,5}?(?:describe|characteri[sz]e|refer to|react|respond|reply|hit back)\b|\bwhat (?:exactly )?(?:is|was) (?:\S+ ){0,4}?(?:advice|message|warning)(?= *$| *[?,.!]| +(?:about|on|to|for|from|in|after|before|over|regarding)\b)|\b(?:what|which) (?:word|words|phrase|phrases|term|terms|expression|language) (?:did|does|do|has|had) (?:\S+ ){1,4}?use\b|\bwhat did (?:\S+ ){1,5}?call\b|\b(?:say|said|says|tell|told|claim|claimed)\s+what\b|\bwhat (?:does|did|do) (?:\S+ ){1,4}?(?:think|thinks|believe|believes|reckon|expect|expects|make of)\b|\bwhat (?:\S+ ){1,3}?(?:thinks|believes|expects|reckons)\b|\bwhat (?:is|was) (?:(?:the|that|this) (?:line|phrase|slogan|catchphrase|soundbite|mantra) (?:\S+ ){1,2}?(?:keeps?|kept|used?|uses|using|said|says|repeats?|repeated)\b|(?:his|her|their) (?:line|slogan|catchphrase|soundbite|mantra)\b)/;
/** Words that ask for a cause, as against words that only name one ("caused", "because"). */
const ASKS_WHY =
  /\bwhy\b|\bhow come\b|\bwhat for\b|\b(?:reason|reasons|motive|motives|motivation|rationale|grounds)\b|\bwhat(?: is| was| s)? behind\b(?! schedule)|\bwhat (?:(?:actually|really|exactly|even|first|finally) )?(?:made|makes|prompted|prompts|triggered|triggers|sparked|sparks|led to|leads to)\b/;
/** A question about a cause: one that asks for it, or names one ("what caused it", "was it because of …"). */
const REASON = new RegExp(`${ASKS_WHY.source}|\\b(?:cause|causes|caused|because)\\b`);
const DATE =
  /\b(?:what|which)(?: is| was| s)?(?: the)? (?:(?:exact|precise|specific|actual|official|final|start|end|closing|opening|release|launch|deadline|due|election|kick-?off) )?(?:date|day|time|year|month|week|weekday)\b|\bhow long ago\b|\bwhat time\b|\bby when\b|\bsince when\b|\bwhat (?:is|was|s) (?:the )?(?:\S+ )?deadline\b/;
/** A price asked for by what something went for ("what did the painting go for", "what will it fetch"). */
export const PRICE_ASKED = /\bwhat (?:did|does|do|will|would|could|might) (?:\S+ ){1,5}?(?:go for|sell for|fetch)\b/;
const NUMBER = new RegExp(
  `\\bhow (?:many|much|big|large|long|old|far|high|low|fast|tall|deep|heavy)\\b|\\b(?:what|which) (?:number|percentage|percent|share|amount|figure|price|cost|score|total|rate|sum|margin|fine|salary|age|tally|count|size|value|pay rise|payrise|raise|pay increase)\\b|\\bnumber of\\b|\\bwhat (?:%|per ?cent)|\\b(?:going to|gonna|will|would|did|does|do) (?:\\S+ ){0,2}cost\\b|${PRICE_ASKED.source}`,
);
/**
 * "What's Abeysekara's salary", "what was the turnout", "final score hawks v miners?", "what is
 * she getting paid", "what was his finishing time" (a race's): a quantity asked for by its noun,
 * not by "how many". The noun must end the phrase ("what was the rate decision" asks for a decision).
 */
const QUANTITY_NOUN =
  '(?:number|percentage|share|amount|figure|price|cost|score|scoreline|total|rate|sum|margin|fine|salary|pay|wage|fee|turnout|age|tally|count|size|value|valuation|budget|toll|death toll|attendance|population|bill|payout|compensation|bonus|prize money|transfer fee|interest rate|inflation rate|unemployment rate|revenue|revenues|sales|profit|profits|earnings|income|net income|loss|losses|debt|turnover|dividend|time|cap|limit|gap|pay rise|payrise|raise|pay increase)';
const NUMBER_BY_NOUN = new RegExp(
  `\\bwhat (?:is|was|are|were|will be|would be) (?:the |a |an |its |his |her |their |(?:\\S+ ){0,2}\\S+'s )?(?:\\S+ )?${QUANTITY_NOUN}(?= *$| *[?,.!]|\\s+(?:of|for|in|on|at|to|after|before|now|today|then|this|that|with|from|per|each|like|going|set|expected|supposed|as|between|by)\\b)` +
    `|^(?:the )?(?:final|total|current|latest|new) ${QUANTITY_NOUN}\\b(?! \\w+ (?:is|was|are|were)\\b)|^(?:the )?${QUANTITY_NOUN}(?= *$| *[?,.!]| +(?:for|of|in|at|on|v|vs|between|against)\\b)` +
    `|\\bwhat (?:is|are|was|were) (?:\\S+ ){1,3}?(?:getting|being|been) paid\\b|\\bhow much (?:is|are|was|were) (?:\\S+ ){1,3}?(?:getting|being) paid\\b`,
);
const PLACE =
  /\bwhere\b|\b(?:what|which|in what|in which) (?:(?!(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could|should|the|a|an|of|in|on|to)\b)[\w'-]+ ){0,2}?(?:city|cities|country|countries|town|place|venue|region|state|capital|location|site|sites|port|stadium|county|province|district|island|factory|factories|plant|plants|facility|facilities|school|schools|hospital|hospitals|station|stations|airport|campus|office|offices|warehouse|depot|branch|store|stores|shop|shops|newsagent|newsagents|pub|bar|restaurant|cafe|hotel|church|mine|prison|village|villages|neighbo(?:u)?rhood|street|streets|road|roads|lane|avenue|suburb|area|areas)\b/;
const ORG =
  /\b(?:what|which) (?:(?!(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could|should|the|a|an|of|in|on|to)\b)[\w'-]+ ){0,2}?(?:company|companies|paper|papers|firm|firms|organi[sz]ations?|group|groups|team|teams|club|clubs|party|parties|agency|agencies|bank|banks|body|bodies|newspaper|magazine|outlet|network|court|regulator|union|ministry|department|alliance|bloc|institution|university|hospital|airline|brand|manufacturer|insurer|broadcaster|publication|charity|charities|trust|contractor|contractors|consortium|supplier|suppliers|operator|operators|utility|retailer|lender|developer|developers|publisher|label|studio|council|authority|watchdog|inspectorate|orchestra|museum|school|college|side)\b|\bwho (?:(?:ended up|eventually|finally|is|was) )?(?:owns|makes|runs|operates|sponsors|bought|buying|buys|acquired|acquiring|acquires|purchased|purchasing|sold|selling)\b|\bnames? of (?:the |those |these |both |all )?(?:\S+ )?(?:companies|firms|banks|groups|teams|clubs|parties|agencies|outlets|newspapers|papers|airlines|brands|organi[sz]ations)\b/;
/**
 * "What is the merged trust going to be called", "what name was chosen for the calf", "whats the
 * name of the parents group", "does the line have a name": a proper name, of a thing, a group or a
 * place. The thing named is captured: a name of a person ("the name of the guy who …") is asked
 * for as a person.
 */
const NAME =
  /\bwhat (?:is|was|are|were|will|would) (.{1,60}?) (?:called|named|known as)\b|\bwhat name\b(.*)|(?:\bwhat (?:is|was) (?:the |his |her |their |its )?|^(?:the )?)name of (.{1,60}?)(?= (?:who|that|which|in|at|for|from|on|behind|running|leading)\b|[?,.!]|$)|\b(?:have|has|got) a name\b()|\bwhat (?:is|was) (?:the |his |her |their |its )?((?:\S+ ){0,3}?(?!(?:first|full|last|real|middle|maiden|nick|sur)\b)\S+?)(?:'s|s'|s)? name\b/;
const PERSON_NOUN =
  /\b(?:guy|man|woman|lady|bloke|girl|boy|kid|child|baby|person|people|winner|player|driver|rider|runner|pilot|captain|keeper|goalkeeper|striker|ceo|boss|chief|head|suspect|victim|thief|gunman|judge|officer|teacher|student|doctor|nurse|soldier|farmer|owner|founder|buyer|investor|lawyer|manager|coach|spokesperson|spokesman|spokeswoman|minister|official|mayor|president|leader|author|writer|singer|actor|actress|reporter|journalist|scientist|researcher|archaeologist|candidate|referee|worker|chair|chairman|chairwoman|director|wife|husband|son|daughter|mother|father|partner)s?\b/;
/**
 * "What did the ppl who got let go get as a payout": after the people it describes, "who" opens a
 * clause about them; in a question that asks what, how, where, when or why, it asks for no one.
 */
const RELATIVE_WHO = new RegExp(`(${PERSON_NOUN.source}|\\b(?:ppl|folks|those|anyone|someone|one)\\b)\\s+who\\b`, 'g');
const WH_OPENER = /^(?:what|whats|what's|how|where|when|why)\b/;
function nameAsked(q: string): 'name' | 'person' | undefined {
  const m = NAME.exec(q);
  if (!m) return undefined;
  return PERSON_NOUN.test(m[1] ?? m[3] ?? m[5] ?? '') ? 'person' : 'name';
}
/** Words that say nothing of what is named ("what's her organisation called", "what's it called"). */
const VAGUE_THING = /^(?:it|its|this|that|one|thing|stuff|organi[sz]ation|outfit|they|them|their|his|her)$/;
/**
 * The noun a "what is X called" question names ("whats the merged hospital trust going to be
 * called" → trust, "what name was chosen for the okapi calf" → calf), or undefined when the
 * question doesn't say what kind of thing it is.
 */
export function namedThing(question: string): string | undefined {
  const m = NAME.exec(normalizeForm(question).replace(FILLER_PREFIX, ''));
  // "the fortified line in zaporozhye" → line; "what name was chosen for the calf" → calf.
  const said =
    m?.[1] ??
    m?.[3] ??
    m?.[5] ??
    m?.[2]
      ?.split(/\b(?:for|of)\s+/)
      .slice(1)
      .pop() ??
    '';
  const phrase = said
    .replace(/[?!.,;:]+/g, ' ')
    .replace(/\s(?:in|at|of|for|from|on|near|by|with)\s.*$/, '')
    .replace(/\b(?:going to|gonna|to|be|been|being|now|officially|actually|later|going|eventually|finally)\b/g, ' ')
    .replace(/\s\w+ing\s.*$/, '')
    .trim();
  const head = phrase.split(/\s+/).pop()?.replace(/'s?$/, '');
  return head && head.length > 1 && !VAGUE_THING.test(head) ? head : undefined;
}
/** What a name is asked of when it is an organisation's ("the name of the company"). */
export const ORG_THING =
  /^(?:company|companies|firm|business|operator|carrier|airline|bank|lender|insurer|retailer|store|chain|publisher|newspaper|paper|broadcaster|agency|charity|fund|start-?up|maker|manufacturer|developer|supplier|contractor|regulator|club|team|party|union|group|organi[sz]ation)$/i;
// ("Which detective …": any word for someone by role, as the answer layer knows them.)
const PERSON = new RegExp(
  `\\bwho\\b|\\bwhom\\b|\\bwhose\\b|\\b(?:what|which) (?:(?!(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could|should|the|a|an|of|in|on|to)\\b)[\\w'-]+ ){0,2}?(?:(?:person|people|candidate|driver|pilot|winner)\\b|${ROLE.source.replace(/^\\b/, '')})|\\bname of\\b|\\bwhat (?:is|was) (?:his|her|their) name\\b`,
);

/** "Which of the two larchmoor guys", "which one of the sisters": one of some people, by name. */
const ONE_OF_PEOPLE = new RegExp(
  `\\bwhich (?:one )?of (?:the |those |these |both |its |their |his |her )?(?:(?:two|three|four|five|six|\\d+) )?(?:[\\w'-]+ ){0,2}?(?:${PERSON_NOUN.source}|(?:men|women|guys|lads|girls|boys|sisters|brothers|twins|siblings|miners|climbers|walkers|escapees|prisoners|inmates|finalists|contestants|bidders|rivals)\\b)`,
);

/** "arrested", "leaving", "sent": a participle of an everyday verb, not a name. */
const isVerbForm = (word: string) => (/(?:ed|ing|en)$/.test(word) || IRREGULAR_PARTICIPLES.has(word)) && verbForms(word).length > 0;
const IRREGULAR_PARTICIPLES = new Set(
  'sent hit hurt shot held caught sold bought found left lost told brought kept paid made led put cut set struck thrown known shown seen given won beat run'.split(
    ' ',
  ),
);

/** Chat words that end a question without adding to it ("… btw", "… exactly?", "… again lol"). */
const TRAILING_CHAT = /(?:[\s,]+(?:btw|exactly|again|lol|lmao|pls|please|plz|rn|tho|though|anyway|actually|precisely|ngl|tbh|fr))+(?=\s*\??$)/;

/**
 * Whether a "when" in the question asks for a time: "when did he resign", "and when?", "do we know
 * when it opens", "which are affected, like when were they sold". Not a "when" that only sets the
 * scene of another question: "was anyone hurt when the rocket went down" (yes or no), "how many
 * died when the dam failed" (a number).
 */
function asksWhen(q: string): boolean {
  const at = q.search(/\bwhen\b/);
  if (at < 0) return false;
  // A clause of its own asks it too: "which hubs are affected, like when were they sold".
  if (/[,;?]\s*(?:(?:like|and|or|so|also|but)\s+)?when\s+(?:is|was|are|were|did|does|do|will|would|has|have|had|can|could)\b/.test(q)) return true;
  const before = q.slice(0, at);
  if (!/\b(?:what|who|whom|whose|which|where|why|how)\b/.test(before) && !YESNO_OPENER.test(q)) return true;
  return /\b(?:say|said|says|know|knows|known|announce[sd]?|tell|told|reveal(?:ed)?|confirm(?:ed)?|decided?|mention(?:ed)?|explain(?:ed)?|ask(?:ed)?|sure|idea)\s+$/.test(
    before,
  );
}

/** Classify the answer a question expects, from its wording. */
export function answerTypeOf(question: string): AnswerType {
  const q = normalizeForm(question).replace(FILLER_PREFIX, '');
  if (COVERAGE.test(q)) return 'coverage';
  // ("How many staff quit compared to the year before" asks for numbers, not for the outlets side by side.)
  if (COMPARE.test(q) && !(/\bhow (?:many|much)\b/.test(q) && !OUTLETS.test(q))) return 'compare';
  if (QUOTE.test(q)) return 'quote';
  // "Was it a sewage leak that caused it?" asks whether, not why: a cause word inside a yes/no
  // question is part of what is asked about ("why"/"how come"/"reason" still ask for a cause).
  if (REASON.test(q) && !(YESNO_OPENER.test(q) && !ASKS_WHY.test(q))) return 'reason';
  if (DATE.test(q) || asksWhen(q)) return 'date';
  if (NUMBER.test(q) || NUMBER_BY_NOUN.test(q)) return 'number';
  const named = nameAsked(q);
  if (named) return named;
  if (PLACE.test(q)) return 'place';
  if (ORG.test(q)) return 'org';
  // "Who is X?" about a named person asks what X is (a role), not for a name ("who's tatiana
  // stanovaya btw", "who is steve witkoff exactly": chat words after the name don't change that).
  const whoIs =
    /^(?:so )?who (?:is|was|are|were) (?!the |a |an |going |in |at |on |to |behind |leading |heading |responsible |in charge )(\S+)(?: \S+)?\??$/.exec(
      q.replace(TRAILING_CHAT, ''),
    );
  // Not "who was arrested", "who is leaving" (whoever did or underwent it) nor "who is albion's
  // manager" (whoever holds the post): those ask for a person.
  const first = whoIs?.[1]!.replace(/[?!.]+$/, '');
  if (first !== undefined && !/['’]s$/.test(first) && !isVerbForm(first)) return 'description';
  if (PERSON.test(WH_OPENER.test(q) ? q.replace(RELATIVE_WHO, '$1 that') : q) || ONE_OF_PEOPLE.test(q)) return 'person';
  if (YESNO_OPENER.test(q) || /\b(?:right|true|correct|confirmed)\s*\??$/.test(q)) return 'yesno';
  return 'description';
}

/**
 * Analyse a question against the corpus: its answer type and its content words, each with how
 * rare it is in the articles, whether it is a name, and whether any article has it at all.
 */
export function analyzeQuestion(typed: string, lexicon: Lexicon): QuestionAnalysis {
  // "Different thing - how many runners finished": the opening says a new subject comes, its words
  // ask nothing (nor are they words to find).
  const question = typed.replace(NEW_SUBJECT_OPENING, '');
  const answerType = answerTypeOf(question);
  // Capitalised words past the question's first word are names as the user wrote them.
  const capitalised = new Set<string>();
  const normalized = question.normalize('NFKC');
  const matches = [...normalized.matchAll(/[\p{L}\p{N}]+(?:[’'.\-][\p{L}\p{N}]+)*/gu)];
  const raw = matches.map((m) => m[0]);
  raw.forEach((t, i) => {
    if (i > 0 && /^\p{Lu}/u.test(t) && t !== 'I') capitalised.add(words(t)[0] ?? t.toLowerCase());
  });
  const allCaps = raw.length > 2 && raw.every((t) => t === t.toUpperCase());
  const n = Math.max(1, lexicon.passageCount);
  const seen = new Set<string>();
  const terms: QuestionTerm[] = [];
  // "ceo" asked of articles that say "chief executive" (and the reverse) is what they say.
  const asWritten = inCorpusForms(question, (w) => lexicon.documentFrequency(w) > 0);
  // "Wren-3" asked of articles that have only the Wren-2: another model, which no article has.
  const otherNumbered = (w: string) => lexicon.documentFrequency(w) === 0 && numberedSiblings(w).some((x) => lexicon.documentFrequency(x) > 0);
  for (const w of words(asWritten)) {
    if (!seen.has(w) && otherNumbered(w)) {
      seen.add(w);
      terms.push({ word: w, typed: w, stem: w, idf: 0, name: true, unknown: true, common: false });
      continue;
    }
    // A hyphenated compound comes with its parts ("ex-diplomat": ex, diplomat); the parts count.
    if (STOPWORDS.has(w) || SCAFFOLDING.has(w) || seen.has(w) || /[-‐‑]/.test(w)) continue;
    seen.add(w);
    let word = w;
    let df = lexicon.documentFrequency(w);
    // An everyday word is not a misspelling of another one ("decent" is not "recent", "bread" not
    // "break"), but it may be written in another form ("leave" → "left", "lose" → "lost").
    // Nor is it missing when the articles write a word news uses for the same thing ("hurt" → "injured").
    const synonym = df === 0 ? synonymsOf(w).find((x) => lexicon.documentFrequency(x) > 0) : undefined;
    if (synonym) {
      word = synonym;
      df = lexicon.documentFrequency(synonym);
    } else if (df === 0 && isCommonWord(w)) {
      const form = verbForms(w).find((f) => lexicon.documentFrequency(f) > 0);
      if (form) {
        word = form;
        df = lexicon.documentFrequency(form);
      }
    } else if (df === 0) {
      const fixed = lexicon.correct(w);
      if (fixed) {
        word = fixed;
        df = lexicon.documentFrequency(fixed);
      }
    }
    const shaped = /\d/.test(w) || /\p{L}\.\p{L}/u.test(w);
    // A word no article has is somebody's name only if it looks like one: letters, capitalised in
    // the question, not a short abbreviation ("FM", "47k", "ok" are not names).
    // A place or body no article has is one too, however it is typed ("capital of australia"),
    // but an abbreviation of three letters or fewer only if it is a place ("uk"): "rbc" is the Royal
    // Bank of Canada to the lexicon and the Reserve Bank of Calloway to the user who typed it.
    const nameLike =
      df > 0
        ? lexicon.isName(word) || (!allCaps && capitalised.has(w)) || shaped
        : (!allCaps && capitalised.has(w) && /^\p{L}{3,}$/u.test(w) && !/^\p{Lu}{2,4}$/u.test(raw.find((t) => t.toLowerCase() === w) ?? '')) ||
          (w.length > 3 ? isKnownProperName(w) : isKnownPlace(w));
    const alike = synonymsOf(word);
    terms.push({
      word,
      typed: w,
      stem: stem(word),
      idf: df ? Math.log(1 + (n - df + 0.5) / (df + 0.5)) : 0,
      name: nameLike,
      unknown: df === 0,
      common: isCommonWordForm(w),
      ...(alike.length && { synonyms: alike.map(stem) }),
    });
  }
  // "harwick albion" asked of articles about Harwick Rovers: a word no article has, neither everyday
  // nor short, written right beside a name they have is part of another name.
  const termOf = new Map(terms.map((t) => [t.typed, t]));
  matches.forEach((m, i) => {
    const t = termOf.get(words(m[0])[0] ?? '');
    if (!t || !t.unknown || t.name || t.common || !/^\p{L}{4,}$/u.test(m[0])) return;
    for (const j of [i - 1, i + 1]) {
      const other = matches[j];
      if (!other) continue;
      const [a, b] = j < i ? [other, m] : [m, other];
      if (!/^[ \t]+$/.test(normalized.slice(a.index + a[0].length, b.index))) continue;
      const n = termOf.get(words(other[0])[0] ?? '');
      if (n?.name && !n.unknown && !ROLE_WORD.test(n.word)) t.name = true;
    }
  });
  // "…like people were saying on facebook", "i read on reddit": where the asker heard it, not what
  // they ask about; a platform no article names is no name the coverage lacks.
  for (const m of normalized.matchAll(HEARSAY)) {
    for (const w of words(m[1]!)) {
      const t = termOf.get(w);
      if (t?.unknown) t.name = false;
    }
  }
  const asked = speakerOf(asWritten, terms);
  const asksForMore = BESIDES.test(normalized) || ELSE_ASKED.test(normalized);
  // A speaker no article has is somebody else, however the question spells them ("lavrov").
  // (Not an everyday word beside a role: "the ex-diplomat" names nobody called "Ex".)
  for (const t of asked?.speaker ?? []) if (t.unknown && !t.common) t.name = true;
  const rarestIdf = Math.log(1 + (n - 0.5) / 1.5);
  const aboutTheBot = ABOUT_THE_BOT.test(normalizeForm(question)) && !terms.some((t) => t.name && !t.unknown);
  const namePhrases: string[][] = [];
  let run: string[] = [];
  const byTyped = new Map(terms.map((t) => [t.typed, t]));
  // A role or a token with digits ("CEO", "Q1") is not part of a name; a possessive ends one
  // ("halvard's q1").
  const close = () => {
    if (run.length > 1) namePhrases.push(run);
    run = [];
  };
  for (const [i, token] of raw.entries()) {
    // Names side by side are one name only with nothing but a space between: "sallow/brenholt",
    // "yermak, witkoff" are two.
    if (i > 0) {
      const prev = matches[i - 1]!;
      if (!/^\s+$/.test(normalized.slice(prev.index + prev[0].length, matches[i]!.index))) close();
    }
    const parts = words(token).filter((x) => !/[-‐‑]/.test(x));
    for (const w of parts) {
      const t = byTyped.get(w);
      if (t?.name && !t.unknown && /^\p{L}+$/u.test(w) && !ROLE_WORD.test(w)) run.push(t.word);
      else close();
    }
    if (/['’]s$/i.test(token)) close();
  }
  close();
  return {
    text: question,
    answerType,
    terms,
    rarestIdf,
    namePhrases,
    ...(asked && { speaker: asked.speaker }),
    ...(asked?.topic && { topic: asked.topic }),
    ...(aboutTheBot && { aboutTheBot }),
    ...(answerType === 'description' && definiendumOf(asWritten)),
    ...(asksForMore && { asksForMore }),
  };
}

/**
 * "Besides the brooch", "apart from the pay rise": beyond a thing named. (Not "as well as" nor "in
 * addition to": a question asks about both with them, "did she win gold as well as silver".)
 */
const BESIDES = /\b(?:besides|apart from|aside from|other than)\b/i;
/** "What else …": something more is asked, without saying beside what. */
const ELSE_ASKED = /\b(?:what|who|which|where|anything|anyone|anybody|something|someone)\s+else\b/i;

/**
 * "What even is rexoferin", "whats this lantern garden thing people keep mentioning", "what is
 * lumetrexin even for": a question asking what a thing is; group 1 holds the thing (one to three
 * words). Longer phrases ask about something of the thing ("whats the measles count as of friday").
 */
const DEFINITION =
  /^(?:(?:so|wait|ok|okay|hey|and|sorry)\s+)?(?:what|wtf)(?:(?:['’]?s|\s+is|\s+are)\s+(?:(?:even|exactly|actually|really)\s+)?|\s+(?:even|exactly|actually|really)\s+(?:is|are)\s+)(?:(?:this|that|the|a|an|these|those)\s+)?([\p{L}\p{N}][\p{L}\p{N}.'’-]*(?:\s+[\p{L}\p{N}][\p{L}\p{N}.'’-]*){0,2}?)(?:\s+(?:thing|things|stuff|thingy|business))?(?:\s+(?:even\s+for|for|(?:that\s+)?(?:people|everyone|everybody|folks|i|we)\s+keep\b.*|keep\s+seeing\b.*|exactly|even|again|anyway|then))?\s*[?.!]*$/iu;
/** Words that make "what is X" ask for something else than what X is ("whats her name", "whats it worth"). */
const NOT_A_THING =
  /^(?:her|his|their|its|it|he|she|they|this|that|there|name|date|time|score|latest|plan|deal|point|catch|difference|problem|reason|cost|price|total|number|age|address|story|news|update)$/i;

function definiendumOf(question: string): { definiendum: string[] } | undefined {
  const m = DEFINITION.exec(question.trim());
  const thing = m?.[1]?.toLowerCase().split(/\s+/);
  if (!thing || thing.some((w) => NOT_A_THING.test(w) || STOPWORDS.has(w))) return undefined;
  return { definiendum: thing };
}

const SPEECH_VERB =
  'describe|described|characteri[sz]e|characteri[sz]ed|say|said|says|saying|think|thinks|thought|tell|told|claim|claimed|argue|argued|warn|warned|mention|mentioned|reckon|reckons|believe|believes|expect|expects|call|called|comment|commented|write|wrote|respond|responded|react|reacted|reply|replied|make of|feel|feels|predict|predicted|want|wants|suggest|suggested|insist|insisted';
/** Where the asker saw or heard something (group 1: the platform, one or two words). */
const HEARSAY =
  /\b(?:saw|seen|see|read|heard|hear|saying|posted|posting|going round|going around|circulating|shared)(?:\s+(?:it|this|that|something|somewhere|stuff))?\s+(?:on|in)\s+((?:the\s+)?[\p{L}\p{N}]+(?:\s+(?:group|page|chat|feed|app))?)\b/giu;

/** One to four words, no punctuation: a speaker's name or role ("the r.politik analyst"). */
const WHO = `((?:[\\p{L}\\p{N}.'’-]+\\s+){0,3}?[\\p{L}\\p{N}.'’-]+)`;
/** Patterns that put the speaker in group 1. */
const SPEAKER_PATTERNS = [
  new RegExp(`\\b(?:what|how|why|when|where)\\s+(?:did|does|do|has|had|have|was|is|would|will)\\s+${WHO}\\s+(?:${SPEECH_VERB})\\b`, 'u'),
  new RegExp(`^(?:did|does|do|has|had|was|is)\\s+${WHO}\\s+(?:${SPEECH_VERB}|(?:say|talk|speak|comment) (?:anything|something|about|on))\\b`, 'u'),
  new RegExp(`^(?:so\\s+)?${WHO}\\s+(?:said|says|told|claimed|thinks|reckons) what\\b`, 'u'),
  new RegExp(`\\b(?:what|which)\\s+(?:word|words|phrase|phrases|term|terms|expression|language)\\s+(?:did|does|do|has|had)\\s+${WHO}\\s+use\\b`, 'u'),
  // Chat drops the auxiliary: "anyone know what medvedev said abt …".
  new RegExp(`\\bwhat\\s+${WHO}\\s+(?:said|says|told|claimed|thinks|reckons|wrote|meant|argued)\\b`, 'u'),
  new RegExp(
    `\\b((?:[\\p{L}\\p{N}.-]+\\s+)?[\\p{L}\\p{N}.-]+?)(?:'s|’s|s')\\s+(?:take|view|views|stance|position|reaction|response|comment|comments|opinion|words|quote|verdict|assessment|thoughts|argument|warning|message)\\b`,
    'u',
  ),
  new RegExp(`\\baccording to\\s+${WHO}(?:[,?.!]|$|\\s+(?:about|on|regarding))`, 'u'),
];
/** A request for the exact words at the end of a question ("…, quote pls"). */
const QUOTE_REQUEST = /[\s,]+(?:(?:a|the|exact|direct|actual)\s+)?(?:quote|quotes|words|wording)\b(?:\s+(?:pls|plz|please|thx|thanks))?[\s?.!]*$/;
/** What the speaker is asked about: the words after "about", "on", "regarding"… */
const TOPIC = /\b(?:about|abt|bout|regarding|concerning|re|on)\s+(.+)$/;
/** Words that name someone by role; a speaker needs one of these or a name. */
const ROLE_WORD =
  /^(?:president|pres|minister|fm|pm|spokes(?:man|woman|person)|envoy|ambassador|chief|head|ceo|chair(?:man|woman)?|director|founder|analyst|expert|official|officials|diplomat|secretary|governor|mayor|senator|judge|prosecutor|lawyer|coach|manager|captain|scientist|researcher|professor|doctor|leader|commander|general|aide|adviser|advisor|chancellor|premier|king|queen|mp|lawmaker|deputy|owner|executive|boss|author|witness|councill?or|cllr|inspector|officer|commissioner|detective|sergeant|constable|superintendent|bishop|editor|surgeon|consultant|engineer|investigator|auditor|coroner|magistrate|trustee|treasurer|headteacher|headmaster|headmistress|vicar|rector|priest|registrar|ombudsman|curator|auctioneer|skipper|referee|police|kremlin|government|govt|ministry|court|union|company|bank|regulator|board|team|club|side|delegation)s?$/;

/**
 * Everyday words for a person ("the union lady", "the tourism association guy"): they say the
 * speaker is someone, not who; the role or body beside them does.
 */
const PERSON_WORD =
  /^(?:lady|ladies|guy|guys|gal|woman|women|man|men|bloke|blokes|fella|fellas|fellow|chap|chaps|girl|boy|lad|lads|dude|person|people|folks?|gent|gentleman)$/;
/** Texts, not people: "according to that rumour / the reports / the figures". */
const SOURCE_WORD =
  /^(?:rumou?rs?|reports?|claims?|articles?|stor(?:y|ies)|posts?|tweets?|sources?|documents?|records?|figures?|data|papers?|news|coverage|estimates?|polls?|surveys?|stud(?:y|ies)|filings?)$/;
const NUMBER_WORD = '\\d+|one|two|three|four|five|six|seven|eight|nine|ten';
/**
 * An occasion, not a subject: "what did she tell the picket line on day 1", "… say on Monday
 * night", "… on the first day". "On" introduces both; these say when.
 */
const TIME_TOPIC = new RegExp(
  `^(?:the\\s+)?(?:(?:day|night|week|round|stage|match\\s?day)\\s+(?:${NUMBER_WORD})|(?:first|second|third|fourth|fifth|last|final|opening|closing|same)\\s+(?:day|night|morning|evening|week|weekend)|(?:${DAYS}|today|tonight|yesterday|tomorrow|the\\s+weekend)(?:\\s+(?:morning|afternoon|evening|night))?|(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})|the\\s+(?:day|night|morning|eve)\\s+(?:of|before|after)\\s.+)$`,
  'i',
);

/** The question's speaker terms and what they are asked about (see QuestionAnalysis), when it names one. */
function speakerOf(question: string, terms: readonly QuestionTerm[]): { speaker: QuestionTerm[]; topic?: QuestionTerm[] } | undefined {
  const q = normalizeForm(question).replace(FILLER_PREFIX, '');
  const termsIn = (text: string) => {
    const phrase = new Set(words(text).flatMap((w) => [w, stem(w)]));
    return terms.filter((t) => phrase.has(t.word) || phrase.has(t.typed) || phrase.has(t.stem));
  };
  for (const re of SPEAKER_PATTERNS) {
    const m = re.exec(q);
    if (!m) continue;
    // A speaker is someone: a name (known or not) or a role ("the analyst"), not "the plan" nor a
    // text ("according to that rumour"); "the tourism association guy" is the association's.
    const who = termsIn(m[1]!);
    const speaker = who.filter((t) => !PERSON_WORD.test(t.word) && !SOURCE_WORD.test(t.word));
    if (!speaker.length || !who.some((t) => t.name || t.unknown || ROLE_WORD.test(t.word) || PERSON_WORD.test(t.word))) continue;
    const tail = q.slice(m.index + m[0].length);
    // ("…, quote pls" asks for the words, it isn't what they are about.)
    const about = TOPIC.exec(tail.replace(QUOTE_REQUEST, ''))?.[1];
    const topicText = about && !TIME_TOPIC.test(about.replace(/[\s?.!]+$/, '')) ? about : undefined;
    const topic = topicText ? termsIn(topicText).filter((t) => !speaker.includes(t)) : undefined;
    return { speaker, ...(topic?.length && { topic }) };
  }
  return undefined;
}
