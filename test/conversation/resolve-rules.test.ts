/**
 * Rules of follow-up resolution found by reading the follow-ups the resolver read wrongly (each
 * compared with the hand-written question it stands for, asked alone): one test per rule of
 * English, on sentences like the articles' (no model, no index).
 */
import { describe, expect, it } from 'vitest';
import { genderEvidence } from '../../src/conversation/gender-evidence.js';
import { namesIn } from '../../src/conversation/entities.js';
import { resolveFollowUp, turnOf } from '../../src/conversation/resolve.js';
import { defaultConversationTuning } from '../../src/conversation/tuning.js';
import type { ConversationTurn } from '../../src/types.js';
import type { NameLookup } from '../../src/conversation/types.js';

const CORPUS_NAMES = new Set([
  'idris',
  'mbeki',
  'lewis',
  'carrow',
  'pavel',
  'straka',
  'yermak',
  'putin',
  'trump',
  'russia',
  'ukraine',
  'us',
  'stanovaya',
  'witkoff',
  'steve',
  'moscow',
  'atlantic',
  'r.politik',
  'tatiana',
  'rovers',
  'reyna',
  'macauley',
  'ellery',
  'marcus',
  'hanne',
  'lindqvist',
  'washington',
  'kyiv',
  'kiev',
  'geneva',
  'abc',
  'bondarev',
  'okafor',
  'imani',
  'kemi',
  'oyelaran',
  'morrowby',
  'fennick',
  'aldermoor',
]);
const names = { isName: (w: string) => CORPUS_NAMES.has(w.toLowerCase()) };
const answered = (...claims: string[]) => ({ abstained: false, claims: claims.map((text) => ({ text })), citations: [{ passageId: 'doc#1' }] });
const turn = (question: string, ...claims: string[]): ConversationTurn => turnOf(question, question, answered(...claims), names);
const read = (question: string, ...history: ConversationTurn[]) => resolveFollowUp(question, history, names).standalone;
/** A corpus whose names are these words (lower case). */
const lookup = (...ws: string[]): NameLookup => ({ isName: (w: string) => ws.includes(w.toLowerCase()) });
/** Turns and readings against one such corpus. */
const against = (corpus: NameLookup) => ({
  t: (question: string, ...claims: string[]) => turnOf(question, question, answered(...claims), corpus),
  r: (question: string, ...history: ConversationTurn[]) => resolveFollowUp(question, history, corpus).standalone,
});

describe('pronouns', () => {
  it('a name typed in lower case is a name, not a thing "it" could stand for', () => {
    const roadmap = turn(
      'how does russia view the us-drafted roadmap',
      'Russia views the US-drafted peace roadmap positively, but considerable work would be required, Putin stated.',
    );
    expect(read('and what did putin say it still needs', roadmap)).toMatch(/^what did putin say (?:the )?roadmap still needs$/);
    expect(read('and what did trump say about it', roadmap)).toMatch(/about (?:the )?roadmap$/);
  });

  it('"what is X?" asks about a thing: "it" is X, as the articles write it', () => {
    const rp = turn('what is r.politik', 'Political analyst Tatiana Stanovaya, founder of R.Politik, disagrees.');
    expect(read('who founded it', rp)).toBe('who founded R.Politik');
  });

  it('"they" is plural: the group the last question named, before a single place or person', () => {
    const talks = turn(
      'where were the earlier talks between ukraine and the us',
      'Ukrainian delegates will meet US officials to refine the formula from earlier talks in Geneva.',
    );
    expect(talks.answerEntity?.text).toBe('Geneva');
    expect(read('what did putin say about them', talks)).toBe('what did putin say about the earlier talks');
    const delegation = turn(
      'who will the ukrainian delegation meet',
      'President Zelenskyy said the Ukrainian delegation would meet with Washington officials.',
    );
    expect(read('what are they going to work on', delegation)).toBe('what are the ukrainian delegation going to work on');
  });

  it('a singular and a plural pronoun in one question are two referents ("when did he tell them")', () => {
    const told = turn('what did bondarev tell abc news', 'The Kremlin will reject the revised plan, Bondarev told ABC News.');
    expect(read('when did he tell them that', told)).toBe('when did Bondarev tell Abc that');
  });

  it('"there" is read first: the place it stands for is not also who "they" are', () => {
    const moscow = turn(
      'who is going to moscow',
      'U.S. representatives, including Trump’s special envoy Steve Witkoff, are scheduled to visit Moscow next week.',
    );
    const when = turnOf(
      'when?',
      'when is Steve Witkoff going to moscow?',
      answered('US representatives are due to travel to Moscow in the coming days.'),
      names,
    );
    expect(read('who will they meet there', moscow, when)).toBe('who will Steve Witkoff meet in Moscow');
  });

  it('an answer naming two things joined by "and" is both of them', () => {
    const regions = turn(
      'which regions does putin want ukraine to leave',
      'Putin demanded the withdrawal of Ukrainian forces from Donetsk and Luhansk, including areas not under Russian control.',
    );
    expect(read('and where are they', regions)).toBe('where are Donetsk and Luhansk');
  });

  it('only people speak: the subject of "say" is a person, so "she" is the last speaker', () => {
    const st = turn('what did stanovaya say about putin', '“He feels more confident than ever,” Stanovaya said.');
    expect(read('what did she say about zelensky', st)).toBe('what did Stanovaya say about zelensky');
  });

  it('a name right before an organisation\'s noun ("the morrowby orchestra") names the organisation: "he" is not it', () => {
    const fired = turnOf(
      'who got fired from the morrowby orchestra',
      'who got fired from the morrowby orchestra',
      { abstained: true, claims: [], citations: [] },
      names,
    );
    expect(fired.subjects.find((e) => e.text === 'Morrowby')?.kind).toBe('org');
    expect(read('how old is he', fired)).not.toContain('Morrowby');
  });

  it('"the pilots": one word that is an everyday plural, after "the", is a side — "they", never "his"', () => {
    const { t, r } = against(lookup('pilots', 'wolves', 'lisle'));
    const docked = t('why did the pilots get docked points', 'The league docked the Pilots 12 points for fielding Lisle while he was unregistered.');
    expect(docked.subjects.find((e) => e.text === 'Pilots')?.kind).toBe('group');
    expect(r('what went wrong with his registration', docked)).toBe('what went wrong with Lisle’s registration');
    expect(r('did they appeal', docked)).toBe('did Pilots appeal');
  });

  it('a pronoun the last question left as it was, with nothing before it to stand for, stays; "how many" with no noun counts what it counted', () => {
    const { t, r } = against(lookup('orlen', 'reyne'));
    const expected = t('how many crayfish were they expecting to catch at orlen', 'Dr Reyne says the team expects to catch "about 3,000" crayfish at Orlen.');
    expect(r('and how many did they actually get', expected)).toBe('how many crayfish did they actually get');
    // One after a name of its kind was that name's, and is read as it.
    const yermak = turn('what did Yermak say he wanted', 'Yermak said he wanted a ceasefire first.');
    expect(read('and when did he say it', yermak)).toContain('Yermak');
  });

  it('"didn\'t make it" (survive, arrive) has no thing for "it" to stand for; "when did they make it" has', () => {
    const { t, r } = against(lookup('merrow'));
    const refloated = t('how many whales did they get back in the water at merrow', 'Rescuers refloated 14 pilot whales at Merrow, but nine others died.');
    expect(r('and how many didnt make it', refloated) ?? '').not.toMatch(/make (?:the )?(?:water|whales)/i);
    expect(r('did the rest make it out', refloated) ?? '').not.toMatch(/make (?:the )?(?:water|whales)/i);
    const built = t('what boat did they use at merrow', 'Rescuers used an inflatable pontoon donated by the harbour trust.');
    expect(r('when did they make it', built)).toMatch(/^when did they make (?!it$)/);
  });

  it('"and how many didnt make it": a "how many" with no noun before a negated auxiliary counts what was counted', () => {
    const { t, r } = against(lookup('merrow'));
    const refloated = t('how many whales did they get back in the water at merrow', 'Rescuers refloated 14 pilot whales at Merrow, but nine others died.');
    expect(r('and how many didnt make it', refloated)).toBe('how many whales didnt make it');
    expect(r("how many weren't saved", refloated)).toBe("how many whales weren't saved");
  });

  it('what answered "who" is someone: "he" may be a name the lexicon does not know', () => {
    const scorer = turn('who scored rovers goal in the final', 'MacAuley scored the decisive penalty.');
    expect(read('how old is he', scorer)).toBe('how old is MacAuley');
  });

  it('the word after "how" is no name, even one the articles capitalise ("Old Quay Baths")', () => {
    const oldIsAName = { isName: (w: string) => names.isName(w) || ['old', 'long', 'samuel', 'keter', 'halsberg'].includes(w.toLowerCase()) };
    const q = 'who won the halsberg marathon';
    const winner = turnOf(q, q, answered('Samuel Keter won the Halsberg Marathon on Sunday in a course record of 2:07:39.'), oldIsAName);
    expect(resolveFollowUp('how old is he', [winner], oldIsAName).standalone).toBe('how old is Samuel Keter');
    expect(resolveFollowUp('how long did he take', [winner], oldIsAName).standalone).toBe('how long did Samuel Keter take');
  });

  it('a name after a role is a person ("Rovers manager Hanne Lindqvist"); a role alone is no name', () => {
    const manager = turn('who manages brennock rovers', 'Rovers manager Hanne Lindqvist becomes the first woman to win the competition as a head coach.');
    expect(manager.answerEntity).toMatchObject({ text: 'Hanne Lindqvist', kind: 'person' });
    expect(read('where is she from', manager)).toBe('where is Hanne Lindqvist from');
    // The answer led with another sentence (a man named first): "she" is still the person named by
    // her role, not "Brennock Rovers", a name of unknown kind from the question.
    const led = turn(
      'who manages brennock rovers',
      'Striker Tomás Reyna put Rovers ahead in the 54th minute, heading in a corner from captain Sean MacAuley.',
      'Rovers manager Hanne Lindqvist becomes the first woman to win the competition as a head coach.',
    );
    expect(read('where is she from', led)).toBe('where is Hanne Lindqvist from');
    const chief = turn(
      'who did yermak say it to',
      '“No one should expect us to give up territory,” Yermak told The Atlantic magazine.',
      'Ukrainian Presidential Chief of Staff Andriy Yermak reiterated on Thursday that Zelensky has no intention of leaving.',
    );
    expect(chief.answerEntity?.text).toBe('The Atlantic');
  });

  it('"where was it played": "it" is the event the turn named, not the crowd or the score', () => {
    const crowd = turn('how big was the crowd at the kestrel cup final', 'More than 61,000 fans saw the final.');
    expect(read('and where was it played', crowd)).toMatch(/^where was (?:the )?kestrel cup final played$/i);
    expect(read('when did it kick off', crowd)).toMatch(/^when did (?:the )?kestrel cup final kick off$/i);
    // Not an event verb: "it" is read as before.
    expect(read('how big was it', crowd)).not.toMatch(/kestrel cup final/i);
  });

  it('"he" and "she" follow how the articles themselves refer to a person whose first name the lexicon lacks', () => {
    // "Lindqvist becomes the first woman …": "he" is not her.
    const manager = turn('who manages brennock rovers', 'Rovers manager Hanne Lindqvist becomes the first woman to win the competition as a head coach.');
    expect(read('where is he from', manager)).not.toBe('where is Hanne Lindqvist from');
    // The side before a role ("Rovers manager", "Athletic defender") is not a person: "he" is not "Rovers".
    const penalty = turn(
      'who took the winning penalty for rovers',
      'Rovers manager Hanne Lindqvist becomes the first woman to win the competition as a head coach.',
    );
    expect(read('what position does he play', penalty)).not.toBe('what position does Rovers play');
    // "Who was the rovers keeper?": the name beside the post, not the first name of the answer.
    const keeper = turn(
      'who was the rovers keeper in the shootout',
      'But Lewis Carrow and Pavel Straka were both denied by Rovers keeper Idris Mbeki, and Sean MacAuley converted the winning kick.',
    );
    expect(read('how many penalties did he save', keeper)).toBe('how many penalties did Idris Mbeki save');
    // Two people of unknown gender in the answer; its passage calls one of them "Ms": "she" is her.
    const claim = 'Finance director Kemi Oyelaran leads the shortlist, ahead of Imani Okafor, a rival forwarder’s operations chief.';
    const shortlist = turnOf(
      'who is on the shortlist',
      'who is on the shortlist',
      { abstained: false, claims: [{ text: claim }], citations: [{ passageId: 'doc#1', passage: `${claim} Ms Okafor declined to comment.` }] },
      names,
    );
    expect(read('where does she work now', shortlist)).toBe('where does Imani Okafor work now');
  });

  it('gender evidence: honorifics, gendered roles and nouns, "X said she", a "He …" sentence after X’s; nothing when it conflicts', () => {
    const g = genderEvidence([
      'Mr. Reyna, 24, dedicated the win to his late grandfather. Chairwoman Ada Brandt spoke first.',
      'Rovers manager Hanne Lindqvist becomes the first woman to win the competition.',
      'Jonas Fahr said he was sorry. Athletic defender Callum Price was booked. He apologised later.',
      'Analyst Sam Quayle said she expected more. Mr Quayle disagreed.',
    ]);
    expect(Object.fromEntries(g)).toMatchObject({ reyna: 'male', brandt: 'female', lindqvist: 'female', fahr: 'male', price: 'male' });
    expect(g.has('quayle')).toBe(false);
  });

  it('gender evidence: "X has said she …", "X also said he …" count as "X said she / he"', () => {
    const g = genderEvidence(['Acting mayor Sigrun Falk has said she will not stand.', 'Harald Quist also said he would answer the questions in full.']);
    expect(Object.fromEntries(g)).toMatchObject({ falk: 'female', quist: 'male' });
  });

  it('a time is never what "it" is; the answer’s own things are, after the question’s', () => {
    const plan = turn(
      'what did the US unveil last week',
      'Last week, Washington unveiled a 28-point peace framework widely perceived as favourable to Moscow.',
    );
    expect(plan.subjects.map((e) => e.text)).not.toContain('last week');
    expect(read('what did it demand from kyiv', plan)).toBe('what did the 28-point peace framework demand from kyiv');
  });

  it('a bare noun the question used is "the" one when it stands for "it" ("what kind of dog was it")', () => {
    const { t, r } = against(lookup('juno', 'upper', 'wend'));
    const dog = t('what kind of dog was it', 'The woman was found by a search dog working with the Upper Wend team.');
    expect(r('what did it get as a reward', dog)).toBe('what did the dog get as a reward');
  });

  it('a time after a noun phrase is not part of it ("head coach in the end"); a name typed in lower case gets no "the"', () => {
    const { t, r } = against(lookup('brennock', 'bears', 'russia', 'putin'));
    const coach = t('who did the brennock bears get as head coach in the end', 'The Bears have not named anyone yet.');
    expect(coach.subjects.map((e) => e.text)).toContain('head coach');
    expect(coach.subjects.map((e) => e.text).join(' ')).not.toContain('in the end');
    expect(r('which territory does it concern', t("what is putin's key issue", 'The key issue is territory.'))).toBe(
      "which territory does putin's key issue concern",
    );
    expect(r('where will they meet the americans', t("who leads russia's delegation", 'An aide leads it.'))).toBe(
      "where will russia's delegation meet the americans",
    );
  });

  it('a phrase for a person ("the judge in the … case") is never "it"; a name inside it still may be', () => {
    const { t, r } = against(lookup('greenhollow', 'helen', 'marr', 'ashbury'));
    const judge = t('who was the judge in the greenhollow sewage case', 'Judge Helen Marr will pass sentence at Ashbury Crown Court.');
    expect(judge.subjects.find((e) => e.text.startsWith('the judge'))?.kind).toBe('person');
    expect(r('what did she say about it when she passed sentence', judge)).toBe('what did Helen Marr say about Greenhollow when she passed sentence');
  });

  it('"what kind of publication is that": a demonstrative for what the last answer was about', () => {
    const yermak = turn('who did yermak say it to', '“No one should expect us to give up territory,” Yermak told The Atlantic magazine.');
    expect(read('what kind of publication is that', yermak)).toBe('what kind of publication is The Atlantic?');
  });
});

describe('who said so', () => {
  it('the last question as a clause finds its verb where the tagger reads it as a noun ("tidewater pay for rovers")', () => {
    const paid = turn('how much did tidewater pay for rovers', 'The consortium is paying a total of £38 million.');
    expect(read('who said so', paid)).toBe('who said how much tidewater paid for rovers?');
  });

  it('"how much of that", "how many of those": that is what the last question asked for, as a clause', () => {
    const paid = turn('how much did tidewater pay for rovers', 'The consortium is paying a total of £38 million.');
    expect(read('how much of that was debt', paid)).toBe('how much of what tidewater paid for rovers was debt');
    const losses = turn('how many troops did kyiv lose in october', 'Kiev lost 47,000 troops.');
    expect(read('how many of those were killed?', losses)).toBe('how many of what kyiv lost in october were killed?');
    // "that" before a noun is no pronoun.
    expect(read('how much of that debt is new', paid)).toBe('how much of that debt is new');
  });

  it('"who said so", "according to who", "who decided that" ask who is behind the last question’s matter', () => {
    const changed = turn('what was changed in the peace plan', 'Sergiy Kislysha said that the plan had since been changed.');
    expect(read('who said so', changed)).toBe('who said what was changed in the peace plan?');
    const losses = turn('how many troops did kyiv lose in october', 'The Russian president estimated that in October alone, Kiev lost 47,000 troops.');
    expect(read('according to who', losses)).toBe('who said how many troops kyiv lost in october?');
    const split = turn(
      'how many components were the 28 points split into',
      '“They decided among themselves that all 28 points should be divided into four separate components.”',
    );
    expect(read('who decided that', split)).toBe('who decided how many components the 28 points were split into?');
  });
});

describe('"when?" in other words', () => {
  it('"by how much?", "by what margin?" ask the last question again with that wh-phrase', () => {
    const won = turn('who won the halsberg marathon', 'On Sunday, Samuel Keter won the Halsberg Marathon.');
    expect(read('by how much?', won)).toBe('by how much did Samuel Keter win the halsberg marathon?');
    expect(read('by what margin', won)).toBe('by what margin did Samuel Keter win the halsberg marathon?');
  });

  it('"by how many votes?" is "by how many?" with what is counted', () => {
    const won = turn('who won the kingsmere election', 'Hanne Lindqvist won the Kingsmere mayoral run-off.');
    expect(read('by how many votes', won)).toBe('by how many votes did Hanne Lindqvist win the kingsmere election?');
  });

  it('"what minute was that" asks the last question again for the minute, without its date words', () => {
    const goal = turn('who scored for rovers in the cup final', 'Striker Tomás Reyna put Rovers ahead in the 54th minute.');
    expect(read('what minute was that', goal)).toBe('in what minute did Tomás Reyna score for rovers in the cup final?');
  });

  it('"how long ago was that" keeps the whole wh-phrase', () => {
    const last = turn('when did rovers last win the kestrel cup before this', 'Rovers won the Kestrel Cup for the first time since 1998.');
    expect(read('how long ago was that', last)).toBe('how long ago did rovers last win the kestrel cup before this?');
  });

  it('"until when?" keeps the start it is asked from, and the tense of the last question', () => {
    const after = turn('what happens to marcus ellery after june', 'Ellery will serve as executive chair until Dec. 31 and then retire.');
    expect(read('until when?', after)).toBe('until when does that happen to marcus ellery after june?');
  });
});

describe('ellipsis', () => {
  it('"and about X?" brings its own preposition', () => {
    const st = turn('what did stanovaya say about putin', '“He feels more confident than ever,” Stanovaya said.');
    expect(read('and about europe?', st)).toBe('what did stanovaya say about europe?');
  });

  it('"and her?", "what about him": someone else the conversation named takes the place of who was asked about', () => {
    const both = turn('who won the marathons', 'Samuel Keter won the men’s race and Ragna Holt won the women’s race.');
    const age = turnOf('how old is he', 'how old is Samuel Keter', answered('Keter, 29, took 36 seconds off the record.'), names);
    expect(read('and her?', both, age)).toBe('how old is Ragna Holt?');
    expect(read('what about her', both, age)).toBe('how old is Ragna Holt?');
  });

  it('"and the runner-up?": a person noun takes the place of the person asked about', () => {
    const age = turnOf('how old is he', 'how old is Samuel Keter', answered('Keter, 29, took 36 seconds off the record.'), names);
    expect(read('and the runner-up?', age)).toBe('how old is the runner-up?');
  });

  it('"and for the wolves?" names one the last question already had: the other one gives way, with no second "the"', () => {
    const { t, r } = against(lookup('pilots', 'wolves', 'lisle'));
    const scored = t('who scored for the pilots when they beat the wolves', 'Lisle scored twice as the Pilots beat the Wolves 4-2.');
    const read = r('and for the wolves?', scored);
    expect(read).toMatch(/^who scored for the wolves\b/);
    expect(read).not.toMatch(/\bthe the\b/);
  });
});

describe('names', () => {
  it('"and in X?" puts X in the place of the last question\'s name, without its preposition', () => {
    const sick = turn('how many people got sick from the fennick water', 'Twenty-three people have now been confirmed ill in Fennick.');
    expect(read('and in aldermoor?', sick)).toBe('how many people got sick from the aldermoor water?');
  });

  it('a nationality after a capitalised "The" is still an adjective; a role is someone; a city acting is "it"', () => {
    const lost = turn(
      'how many troops did kiev mobilise in october',
      'The Russian president estimated that in October alone, Kiev lost 47,000 troops, but mobilized only around 16,500.',
    );
    expect(lost.answerNames.map((e) => e.text)).not.toContain('The Russian');
    expect(read('how many did it lose', lost)).toBe('how many troops did Kiev lose');
    // … but only when no turn offers a thing: a place that answered "who" is not "it".
    const plan = turn('who unveiled the 28-point plan', 'Last week, the United States unveiled a 28-point peace plan for Ukraine.');
    expect(read('who was it seen as favourable to', plan)).toBe('who was the 28-point plan seen as favourable to');
  });
});

describe('what is kept of an answer', () => {
  it('a partial abstention showed its claim: its names are there for the next question, but it answered no one', () => {
    const t = turnOf(
      'who said russia would put its promise on paper',
      'who said russia would put its promise on paper',
      {
        abstained: true,
        claims: [{ text: 'Putin also said that in a possible treaty, Russia is ready to “put on paper” a promise not to attack Europe.' }],
        citations: [{ passageId: 'doc#1' }],
      },
      names,
    );
    expect(t.answerEntity).toBeUndefined();
    expect(read('what did he say about europe', t)).toBe('what did Putin say about europe');
  });
});

describe('an answer that describes its person instead of naming them', () => {
  const withNames = { isName: (w: string) => names.isName(w) || ['idris', 'mbeki', 'gus', 'ferreira', 'carrow', 'straka', 'szabo'].includes(w.toLowerCase()) };
  /** The turn of "who …?" answered by one claim, cited from a passage (and the article's text before it). */
  const described = (q: string, claim: string, passage: string, more: { abstained?: boolean; before?: string; names?: NameLookup } = {}) =>
    turnOf(
      q,
      q,
      {
        abstained: more.abstained ?? false,
        claims: [{ text: claim, citations: [1] }],
        citations: [{ n: 1, passageId: 'doc#2', passage, ...(more.before && { before: more.before }) }],
      },
      more.names ?? withNames,
    );

  it('"The big keeper …" answered "who": "he" is the person named just before it in the passage, not the names after', () => {
    const claim = 'The big keeper guessed right twice in the shootout, palming away efforts from Lewis Carrow and Pavel Straka.';
    const keeper = described('who was the rovers keeper in the shootout', claim, `The hero was Idris Mbeki. ${claim}`);
    expect(keeper.answerEntity).toMatchObject({ text: 'Idris Mbeki', kind: 'person' });
    expect(resolveFollowUp('how many penalties did he save', [keeper], withNames).standalone).toBe('how many penalties did Idris Mbeki save');
  });

  it('a partial abstention\'s description ("The 52-year-old … his own bar") is the man the paragraph before names, not a place or the woman asked about', () => {
    const claim = 'The 52-year-old started the recall petition against Mayor Renata Szabo in March, collecting the first signatures at his own bar.';
    const starter = described('who started the recall petition against szabo', claim, claim, {
      abstained: true,
      before:
        'Gus Ferreira had never so much as attended a council meeting before last year. Now the owner of the Lantern Room on Quay Street is the best-known critic of City Hall in Port Alcott.',
    });
    expect(resolveFollowUp('what does he do for a living', [starter], withNames).standalone).toBe('what does Gus Ferreira do for a living');
  });

  it('a claim that names its person only as "She" (or "“…,” she said") is about the person named before it', () => {
    const withLind = { isName: (w: string) => withNames.isName(w) || ['halvard', 'lind', 'ove', 'dahl'].includes(w.toLowerCase()) };
    for (const claim of ['She will step down on June 1, the company said.', '“It is time,” she said of her decision to step down on June 1.']) {
      const passage = `Halvard chairman Ove Dahl thanked Chief Executive Marta Lind on Tuesday. ${claim}`;
      const leaving = described('who is stepping down at halvard', claim, passage, { names: withLind });
      expect(leaving.answerEntity).toMatchObject({ text: 'Marta Lind', kind: 'person', gender: 'female' });
      expect(resolveFollowUp('how old is she', [leaving], withLind).standalone).toBe('how old is Marta Lind');
    }
  });

  it('only when "who" is the subject: "who did Trump sanction" is not answered by the "He" who recounts it', () => {
    const claim = 'He recounted how President Donald Trump slapped sanctions on two major Russian oil companies last month.';
    const sanctioned = described('who did trump sanction', claim, `Putin spoke after talks with Kremlin aide Yuri Ushakov. ${claim}`);
    expect(sanctioned.answerEntity?.text).not.toBe('Yuri Ushakov');
  });

  it('a claim opening with a thing ("The ribbon was cut by Ruby Dunn") that names its person is answered by that person, not by a name before it', () => {
    const withDunn = { isName: (w: string) => withNames.isName(w) || ['ruby', 'dunn', 'friends', 'aldwick'].includes(w.toLowerCase()) };
    const claim = 'The ribbon was cut by Ruby Dunn, 11, the schoolgirl whose sponsored read became the symbol of the campaign.';
    const led = described('who led the campaign to save the aldwick library', claim, `The appeal was run by the Friends of Aldwick Library. ${claim}`, {
      names: withDunn,
    });
    expect(led.answerEntity).toMatchObject({ text: 'Ruby Dunn', kind: 'person' });
    expect(resolveFollowUp('what did she do next', [led], withDunn).standalone).toBe('what did Ruby Dunn do next');
  });

  it('a description of a group or an organisation ("The court finds …") is not someone named before', () => {
    const claim = 'The court finds Tamm guilty on two of the three counts.';
    const court = described('who found tamm guilty', claim, `Judge Petra Olm read the verdict. ${claim}`);
    expect(court.answerEntity?.text).not.toBe('Petra Olm');
  });
});

describe('people without a known gender', () => {
  it('a lone word is mostly a surname: the lexicon\'s guess at it as a first name ("Reyna") is no gender', () => {
    const scorer = turn('which player scored the winner', 'Reyna scored the winner in the 88th minute.');
    expect(scorer.answerEntity).toMatchObject({ text: 'Reyna', kind: 'person' });
    expect(scorer.answerEntity?.gender).toBeUndefined();
    expect(read('how old is he', scorer)).toBe('how old is Reyna');
  });

  it('nobody named: "she" is the person only described ("“…,” the union leader said")', () => {
    const leader = turn('what did the union leader say', '“Nobody wants a strike,” the union leader said.');
    expect(read('how long has she led the union', leader)).toBe('how long has the union leader led the union');
  });
});

describe('"the name of …" questions typed as in chat', () => {
  it('"whats" is "what is", not a plural noun "they" could mean; the company named answers "they"', () => {
    const buyer = turn('whats the name of the company that bought lumo', 'Lumo has been bought by German software group Kessel Systems Inc. for $12 million.');
    expect(buyer.subjects.map((s) => s.text)).not.toContain('whats');
    expect(buyer.answerEntity).toMatchObject({ text: 'Kessel Systems Inc', kind: 'org' });
    expect(read('when did they buy it', buyer)).toBe('when did Kessel Systems Inc buy the company');
  });

  it('the name asked for is never what "it" means next: the thing it names is', () => {
    const charger = turn('whats the name of the new lumo charger', 'Lumo is sending out a redesigned charger, the LC-20, free of charge.');
    expect(read('how much does it cost', charger)).toBe('how much does the new lumo charger cost');
  });

  it('"and whats …" is a new question, not a name to swap into the last one', () => {
    const bid = turn('how much is sallow paying for brenholt', 'Sallow Foods bids 240 million crowns for Brenholt Dairy.');
    for (const q of ['and whats the first offer', 'and wheres the vote']) {
      expect(resolveFollowUp(q, [bid], names).how).not.toBe('ellipsis');
      expect(read(q, bid)).not.toMatch(/\b(?:whats|wheres)\b.*\b(?:paying|bids?)\b|, for/);
    }
  });

  it('"the guy" is someone: "he" is him, "it" is the thing he found', () => {
    const finder = turn('whats the name of the guy who found the logboat', 'The boat was found in peat near the village during roadworks.');
    expect(read('what was he doing when he found it', finder)).toBe('what was the guy doing when he found the logboat');
  });
});

describe('people behind a courtesy title', () => {
  const withDoctors = { isName: (w: string) => names.isName(w) || ['reuter', 'greyhaven', 'marsh-okoro'].includes(w.toLowerCase()) };
  /** The turn of a question answered by one claim. */
  const asked = (question: string, claim: string) => turnOf(question, question, answered(claim), withDoctors);

  it('"Dr." ends no sentence: the first name after it is part of the name', () => {
    const head = asked('who heads the competition watchdog', 'Its director general, Dr. Annika Reuter, said the board would look closely at the deal.');
    expect(head.answerEntity).toMatchObject({ text: 'Annika Reuter', kind: 'person' });
  });

  it('a name after "Dr." is a person\'s, even one the lexicon knows as a place ("Helena")', () => {
    const lead = asked('who will run the merged hospital trust', 'Dr. Helena Marsh-Okoro, currently chief executive at Greyhaven, will lead the new trust.');
    expect(lead.answerEntity).toMatchObject({ text: 'Helena Marsh-Okoro', kind: 'person' });
    expect(resolveFollowUp('what did she say about it', [lead], withDoctors).standalone).toMatch(/^what did Helena Marsh-Okoro say about/);
  });

  it('a lower-case particle between capitalised words is part of the name ("Piet van Oord", "Ursula von der Leyen")', () => {
    const lookup = { isName: (w: string) => ['piet', 'oord', 'ursula', 'leyen'].includes(w) };
    const texts = (t: string) => namesIn(t, lookup, defaultConversationTuning).map((e) => e.text);
    expect(texts('The dissenters were Deputy Governor Piet van Oord and two others.')).toEqual(['Piet van Oord']);
    expect(texts('Ursula von der Leyen spoke, then the van left.')).toEqual(['Ursula von der Leyen']);
  });

  it('"Mrs", "Ms" and "Mr" tell a person\'s gender', () => {
    const people = namesIn(
      'Mrs Lund and Mr Varden spoke before Ms Okafor.',
      { isName: (w) => ['lund', 'varden', 'okafor'].includes(w) },
      defaultConversationTuning,
    );
    expect(people.map(({ text, kind, gender }) => ({ text, kind, gender }))).toEqual([
      { text: 'Lund', kind: 'person', gender: 'female' },
      { text: 'Varden', kind: 'person', gender: 'male' },
      { text: 'Okafor', kind: 'person', gender: 'female' },
    ]);
  });
});

describe('a description named right away', () => {
  it('"The dissenting judge, Justice Ole Varden, said …" is Varden, not the judge the passage named before', () => {
    const withJudges = { isName: (w: string) => names.isName(w) || ['ole', 'varden', 'maren', 'tollefsen', 'justice'].includes(w.toLowerCase()) };
    const claim = 'The dissenting judge, Justice Ole Varden, said the court was substituting its own view for that of the expert authority.';
    const dissent = turnOf(
      'who dissented',
      'who dissented',
      {
        abstained: false,
        claims: [{ text: claim, citations: [1] }],
        citations: [{ n: 1, passageId: 'doc#2', passage: `Justice Maren Tollefsen wrote for the majority. ${claim}` }],
      },
      withJudges,
    );
    expect(dissent.answerEntity?.text).toMatch(/Ole Varden$/);
  });
});

describe('the subject of a follow-up, as the tagger reads it', () => {
  it('the word that ends a question after its auxiliary and subject is what the subject does or is, not part of it', () => {
    const brooch = turn('who stole the sunwheel brooch', 'Two masked people took the Sunwheel Brooch from the museum.');
    expect(read('how much is it worth', brooch)).toBe('how much is the sunwheel brooch worth');
    const worth = turn('how much is the sunwheel brooch worth', 'The brooch is valued at about 2 million crowns.');
    expect(worth.subjects.map((s) => s.text)).not.toContain('the sunwheel brooch worth');
    expect(read('when was it stolen', worth)).toBe('when was the sunwheel brooch stolen');
    const train = turn('is the train dangerous', 'The train carried vinyl acetate.');
    expect(train.subjects.map((s) => s.text)).toContain('the train');
    // A noun that ends the question after "is" stays whole.
    expect(turn('when is the council vote', 'The council votes on Thursday.').subjects.map((s) => s.text)).toContain('the council vote');
  });

  it('after "will" or "did" the subject ends where the verb starts, wherever the question goes on', () => {
    const withOstby = { isName: (w: string) => names.isName(w) || ['ostby'].includes(w.toLowerCase()) };
    const open = turnOf(
      'will the ostby creamery stay open after the takeover',
      'will the ostby creamery stay open after the takeover',
      answered('The creamery, which employs about 340 people, will stay open until at least 2030 under the agreement.'),
      withOstby,
    );
    expect(open.subjects.map((s) => s.text)).toContain('the ostby creamery');
    expect(resolveFollowUp('who owns it now', [open], withOstby).standalone).toBe('who owns the ostby creamery now');
  });

  it('a verb after the phrase is its predicate, and a word naming an event stays in it', () => {
    const deal = turn("what's in the aveline air pay deal", 'Cabin crew get a 6.5% pay rise over two years.');
    expect(read('what did the airline boss say about it', deal)).toBe('what did the airline boss say about the aveline air pay deal');
    const rocket = turn('where did the keelstar rocket launch from', 'The rocket lifted off from Saltcombe Spaceport.');
    expect(rocket.subjects.map((s) => s.text)).toContain('the keelstar rocket launch');
  });

  it('an object\'s head the tagger took for verbs ("the port alcott housing contract") stays in the phrase', () => {
    const contract = turn('which company got the port alcott housing contract', 'The council awarded it to a local builder.');
    expect(contract.subjects.map((s) => s.text)).toContain('the port alcott housing contract');
    expect(read('who signed it', turn('who won the harbourfront contract', 'Bellamy Construction did.'))).toBe('who signed the harbourfront contract');
    // "Which company" asked who got it: "it" next is what was got, not the company.
    expect(read('how much is it worth', contract)).toBe('how much is the port alcott housing contract worth');
    // "What summit was it" asks what "it" is: the summit is what "it" means next.
    const summit = turn('what summit was putin at', 'Putin spoke after a summit of the Collective Security Treaty Organisation.');
    expect(read('which countries are in it', summit)).toBe('which countries are in the summit');
    // Not a verb after an auxiliary and its subject: "say" is what the airline boss did.
    expect(turn('what did the airline boss say about it', 'He said nothing.').subjects.map((s) => s.text)).toContain('the airline boss');
  });

  it('words quoted in an answer ("“ridiculous” and “complete nonsense”") are no thing "it" could mean', () => {
    const spoke = turn(
      'where did putin speak to reporters',
      'Speaking at a news conference in Bishkek, Kyrgyzstan, following a Collective Security Treaty Organisation (CSTO) summit, Putin emphatically dismissed widespread assertions of Moscow planning further invasions, branding such claims as "ridiculous" and "complete nonsense."',
    );
    expect(read('what summit was it', spoke)).not.toMatch(/nonsense|ridiculous/);
  });

  it('a crew or a staff is a group: "what about the pilots" takes its place', () => {
    const crew = turn('what pay rise did the cabin crew get in the end', 'Under the agreement cabin crew will receive a 6.5% pay rise over two years.');
    expect(read('what about the pilots', crew)).toBe('what pay rise did the pilots get in the end?');
  });

  it('"what does he do" asks what someone does: no thing of its answer is what "it" means next', () => {
    const job = turn('what does gus ferreira do', 'Gus Ferreira had never so much as attended a council meeting before last year.');
    expect(job.answerEntity).toBeUndefined();
  });

  it('"it" may be a name of no known kind the last question asked about, not one its answer only mentioned', () => {
    const withQuay = { isName: (w: string) => names.isName(w) || ['old', 'quay', 'baths', 'lc-20'].includes(w.toLowerCase()) };
    const closing = turnOf(
      'when does old quay close',
      'when does old quay close',
      answered('The Old Quay Baths, a protected building, will close in March.'),
      withQuay,
    );
    expect(resolveFollowUp('when did it first open', [closing], withQuay).standalone).toBe('when did Old Quay first open');
  });

  it('…but not a name inside another of its phrases ("Hatherby" of "the hatherby residents")', () => {
    const withHatherby = { isName: (w: string) => names.isName(w) || w.toLowerCase() === 'hatherby' };
    const q = 'how much did the judge award the hatherby residents';
    const award = turnOf(q, q, answered('The residents were awarded £4.1m in damages.'), withHatherby);
    expect(resolveFollowUp('and who has to pay it', [award], withHatherby).standalone).not.toMatch(/Hatherby$/i);
  });

  it("an event's name is what was played, before a thing of the last answer", () => {
    const withCup = { isName: (w: string) => names.isName(w) || ['kestrel', 'cup', 'brennock', 'tomás', 'stanmoor'].includes(w.toLowerCase()) };
    const won = turnOf('who won the kestrel cup', 'who won the kestrel cup', answered('Brennock Rovers won the Kestrel Cup on Saturday.'), withCup);
    const beat = turnOf(
      'who did Brennock Rovers beat',
      'who did Brennock Rovers beat',
      answered('Striker Tomás Reyna put Rovers ahead in the 54th minute, heading in a corner.'),
      withCup,
    );
    expect(beat.subjects.map((s) => s.text)).toEqual(['Brennock Rovers']);
    expect(resolveFollowUp('where was it played', [won, beat], withCup).standalone).toBe('where was Kestrel Cup played');
  });
});

describe('who did what', () => {
  it('whoever the claim is attributed to after the fact did not do what "who" asks', () => {
    const withDunn = { isName: (w: string) => names.isName(w) || ['harald', 'dunn', 'edvin', 'holm', 'inspector', 'detective'].includes(w.toLowerCase()) };
    const stole = turnOf(
      'who stole the brooch',
      'who stole the brooch',
      answered(
        'Two masked people entered through a skylight at around 2:40 a.m., Detective Inspector Harald Dunn said.',
        'The brooch was found by a farmer, Edvin Holm, in 1936.',
      ),
      withDunn,
    );
    expect(stole.answerEntity).toBeUndefined();
    // Who said it, asked, is the one it is attributed to; and "X said it would appeal" is X's own act.
    const said = turnOf('who said that', 'who said that', answered('The thieves knew the building, Detective Inspector Harald Dunn said.'), withDunn);
    expect(said.answerEntity?.text).toMatch(/Harald Dunn$/);
    const appealed = turnOf('who appealed', 'who appealed', answered('Quickcart said it would appeal to the Supreme Court.'), {
      isName: (w) => ['quickcart', 'supreme', 'court'].includes(w),
    });
    expect(appealed.answerEntity?.text).toBe('Quickcart');
  });

  it('an adverb before the verb stays before it: "what actually caused X" + "when did it happen"', () => {
    const cause = turn('what actually caused the linfield derailment', 'A wheel bearing overheated and failed.');
    expect(read('when did it happen', cause)).toBe('when did that actually cause the linfield derailment?');
  });

  it('"what was stolen?" then "when?" asks when that was stolen', () => {
    const stolen = turn('what was stolen from the vallmark', 'Thieves stole three objects, including a gold brooch.');
    expect(read('when', stolen)).toBe('when was that stolen from the vallmark?');
  });

  it('"who appealed?" then "when?" asks when the one who did it did it', () => {
    const appealed = turnOf('who appealed', 'who appealed', answered('Quickcart said it would appeal to the Supreme Court.'), {
      isName: (w) => ['quickcart', 'supreme', 'court'].includes(w),
    });
    expect(resolveFollowUp('when?', [appealed], { isName: (w) => ['quickcart', 'supreme', 'court'].includes(w) }).standalone).toBe(
      'when did Quickcart appeal?',
    );
  });
});

describe('follow-ups on the third corpus (#16)', () => {
  const third = lookup('linfield', 'lowmarsh', 'sound', 'harrowgate', 'albion', 'tomasz', 'wielgus', 'westmere', 'fennick');
  const { t, r } = against(third);

  it('a negation typed without its apostrophe is no noun phrase that "it" could be ("didnt anything pick it up")', () => {
    const caused = t('what caused the linfield derailment', 'A wheel bearing that overheated and failed caused the derailment.');
    expect(r('didnt anything pick it up before it crashed?', caused)).toMatch(/^didnt anything pick the linfield derailment up/);
  });

  it('"when?" after "where is X moving to": the "to" went with "where"', () => {
    const moving = t('where is lowmarsh sound moving to next year', 'Lowmarsh Sound will return next summer at a new site, Holloway Park.');
    expect(r('when?', moving)).toBe('when is lowmarsh sound moving?');
  });

  it('"when does it actually happen" after "which hospitals are merging" asks when the hospitals merge', () => {
    const merging = t('which hospitals are merging in westmere', 'Greyhaven General Hospital and St Oswin’s Infirmary will combine.');
    expect(r('when does it actually happen', merging)).toBe('when are the hospitals merging in westmere?');
  });

  it('"why?" after "how many homes … had to boil their water" asks why they had to', () => {
    const homes = t('how many homes in fennick had to boil their water', 'Around 48,000 households were told to boil their water.');
    expect(r('why tho', homes)).toBe('why did homes in fennick have to boil their water?');
  });

  it('"how much for?" after "who bought X" asks for how much the buyer, a person leading the buyers, bought it', () => {
    const bought = t('who bought harrowgate albion', 'Harrowgate Albion agreed a sale to a consortium led by businessman Tomasz Wielgus.');
    expect(bought.answerEntity?.text).toBe('Tomasz Wielgus');
    expect(r('how much for', bought)).toBe('for how much did Tomasz Wielgus buy harrowgate albion?');
  });
});

describe('follow-ups on the distractor corpus (#16)', () => {
  const dist = lookup(
    'copperleaf',
    'telecom',
    'priya',
    'ramanathan',
    'jonas',
    'aldridge',
    'norrmoor',
    'sorell',
    'semiconductors',
    'kettering',
    'flats',
    'bramwell',
    'rohan',
    'abeysekara',
    'eastvale',
    'falcons',
    'velden',
    'marathon',
    'miriam',
    'weber',
    'torvane',
    'logistics',
    'brennock',
    'bears',
    'malik',
    'oyelowo',
  );
  const { t, r } = against(dist);

  it('a full name opening with a given name the tagger doesn\'t know is a person\'s, what answered "who"', () => {
    const succession = t(
      'whos taking over from jonas aldridge at copperleaf',
      'Copperleaf Telecom has named Priya Ramanathan, head of its mobile division, as chief executive, succeeding Jonas Aldridge, who is stepping down in September.',
    );
    expect(succession.answerEntity).toMatchObject({ text: 'Priya Ramanathan', kind: 'person' });
  });

  it('"how many measles cases …" + "how many of them …": them are the cases', () => {
    const cases = t('how many measles cases r there in norrmoor now', 'Norrmoor has recorded 41 cases of measles.');
    expect(r('how many of them werent vaccinated', cases)).toBe('how many of the measles cases werent vaccinated');
  });

  it('after "is", the subject ends at a verb in -ing ("where is sorell building its chip plant"); "there" is the name after "at"', () => {
    const plant = t(
      'where is sorell building its chip plant',
      'Sorell Semiconductors said it would build its new chip plant at Kettering Flats, near Bramwell.',
    );
    expect(plant.answerEntity?.text).toBe('Kettering Flats');
    expect(r('how many jobs is it bringing there', plant)).toBe('how many jobs is Sorell bringing in Kettering Flats');
  });

  it('"for how much?" after "which team did he end up going to": the "to" went with "which team"', () => {
    const move = t('which team did rohan abeysekara end up going to', 'Rohan Abeysekara has joined Eastvale Falcons.');
    expect(r('for how much?', move)).toBe('for how much did rohan abeysekara end up going?');
  });

  it('"what about the mens race?" after "the womens race" takes the place of the phrase with the same head', () => {
    const women = t('who won the womens race at the velden marathon', 'Miriam Weber won the women’s race in 2:24:10.');
    expect(r('what about the mens race?', women)).toBe('who won the mens race at the velden marathon?');
  });

  it('the question\'s own name is no answer ("Torvane Logistics" to "who did torvane name"); a side is never "he" or "she"', () => {
    const named = t('who did torvane name as ceo', 'Shares in Torvane Logistics are up 3.1% after the freight group named its new chief executive.');
    expect(named.answerEntity).toBeUndefined();
    const coach = t(
      'who did the brennock bears get as head coach in the end',
      'The Brennock Bears have signed point guard Malik Oyelowo on a two-year contract.',
    );
    expect(r("how long's her deal", coach)).not.toMatch(/Bears/);
  });
});

describe('follow-ups on the ninth corpus (#16)', () => {
  const ninth = lookup('sterling', 'vale', 'brennan', 'halvard', 'merrowby', 'owen', 'marsh');
  const { t, r } = against(ninth);

  it('"and the second one?" asks the last question of the next in its series ("the first offer" → "the second offer")', () => {
    const offer = t('how much was sterling vales first offer for brennan', 'Sterling Vale are preparing a bid of around £18 million for Brennan.');
    expect(r('and the second one?', offer)).toBe('how much was sterling vales second offer for brennan?');
    // Without an ordinal in the last question there is no series to go on with.
    const fee = t('how much did sterling vale pay for brennan', 'Sterling Vale paid £21.5 million for Brennan.');
    expect(r('and the second one?', fee)).not.toMatch(/second offer/);
  });

  it('"and the reliquary itself?" takes the place of the thing acted on, not of whoever acted ("the police")', () => {
    const watches = t(
      'where did the police find the stolen halvard watches',
      'Detective Inspector Owen Marsh said the watches were found in a lock-up garage.',
    );
    expect(r('and the reliquary itself?', watches)).toBe('where did the police find the reliquary?');
  });
});

describe('people in chat spelling and court titles (ninth corpus, #16)', () => {
  const court = lookup('lusk', 'philippa', 'crane', 'tobias');
  const { t, r } = against(court);
  const judge = () => t('who was the judge in lusks trial', 'The trial judge is Her Honour Judge Philippa Crane.');

  it('a possessive typed without its apostrophe names its person ("lusks trial" → Lusk)', () => {
    expect(judge().subjects.map((e) => e.text)).toContain('Lusk');
    expect(r('and who was defending him', judge())).toBe('who was defending Lusk');
    // A plural after "the" is no possessive ("the greyvales").
    const rail = against(lookup('greyvale'));
    expect(rail.t('what did the greyvales offer', 'Greyvale Rail offered 3.5 per cent.').subjects.map((e) => e.text)).not.toContain('Greyvale');
  });

  it('"The trial judge is <name>" names its person (no description to look behind); "Her Honour" says she is a woman', () => {
    expect(judge().answerEntity).toEqual({ text: 'Philippa Crane', kind: 'person', gender: 'female' });
    expect(r('how long has she been a judge', judge())).toBe('how long has Philippa Crane been a judge');
  });

  it('"and his barrister?" asks for someone else of the same person: the role asked gives way, "his" is theirs', () => {
    expect(r('and his barrister?', judge())).toBe("who was Lusk's barrister in lusks trial?");
  });
});

describe('a councillor named in an answer (eleventh corpus, #16)', () => {
  it('"Councillor" is a title before the name, so "she" is the councillor herself, not "Councillor Rhona"', () => {
    const { t, r } = against(lookup('councillor', 'rhona', 'gilchrist', 'pellbrook', 'kingsmere'));
    const who = t(
      'whos the pellbrook councillor in charge of highways',
      'Councillor Rhona Gilchrist, the cabinet member for highways, said the bridge was unsafe.',
    );
    expect(r('what did she say the day it shut', who)).toBe('what did Rhona Gilchrist say the day it shut');
  });
});

describe('a person the answer names after a role (twelfth corpus, #16)', () => {
  it('"beating the defending champion Piers Lockyer": "he" next is Lockyer, not the championship', () => {
    const { t, r } = against(lookup('maya', 'threlkeld', 'piers', 'lockyer', 'marchlands', 'chess', 'championship'));
    const beat = t(
      'who did maya threlkeld beat in the playoff',
      'Maya Threlkeld became the youngest winner of the Marchlands Chess Championship on Sunday, beating the defending champion Piers Lockyer in a sudden-death playoff.',
    );
    expect(r('and what did he get for coming second', beat)).toBe('what did Piers Lockyer get for coming second');
  });
});
