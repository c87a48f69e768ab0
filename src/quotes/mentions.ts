import { nlp } from '../text/nlp.js';
import { FEMALE_HONORIFICS, MALE_HONORIFICS, NOT_NAME_WORDS, PRONOUNS, ROLE_NOUNS, TITLE_WORDS } from './lexicon.js';
import { nameFacts, nameKey } from './names.js';

/**
 * Who is mentioned where in a paragraph whose quotes are masked out: names (with the titles and
 * role words written before them), the pronouns he/she, and roles ("the Russian president").
 */
export interface Mention {
  /** Offsets into the paragraph. */
  start: number;
  end: number;
  kind: 'name' | 'pronoun' | 'role';
  /** As written (for names: without titles). */
  text: string;
  /** Names: key of the family name; a person only once the document's evidence says so. */
  key?: string;
  /** Names: title and role words written with it ("russian president", "political analyst"). */
  titles: string[];
  /** Names: evidence from this mention alone that it is a person (a title, a role, compromise's lexicon). */
  personEvidence: boolean;
  /** Names: a known place, an organisation (compromise's lexicon or our list), or a place by guess with no sign of a person. */
  nonPerson: boolean;
  /** Names: a place only by compromise's guess ("Fenwick", "Lena Marsh"): a person when the article says so ("Fenwick said"). */
  placeGuess: boolean;
  gender?: 'male' | 'female';
  /** "Zelenskiy’s government": a possessive is never the speaker of its sentence. */
  possessive: boolean;
  /** Preceded by "according to". */
  according: boolean;
  /**
   * Names: the sentence treats it as an organisation or a group, not one person: "the basketball
   * website Fullcourt", "Ravnik, which connects …", "Harrowgate Hawks have denied", "The Bears say"
   * (the article's other mentions of the name follow; see extractQuotes).
   */
  groupCue: boolean;
  /** Roles: the head noun and its qualifiers ("president", ["russian"]). */
  role?: { head: string; qualifiers: string[] };
}

/** Words that make a capitalised sequence an institution, not a person. */
const INSTITUTION_WORDS = new Set(
  `kremlin ministry organisation organization council committee union party times news agency bank group forces army
  government parliament rada house court office department commission assembly federation republic alliance treaty
  security nations association company corporation institute university school media press post journal magazine
  atlantic telegraph guardian reuters bloomberg tass ria interfax region oblast city state states kingdom navy
  telecom telecoms fibre fiber logistics freight governance securities capital partners services systems holdings energy
  homes airlines airways motors labs pharma pharmaceuticals insurance ventures industries foods trust fund foundation
  society plc ltd inc llc corp gmbh ag club fc hospital clinic authority board police transit transport rail railway
  railways metro utilities water power`.split(/\s+/),
);

/** Last words of place names ("Hollins Moor", "Mill Lane", "Saltmarsh Park"): a place unless a first name or a title says person ("Eric Hill"). */
const PLACE_NOUNS = new Set(
  `moor moors lane street road avenue park square hill hills heath river valley vale bridge field fields wood woods green
  common bay island lake mount gate quay wharf marsh moss fell dale estate ward district hall row centre center arena
  stadium library church chapel cathedral station market tower terrace crescent grove gardens`.split(/\s+/),
);

/** Roles an organisation or a team has ("Lindell Transit chief executive Marion Holt", "Dragons coach Ian Morrow"). */
const ORGANISATION_ROLE =
  /^\s+(?:(?:chief|deputy|vice|general|managing|executive|acting|interim|head)\s+){0,2}(?:chief|executive|ceo|chair|chairman|chairwoman|director|coach|manager|captain|boss|owner|founder|head|president|secretary|leader)\s+\p{Lu}/u;

/** Common nouns that, written just before a name, say it is an organisation ("the basketball website Fullcourt", "the pension fund Nordpension", "broadband operator Ravnik Fibre"). */
const INSTITUTION_NOUNS = new Set(
  `website site newspaper paper magazine newsletter blog broadcaster channel station network company firm fund bank
  operator developer housebuilder retailer carrier airline agency union club team council party ministry maker
  manufacturer provider producer forwarder insurer lender publisher outlet charity regulator watchdog authority committee
  brand chain supermarket startup start-up platform service broker consultancy group business insurer utility`.split(/\s+/),
);

/** Letters after a name that are not part of it ("Miriam Feld KC", "Ann Lee MP"). */
const POST_NOMINALS = new Set(['kc', 'qc', 'mp', 'mep', 'msp', 'phd', 'md', 'jr', 'sr', 'obe', 'mbe', 'cbe', 'kbe', 'dbe', 'jp', 'sc']);

const TOKEN = /\p{Lu}(?:[\p{L}\p{M}-]|[’'](?=\p{L})|\.(?=\p{Lu}))*/gu;
const RUN = /\p{Lu}(?:[\p{L}\p{M}-]|[’'](?=\p{L})|\.(?=\p{Lu}))*(?:\s+(?:of\s+)?\p{Lu}(?:[\p{L}\p{M}-]|[’'](?=\p{L})|\.(?=\p{Lu}))*)*/gu;
const ROLE = new RegExp(
  String.raw`\b[Tt]he\s+((?:(?:former|top|senior|chief|deputy|first|foreign|prime|presidential|political|special|\p{Lu}[\p{L}.]*)\s+){0,3})(${[...ROLE_NOUNS].join('|')})\b`,
  'gu',
);
const PRONOUN = /\b([Hh]e|[Ss]he)\b/g;

const lowerWordsBefore = (text: string, at: number, n: number): string[] =>
  (text.slice(Math.max(0, at - 60), at).match(/(?<![\p{L}’'])[\p{Ll}][\p{L}-]*|,/gu) ?? []).filter((w) => !/^x+$/.test(w)).slice(-n);

const isDemonym = (word: string) => nameFacts(word).person === false && /(?:ian|ean|ese|ish|an|i)$/.test(word) && nlpDemonym(word);

const demonyms = new Map<string, boolean>();
function nlpDemonym(word: string): boolean {
  let d = demonyms.get(word);
  if (d === undefined) {
    d = nlp(word).has('#Demonym');
    demonyms.set(word, d);
  }
  return d;
}

/**
 * Abbreviated titles before a name ("Dr. Lena Marsh", "Fr. Tomasz Wil", "Col. Ivo Marek") and
 * middle initials ("Alan W. Pike"): their full stop is read as a space (same length, so offsets
 * hold) and they join the name's run.
 */
const TITLE_ABBREVIATION = /\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Fr|Rev|Gen|Lt|Col|Maj|Sgt|Capt|Cmdr|Adm|Sen|Rep|Gov|Supt|Insp|Det|Hon|\p{Lu})\.(?=\s+\p{Lu})/gu;

/** Mentions in a masked paragraph, in order. */
export function findMentions(maskedText: string): Mention[] {
  const out: Mention[] = [];
  const masked = maskedText.replace(TITLE_ABBREVIATION, (t) => `${t.slice(0, -1)} `);
  for (const m of masked.matchAll(RUN)) {
    const all = [...m[0].matchAll(TOKEN)].map((t) => ({ text: t[0], at: m.index + t.index }));
    // "Henrike Sollberg of Daventa Securities" is a person and an organisation; "Chief of Staff
    // Andriy Yermak" is titles and a name: each part between "of"s is read on its own, a part made
    // only of titles handing them to the next.
    const parts: (typeof all)[] = [[]];
    all.forEach((t, k) => {
      if (k > 0 && /\sof\s/.test(masked.slice(all[k - 1]!.at + all[k - 1]!.text.length, t.at))) parts.push([]);
      parts[parts.length - 1]!.push(t);
    });
    let carried: { titles: string[]; titled: boolean } | undefined;
    for (const tokens of parts) {
      // Titles, demonyms and sentence openers written before the name.
      const titles: string[] = carried ? [...carried.titles, 'of'] : [];
      let i = 0;
      let titled = carried?.titled ?? false;
      carried = undefined;
      let gender: Mention['gender'];
      while (i < tokens.length) {
        const w = tokens[i]!.text.replace(/\.$/, '');
        const lw = w.toLowerCase();
        if (NOT_NAME_WORDS.has(lw)) {
          i++;
          continue;
        }
        // Titles, and role nouns opening a sentence ("Goalkeeper Idris Mbeki").
        if (TITLE_WORDS.has(lw) || ROLE_NOUNS.has(lw) || lw === 'u.s' || lw === 'us' || isDemonym(w)) {
          titles.push(lw);
          if (
            (TITLE_WORDS.has(lw) || ROLE_NOUNS.has(lw)) &&
            !['of', 'the', 'first', 'foreign', 'state', 'deputy', 'acting', 'former', 'top', 'vice'].includes(lw)
          )
            titled = true;
          if (MALE_HONORIFICS.has(lw)) gender = 'male';
          if (FEMALE_HONORIFICS.has(lw)) gender = 'female';
          i++;
          continue;
        }
        break;
      }
      let name = tokens.slice(i);
      // (The letters stay in the mention's span: "Miriam Feld KC, told" is followed by its verb.)
      const spanLast = name[name.length - 1];
      while (name.length > 1 && POST_NOMINALS.has(name[name.length - 1]!.text.replace(/[’']s$/, '').toLowerCase())) name = name.slice(0, -1);
      if (name.length === 0) {
        if (titles.length) carried = { titles, titled };
        continue;
      }
      // A long run is an institution or a headline, not a name ("Collective Security Treaty Organisation").
      if (name.length > 3) continue;
      const spanEnd = spanLast!.at + spanLast!.text.length;
      const possessive = /[’']s$/.test(spanLast!.text);
      // (A middle initial keeps its full stop in the name: "Alan W. Pike".)
      const words = name.map((t, k) =>
        k === name.length - 1 ? t.text.replace(/[’']s$/, '') : /^\p{Lu}$/u.test(t.text) && maskedText[t.at + 1] === '.' ? `${t.text}.` : t.text,
      );
      const text = words.join(' ');
      const lower = words.map((w) => w.toLowerCase());
      if (lower.some((w) => NOT_NAME_WORDS.has(w))) continue;
      const facts = nameFacts(text);
      // Role words written just before the name: "political analyst Tatiana Stanovaya", "press secretary, Dmitry Peskov,".
      const before = lowerWordsBefore(masked, name[0]!.at, 3);
      const institutionBefore =
        i === 0 && INSTITUTION_NOUNS.has(before[before.length - 1] ?? '') && /^\s*$/.test(masked.slice(tokens[0]!.at - 1, tokens[0]!.at));
      const roleBefore =
        before.filter((w) => w !== ',').some((w) => ROLE_NOUNS.has(w)) &&
        (before[before.length - 1] === ',' ? true : ROLE_NOUNS.has(before[before.length - 1]!));
      const placeName = words.length > 1 && PLACE_NOUNS.has(lower[lower.length - 1]!) && !facts.firstName && !titled && !roleBefore;
      const institution =
        facts.knownPlace || facts.organization || lower.some((w) => INSTITUTION_WORDS.has(w)) || /^[\p{Lu}.]+$/u.test(text) || institutionBefore || placeName;
      if (roleBefore) titles.push(...before.filter((w) => ROLE_NOUNS.has(w) || TITLE_WORDS.has(w)));
      // An appositive: "Boris Bondarev, a former member of …", "Andriy Yermak, Zelenskyy’s chief of staff,".
      const after = masked.slice(spanEnd, spanEnd + 80);
      const appositive = /^,\s+(?:(?:a|an|the|his|her|\p{Lu}[\p{L}’']*[’']s)\s+)?((?:[\p{Ll}-]+\s+){0,3}?)([\p{Ll}-]+)\b/u.exec(after);
      const appositiveRole = appositive && ROLE_NOUNS.has(appositive[2]!) ? [...appositive[1]!.trim().split(/\s+/).filter(Boolean), appositive[2]!] : [];
      titles.push(...appositiveRole);
      const according = /according to\s*$/i.test(masked.slice(Math.max(0, tokens[0]!.at - 20), tokens[0]!.at));
      // "the website Fullcourt", "Ravnik, which …" (a person is "who"), "Lindell Transit chief
      // executive Marion Holt"; a plural verb right after a name no "and" joins to another.
      const rest = masked.slice(spanEnd, spanEnd + 40);
      const groupCue =
        !possessive &&
        (institutionBefore ||
          /^,?\s+which\b/.test(rest) ||
          ORGANISATION_ROLE.test(rest) ||
          (/^\s+(?:have|are|were|say|insist|claim|deny|believe|want|do|don[’']t)\b/.test(rest) &&
            !/(?:\b(?:and|or)|&|,)\s*$/.test(masked.slice(0, tokens[0]!.at))));
      // compromise guesses places from endings ("Fenwick", "Marsh"): a title or a role says otherwise.
      const marked = titled || roleBefore || appositiveRole.length > 0;
      const placeGuess = !institution && facts.place && !facts.person && !marked;
      const nonPerson = institution || (facts.place && !marked && !facts.person);
      out.push({
        start: tokens[0]!.at,
        end: spanEnd,
        kind: 'name',
        text,
        key: nameKey(words[words.length - 1]!),
        titles,
        personEvidence: !institution && (facts.person || marked),
        nonPerson,
        placeGuess,
        ...((gender ?? facts.gender) ? { gender: gender ?? facts.gender } : {}),
        possessive,
        according,
        groupCue,
      });
    }
  }
  for (const m of masked.matchAll(PRONOUN)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      kind: 'pronoun',
      text: m[0],
      titles: [],
      personEvidence: false,
      nonPerson: false,
      placeGuess: false,
      gender: PRONOUNS[m[0].toLowerCase()],
      possessive: false,
      according: false,
      groupCue: false,
    });
  }
  for (const m of masked.matchAll(ROLE)) {
    const qualifiers = m[1]!.trim().toLowerCase().split(/\s+/).filter(Boolean);
    // "the Russian president" is a role; "the Kremlin aide Yuri Ushakov" is a name with a title (found above).
    if (/^\s+\p{Lu}/u.test(masked.slice(m.index + m[0].length, m.index + m[0].length + 3)) && !/^\s+(?:He|She|The)\b/.test(masked.slice(m.index + m[0].length)))
      continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      kind: 'role',
      text: m[0],
      titles: [],
      personEvidence: false,
      nonPerson: false,
      placeGuess: false,
      possessive: false,
      groupCue: false,
      according: /according to\s*$/i.test(masked.slice(Math.max(0, m.index - 20), m.index)),
      role: { head: m[2]!.toLowerCase(), qualifiers },
    });
  }
  return out.sort((a, b) => a.start - b.start);
}
