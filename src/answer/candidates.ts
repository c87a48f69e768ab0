import type { ScoredPassage } from '../types.js';
import { SentenceFlag, type SentenceSpan } from '../index/sentence-store.js';
import { contentTerms, stem, words } from '../text/terms.js';
import { definesPattern, isLiveEntry, personNames, restatement, suppliesAnswer, withoutEntryTime } from './answer-types.js';
import { CAUSAL, QUOTE, capitalisedRuns, withoutDateline } from '../text/shapes.js';
import type { Lexicon, QuestionAnalysis, QuestionTerm } from './question.js';
import { editDistance } from './sentence-similarity.js';
import type { AnswerableFeature, AnswerTuning, SelectFeature } from './tuning.js';

/**
 * A label of at most three words in capitals ("EXPLAINER.", "ANALYSIS:", "LIVE UPDATES"), no
 * sentence; a score in capitals ("HT 14-12") has figures and stays.
 */
const isLabel = (text: string): boolean => {
  const body = text.trim().replace(/[.:!]+$/, '');
  return /^\p{Lu}[\p{Lu}\s&'’-]*$/u.test(body) && body.split(/\s+/).length <= 3;
};

/** What the answer layer needs of the index's sentences. */
export interface SentenceSource {
  spansOf(label: number): SentenceSpan[];
  similarities(label: number, query: Float32Array): Float32Array;
  vectorsOf(label: number): Float32Array;
  readonly dims: number;
}

export type CandidateFeatures = Record<SelectFeature, number>;

/** What candidate sentences are built from: the retrieval's passages and the index's sentences. */
export interface CandidateInput {
  /** Retrieved passages, best first, and their index labels. */
  passages: readonly ScoredPassage[];
  labels: readonly number[];
  sentences: SentenceSource;
  queryVector: Float32Array;
  /** For "what did X say about Y": Y's embedding. */
  topicVector?: Float32Array;
  lexicon: Lexicon;
  /** The embedding model's cosine scale (ModelProfile.similarity): features use (cos - low) / (high - low). */
  similarityScale: { low: number; high: number };
}

/** A sentence of a retrieved passage, with what the answer layer measures of it. */
export interface Candidate {
  text: string;
  passage: ScoredPassage;
  /** Rank of its passage in retrieval (0 = best). */
  passageRank: number;
  /** Offsets into the article's cleaned text. */
  start: number;
  end: number;
  flags: number;
  /** Unit-length embedding (for telling whether two sentences report the same claim). */
  vector: Float32Array;
  features: CandidateFeatures;
  /** Question names (stems) found in the sentence or the one before it. */
  namesFound: number;
  /** Question names (stems) that occur nowhere in the sentence's passage. */
  namesMissingFromPassage: number;
  /** The question has names and neither the sentence's passage nor its article's title has any of them. */
  offSubject: boolean;
  /** The sentence-choice score (tuning.select · features). */
  score: number;
  /**
   * For "who said …" asked of a quote that names nobody: the neighbouring sentence that names its
   * speaker ("… can't win," said one analyst. / Tatiana Stanovaya …), shown with it.
   */
  attribution?: Candidate;
  /** For "why …" asked of a sentence that gives no cause: the sentence right after it that does, shown with it. */
  because?: Candidate;
  /** For "when …" answered by a live blog's entry: the blog's opening line that gives its day, shown with it. */
  dated?: Candidate;
}

/** Words that attribute speech or a reaction ("Putin argued", "said Stanovaya", "according to Bondarev", "met with skepticism from European leaders"). */
const SPEECH_WORDS = new Set(
  'said says say told tells stated argued argues claimed claims insisted insists warned warns added adds noted notes explained explains believes believed suggested suggests described describes called dismissed stressed declared announced asserted reiterated according concluded wrote writes commented replied responded asked recalled admitted acknowledged predicted estimated urged vowed promised confirmed denied rejected informed signalled signaled remarked thinks reckons feels expects emphasised emphasized mentioned interview quoted expressed voiced reacted addresses addressed criticised criticized welcomed questioned doubted accused hailed condemned praised cautioned maintained contended countered conceded agreed disagreed objected protested pointed lamented complained reaction response skepticism scepticism criticism anger outrage praise concern concerns dismay doubts alarm'.split(
    ' ',
  ),
);
/** Words between a speaker's name and the verb that attributes words to them, at most ("Stanovaya, founder of R.Politik, said"). */
const SPEAKER_REACH = 5;

/** A text's words; `buildCandidates` passes a cached one (the same passage is read for every candidate in it). */
type Tokens = (text: string) => string[];

/** "Who said / wrote / called it …": a question about words, which a quote's neighbour attributes. */
const WHO_SAID =
  /\b(?:said|say|says|saying|told|tell|tells|wrote|write|writes|quote|quoted|words|called|calls|claimed|claims|warned|warns|insisted|insists|argued|argues|added|tweeted|posted|reckons?|thinks?|believes?|feels?|expects?|predicted|predicts|suggested|suggests)\b/i;

/** The people a sentence names: persons' names, and names that speak ("Zelenskyy announced", "said Stanovaya"). */
function peopleIn(text: string, lexicon: Lexicon): string[] {
  const speakers = capitalisedRuns(text, true).filter((r) => {
    // (Not "told Reuters": the one told is no speaker.)
    const before = text.slice(0, r.index);
    const after = words(text.slice(r.index + r.text.length))[0] ?? '';
    return SPEECH_WORDS.has(after) || /\b(?:said|says|added|adds|wrote|writes|according to)\s+$/i.test(before);
  });
  return [...personNames(text, lexicon), ...speakers.map((r) => r.text)];
}

/** Whether a pronoun speaks in `text` ("she said", "he told reporters", "said he"). */
function pronounSpeaks(text: string, tokens: Tokens = words): boolean {
  const ws = tokens(text);
  return ws.some((w, i) => (w === 'he' || w === 'she' || w === 'they') && (SPEECH_WORDS.has(ws[i + 1] ?? '') || SPEECH_WORDS.has(ws[i - 1] ?? '')));
}

/**
 * Whether `text` gives words to the speaker term: their name next to a speech verb. Being
 * mentioned ("leaks of calls between Witkoff and Ushakov, Putin argued") is not speaking.
 */
function speaks(term: QuestionTerm, text: string | undefined, tokens: Tokens = words): boolean {
  if (!text) return false;
  const ws = tokens(text);
  const verbs = ws.flatMap((w, i) => (SPEECH_WORDS.has(w) ? [i] : []));
  if (verbs.length === 0) return false;
  // Near the verb, or the subject that opens the sentence ("Bondarev, a former member of Russia's
  // UN mission who resigned …, believes").
  return ws.some((w, i) => termMatches(term, new Set([stem(w)]), [w]) && (i < 3 || verbs.some((j) => Math.abs(i - j) <= SPEAKER_REACH)));
}

/**
 * A sentence word matches a question term by stem, by a short suffix ("Europe" / "European"), or,
 * for a name, as a near-spelling ("Zelenskiy" / "Zelenskyy": outlets spell names differently;
 * ordinary words are not fuzzy-matched, "change" is not "charge").
 */
export function termMatches(term: QuestionTerm, sentenceStems: ReadonlySet<string>, sentenceWords: readonly string[]): boolean {
  const t = term.stem;
  if (sentenceStems.has(t) || term.synonyms?.some((x) => sentenceStems.has(x))) return true;
  if (t.length < 4 || /\d/.test(t)) return false;
  return sentenceWords.some((w) => {
    if (w[0] !== t[0]) return false;
    const s = stem(w);
    if ((s.startsWith(t) && s.length - t.length <= 3) || (t.startsWith(s) && s.length >= 4 && t.length - s.length <= 3)) return true;
    return term.name && t.length >= 5 && Math.abs(s.length - t.length) <= 1 && editDistance(s, t) <= 1;
  });
}

/**
 * A negation or a denial ("no one was injured", "there is no ban", "will not ask for a retrial",
 * "early theories of a bird strike were wrong").
 */
const SAYS_NO = /^(?:no|not|never|none|nobody|nothing|neither|nor|cannot|denied|denies|deny|denying|rejected|rejects|dismissed|wrong|false|untrue)$|n['’]t$/;
/** A condition, to its clause's end: it says nothing either way ("and if they don't, we will make them"). */
const CONDITION = /\b(?:if|unless|whether)\b[^,.;:—–]*/gi;
/** How many words apart a negation and the asked word may be ("no one was injured", "the stolen brooch has not been found"). */
const DENIAL_REACH = 4;

/**
 * Whether a sentence says no about what a yes/no question asks: a negation within a few words of
 * one of the question's words. Whoever asks "was anyone hurt", "is the app getting banned" is
 * answered as often by a denial as by a confirmation; a confirmation repeats the question's
 * words, so it is already close in meaning, while a denial ("no one was injured") is worded away
 * from the question and the model rates it far from it.
 */
export function deniesAsked(q: QuestionAnalysis, sentence: string): boolean {
  if (q.answerType !== 'yesno') return false;
  const ws = words(sentence.replace(CONDITION, ' '));
  const no = ws.flatMap((w, i) => (SAYS_NO.test(w) ? [i] : []));
  if (no.length === 0) return false;
  const terms = q.terms.filter((t) => !t.unknown);
  return ws.some((w, i) => no.some((j) => Math.abs(i - j) <= DENIAL_REACH) && terms.some((t) => termMatches(t, new Set([stem(w)]), [w])));
}

interface Words {
  words: string[];
  stems: Set<string>;
}
const wordsOf = (text: string): Words => {
  const ws = contentTerms(text);
  return { words: ws, stems: new Set(ws.map(stem)) };
};

/**
 * Every sentence of the retrieved passages (overlap between passages of one article counted
 * once), with its features and sentence-choice score.
 */
export function buildCandidates(q: QuestionAnalysis, input: CandidateInput, tuning: AnswerTuning): Candidate[] {
  const { passages, labels, sentences, queryVector, lexicon } = input;
  const { low, high } = input.similarityScale;
  const scaled = (cos: number) => (cos - low) / (high - low);
  const known = q.terms.filter((t) => !t.unknown);
  const totalIdf = known.reduce((n, t) => n + t.idf, 0) || 1;
  const names = known.filter((t) => t.name);
  const speaker = q.speaker?.filter((t) => !t.unknown);
  const topicTerms = (q.topic ?? []).filter((t) => !t.unknown);
  // A topic word no article has ("what did Yermak say about China") is a part of the topic no
  // sentence covers: a rare one weighs as much as the rarest word there is, an everyday one
  // ("… about the conversations", when the articles say "communications") half of that.
  const maxIdf = Math.log(1 + (lexicon.passageCount - 0.5) / 1.5);
  const topicIdf =
    topicTerms.reduce((n, t) => n + t.idf, 0) + (q.topic ?? []).filter((t) => t.unknown).reduce((n, t) => n + (t.common ? maxIdf / 2 : maxIdf), 0);
  const coverageOf = (w: Words, terms: readonly QuestionTerm[] = known) =>
    terms.reduce((n, t) => n + (termMatches(t, w.stems, w.words) ? t.idf : 0), 0) / totalIdf;
  const namesIn = (w: Words) => names.filter((t) => termMatches(t, w.stems, w.words)).length;
  const merge = (...ws: (Words | undefined)[]): Words => {
    const out: Words = { words: [], stems: new Set() };
    for (const w of ws) {
      if (!w) continue;
      out.words.push(...w.words);
      for (const x of w.stems) out.stems.add(x);
    }
    return out;
  };

  // The passage up to a sentence: a finding reported before the quote that comments on it (what
  // follows is mostly background: "what did Yermak say about NATO" is not answered by his quote
  // because the next paragraph recalls the plan's NATO clause).
  const beforeCache = new Map<object, Words>();
  const before = (r: { passage: ScoredPassage; start: number }): Words => {
    let w = beforeCache.get(r);
    if (!w) beforeCache.set(r, (w = wordsOf(r.passage.text.slice(0, r.start - r.passage.start))));
    return w;
  };

  // First every sentence, once (passages of one article overlap by a sentence); then features,
  // with neighbours taken in article order across passage boundaries (a quote often opens the
  // paragraph after its attribution).
  interface Raw {
    text: string;
    words: Words;
    passage: ScoredPassage;
    passageRank: number;
    start: number;
    end: number;
    span: SentenceSpan;
    similarity: number;
    vector: Float32Array;
    lede: boolean;
    namesMissingFromPassage: number;
    offSubject: boolean;
    /** The passage's words (a speaker attributed with "he said" is named elsewhere in it). */
    whole: Words;
  }
  const seen = new Set<string>();
  const raw: Raw[] = [];
  passages.forEach((passage, passageRank) => {
    const label = labels[passageRank]!;
    const spans = sentences.spansOf(label);
    const sims = sentences.similarities(label, queryVector);
    const vectors = sentences.vectorsOf(label);
    const whole = wordsOf(passage.text);
    const namesMissingFromPassage = names.length - namesIn(whole);
    const offSubject = names.length > 0 && namesIn(merge(whole, wordsOf(passage.article.title))) === 0;
    const lede = firstBodyStart(passage, spans);
    spans.forEach((span, i) => {
      const start = passage.start + span.start;
      const key = `${passage.articleId}:${start}`;
      if (seen.has(key)) return;
      seen.add(key);
      const text = passage.text.slice(span.start, span.end);
      // A line that is only a clock time or a number ("9:30 p.m.", "19:23") says nothing by itself.
      if (!words(text).some((w) => /\p{L}{2,}/u.test(w) && !/^[ap]\.?m$/.test(w))) return;
      // Nor does a wire label after its dateline ("DUNMERE, Mar 18 (Meridian Press Agency) - EXPLAINER.").
      if (isLabel(withoutDateline(text))) return;
      raw.push({
        text,
        words: wordsOf(text),
        passage,
        passageRank,
        start,
        end: passage.start + span.end,
        span,
        similarity: sims[i]!,
        vector: vectors.subarray(i * sentences.dims, (i + 1) * sentences.dims),
        lede: start === lede,
        namesMissingFromPassage,
        offSubject,
        whole,
      });
    });
  });
  const tokenCache = new Map<string, string[]>();
  const tokens: Tokens = (text) => {
    let ws = tokenCache.get(text);
    if (!ws) tokenCache.set(text, (ws = words(text)));
    return ws;
  };
  const inOrder = [...raw].sort((a, b) => (a.passage.articleId < b.passage.articleId ? -1 : a.passage.articleId > b.passage.articleId ? 1 : a.start - b.start));
  const prevOf = new Map<Raw, Raw>();
  const nextOf = new Map<Raw, Raw>();
  inOrder.forEach((r, i) => {
    const n = inOrder[i + 1];
    // Neighbours: the same article, nothing but white space between them.
    if (n && n.passage.articleId === r.passage.articleId && n.start - r.end <= 3) {
      nextOf.set(r, n);
      prevOf.set(n, r);
    }
  });

  // Whom a "he said" / "she said" can stand for: the people named in the nearest of the three
  // sentences before it that names any (undefined when none does).
  const peopleBefore = (r: Raw): Words | undefined => {
    for (let p = prevOf.get(r), i = 0; p && i < 3; p = prevOf.get(p), i++) {
      const people = peopleIn(p.text, lexicon);
      if (people.length) return wordsOf(people.join(' '));
    }
    return undefined;
  };

  const namedSpeaker = speaker !== undefined && speaker.length > 0 && speaker.every((t) => t.name);
  const out: Candidate[] = raw.map((r) => {
    const w = r.words;
    const context = merge(w, prevOf.get(r)?.words, nextOf.get(r)?.words);
    // A quote is attributed in its own sentence or the one before ("… Yermak told The Atlantic.").
    const attributed = merge(w, prevOf.get(r)?.words);
    const found = namesIn(attributed);
    // The speaker named in the sentence or the one before counts fully; only elsewhere in the
    // passage (a quote attributed with "he said"), half.
    const pronoun = q.speaker !== undefined && pronounSpeaks(r.text, tokens);
    // "He said" speaks only for someone named just before it: "Zelenskyy announced … Further
    // discussions, he said, …" is Zelenskyy's, whoever else the passage quotes. (A speaker asked
    // by role, "the R.Politik analyst", is not checked: the name doesn't say it.)
    const antecedent = pronoun && namedSpeaker ? peopleBefore(r) : undefined;
    const speakerShare = !q.speaker
      ? 1
      : speaker!.reduce((n, t) => {
          // "“…,” she said." speaks for the person the sentence before names.
          const prev = prevOf.get(r);
          const mentionedBefore = prev !== undefined && termMatches(t, prev.words.stems, prev.words.words);
          const isAntecedent = antecedent === undefined || termMatches(t, antecedent.stems, antecedent.words);
          if (speaks(t, r.text, tokens)) return n + 1;
          if (pronoun && !isAntecedent) return n;
          if (speaks(t, prev?.text, tokens) || (pronoun && mentionedBefore)) return n + 1;
          return n + (speaks(t, r.passage.text, tokens) || (pronoun && termMatches(t, r.whole.stems, r.whole.words)) ? 0.5 : 0);
        }, 0) / q.speaker.length;
    const features: CandidateFeatures = {
      similarity: scaled(r.similarity),
      passageSimilarity: scaled(r.passage.similarity ?? low),
      coverage: coverageOf(w),
      contextCoverage: coverageOf(context),
      names: names.length ? found / names.length : 1,
      speaker: speakerShare,
      topic:
        topicIdf > 0
          ? Math.max(
              topicTerms.reduce((n, t) => n + (termMatches(t, context.stems, context.words) ? t.idf : 0), 0) / topicIdf,
              (tuning.passageTopic * topicTerms.reduce((n, t) => n + (termMatches(t, before(r).stems, before(r).words) ? t.idf : 0), 0)) / topicIdf,
            )
          : 1,
      // The topic's meaning against the sentence and its neighbours (1 without a topic).
      topicSimilarity: input.topicVector
        ? Math.max(...[r, prevOf.get(r), nextOf.get(r)].filter((x): x is Raw => x !== undefined).map((x) => scaled(cosine(input.topicVector!, x.vector))))
        : 1,
      supplies: suppliesAnswer(q.answerType, r.text, q, lexicon) ? 1 : 0,
      restatement: restatement(r.text, q),
      heading: r.span.flags & (SentenceFlag.title | SentenceFlag.headline) ? 1 : 0,
      rank: 1 / (1 + r.passageRank),
      // Set below, once every candidate is known.
      relativeSimilarity: 0,
      centrality: 0,
      localCoverage: 0,
      lede: r.lede ? 1 : 0,
    };
    return {
      text: r.text,
      passage: r.passage,
      passageRank: r.passageRank,
      start: r.start,
      end: r.end,
      flags: r.span.flags,
      vector: r.vector,
      features,
      namesFound: found,
      namesMissingFromPassage: r.namesMissingFromPassage,
      offSubject: r.offSubject,
      score: 0,
    };
  });
  const byRaw = new Map(raw.map((r, i) => [r, out[i]!]));
  if (speaker?.length) {
    // "“…,” she said." is shown with the sentence before it that names her.
    raw.forEach((r, i) => {
      const prev = prevOf.get(r);
      if (!prev || !pronounSpeaks(r.text, tokens) || speaker.some((t) => speaks(t, r.text, tokens))) return;
      if (speaker.some((t) => termMatches(t, prev.words.stems, prev.words.words))) out[i]!.attribution = byRaw.get(prev);
    });
  }
  if (q.answerType === 'person' && WHO_SAID.test(q.text)) {
    // A quote that names nobody answers "who said …" with the name in the sentence next to it
    // (not "who got sacked": the quote's neighbour names whoever it was told to).
    const questionWords = new Set(wordsOf(q.text).stems);
    raw.forEach((r, i) => {
      const c = out[i]!;
      if (c.features.supplies || !QUOTE.test(c.text)) return;
      // A quote that runs on over several sentences is attributed where it closes.
      let closing = r;
      for (let open = quoteBalance(r.text), k = 0; open > 0 && k < MAX_QUOTE_SENTENCES; k++) {
        const n = nextOf.get(closing);
        if (!n) break;
        closing = n;
        open += quoteBalance(n.text);
      }
      for (const n of [closing === r ? undefined : closing, nextOf.get(r), prevOf.get(r)]) {
        if (!n) continue;
        if (personNames(n.text, lexicon).some((name) => wordsOf(name).words.some((w) => !questionWords.has(stem(w))))) {
          c.features.supplies = 1;
          c.attribution = byRaw.get(n);
          break;
        }
      }
    });
  }
  if (q.definiendum) {
    // "What even is rexoferin": a sentence that says what it is supplies the answer, one that only
    // names it ("the B sample confirmed rexoferin") does not — when some sentence does say it.
    const defines = definesPattern(q.definiendum);
    const says = raw.map((r) => defines.test(r.text));
    if (says.some(Boolean)) says.forEach((d, i) => (out[i]!.features.supplies = d ? 1 : 0));
  }
  if (q.answerType === 'date') {
    // "What day / when did Lusk get sentenced": a live blog's entry tells the hour, its opening
    // line ("Wendmere Courier live coverage, Friday 21 March") the day all its entries happened on.
    raw.forEach((r, i) => {
      const c = out[i]!;
      if (!isLiveEntry(r.text) || suppliesAnswer('date', withoutEntryTime(r.text), q, lexicon)) return;
      const j = raw.findIndex(
        (x, k) =>
          (x.lede || out[k]!.features.heading) &&
          x.passage.articleId === r.passage.articleId &&
          x.start < r.start &&
          out[k]!.features.supplies &&
          !isLiveEntry(x.text),
      );
      if (j < 0) return;
      c.features.supplies = 1;
      c.dated = out[j];
    });
  }
  if (q.answerType === 'reason') {
    // "As a result the footway closed …" tells the consequence; its cause is the sentence before
    // ("… inspections found a cracked bearing beneath the footway."). The two answer together; the
    // connective alone gives no cause.
    raw.forEach((r, i) => {
      if (!CONSEQUENCE.test(r.text)) return;
      const c = out[i]!;
      const p = prevOf.get(r);
      c.features.supplies = p || CAUSAL.test(r.text.replace(CONSEQUENCE, '')) ? 1 : 0;
      if (p) c.because = byRaw.get(p);
    });
    // "Why …": a claim whose cause is given in the sentence right after it ("… met with
    // skepticism from European leaders. They point to …") supplies it, with that sentence.
    raw.forEach((r, i) => {
      const c = out[i]!;
      const n = nextOf.get(r);
      if (c.features.supplies || !n || n.passage.id !== r.passage.id || !CAUSAL.test(n.text)) return;
      c.features.supplies = 1;
      c.because = byRaw.get(n);
    });
  }
  relativeFeatures(out, q, known);
  for (const c of out) c.score = dot(c.features, tuning.select);
  return out;
}

/** A sentence opening on its consequence of what the sentence before it said. */
const CONSEQUENCE =
  /^(?:as a (?:direct )?(?:result|consequence)|consequently|therefore|that(?:'s|’s| is) why|this is why|because of (?:this|that)|for (?:that|this) reason)\b,?/i;
/** How far a quote is followed to where it closes. */
const MAX_QUOTE_SENTENCES = 5;
/** Opening minus closing curly double quotes: above 0, a quote is still open at the sentence's end. */
const quoteBalance = (text: string) => (text.match(/“/g)?.length ?? 0) - (text.match(/”/g)?.length ?? 0);

/** Where the first sentence after the headline of a passage's article starts (for `lede`), or -1 when not its first passage. */
function firstBodyStart(passage: ScoredPassage, spans: readonly SentenceSpan[]): number {
  if (passage.id !== `${passage.articleId}#0`) return -1;
  const first = spans.find((s) => !(s.flags & (SentenceFlag.title | SentenceFlag.headline)));
  return first ? passage.start + first.start : -1;
}

/**
 * Features relative to the other candidates, which carry over between corpora and models better
 * than absolute scores: similarity as a z-score among the candidates; centrality, a z-score of the
 * cosine to the candidates' mean vector (a story's summary lede is central; the sentence with one
 * specific detail is not); and coverage with each question word weighted by how rare it is among
 * the candidates, so words the whole story shares ("Nimbus") count less than the asked detail.
 */
function relativeFeatures(out: Candidate[], q: QuestionAnalysis, known: readonly QuestionTerm[]): void {
  if (out.length === 0) return;
  const z = (xs: number[]) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) || 1;
    return xs.map((x) => (x - mean) / sd);
  };
  const dims = out[0]!.vector.length;
  const centroid = new Float32Array(dims);
  for (const c of out) for (let d = 0; d < dims; d++) centroid[d]! += c.vector[d]!;
  const simZ = z(out.map((c) => c.features.similarity));
  const centralZ = z(out.map((c) => cosine(c.vector, centroid)));
  const analysed = out.map((c) => wordsOf(c.text));
  const n = out.length;
  const localIdf = known.map((t) => {
    const df = analysed.filter((w) => termMatches(t, w.stems, w.words)).length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  });
  const total = localIdf.reduce((a, b) => a + b, 0) || 1;
  out.forEach((c, i) => {
    c.features.relativeSimilarity = simZ[i]!;
    c.features.centrality = centralZ[i]!;
    c.features.localCoverage = known.reduce((sum, t, j) => sum + (termMatches(t, analysed[i]!.stems, analysed[i]!.words) ? localIdf[j]! : 0), 0) / total;
  });
}

/** Question-level features for the answer-or-abstain decision, from the best candidate. */
export function answerableFeatures(q: QuestionAnalysis, best: Candidate | undefined, secondSimilarity = 0): Record<AnswerableFeature, number> {
  const unknownNames = q.terms.filter((t) => t.unknown && t.name).length;
  const unknownRare = q.terms.filter((t) => t.unknown && !t.name && !t.common).length;
  if (!best) {
    return {
      similarity: 0,
      coverage: 0,
      contextCoverage: 0,
      names: 0,
      speaker: 0,
      topic: 0,
      supplies: 0,
      namesInPassage: 0,
      unknownNames,
      unknownRare,
      passageSimilarity: 0,
      relativeSimilarity: 0,
      localCoverage: 0,
      restatement: 1,
      margin: 0,
      questionInPassage: 0,
    };
  }
  const f = best.features;
  return {
    similarity: f.similarity,
    coverage: f.coverage,
    contextCoverage: f.contextCoverage,
    names: f.names,
    speaker: f.speaker,
    topic: f.topic,
    supplies: f.supplies,
    namesInPassage: best.namesMissingFromPassage === 0 ? 1 : 0,
    unknownNames,
    unknownRare,
    passageSimilarity: f.passageSimilarity,
    relativeSimilarity: f.relativeSimilarity,
    localCoverage: f.localCoverage,
    restatement: f.restatement,
    margin: Math.max(0, f.similarity - secondSimilarity),
    questionInPassage: questionInPassage(q, best),
  };
}

/** See `questionInPassage` in src/answer/tuning.ts. */
function questionInPassage(q: QuestionAnalysis, best: Candidate): number {
  const passage = wordsOf(best.passage.text);
  let total = 0;
  let found = 0;
  for (const t of q.terms) {
    const weight = t.unknown ? (t.common ? q.rarestIdf / 2 : q.rarestIdf) : t.idf;
    total += weight;
    if (!t.unknown && termMatches(t, passage.stems, passage.words)) found += weight;
  }
  return total > 0 ? found / total : 1;
}

/** Probability (0–1) that the question is answered by the best candidate: a logistic model. */
export function answerability(features: Record<AnswerableFeature, number>, weights: AnswerTuning['answerable']): number {
  let z = weights.bias;
  for (const [k, v] of Object.entries(features) as [AnswerableFeature, number][]) z += (weights[k] ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}

function dot<K extends string>(features: Record<K, number>, weights: Record<K, number>): number {
  let s = 0;
  for (const k of Object.keys(weights) as K[]) s += (features[k] ?? 0) * weights[k];
  return s;
}

/** Cosine of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
