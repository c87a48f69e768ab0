import { describe, expect, it } from 'vitest';
import { answerTypeOf, analyzeQuestion, namedThing, type Lexicon } from '../../src/answer/question.js';
import { KeywordIndex } from '../../src/index/keyword-index.js';
import { termMatches } from '../../src/answer/candidates.js';
import { stem, words } from '../../src/text/terms.js';

/** A lexicon over a few real sentences, built by the same keyword index the engine uses. */
function lexiconOf(texts: string[]): Lexicon {
  const k = KeywordIndex.build(texts);
  return { passageCount: k.size, documentFrequency: (w) => k.formFrequency(w), isName: (w) => k.isName(w), correct: (w) => k.correct(w) };
}
const lexicon = lexiconOf([
  '“As long as Mr. Zelenskiy is president, no one should expect us to give up territory,” Yermak told The Atlantic magazine.',
  'U.S. representatives, including special envoy Steve Witkoff, are scheduled to visit Moscow next week.',
  'Political analyst Tatiana Stanovaya, founder of R.Politik, said Putin feels confident.',
  'The plan was changed in Q1 after talks in Geneva; the G7 welcomed the change.',
]);

describe('answer type from the wording, typed the way people type', () => {
  it.each([
    ['hey so what did yermak actually say??', 'quote'],
    // How someone described a thing, or the word they used for it, is asked in their words;
    // how the outlets or sites described it compares the coverage.
    ['how did putin describe the us draft, what phrase did he use', 'quote'],
    ["How did Tatiana Stanovaya describe Putin's view of the battlefield?", 'quote'],
    ['whats the line okoro keeps using about the club', 'quote'],
    ['what word did putin use for the kind of talks russia is up for', 'quote'],
    ['how did the sites characterize the slant of the 28-point plan', 'compare'],
    ["how do the reports describe tarrow rail's pay offer", 'compare'],
    ['putin said what about europe??', 'quote'],
    // How someone reacted or responded, and their advice or warning, are asked in their words.
    ['how did the festival boss react to having to pull the plug', 'quote'],
    ["How did Zelenskyy's chief of staff respond on the question of ceding land?", 'quote'],
    ['what exactly was the public health directors advice on the water', 'quote'],
    ["what was the council's warning", 'quote'],
    ['whats the message board called', 'name'],
    // Motives, and what is behind something, are its reasons ("behind schedule" is not).
    ["What motives did Putin suggest lie behind European leaders' warnings of a Russian attack?", 'reason'],
    ['whats behind the price rise', 'reason'],
    ['what is behind schedule', 'description'],
    ['anyone know what bondarev thinks will happen', 'quote'],
    ['whos heading to the russian capital', 'person'],
    ['who leads the russian delegation', 'person'],
    ['who is Steve Witkoff?', 'description'],
    // Chat words after the name don't make it a question for a name.
    ["who's tatiana stanovaya btw", 'description'],
    ['who is steve witkoff exactly?', 'description'],
    // …but whoever did or underwent something, or holds a post, is asked for by name.
    ['who was sent off', 'person'],
    ['who was arrested?', 'person'],
    // A quantity asked for by its noun: a cap, a gap, a count "as of" a day, a margin "between", a pay rise; or by "cost" as a verb.
    ["what was the cap on ukraine's army in the og plan", 'number'],
    ['whats the measles count as of friday', 'number'],
    ['after the recount whats the final margin between achterberg and whitcombe', 'number'],
    ['what pay rise did the cabin crew get in the end', 'number'],
    ['whats the new leisure centre gonna cost now', 'number'],
    ['what does the plan cost', 'number'],
    // A "who" after the people it describes opens a clause about them: it asks for no one.
    ['what did the ppl who got let go at the startup get as a payout', 'description'],
    ['what happened to the man who was arrested', 'description'],
    ['who is leaving', 'person'],
    ["who is albion's manager rn", 'person'],
    ['who is karen', 'description'],
    ['wen was the presser', 'date'],
    // A "when" that only sets the scene asks nothing about time; one in a clause of its own does.
    ['was anyone hurt when the wren 2 went down', 'yesno'],
    ['how many died when the dam failed', 'number'],
    ['do we know when the plant opens', 'date'],
    ['which home hubs are affected, like when were they sold', 'date'],
    // A race's time is a quantity.
    ['what was his finishing time', 'number'],
    ['what was the time of the attack', 'date'],
    ['what date did the us unveil the plan', 'date'],
    ['how many points r in the us plan', 'number'],
    ['how old is yermak', 'number'],
    ['how come kyiv wont withdraw', 'reason'],
    ['why cant ukraine hold elections', 'reason'],
    ['which city hosted the summit', 'place'],
    ['where did putin make these remarks', 'place'],
    ['which company did trump sanction', 'org'],
    ['did putin offer a written guarantee?', 'yesno'],
    ['how did the outlets differ on the peace plan', 'compare'],
    ['how many outlets reported what yermak said', 'coverage'],
    ['what was removed from the plan', 'description'],
    // A quantity asked for by its noun, not by "how many".
    ["whats abeysekara's salary at the falcons", 'number'],
    ['what is renata solberg’s salary going to be', 'number'],
    ["what was the fleet unit's loss", 'number'],
    ['final score hawks v miners?', 'number'],
    ['quick q - final fee for abeysekara?', 'number'],
    ['whats dana hollister getting paid at the bears', 'number'],
    ['ngl lost track, what % voted yes in the seewald thing', 'number'],
    ['what was the turnout in the referendum', 'number'],
    ['whats the interest rate now after the cut', 'number'],
    ['what was the rate decision about', 'description'],
    ['score update?', 'description'],
    // A word or two between "which" and what is asked for.
    ['which 2 oil companies did trump sanction', 'org'],
    ['which western paper published the leak', 'org'],
    ['which two cities host the talks', 'place'],
    ['which ukrainian leader does putin keep calling illegitimate', 'person'],
    ['what did the company say', 'quote'],
    ['what was the company fined', 'description'],
    ['whats the exact day zelenskys term ran out', 'date'],
    ['which halvard factory is getting shut down', 'place'],
    ['what are the names of those companies', 'org'],
    ["what was halvard's Q1 revenue", 'number'],
    ['what is the launch date', 'date'],
    // A cause named inside a yes/no question is what it asks about.
    ['was it a sewage leak that caused it', 'yesno'],
    ['did the water main cause the sinkhole?', 'yesno'],
    ['is it because of the budget cuts', 'yesno'],
    ['did they say why the merger was delayed', 'reason'],
    ['what caused the derailment', 'reason'],
    ['which shop sold the 14.2m ticket', 'place'],
    ['which charity is organising it', 'org'],
    ['whats the deadline to claim the dunmere jackpot', 'date'],
    // A proper name asked for by "called" / "name": of a thing, a group or a place; of a person, a person.
    ['whats the merged hospital trust going to be called', 'name'],
    ['What name was chosen for the okapi calf?', 'name'],
    ["what's the name of the parents group fighting the ban", 'name'],
    ['whats her organisation called', 'name'],
    ['does the fortified line have a name', 'name'],
    ['whats the name of the guy who owned kelsey marine', 'person'],
    ["what's the name of the dunmere lotto winner", 'person'],
    ['whats the ceo called', 'person'],
    // "In the name of" names nothing.
    ['who acted in the name of the king', 'person'],
    ['name of the new app?', 'name'],
    // "X's name", however chat spells the possessive: of a person, a person.
    ['whats the commissioners name', 'name'],
    ["what's her husband's name", 'person'],
    ['whats her husbands name', 'person'],
    // (A named person's first name is no new name: asked as a description.)
    ["what's Dmitry Peskov’s first name", 'description'],
    // The future adds nothing to what is asked.
    ['whats her salary gonna be', 'number'],
    // Things whose nouns end like a person's ("-er", "-or") are things.
    ['what is the new tower called', 'name'],
    ['whats the river called', 'name'],
    // Who bought / acquired something: a company (or a person said to own it).
    ['who ended up acquiring the meeting notes app', 'org'],
    ['who ended up buying quillstack', 'org'],
    ['who is buying the club', 'org'],
    // What made something happen asks for its cause.
    ['so what actually made the ferry hit the rocks', 'reason'],
    ['what prompted the council to shut the pier', 'reason'],
    ['what led to the walkout', 'reason'],
    // What something went for, or will fetch, is a price.
    ['what did the vos painting go for', 'number'],
    ['what will the bell fetch at auction', 'number'],
    // An opening that only says a new subject is coming asks for no comparison.
    ['different thing - how many runners finished the marathon', 'number'],
    ['totally different q but what was the guide price on the bell', 'number'],
    ['ok other thing, how old is the pier', 'number'],
    ['on another note, when does the pier reopen', 'date'],
    ['so what was different about the new course', 'compare'],
    ['ok other news - how many boats sank', 'number'],
    // A number asked with a comparison is a number, unless the coverage is what is compared.
    ['how many staff quit during the trial compared to the year before', 'number'],
    ['how many died, and did the outlets differ on it', 'compare'],
  ])('%s → %s', (q, type) => expect(answerTypeOf(q)).toBe(type));
});

describe('what a "what is X called" question names', () => {
  it.each([
    ['whats the merged hospital trust going to be called', 'trust'],
    ['What name was chosen for the okapi calf?', 'calf'],
    ["what's the name of the parents group fighting the school ban in ashby", 'group'],
    ['whats the fortified line in zaporozhye called', 'line'],
    ['what is the new building called', 'building'],
    ['whats her organisation called', undefined],
    ["what's it called", undefined],
  ])('%s → %s', (q, thing) => expect(namedThing(q)).toBe(thing));
});

describe('question terms against the corpus', () => {
  const terms = (q: string) => Object.fromEntries(analyzeQuestion(q, lexicon).terms.map((t) => [t.word, t]));

  it('chatty words and question scaffolding are not terms; names are known as names in lower case', () => {
    const t = terms('hey so basically what did yermak say to the atlantic lol');
    expect(Object.keys(t).sort()).toEqual(['atlantic', 'yermak']);
    expect(t.yermak).toMatchObject({ name: true, unknown: false, typed: 'yermak' });
    expect(t.yermak!.idf).toBeGreaterThan(0);
    expect(Object.keys(terms('why was the course short anyway')).sort()).toEqual(['course', 'short']);
  });

  it('an opening that says a new subject comes ("different thing -") has no terms to find', () => {
    expect(Object.keys(terms('different thing - how many boats finished the regatta')).sort()).toEqual(['boats', 'finished', 'regatta']);
    expect(Object.keys(terms('ok totally different q but whats the guide price on the bell')).sort()).toEqual(['bell', 'guide', 'price']);
    // A "different" that is asked about stays.
    expect(Object.keys(terms('what was different about the new course'))).toContain('different');
  });

  it('a misspelt name is read as the corpus spells it', () => {
    expect(terms('what did Yermack say')).toHaveProperty('yermak');
    expect(terms('what did Yermack say').yermak!.unknown).toBe(false);
  });

  it('an everyday word is never "corrected" into another one the corpus has, only read in another form of it', () => {
    // The corpus has "expect" and "give"; "experts" and "keep" are words of their own, "gave" is a form of "give".
    const t = terms('which experts does yermak keep quoting');
    expect(t.experts).toMatchObject({ word: 'experts', unknown: true });
    expect(t.keep).toMatchObject({ word: 'keep', unknown: true });
    expect(t).not.toHaveProperty('expect');
    expect(terms('who gave up territory').give).toMatchObject({ typed: 'gave', unknown: false });
  });

  it('an abbreviation the articles spell out is read as they write it, and the reverse', () => {
    const spelt = lexiconOf(['Chief executive Graham Whitlock said the company got it wrong.', 'The prime minister did not comment.']);
    const t = Object.fromEntries(analyzeQuestion("quick q who's the ceo of vale water", spelt).terms.map((x) => [x.word, x]));
    expect(t.chief).toMatchObject({ unknown: false });
    expect(t.executive).toMatchObject({ unknown: false });
    expect(t).not.toHaveProperty('ceo');
    expect(analyzeQuestion('what did the keelstar ceo say', spelt).speaker?.map((x) => x.word)).toEqual(['keelstar', 'chief', 'executive']);
    const short = lexiconOf(['CEO Marisol Aguado said the launch failed.']);
    expect(analyzeQuestion('what did the chief executive say', short).terms.map((x) => x.word)).toEqual(['ceo']);
    // Articles that write the abbreviation keep it; no token inside another ("3rd") is expanded.
    expect(analyzeQuestion('who is the ceo', short).terms.map((x) => x.word)).toEqual(['ceo']);
    expect(analyzeQuestion('who came 3rd on the rd', lexiconOf(['The race went down Mill Road.'])).terms.map((x) => x.word)).toEqual(['came', '3rd', 'road']);
    // After a number it is a unit: "3 pm" is a time, not the prime minister.
    const pm = lexiconOf(['The prime minister will speak on Friday.']);
    expect(analyzeQuestion('what did the pm say', pm).terms.map((x) => x.word)).toEqual(['prime', 'minister']);
    expect(analyzeQuestion('is the vote at 3 pm', pm).terms.map((x) => x.word)).not.toContain('prime');
  });

  it('a word news writes another way ("hurt" / "injured") is read as the articles write it, and matches either', () => {
    const injured = lexiconOf(['No one was injured when the rocket came down.', 'The board sacked the coach in May.']);
    expect(analyzeQuestion('was anyone hurt when the rocket came down', injured).terms.find((t) => t.typed === 'hurt')).toMatchObject({
      word: 'injured',
      unknown: false,
    });
    const sacked = analyzeQuestion('who got sacked', injured).terms.find((t) => t.word === 'sacked')!;
    const dismissed = words('The orchestra has dismissed its principal conductor.');
    expect(termMatches(sacked, new Set(dismissed.map(stem)), dismissed)).toBe(true);
    const hired = words('The orchestra has hired a new conductor.');
    expect(termMatches(sacked, new Set(hired.map(stem)), hired)).toBe(false);
    // Drafted men are mobilised ones; jobs axed are jobs cut.
    const mobilised = lexiconOf(['Kiev mobilized only around 16,500.', 'The company will cut about 1,150 jobs.']);
    expect(analyzeQuestion('did ukraine say it drafted enough men', mobilised).terms.find((t) => t.typed === 'drafted')).toMatchObject({
      word: 'mobilized',
      unknown: false,
    });
    expect(analyzeQuestion('how many jobs is halvard axing', mobilised).terms.find((t) => t.typed === 'axing')).toMatchObject({ word: 'cut', unknown: false });
    // The airline boss is its chief executive: the speaker is found where the news names the post.
    const boss = analyzeQuestion('what did the airline boss say about the deal', lexicon).speaker?.find((t) => t.typed === 'boss');
    const chief = words('Aveline Air chief executive Lukas Brenne said the deal gives passengers certainty.');
    expect(boss && termMatches(boss, new Set(chief.map(stem)), chief)).toBe(true);
  });

  it('a numbered name the articles have only with another number is another one, which no article has', () => {
    const wren = lexiconOf(['Keelstar hopes to fly its next Wren-2 rocket in 2026.', 'The COVID-19 rules were lifted.']);
    expect(analyzeQuestion("when is keelstar's wren-3 launching", wren).terms.find((t) => t.word === 'wren-3')).toMatchObject({ unknown: true, name: true });
    expect(analyzeQuestion("when is keelstar's wren-2 launching", wren).terms.some((t) => t.word.startsWith('wren') && t.unknown)).toBe(false);
    // A number the articles write no sibling of is not "another model".
    expect(analyzeQuestion('when were the covid-19 rules lifted', wren).terms.some((t) => t.unknown)).toBe(false);
  });

  it('a rare word no article has, written beside a name they have, is part of another name', () => {
    const rovers = lexiconOf(['The league cleared the sale of Harwick Rovers to Tidewater Capital.', 'The club was founded in 1890.']);
    expect(analyzeQuestion("who's the new owner of harwick albion", rovers).terms.find((t) => t.word === 'albion')).toMatchObject({
      unknown: true,
      name: true,
    });
    // Not an everyday word beside it, nor one away from any name.
    expect(analyzeQuestion('who bought harwick rovers cheaply', rovers).terms.find((t) => t.word === 'cheaply')).toMatchObject({ name: false });
    // A contraction typed without its apostrophe is no word of a name.
    expect(analyzeQuestion('why harwick hasnt been sold', rovers).terms.map((t) => t.word)).toEqual(['harwick', 'sold']);
    expect(analyzeQuestion('how much wouldve harwick fetched', rovers).terms.some((t) => t.name && t.unknown)).toBe(false);
    expect(analyzeQuestion('was the sale to tidewater capital a leveraged buyout', rovers).terms.find((t) => t.word === 'leveraged')?.name).toBe(false);
    // Nor an everyday verb in a form the word list lacks ("axing" of axe, "scrapping" of scrap).
    expect(analyzeQuestion('how many jobs is harwick axing', rovers).terms.find((t) => t.word === 'axing')).toMatchObject({ name: false, common: true });
    expect(analyzeQuestion('why is harwick scrapping the youth team', rovers).terms.find((t) => t.word === 'scrapping')?.name).toBe(false);
  });

  it('"in his own words" asks for a quote; it is not what the quote is about', () => {
    const a = analyzeQuestion('what did yermak say about the plan, in his own words', lexicon);
    expect(a.answerType).toBe('quote');
    expect(a.topic?.map((t) => t.word)).toEqual(['plan']);
  });

  it('"…, quote pls" asks for the words; it is not what they are about', () => {
    const a = analyzeQuestion('how did putin describe what russian forces are doing on the zaporozhye front, quote pls', lexicon);
    expect(a.answerType).toBe('quote');
    expect(a.speaker?.map((t) => t.word)).toEqual(['putin']);
    expect(a.topic?.map((t) => t.word)).not.toContain('quote');
  });

  it('"did every outlet mention X" names no speaker (outlets are not people)', () => {
    const q = analyzeQuestion('did every outlet mention the Atlantic interview', lexicon);
    expect(q.speaker).toBeUndefined();
    expect(q.terms.map((t) => t.word)).not.toContain('every');
  });

  it.each([
    ['how do i get the bot to stop pinging me lol', true],
    ['how do i mute this bot', true],
    ['are you a bot', true],
    ['how do i use newsdesk', true],
    ['can you tell me what Yermak said', false],
    ['did Putin mention a bot army', false],
  ])('a question about the bot itself is told apart from one about the news: %s → %s', (q, about) => {
    expect(analyzeQuestion(q, lexicon).aboutTheBot ?? false).toBe(about);
  });

  it('a short abbreviation no article has is an unknown name only if it is a place (uk), not whatever else the lexicon knows it as (rbc)', () => {
    // "rbc" is the Royal Bank of Canada to compromise; to the user it may be the corpus's "Reserve Bank of C…".
    expect(terms('when is the next rbc rate meeting').rbc).toMatchObject({ unknown: true, name: false });
    expect(terms('whats the capital of australia').australia).toMatchObject({ unknown: true, name: true });
    expect(terms('is the uk budget out yet').uk).toMatchObject({ unknown: true, name: true });
  });

  it('names the question writes side by side are kept as one (not a role, a token with digits, or across a possessive)', () => {
    expect(analyzeQuestion('what did Tatiana Stanovaya say', lexicon).namePhrases).toEqual([['tatiana', 'stanovaya']]);
    expect(analyzeQuestion("what was R.Politik's Q1 take", lexicon).namePhrases).toEqual([]);
    expect(analyzeQuestion('when will steve witkoff visit moscow', lexicon).namePhrases).toEqual([['steve', 'witkoff']]);
    // A slash or a comma between two names makes two names, not one ("the sallow/brenholt deal").
    expect(analyzeQuestion('when will the steve/witkoff deal be done', lexicon).namePhrases).toEqual([]);
    expect(analyzeQuestion('what did yermak, witkoff and putin agree', lexicon).namePhrases).toEqual([]);
  });

  it('a title written before names ("Councillor", "Inspector") is not part of a name: "the pellbrook councillor" is no name the coverage lacks', () => {
    const local = lexiconOf([
      'The bridge is unsafe, said Councillor Rhona Gilchrist, the cabinet member for highways.',
      'Pellbrook County Council closed the bridge, and Councillor Owen Pike agreed.',
      'No one was hurt, said Inspector Dana Holt of Pellbrook police.',
      'The inquiry is continuing, Detective Sergeant Amir Hale said.',
    ]);
    expect(analyzeQuestion('whos the pellbrook councillor in charge of highways', local).namePhrases).toEqual([]);
    expect(analyzeQuestion('what did the pellbrook inspector say', local).namePhrases).toEqual([]);
    expect(analyzeQuestion('what did councillor rhona gilchrist say', local).namePhrases).toEqual([['rhona', 'gilchrist']]);
    expect(analyzeQuestion('what did the detective sergeant say', local).speaker?.map((t) => t.word)).toEqual(['detective', 'sergeant']);
  });

  it('a capitalised word no article has is an unknown name; an unknown lower-case word is not a name', () => {
    const t = terms('What did Macron say about the sourdough');
    expect(t.macron).toMatchObject({ name: true, unknown: true, idf: 0 });
    expect(t.sourdough).toMatchObject({ name: false, unknown: true });
  });

  it('tokens with digits or inner dots stay whole and count as names (Q1, G7, R.Politik, U.S.)', () => {
    const t = terms('what did the R.Politik founder say about Q1 and the G7');
    expect(t['r.politik']).toMatchObject({ name: true, unknown: false });
    expect(t.q1).toMatchObject({ name: true, unknown: false });
    expect(t.g7).toMatchObject({ name: true, unknown: false });
    expect(t).not.toHaveProperty('r');
    expect(t).not.toHaveProperty('q');
  });

  it('a question in capitals marks nothing as a name by its case', () => {
    const t = terms('WHAT DID THE SOURDOUGH COVER');
    expect(t.sourdough!.name).toBe(false);
  });

  it.each([
    ['so what did stanovaya say', ['stanovaya']],
    ['whats yermak’s take on witkoff going to moscow', ['yermak']],
    ['did stanovaya say anything abt the crimea bit', ['stanovaya']],
    ['putin said what about europe??', ['putin']],
    ['according to Stanovaya, will Putin change course?', ['stanovaya']],
    ['what did the R.Politik founder think', ['r.politik', 'founder']],
    ['anyone know what stanovaya said abt the crimea bit', ['stanovaya']],
    ['how did stanovaya describe the plan', ['stanovaya']],
    ['what words did yermak use for the plan', ['yermak']],
  ])('finds whose words %j asks for', (q, expected) => {
    expect(analyzeQuestion(q, lexicon).speaker?.map((t) => t.word)).toEqual(expected);
  });

  it('chat without an auxiliary ("what X said abt Y") still has a speaker and a topic', () => {
    const q = analyzeQuestion('anyone know what lavrov said abt the written guarantee thing', lexicon);
    expect(q.speaker?.map((t) => t.word)).toEqual(['lavrov']);
    expect(q.topic?.map((t) => t.word)).toEqual(expect.arrayContaining(['written', 'guarantee']));
    expect(analyzeQuestion('what was said about the plan', lexicon).speaker).toBeUndefined();
  });

  it('"the union lady", "the tourism association guy": the everyday word for a person is not part of who is asked', () => {
    expect(analyzeQuestion('what did the union lady tell the picket line', lexicon).speaker?.map((t) => t.word)).toEqual(['union']);
    expect(analyzeQuestion('what did the tourism association guy say after losing', lexicon).speaker?.map((t) => t.word)).toEqual(['tourism', 'association']);
    // Nothing but the person word: no speaker to look for.
    expect(analyzeQuestion('what did the guy say', lexicon).speaker).toBeUndefined();
  });

  it('"according to that rumour / the reports" names a source, not a speaker; an unknown name still is one', () => {
    expect(analyzeQuestion('where was the brewery meant to be moving to according to that rumour', lexicon).speaker).toBeUndefined();
    expect(analyzeQuestion('how many were hurt according to the reports', lexicon).speaker).toBeUndefined();
    expect(analyzeQuestion('how many were hurt according to lavrov', lexicon).speaker?.map((t) => t.word)).toEqual(['lavrov']);
  });

  it.each([
    'what did the union lady tell the picket line on day 1',
    'what did yermak say on monday night',
    'what did yermak say on the first day',
    'what did yermak say on 28 november',
    'what did yermak say on the day of the talks',
  ])('"on" + an occasion says when, not what about: %j has no topic', (q) => {
    const a = analyzeQuestion(q, lexicon);
    expect(a.speaker).toBeDefined();
    expect(a.topic).toBeUndefined();
  });

  it.each([
    ['what even is the csto', ['csto']],
    ['whats this lantern garden thing people keep mentioning', ['lantern', 'garden']],
    ['what is lumetrexin even for', ['lumetrexin']],
    ['wtf is rexoferin', ['rexoferin']],
  ])('"what is X": %j asks what %j is', (q, thing) => {
    expect(analyzeQuestion(q, lexicon).definiendum).toEqual(thing);
  });

  it.each(['whats her name', 'whats the measles count as of friday in ashby', 'what is putin going to do', 'who is yermak'])(
    '%j does not ask what a thing is',
    (q) => {
      expect(analyzeQuestion(q, lexicon).definiendum).toBeUndefined();
    },
  );

  it('"on" + a subject is still the topic', () => {
    expect(analyzeQuestion('what did yermak say on the peace plan', lexicon).topic?.map((t) => t.word)).toEqual(expect.arrayContaining(['peace', 'plan']));
    expect(analyzeQuestion('what did yermak say on day trips to moscow', lexicon).topic).toBeDefined();
  });

  it('a place, country or organisation no article has is an unknown name even in lower case; an everyday word is not', () => {
    const q = analyzeQuestion('whats the capital of australia', lexicon);
    expect(q.terms.find((t) => t.typed === 'australia')).toEqual(expect.objectContaining({ unknown: true, name: true }));
    expect(analyzeQuestion('any news on the gaza ceasefire', lexicon).terms.find((t) => t.typed === 'gaza')?.name).toBe(true);
    expect(analyzeQuestion('whats the weather like today', lexicon).terms.find((t) => t.typed === 'weather')?.name).toBe(false);
  });

  it('a speaker no article has counts as an unknown name, whatever its case', () => {
    const q = analyzeQuestion('what did lavrov say about the plan', lexicon);
    expect(q.speaker).toEqual([expect.objectContaining({ word: 'lavrov', unknown: true, name: true })]);
    expect(analyzeQuestion('who is going to moscow', lexicon).speaker).toBeUndefined();
  });

  it('a question for something besides what it names asks for more; "as well as" asks about both', () => {
    expect(analyzeQuestion('what else did they take besides the plan', lexicon).asksForMore).toBe(true);
    expect(analyzeQuestion('apart from the pay rise whats in the deal', lexicon).asksForMore).toBe(true);
    expect(analyzeQuestion('who else is going to moscow', lexicon).asksForMore).toBe(true);
    expect(analyzeQuestion('is yermak going to moscow as well as witkoff', lexicon).asksForMore).toBeUndefined();
    expect(analyzeQuestion('who is going to moscow', lexicon).asksForMore).toBeUndefined();
  });

  it('"which of the two men / which one of the sisters" asks for a person; one of some things does not', () => {
    expect(answerTypeOf('which of the two larchmoor guys got caught first')).toBe('person');
    expect(answerTypeOf('which one of the sisters won the final')).toBe('person');
    expect(answerTypeOf('which of the glenmarrow miners was the last one brought up')).toBe('person');
    expect(answerTypeOf('which of the two bids won')).not.toBe('person');
    expect(answerTypeOf('which of the outlets quoted outside analysts')).not.toBe('person');
  });
});
