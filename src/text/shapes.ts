/**
 * The shapes answers take in news text — dates, numbers, names, places, quotes, causes — as
 * regular expressions. Shared by the index (a flag per sentence, so retrieval can prefer passages
 * with a sentence of the asked-for shape) and the answer layer (which also checks the shape is new
 * to the question).
 */

export const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
export const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
export const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** A month's name or abbreviation (lower case, as in MONTHS) → its number from 0. */
export const MONTH_OF: Readonly<Record<string, number>> = Object.fromEntries([
  ...MONTH_NAMES.map((m, i) => [m, i]),
  ...['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'].map((m) => [m, MONTH_NAMES.findIndex((n) => n.startsWith(m))]),
]);
// "one" is left out: "no one", "one of them" and "one day" are not quantities.
const NUMBER_WORDS =
  'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|half|quarter|third|twice|double|triple';

/** Date and time expressions, absolute and relative ("on Thursday", "May 2024", "last week", "2025-11-28"). */
export const DATE = new RegExp(
  [
    `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?(?:,?\\s+(?:19|20)\\d\\d)?\\b`,
    `\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+(?:19|20)\\d\\d)?\\b`,
    `\\b(?:(?:in|since|until|by|from|during|early|late|mid|last|next|this)[\\s-]+)?(?:${MONTHS})\\.?(?:,?\\s+(?:19|20)\\d\\d)?\\b`,
    `\\b(?:(?:on|last|next|this|by|until|since|from|early|late)\\s+)?(?:${DAYS})(?:'s)?(?:\\s+(?:morning|afternoon|evening|night))?\\b`,
    `\\b(?:19|20)\\d\\d-\\d\\d-\\d\\d\\b`,
    `\\b\\d{1,2}[/.]\\d{1,2}[/.](?:19|20)?\\d\\d\\b`,
    `\\b(?:(?:in|since|until|by|from|during|before|after|of|early|late|mid)[\\s-]+)?(?:19|20)\\d\\d\\b`,
    `\\b(?:yesterday|today|tonight|tomorrow|overnight)\\b`,
    `\\b(?:last|next|this|coming|previous|past)\\s+(?:week|weekend|month|year|season|spring|summer|autumn|fall|winter|quarter|decade|days|weeks|months)\\b`,
    `\\b(?:earlier|later)\\s+(?:this|that|in the)\\s+(?:week|month|year|day)\\b`,
    `\\b(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\\s+(?:days?|weeks?|months?|years?|hours?|minutes?|decades?)\\s+(?:ago|earlier|later|before|after)\\b`,
    `\\b(?:in|within|for)\\s+(?:the\\s+)?(?:coming|next|past|last)\\s+(?:days|weeks|months|years|hours)\\b`,
    // A time given by an event: "shortly after the invasion", "days before the vote".
    `\\b(?:shortly|soon|immediately|just|right|hours|days|weeks|months|years|moments)\\s+(?:after|before)\\s+(?:the|his|her|their|its|a)\\s+[a-z][a-z-]+`,
    `\\bat\\s+\\d{1,2}(?::\\d\\d)?\\s*(?:a\\.?m\\.?|p\\.?m\\.?|h\\b|GMT|UTC)`,
    // A clock time needs no "at": "from 4 a.m.", "until 11pm".
    `\\b\\d{1,2}(?::\\d\\d)?\\s*(?:a\\.m\\.|p\\.m\\.|am\\b|pm\\b)`,
    `\\b\\d{1,2}:\\d\\d\\b`,
    `\\b(?:q[1-4]|h[12])\\s+(?:19|20)?\\d\\d\\b`,
  ].join('|'),
  'gi',
);
// A whole number: the "000 years old" of "3,000 years old" is no one's age.
export const AGE =
  /(?<![\d,.])\b\d{1,3}[- ]year[- ]old\b|\baged? \d{1,3}\b(?![,.]\d)|(?<![\d,.])\b\d{1,3} years old\b|\bage of \d{1,3}\b(?![,.]\d)|\(\d{1,3}\)|\bnow \d{1,2},\s+(?:he|she)\b/i;
/** News gives an age between commas after a name: "Renata Solberg, 48, will succeed Ellery, 61". */
export const AGE_AFTER_NAME = /\p{Lu}[\p{L}'’.-]+,\s\d{1,3},/u;
/** A time in a match: "in the 88th minute", "in stoppage time", "at half-time". */
export const MATCH_TIME =
  /\b(?:in|during|by|after|before|until)\s+the\s+\d{1,3}(?:st|nd|rd|th)\s+minute\b|\bin\s+(?:stoppage|injury|added|extra)\s+time\b|\b(?:at|before|after|by)\s+half[- ]time\b/i;
export const GRANULARITY: [RegExp, RegExp][] = [
  [/\bwhat time\b|\bat what time\b|\bwhat hour\b/i, /\d{1,2}(?::\d\d|\s*(?:a\.?m|p\.?m|h\b))|\b(?:morning|afternoon|evening|night|noon|midnight)\b/i],
  [/\b(?:what|which) year\b|\bin what year\b/i, /\b(?:19|20)\d\d\b|\b(?:last|next|this) year\b/i],
  [/\b(?:what|which) month\b/i, new RegExp(`\\b(?:${MONTHS})\\b|\\b(?:last|next|this) month\\b|\\d{4}-\\d\\d`, 'i')],
  [/\b(?:what|which) day\b|\bwhat date\b/i, new RegExp(`\\b(?:${DAYS})\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\b|\\b(?:yesterday|today|tomorrow)\\b`, 'i')],
];
export const NUMBER = new RegExp(`\\d+(?:[.,]\\d+)*|\\b(?:${NUMBER_WORDS})\\b`, 'gi');
export const QUOTE = /[“"‘][^”"’]{12,}[”"’]|[“"][^”"]{20,}$|^[^“"]{20,}[”"]/;
/** Reported speech: "Putin argued that …", "…, Bondarev told ABC News", "believes analyst X". */
export const SPEECH =
  /\b(?:said|says|say|told|tells|stated|states|argued|argues|claimed|claims|insisted|insists|warned|warns|added|adds|noted|notes|explained|explains|believes|believe|believed|suggested|suggests|described|describes|called|calls|dismissed|dismisses|estimated|estimates|emphasi[sz]ed|stressed|declared|declares|announced|announces|asserted|asserts|reiterated|reiterates|according to|concluded|recounted|revealed|confirmed|denied|rejected|expressed|urged|vowed|promised|pledged|admitted|acknowledged|wrote|writes|commented|replied|responded|signal(?:l)?ed)\b/i;
/**
 * A sanction or judgement and what it was for: "was sent off for a second booking", "fined over
 * late filings", "accused of fraud". Not a length of time ("banned for two years", "suspended for
 * three matches"), which answers "how long", not "why".
 */
const FOR_WHAT =
  /\b(?:arrested|fined|sent off|dismissed|suspended|banned|jailed|sentenced|critici[sz]ed|praised|sacked|fired|punished|penali[sz]ed|booked|charged|convicted|accused|investigated|detained|expelled|disqualified|sued|thanked|rewarded|honou?red|cautioned|censured|reprimanded|condemned|apologi[sz](?:ed|es|ing)|recalled|withdrawn|stripped)\s+(?:\p{L}+\s+)?(?:for|over|of|with)\s+(?!(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|the next|the rest of|\d+)\s+(?:\p{L}+\s+)?(?:years?|months?|weeks?|days?|hours?|minutes?|matches|match|games?|seasons?|races?)\b|life\b|now\b)/u;
export const CAUSAL = new RegExp(
  `${FOR_WHAT.source}|\\b(?:because|since|due to|owing to|as a result|given that|given the|thanks to|on the grounds|in order to|so that|so as to|amid|citing|cited|after|following|over (?:concerns?|fears?|worries)|fearing|for fear|led to|leading to|blamed|blames|which is why|that is why|the reason|reasons?|cause[ds]?|as it|as they|as he|as she|cannot|can't|unable|would (?:open|leave|mean|allow|lead)|to (?:avoid|prevent|protect|ensure|stop|secure)|saying|arguing|insisting|argued that|argues that|explained that|noting that|point(?:s|ed|ing)? to)\\b`,
  'iu',
);
/** Words that name a person by role: "the Russian president told reporters" answers "who said …". */
export const ROLE =
  /\b(?:members|residents|voters|workers|fans|protesters|staff|employees|users|moderators|citizens|farmers|students|teachers|nurses|doctors|soldiers|troops|rescuers|firefighters|villagers|passengers|customers|investors|shareholders|lawmakers|campaigners|activists|president|minister|spokes(?:man|woman|person)|envoy|ambassador|chief|head|ceo|chair(?:man|woman)?|director|founder|analyst|expert|official|officials|diplomat|secretary|governor|mayor|senator|judge|prosecutor|lawyer|attorney|coach|manager|captain|player|striker|goalkeeper|scientist|researcher|professor|doctor|leader|commander|general|aide|adviser|advisor|spokesperson|chancellor|premier|king|queen|prince|mp|lawmaker|legislator|deputy|owner|executive|boss|investor|author|witness|suspect|victim|police|officer|detective|inspector|sergeant|constable|superintendent|commissioner)s?\b/i;
/** Words that make a capitalised run an organisation: "Acme Holdings", "Ministry of Health". */
export const ORG_WORD =
  /\b(?:inc|ltd|llc|plc|corp|corporation|company|co|group|holdings|bank|ministry|department|council|commission|committee|agency|authority|party|union|club|fc|university|institute|hospital|court|parliament|assembly|government|office|foundation|association|federation|league|organi[sz]ation|alliance|treaty|bloc|air|airlines?|motors|energy|systems|technologies|labs|media|times|post|news|magazine|network|services?|board|army|forces|navy|police|kremlin|senate|congress|rada|partners|capital|aerospace|industries|solutions|consulting|consultancy|studios?|airways|railways?|insurance|investments?|ventures|pharma(?:ceuticals?)?|logistics|foods|trust|charity|fund|orchestra|philharmonic|theatre|theater|museum|library|college|academy|society|archaeology|engineering|research|analytics|utilities|developments|properties|estates)\b/i;
/** A capitalised name after a preposition of place, a determiner or possessive allowed between ("at its Harlow Cross works"). */
export const PLACE_PREP =
  /\b(?:in|at|from|to|near|outside|across|into|toward|towards|around|inside|via)\s+(?:(?:the|its|their|his|her|our|a|an)\s+)?(\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+)*)/gu;
export const PLACE_WORD =
  /\b(?:city|capital|country|town|village|region|province|state|county|district|island|port|border|coast|street|square|stadium|arena|airport|valley|river|lake|mountain|peninsula|front|frontline|oblast|republic)\b/i;
const NOT_A_NAME = new RegExp(
  `^(?:${MONTHS}|${DAYS}|the|a|an|he|she|it|they|we|i|his|her|their|its|this|that|these|those|but|and|or|in|on|at|as|if|when|while|after|before|mr|mrs|ms|dr)$`,
  'i',
);

/**
 * A count or share that opens a sentence before "of" ("Thousands of", "Most of", "Two of"). (Not in
 * SHAPE_PATTERNS_FINGERPRINT: it shortens a run and never removes one, so no stored flag changes.)
 */
const OPENING_COUNT =
  /^(?:hundreds|thousands|millions|dozens|scores|tens|most|many|some|all|none|both|each|several|half|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty)\s+of\s+(?=\p{Lu})/iu;
/**
 * Capitalised words that don't open the sentence, with their positions: candidate names. With
 * `includeOpening`, also a single capitalised word that opens it ("Yermak told …"), flagged, for
 * a caller that can tell a name from an ordinary opening word.
 */
const CAPITALISED_RUN = /\p{Lu}[\p{L}’'.-]*(?:\s+(?:of\s+|de\s+|van\s+|von\s+|al-)?\p{Lu}[\p{L}’'.-]*)*/gu;
export function capitalisedRuns(sentence: string, includeOpening = false): { text: string; index: number; opening: boolean }[] {
  const out: { text: string; index: number; opening: boolean }[] = [];
  for (const m of sentence.matchAll(CAPITALISED_RUN)) {
    const before = sentence.slice(0, m.index).trimEnd();
    // The sentence's first word, or the first word inside a quote, is capitalised anyway.
    const opensSentence = before === '' || /[“"‘(:]$/.test(before);
    const first = m[0].split(/\s+/)[0]!.replace(/[’'.]+$/, '');
    if (opensSentence && !m[0].includes(' ') && !includeOpening) continue;
    if (NOT_A_NAME.test(first) && !m[0].includes(' ')) continue;
    // "Thousands of Juno Blake fans": a count opening the sentence is no part of the name after it.
    const count = opensSentence ? OPENING_COUNT.exec(m[0]) : null;
    if (count) {
      const rest = m[0].slice(count[0].length);
      out.push({ text: rest, index: m.index + count[0].length, opening: false });
      continue;
    }
    out.push({ text: m[0], index: m.index, opening: opensSentence && !m[0].includes(' ') });
  }
  return out;
}

/**
 * A wire dateline opening a report ("FENNICK, Aug 14 (Capital Wire) - ", "BRACKWATER — ",
 * "LONDON (AP) —"): the city in capitals, a date, the agency in brackets, a dash. It says where and
 * when the report was filed, not what it reports: its date, capitalised names and numbers answer
 * nothing asked about the story.
 */
export const DATELINE =
  /^\p{Lu}[\p{Lu}.'’-]+(?:\s+\p{Lu}[\p{Lu}.'’-]+)*(?:(?:,\s[^()\n–—]{1,30}?(?:\s\([^)\n]{1,40}\))?|\s\([^)\n]{1,40}\))\s*(?:-{1,2}|–|—)|\s*(?:–|—))\s+/u;

const DATELINE_DAY = new RegExp(`\\b(${MONTHS})\\.?\\s+(\\d{1,2})\\b`, 'i');

/**
 * The month and day a sentence's wire dateline was filed ("FENNICK, Aug 14 (Capital Wire) - …" →
 * { month: 7, day: 14 }, months from 0), when it opens with one that has them. Datelines give no
 * year.
 */
export function datelineDay(sentence: string): { month: number; day: number } | undefined {
  const line = DATELINE.exec(sentence)?.[0];
  const m = line ? DATELINE_DAY.exec(line) : null;
  if (!m) return undefined;
  const day = Number(m[2]);
  return day >= 1 && day <= 31 ? { month: MONTH_OF[m[1]!.toLowerCase()]!, day } : undefined;
}

/** The sentence without its wire dateline, if it opens with one. */
export function withoutDateline(sentence: string): string {
  return sentence.replace(DATELINE, '');
}

/** Bits of `SentenceStore` flags that record a sentence's shapes (bits 0–1 are title and headline). */
export const Shape = {
  date: 4,
  number: 8,
  /** A capitalised name that does not open the sentence, or a role ("the president"). */
  name: 16,
  quote: 32,
  cause: 64,
  place: 128,
} as const;

const test = (re: RegExp, s: string) => {
  re.lastIndex = 0;
  const ok = re.test(s);
  re.lastIndex = 0;
  return ok;
};

/** The shapes a sentence has, as `Shape` bits. */
export function shapeFlags(sentence: string): number {
  let f = 0;
  if (test(DATE, sentence)) f |= Shape.date;
  if (test(NUMBER, sentence)) f |= Shape.number;
  if (capitalisedRuns(sentence).length > 0 || ROLE.test(sentence)) f |= Shape.name;
  if (QUOTE.test(sentence) || SPEECH.test(sentence)) f |= Shape.quote;
  if (CAUSAL.test(sentence)) f |= Shape.cause;
  if (test(PLACE_PREP, sentence) || PLACE_WORD.test(sentence)) f |= Shape.place;
  return f;
}

/** FNV-1a over the patterns' sources and flags, folded to 0–999,999: equal patterns, equal number. */
export function patternsFingerprint(patterns: readonly RegExp[]): number {
  let h = 0x811c9dc5;
  for (const ch of patterns.map((p) => `${p.source}/${p.flags}`).join('\n')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 1_000_000;
}

/**
 * A fingerprint of the patterns `shapeFlags` recognises shapes with. The index stores each
 * sentence's flags, and the answer layer refines these patterns often: an index built with other
 * patterns is rebuilt instead of being read with stale flags (src/index/indexed-text-version.ts).
 * A change to the code of `shapeFlags` or `capitalisedRuns` themselves still needs
 * CHUNKER_VERSION bumped by hand.
 */
export const SHAPE_PATTERNS_FINGERPRINT = patternsFingerprint([DATE, NUMBER, CAPITALISED_RUN, NOT_A_NAME, ROLE, QUOTE, SPEECH, CAUSAL, PLACE_PREP, PLACE_WORD]);
