/**
 * The words attribution hinges on: verbs that introduce speech, nouns that name a role, titles
 * written before a name. Lower case; matched on whole words.
 */

/** Finite verbs (and "according to") that attribute words to their subject. */
export const SPEECH_VERBS = new Set(
  `said says told tells added adds stated states declared declares insisted insists argued argues asserted asserts
  claimed claims called calls described describes branded brands dismissed dismisses rejected rejects warned warns
  noted notes reiterated reiterates emphasized emphasised emphasizes emphasises stressed stresses suggested suggests
  believes believed signaled signalled signals expressed expresses concluded concludes explained explains estimated
  estimates recounted recounts revealed reveals announced announces confirmed confirms continued continues wrote writes
  replied replies answered answers admitted admits acknowledged acknowledges denied denies pledged pledges promised
  promises vowed vows urged urges accused accuses labeled labelled labels termed terms informed informs mocked mocks
  countered counters conceded concedes predicted predicts recalled recalls remarked remarks observed observes
  maintained maintains contended contends cautioned cautions proclaimed proclaims demanded demands tweeted posted
  agreed agrees thinks thought feels felt wondered wonders quipped joked put say reported reports`.split(/\s+/),
);

/** Words that may stand between a subject and its verb ("Putin also said", "has once again warned"). */
export const VERB_FILLERS = new Set(
  `has have had was is will would also again once then later further previously repeatedly simply just already who`.split(/\s+/),
);

/** Words ending in -ly that are no adverb ("the Ostrander family, also said": the family did not speak). */
const NOT_ADVERBS = new Set(
  `family families ally rally assembly supply reply monopoly anomaly italy july lily belly bully jelly folly holly homily melancholy`.split(/\s+/),
);

/** An adverb that may stand between a subject and its verb ("Putin flatly rejected"). */
export const isAdverb = (word: string): boolean => /^\p{Ll}{2,}ly$/u.test(word) && !NOT_ADVERBS.has(word);

/** Nouns naming what a person is: before a name ("analyst Tatiana Stanovaya") or as "the former diplomat". */
export const ROLE_NOUNS = new Set(
  `president prime minister premier chancellor secretary spokesman spokeswoman spokesperson envoy aide aides adviser advisor
  analyst analysts diplomat ambassador official leader chief director founder head expert economist professor commander
  general senator governor mayor lawmaker negotiator journalist reporter editor researcher scientist lawyer activist ceo
  chairman chairwoman chair member master king queen prince pope foreign-minister deputy colonel captain sergeant
  politician opposition mp premier ruler strongman dictator monarch presenter host correspondent columnist witness
  resident farmer soldier officer prosecutor judge attorney owner manager executive candidate counterpart
  author chemist physicist biologist seismologist geologist coach boss player goalkeeper striker defender nurse priest
  councillor councilor inspector detective spokesperson superintendent curator teacher principal doctor surgeon
  vice-chancellor chancellor trustee shareholder investor founder businessman businesswoman forecaster ecologist
  campaigner`.split(/\s+/),
);

/** Capitalised words that are titles, not names ("Russian President Vladimir Putin", "Chief of Staff Andriy Yermak"). */
export const TITLE_WORDS = new Set(
  `president presidential prime minister deputy first foreign chief staff secretary press spokesman spokeswoman envoy special
  senator sen rep gov governor general gen lt col colonel maj major capt captain mr mrs ms dr prof professor king queen prince
  princess pope chancellor ambassador director chairman chairwoman mayor judge justice sir dame lord lady cardinal bishop
  commander admiral sheikh emir state defence defense interior finance economy vice acting former top aide adviser advisor
  analyst official head leader fr father rev reverend det detective insp inspector supt ceo cfo coo incoming outgoing
  interim of the`.split(/\s+/),
);

/** Honorifics that tell gender. */
export const MALE_HONORIFICS = new Set(['mr', 'sir', 'lord', 'king', 'prince']);
export const FEMALE_HONORIFICS = new Set(['mrs', 'ms', 'miss', 'dame', 'lady', 'queen', 'princess']);

/** Capitalised words that start sentences or clauses and are never part of a name. */
export const NOT_NAME_WORDS = new Set(
  `the a an in on at to of for by with from as after before during while when where since until if but and or so yet
  this that these those there here his her its their our my your we they he she it i you according speaking turning
  despite however meanwhile currently last next today yesterday tomorrow monday tuesday wednesday thursday friday saturday
  sunday january february march april may june july august september october november december even only also
  crucially concurrently adding commenting questioning optimism evolving one some many most all both each every no not
  what which who why how maybe perhaps still then now once just because though although unless whether
  others another several few`.split(/\s+/),
);

/** Pronouns that can be a speaker (singular: a statement has one speaker). */
export const PRONOUNS: Record<string, 'male' | 'female'> = { he: 'male', she: 'female' };
