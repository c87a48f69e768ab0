import { splitSentences } from '../chunk/split-sentences.js';
import type { CleanedArticle } from '../ingest/cleaned-article.js';
import { findQuotedSpans, type QuotedSpan } from './find-quotes.js';
import { isAdverb, SPEECH_VERBS, VERB_FILLERS } from './lexicon.js';
import { findMentions, type Mention } from './mentions.js';
import { QUOTE_TUNING } from './tuning.js';

/** A person as one article writes them: the forms of their name and the titles it gives them. */
export interface ArticlePerson {
  /** Key of the family name (see nameKey). */
  key: string;
  /** Every form of the name the article uses, e.g. ["Vladimir Putin", "Putin"]. */
  names: string[];
  titles: string[];
  gender?: 'male' | 'female';
}

/** How the speaker of a quote was found. */
export type Attribution = 'name' | 'pronoun' | 'role' | 'continuation' | 'introduced' | 'repeat' | 'none';

/** One quoted piece of one article. */
export interface ExtractedQuote {
  /** 1-based paragraph of the cleaned text. */
  paragraph: number;
  /** Offsets of the quoted words (without the marks) into the cleaned text. */
  start: number;
  end: number;
  text: string;
  kind: 'direct' | 'fragment';
  /** Index into the article's persons; null when no speaker could be identified. */
  speaker: number | null;
  via: Attribution;
  /** The words that name the speaker at the quote ("he", "the Russian president", "Yermak"). */
  mention?: string;
  /** Pieces of one quote split by its attribution share a unit (article-local number). */
  unit: number;
}

export interface ArticleQuotes {
  persons: ArticlePerson[];
  quotes: ExtractedQuote[];
}

interface Sentence {
  paragraph: number;
  /** Offsets into the paragraph. */
  start: number;
  end: number;
}

interface ParagraphView {
  number: number;
  offset: number;
  text: string;
  masked: string;
  spans: QuotedSpan[];
  mentions: Mention[];
  sentences: Sentence[];
}

/** The paragraph with the quoted words replaced by x's (sentence-final marks kept), so names and sentence breaks inside quotes don't count. */
function mask(text: string, spans: readonly QuotedSpan[]): string {
  const out: string[] = [];
  let last = 0;
  for (const s of spans) {
    out.push(text.slice(last, s.start));
    const inner = text.slice(s.start, s.end);
    const final = /[.!?…]$/.test(inner) ? inner.slice(-1) : '';
    out.push(inner.slice(0, inner.length - final.length).replace(/\S/g, 'x') + final);
    last = s.end;
  }
  out.push(text.slice(last));
  return out.join('');
}

const wordCount = (s: string) => (s.match(/[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu) ?? []).length;
const normalize = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * An appositive right after a mention: ", Zelenskyy’s chief of staff," (the text up to the next comma,
 * free of sentence marks and quotes). Written without nested repetition: the earlier
 * `(?:[^,…]+?\s+){0,12}?` form backtracked exponentially on long comma-free text and took over half
 * of a 10,000-report index build; on every comma of our corpora the two match the same text.
 */
const APPOSITIVE = /^,\s+[^,.;:“”"]*?[^,.;:“”"\s],/;

/** The speech verb right after a mention (skipping an appositive, fillers and -ly adverbs), if any. */
function speechVerbAfter(masked: string, end: number): string | undefined {
  let rest = masked.slice(end, end + 200);
  const appositive = APPOSITIVE.exec(rest);
  if (appositive && !SPEECH_VERBS.has(/^,\s+(\S+)/.exec(rest)?.[1]?.toLowerCase() ?? '')) rest = rest.slice(appositive[0].length);
  const words = rest.match(/[\p{L}’'-]+|[,;:.!?“”"]/gu) ?? [];
  for (const w of words.slice(0, 6)) {
    const lw = w.toLowerCase();
    if (VERB_FILLERS.has(lw) || isAdverb(lw) || lw === ',') continue;
    return SPEECH_VERBS.has(lw) ? lw : undefined;
  }
  return undefined;
}

/** Past-tense speech verbs: "Western claims" and "Soviet states" are nouns, "Yermak told" is not. */
const unambiguous = (verb: string | undefined) => verb !== undefined && (/ed$/.test(verb) || ['said', 'told', 'wrote', 'thought', 'felt'].includes(verb));

/** Whether a verb-like word follows the mention (it is a clause's subject: "he simultaneously issued"). */
function verbAfter(masked: string, end: number): boolean {
  const words = masked.slice(end, end + 80).match(/[\p{L}’'-]+|[,;:.!?“”"]/gu) ?? [];
  for (const w of words.slice(0, 4)) {
    const lw = w.toLowerCase();
    if (VERB_FILLERS.has(lw) || isAdverb(lw)) continue;
    return SPEECH_VERBS.has(lw) || /(?:ed|es|s)$/.test(lw) || ['is', 'was', 'has', 'had', 'will', 'would', 'can', 'could'].includes(lw);
  }
  return false;
}

/** Words before a name that make someone else the speaker: "a spokesperson for", "lawyers for", "allies of". */
const SPEAKING_FOR =
  /\b(?:spokes(?:person|man|woman)|representatives?|aides?|lawyers?|solicitors?|advisers?|office|allies|ally|friends?|family|team|sources?|people)\s+(?:for|of|to|close\s+to|around)\s+(?:the\s+)?$/iu;

const SPEECH_VERB_WORD = new RegExp(String.raw`\b(?:${[...SPEECH_VERBS].join('|')})\b`, 'giu');

/**
 * The name is the speaker of an inverted attribution right after a quote: “…,” said Dev Sandhu, 67;
 * “…,” said Torvale chair Michael Ordway (not "Torvale": a name followed by more words of the
 * phrase qualifies the speaker).
 */
function invertedSpeaker(masked: string, m: Mention): boolean {
  const before = masked.slice(Math.max(0, m.start - 60), m.start);
  const verbs = [...SPEECH_VERBS].join('|');
  if (!new RegExp(String.raw`[”"’']\s*(?:${verbs})\s+(?:[\p{L}&.-]+\s+){0,4}$`, 'iu').test(before)) return false;
  return /^(?:[’']s\b)?(?:\s*$|\s*[,.;:!?()–—-]|\s+(?:of|from|at|in|who)\b)/u.test(masked.slice(m.end));
}

/**
 * The subject of a speech verb standing just before `at` (fillers, -ly adverbs, a time phrase and a
 * relative clause skipped) when it is no name and no he/she: a common noun ("the judges said", "a
 * spokesperson said", "the league said", "a report … suggested") or "they" / "it". Undefined
 * when there is no such verb or its subject may be a person the mentions cover.
 */
function unnamedSubjectOf(before: string): string | undefined {
  let text = before.replace(/\s+$/, '');
  // Skip back over fillers, adverbs and a time phrase: "also", "on Monday", "on Tuesday", "yesterday".
  for (;;) {
    const cut =
      /(?:\s+(?:on|last|this|next)\s+\p{Lu}\p{Ll}+day|\s+(?:yesterday|today|earlier|later|previously|also|again|once|then|had|has|have|was|would|will|only|\p{Ll}+ly))$/u.exec(
        text,
      );
    if (!cut || (/ly$/.test(cut[0]) && !isAdverb(cut[0].trim()))) break;
    text = text.slice(0, cut.index);
  }
  // A clause between subject and verb: "The CommsUnion union, which represents 1,600 staff, says",
  // "The motion, tabled by the Independent group, accused".
  if (/,$/.test(text)) {
    const clause = /,\s+[^,]*(?:\d,\d[^,]*)*,$/u.exec(text);
    if (clause) text = text.slice(0, clause.index);
  }
  const last = /([\p{L}’'-]+)$/u.exec(text)?.[1];
  if (!last || /^x+$/.test(last)) return undefined;
  if (/^\p{Ll}/u.test(last) && !['he', 'she', 'who', 'which', 'that', 'and', 'or', 'but'].includes(last)) return last;
  return undefined;
}

/**
 * Find every quotation in an article and its speaker. Rules, in order, for a quote in a sentence:
 * an attribution right after it (“…,” Yermak told; “…,” he said; “…,” said Putin); a speaker
 * before it whose speech verb governs it (Putin added: “…”; Peskov called an “information
 * frenzy”; according to Putin, …); the sentence's subject; for a quote standing alone, the speaker
 * of the quote it continues (split quotes, paragraphs of one long quote) or the person
 * introducing it at the end of the previous paragraph ("…, she said:"). "He", "she" and roles
 * ("the Russian president", "the former diplomat") are followed back to the nearest fitting named
 * person in the same or previous paragraph. A quote whose words repeat an attributed quote of the
 * same article (a pull quote) takes its speaker. Otherwise the speaker is unknown.
 */
export function extractQuotes(article: Pick<CleanedArticle, 'cleaned' | 'paragraphs'>): ArticleQuotes {
  const paragraphs: ParagraphView[] = article.paragraphs.map((span, i) => {
    const text = article.cleaned.slice(span.start, span.end);
    const spans = findQuotedSpans(text);
    const masked = spans.length ? mask(text, spans) : text;
    const sentences = splitSentences(masked).map((s) => ({ paragraph: i + 1, start: s.start, end: s.end }));
    return { number: i + 1, offset: span.start, text, masked, spans, mentions: findMentions(masked), sentences };
  });

  // Persons: names with evidence in the article; other names sharing their family name join them.
  // A name compromise only guesses to be a place ("Fenwick") is a person once it speaks ("Fenwick said").
  // Organisations and groups first: a name the article treats as one anywhere ("Ravnik, which …",
  // "Harrowgate Hawks have denied"), and the short form of an organisation's name ("Copperleaf"
  // where the article also writes "Copperleaf Telecom"), never becomes a person by speaking.
  const groupKeys = new Set<string>();
  const institutionFirstWords = new Set<string>();
  for (const p of paragraphs) {
    for (const m of p.mentions) {
      if (m.kind !== 'name') continue;
      if (m.groupCue && !m.personEvidence) groupKeys.add(m.key!);
      if (m.nonPerson && !m.placeGuess && m.text.includes(' ')) institutionFirstWords.add(m.text.split(' ')[0]!);
    }
  }
  for (const p of paragraphs) {
    for (const m of p.mentions) {
      if (m.kind === 'name' && !m.personEvidence && (groupKeys.has(m.key!) || (!m.text.includes(' ') && institutionFirstWords.has(m.text)))) m.nonPerson = true;
    }
  }
  const personKeys = new Set<string>();
  for (const p of paragraphs) {
    for (const m of p.mentions) {
      if (m.kind !== 'name' || (m.nonPerson && !m.placeGuess)) continue;
      const speaks = unambiguous(speechVerbAfter(p.masked, m.end)) || m.according || invertedSpeaker(p.masked, m);
      if (m.placeGuess ? speaks : m.personEvidence || speaks) personKeys.add(m.key!);
    }
  }
  for (const p of paragraphs) for (const m of p.mentions) if (m.placeGuess && personKeys.has(m.key!)) m.nonPerson = false;
  const persons: ArticlePerson[] = [];
  const personIndex = new Map<string, number>();
  const personOf = (m: Mention): number | undefined => {
    if (m.kind !== 'name' || m.nonPerson || !personKeys.has(m.key!)) return undefined;
    let i = personIndex.get(m.key!);
    if (i === undefined) {
      i = persons.length;
      personIndex.set(m.key!, i);
      persons.push({ key: m.key!, names: [], titles: [] });
    }
    const person = persons[i]!;
    if (!person.names.includes(m.text)) person.names.push(m.text);
    for (const t of m.titles) if (!person.titles.includes(t)) person.titles.push(t);
    if (m.gender && !person.gender) person.gender = m.gender;
    return i;
  };

  // Walk the sentences in order, resolving every mention to a person (or none).
  interface Seen {
    person: number;
    paragraph: number;
    subject: boolean;
  }
  const history: Seen[] = [];
  const resolved = new Map<Mention, number | null>();
  const fitsGender = (person: number, gender?: string) => !gender || !persons[person]!.gender || persons[person]!.gender === gender;
  const roleFit = (person: number, role: NonNullable<Mention['role']>): number => {
    const titles = persons[person]!.titles;
    const demonyms = titles.filter((t) => /^[a-z]+(?:ian|ean|ese|ish|an|i)$/.test(t) && !['president', 'ian'].includes(t));
    const wanted = role.qualifiers.filter((q) => /(?:ian|ean|ese|ish|an|i)$/.test(q));
    if (wanted.length && demonyms.length && !wanted.some((w) => demonyms.includes(w))) return 0;
    if (titles.some((t) => t === role.head || t.startsWith(role.head))) return 2;
    return 1;
  };
  const resolve = (m: Mention, paragraph: number, sentenceSubject: number | undefined): number | null => {
    if (m.kind === 'name') return personOf(m) ?? null;
    const window = history.filter((h) => h.paragraph >= paragraph - 1);
    if (m.kind === 'pronoun') {
      if (sentenceSubject !== undefined && fitsGender(sentenceSubject, m.gender)) return sentenceSubject;
      for (const subjectOnly of [true, false]) {
        for (let k = window.length - 1; k >= 0; k--) {
          const h = window[k]!;
          if ((!subjectOnly || h.subject) && fitsGender(h.person, m.gender)) return h.person;
        }
      }
      return null;
    }
    // A role: the nearest person whose titles fit it; else the nearest without a conflicting one.
    for (const level of [2, 1]) {
      for (let k = window.length - 1; k >= 0; k--) {
        if (roleFit(window[k]!.person, m.role!) >= level) return window[k]!.person;
      }
    }
    return null;
  };

  const quotes: ExtractedQuote[] = [];
  let unit = 0;
  let previousParagraph: ParagraphView | undefined;
  let lastSubject: number | undefined;
  for (const p of paragraphs) {
    let lastQuoteInParagraph: ExtractedQuote | undefined;
    for (const s of p.sentences) {
      const inSentence = p.mentions.filter((m) => m.start >= s.start && m.end <= s.end);
      let subject: number | undefined;
      for (const m of inSentence) {
        const person = resolve(m, p.number, subject);
        resolved.set(m, person);
        if (person === null) continue;
        const isSubject = subject === undefined && !m.possessive;
        if (isSubject) subject = person;
        history.push({ person, paragraph: p.number, subject: isSubject });
      }
      const sentenceQuotes = p.spans.filter((q) => q.start >= s.start && q.start < s.end);
      for (const q of sentenceQuotes) {
        const text = p.text.slice(q.start, q.end);
        const words = wordCount(text);
        const closeAt = q.unclosed ? q.end : q.end + 1;
        const openAt = q.start - 1;
        const speakerOf = (m: Mention) => resolved.get(m) ?? null;
        const people = inSentence.filter((m) => m.kind !== 'name' || !m.nonPerson);
        let speaker: number | null = null;
        let via: Attribution = 'none';
        let mention: Mention | undefined;
        let attributed = false;

        // 0. The rest of a quote split by its attribution: “…,” he insisted. “…” — only the previous
        // quote's attribution stands between them.
        const prevInParagraph = lastQuoteInParagraph;
        if (prevInParagraph && prevInParagraph.speaker !== null) {
          const prevClose = prevInParagraph.end - p.offset + 1;
          const between = p.masked.slice(prevClose, Math.max(prevClose, openAt));
          // What stands between is an attribution (a speech verb: a quoted phrase followed by a new
          // quote is two quotes), and nobody else in it speaks or acts ("… at Mill Lane in 2023." and
          // "she said of the Sunwheel Brooch." may stand there; "Jones replied:" may not).
          const others = p.mentions.filter(
            (m) =>
              m.start >= prevClose &&
              m.end <= openAt &&
              resolved.get(m) != null &&
              resolved.get(m) !== prevInParagraph.speaker &&
              (verbAfter(p.masked, m.end) || m.according || /^\s*:/.test(p.masked.slice(m.end))),
          );
          const attribution = new RegExp(SPEECH_VERB_WORD.source, 'iu').test(between);
          if (
            between.length <= QUOTE_TUNING.splitAttributionChars &&
            attribution &&
            !/[“"‘]/.test(between) &&
            others.length === 0 &&
            /[.,:;]\s*$/.test(between)
          ) {
            quotes.push({
              paragraph: p.number,
              start: p.offset + q.start,
              end: p.offset + q.end,
              text,
              kind: prevInParagraph.kind,
              speaker: prevInParagraph.speaker,
              via: 'continuation',
              ...(prevInParagraph.mention ? { mention: prevInParagraph.mention } : {}),
              unit: prevInParagraph.unit,
            });
            lastQuoteInParagraph = quotes[quotes.length - 1];
            continue;
          }
        }
        // 1. Right after the quote: “…,” Yermak told / he said / the Russian president stated / said Putin.
        const after = p.masked.slice(closeAt, s.end);
        const lead = /^[\s,.!?…”"’']*/.exec(after)![0].length;
        const next = inSentence.find((m) => m.start >= closeAt && m.start <= closeAt + lead + 1);
        const inverted = new RegExp(String.raw`^[\s,”"’']*(?:${[...SPEECH_VERBS].join('|')})\s+`, 'i').exec(after);
        let afterAttribution = false;
        if (next && speechVerbAfter(p.masked, next.end)) {
          mention = next;
          afterAttribution = true;
        } else if (inverted) {
          // “…,” said Torvale chair Michael Ordway: the person among the names of the phrase.
          const names = inSentence.filter((m) => m.start >= closeAt && m.start <= closeAt + inverted[0].length + 40 && m.kind === 'name');
          mention = names.find((m) => speakerOf(m) !== null) ?? names[0];
          afterAttribution = mention !== undefined;
        }
        // “…,” one of the sources said / the club said in a statement: attributed, to nobody named.
        const unnamedAfter = !mention && new RegExp(String.raw`^[\s,”"’']*((?:[\p{L}’'-]+\s+){1,5}?)(?:${[...SPEECH_VERBS].join('|')})\b`, 'iu').exec(after);
        if (
          unnamedAfter &&
          unnamedSubjectOf(after.slice(0, unnamedAfter[0].lastIndexOf(' ') + 1)) !== undefined &&
          !inSentence.some((m) => m.start >= closeAt && m.end <= closeAt + unnamedAfter[0].length && m.kind !== 'name')
        ) {
          attributed = true;
          afterAttribution = true;
        }
        // 2. Before it: the nearest person whose speech verb governs it, or "according to X".
        if (!mention) {
          const before = inSentence.filter((m) => m.end <= openAt);
          for (let k = before.length - 1; k >= 0; k--) {
            const m = before[k]!;
            if (m.possessive) continue;
            if (m.according || speechVerbAfter(p.masked, m.end)) {
              // "A spokesperson for Mayor Colette Brannigan said": someone speaking for them, unnamed.
              if (SPEAKING_FOR.test(p.masked.slice(Math.max(0, m.start - 40), m.start))) attributed = true;
              else mention = m;
              break;
            }
          }
          // An institution ending a person's appositive is not the subject: "Farida Nasser, general
          // secretary of the Couriers' and Riders' Union, called …" — Nasser called it.
          if (mention?.kind === 'name' && mention.nonPerson && !mention.according) {
            const verb = speechVerbAfter(p.masked, mention.end);
            const holder = before.find(
              (m) =>
                m.start < mention!.start &&
                !m.possessive &&
                speakerOf(m) !== null &&
                /^,/.test(p.masked.slice(m.end)) &&
                speechVerbAfter(p.masked, m.end) === verb,
            );
            if (holder) mention = holder;
          }
        }
        if (mention) {
          attributed = true;
          if (mention.kind === 'name' && mention.nonPerson) mention = undefined; // "Ukraine said", "according to Moscow"
        }
        // 2b. A speech verb before it whose subject is no one named: "The judges said … “…”", "A
        // spokesperson said … “…”", "The league said in a statement … “…”": attributed, speaker unknown.
        if (!mention && !attributed) {
          const head = p.masked.slice(s.start, Math.max(s.start, openAt));
          const verbs = [...head.matchAll(SPEECH_VERB_WORD)];
          const v = verbs[verbs.length - 1];
          if (
            v &&
            unnamedSubjectOf(head.slice(0, v.index)) !== undefined &&
            !inSentence.some((m) => m.kind !== 'name' && m.end <= s.start + v.index && m.end >= s.start + v.index - 30)
          )
            attributed = true;
        }
        // 3. The sentence's subject: the first person named before the quote, or a subject after it ("…, he warned").
        if (!mention && !attributed) {
          mention =
            people.find((m) => m.end <= openAt && !m.possessive && speakerOf(m) !== null) ??
            people.find((m) => m.start >= closeAt && !m.possessive && speakerOf(m) !== null && verbAfter(p.masked, m.end));
        }
        if (mention) {
          speaker = speakerOf(mention);
          via = mention.kind === 'name' ? 'name' : mention.kind;
          if (speaker === null) mention = undefined;
        }

        // 4. A quote standing alone: it continues the paragraph's previous quote (split quote, no one
        // else named in between), a quote left open in the previous paragraph, or one introduced by
        // the previous paragraph's last sentence ("… she said:").
        let continues: ExtractedQuote | undefined;
        if (speaker === null && !attributed && inSentence.filter((m) => speakerOf(m) !== null).length === 0) {
          const prevQuote = lastQuoteInParagraph ?? (previousParagraph?.spans.at(-1)?.unclosed ? quotes.at(-1) : undefined);
          if (prevQuote && prevQuote.speaker !== null) {
            speaker = prevQuote.speaker;
            via = 'continuation';
            continues = prevQuote;
          } else if (!lastQuoteInParagraph && previousParagraph && /:\s*$/.test(previousParagraph.masked) && lastSubject !== undefined) {
            speaker = lastSubject;
            via = 'introduced';
          }
        }

        const before = p.masked.slice(0, q.start - 1).trimEnd();
        const embedded = /[\p{L}\p{N}’']$/u.test(before);
        let kind: ExtractedQuote['kind'] =
          (embedded && words <= QUOTE_TUNING.fragmentMaxWords && !(afterAttribution && words >= 4)) ||
          (words <= QUOTE_TUNING.shortQuoteWords && !afterAttribution)
            ? 'fragment'
            : 'direct';
        if (continues) kind = continues.kind;
        // Names in quotation marks (the ‘Vostok’ group) are not quotes.
        if (words === 1 && /^\p{Lu}/u.test(text) && /^\s+\p{Ll}/u.test(p.text.slice(closeAt))) continue;
        // A scare-quoted phrase nobody is quoted as saying is not a quote.
        if (speaker === null && !attributed && (kind === 'fragment' || words < QUOTE_TUNING.unattributedMinWords)) continue;

        const quote: ExtractedQuote = {
          paragraph: p.number,
          start: p.offset + q.start,
          end: p.offset + q.end,
          text,
          kind,
          speaker,
          via,
          ...(mention ? { mention: mention.text } : {}),
          unit: continues && continues.unit !== undefined ? continues.unit : unit++,
        };
        quotes.push(quote);
        lastQuoteInParagraph = quote;
      }
      if (subject !== undefined) lastSubject = subject;
    }
    previousParagraph = p;
  }

  // A pull quote repeats words of an attributed quote of the same article: same speaker.
  for (const q of quotes) {
    if (q.speaker !== null) continue;
    const words = normalize(q.text);
    const source = quotes.find((o) => o !== q && o.speaker !== null && normalize(o.text).includes(words));
    if (source) {
      q.speaker = source.speaker;
      q.via = 'repeat';
    }
  }
  return { persons, quotes };
}
