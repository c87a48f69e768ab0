import { describe, expect, it } from 'vitest';
import { answerability } from '../../src/answer/candidates.js';
import {
  hasNamePhrase,
  otherNameLike,
  otherTime,
  outcomeStance,
  personNames,
  postHolderIn,
  restatement,
  suppliesAnswer,
} from '../../src/answer/answer-types.js';
import { analyzeQuestion, type Lexicon } from '../../src/answer/question.js';
import { defaultAnswerTuning } from '../../src/answer/tuning.js';

const empty: Lexicon = { passageCount: 1, documentFrequency: () => 1, isName: () => false, correct: () => undefined };
const supplies = (question: string, sentence: string) => {
  const q = analyzeQuestion(question, empty);
  return suppliesAnswer(q.answerType, sentence, q);
};

describe('a sentence supplies what the question asks for, beyond the question’s own words', () => {
  it('what day / date: a live blog entry\'s time is no day ("11:02 — Sentence: …"), though it answers "what time"', () => {
    const entry = '11:02 — Sentence: six years and four months in prison.';
    expect(supplies('what day did lusk get sentenced', entry)).toBe(false);
    expect(supplies('what day did lusk get sentenced', '11:02 — Lusk was sentenced on March 21 to six years.')).toBe(true);
    expect(supplies('what time was lusk sentenced', entry)).toBe(true);
  });

  it('when: a date or time that is not in the question', () => {
    expect(supplies('when did putin speak in bishkek', 'Putin spoke in Bishkek on Thursday.')).toBe(true);
    expect(supplies('when did putin speak in bishkek', 'Putin spoke in Bishkek last week.')).toBe(true);
    expect(supplies('when was the plan unveiled', 'The plan was unveiled on 2025-11-21.')).toBe(true);
    expect(supplies('when did putin speak in bishkek', 'Putin spoke in Bishkek about the plan.')).toBe(false);
    expect(supplies('what happened on thursday', 'Nothing happened on Thursday.')).toBe(true); // description: no shape needed
    expect(supplies('when did they meet on thursday', 'They met on Thursday.')).toBe(false);
  });

  it('when, of what is ahead: not a date of what already happened, nor of a plan that was dropped', () => {
    expect(supplies('when will tanner street reopen', 'Residents of Tanner Street said they heard a loud rumble at around 5:15 a.m.')).toBe(false);
    expect(supplies('when is the appeal going to be heard', 'The judge heard three weeks of evidence in June from residents.')).toBe(false);
    expect(supplies('when does the merger actually happen', 'The merger had been due on 1 October.')).toBe(false);
    expect(supplies('when will ukraine hold elections', 'In February, parliament approved a resolution confirming his legitimacy.')).toBe(false);
    // What is ahead: a future, a plan, a deadline, a schedule.
    expect(supplies('when does the merger actually happen', 'The new trust will not be formed until January 1, 2026.')).toBe(true);
    expect(supplies('when do the new board members get sworn in', 'The three new members will be sworn in on Dec. 9.')).toBe(true);
    expect(supplies('by when does calverley have to cap cell 6', 'The judge ordered Calverley to cap Cell 6 by the end of March 2026.')).toBe(true);
    expect(supplies('when is the next rate meeting', 'The Reserve Bank next meets in May.')).toBe(true);
    // Asked of the past, a past date answers.
    expect(supplies('when did the museum reopen', 'The museum reopened on 4 March.')).toBe(true);
    expect(supplies('when was the merger originally due', 'The merger had been due on 1 October.')).toBe(true);
  });

  it('why: a sanction or judgement and what it was for, not how long it lasts', () => {
    expect(supplies('why was fahr sent off', 'Athletic defender Jonas Fahr was sent off for a second booking in the 101st minute.')).toBe(true);
    expect(supplies('why was the company fined', 'The company was fined over late filings to the regulator.')).toBe(true);
    expect(supplies('why was he arrested', 'He was arrested on Monday and charged with fraud.')).toBe(true);
    expect(supplies('why was he banned', 'He was banned for two years by the federation.')).toBe(false);
    expect(supplies('why was the striker suspended', 'The striker was suspended for three matches.')).toBe(false);
    expect(supplies('why was fahr sent off', 'Jonas Fahr was sent off in the 101st minute.')).toBe(false);
  });

  it('who runs / owns / bought: a company or a person; which company: a company only', () => {
    expect(supplies('who runs greyhollow capital', 'Greyhollow Capital, the activist fund run by Tobias Wren, has spent months pressing the board.')).toBe(
      true,
    );
    expect(supplies('who bought the club', 'The club was bought by Acme Holdings in May.')).toBe(true);
    expect(supplies('which company bought the club', 'The club was bought by businessman Tobias Wren in May.')).toBe(false);
    // A country written in capitals is no company; an acronym still is one.
    expect(supplies('which company bought the club', 'The club was bought by a US investor in May.')).toBe(false);
    expect(supplies('which company bought the club', 'The club was bought by ACM in May.')).toBe(true);
  });

  it('whom something was done for or to: a relative or group named by their tie ("his late grandfather")', () => {
    expect(supplies('who did reyna dedicate the win to', 'The striker, 24, dedicated the win to his late grandfather.')).toBe(true);
    expect(supplies('who did reyna dedicate the win to', 'The striker, 24, dedicated the win to the city.')).toBe(false);
    expect(supplies('who scored the winner', 'The winner was dedicated to his late grandfather.')).toBe(false);
  });

  it('who won: whoever the sentence says won, a team as well as a person', () => {
    expect(supplies('who won the kestrel cup final', 'Brennock Rovers won the Kestrel Cup for the first time since 1998 on Saturday.')).toBe(true);
    expect(supplies('who won the kestrel cup final', 'The Kestrel Cup final was played on Saturday.')).toBe(false);
  });

  it('when: the day something happens, not the day it was said, unless the saying is asked about', () => {
    const sentence = 'The job cuts would include closing its assembly site in Fort Wayne, the company said on Wednesday.';
    expect(supplies('when will the fort wayne site close', sentence)).toBe(false);
    expect(supplies('when did the company announce the fort wayne closure', sentence)).toBe(true);
    expect(supplies('when will the fort wayne site close', 'The Fort Wayne site will close on March 31, the company said on Wednesday.')).toBe(true);
  });

  it('what time / year / month / day: that unit, not any date', () => {
    expect(supplies('what time did the press conference start', 'The press conference was held on Thursday.')).toBe(false);
    expect(supplies('what time did the press conference start', 'The press conference began at 3 p.m. on Thursday.')).toBe(true);
    expect(supplies('what year was the invasion', 'The invasion began in February.')).toBe(false);
    expect(supplies('what year was the invasion', 'The invasion began in February 2022.')).toBe(true);
    expect(supplies('which day did they meet', 'They met on Tuesday.')).toBe(true);
  });

  it('how many: a number not already in the question; "no one" is not a number', () => {
    expect(supplies('how many troops did kyiv lose', 'Kiev lost 47,000 troops in October.')).toBe(true);
    expect(supplies('how many points does the plan have', 'The US unveiled a twenty-eight point plan.')).toBe(true);
    expect(supplies('how many troops were lost in the 2022 war', 'Troops were lost in the 2022 war.')).toBe(false);
    expect(supplies('how many people agree', 'No one should expect us to give up territory.')).toBe(false);
  });

  it('how many <things> / how much money / what percentage: a number of what was asked', () => {
    expect(supplies('how many troops did kyiv lose', 'Kiev lost 47,000 troops but mobilised 16,500.')).toBe(true);
    expect(supplies('how many hectares burned in the end', 'The fire had burned about 6,100 hectares by Sunday.')).toBe(true);
    expect(supplies('how many hectares burned', 'Some 300 firefighters were fighting the blaze.')).toBe(false);
    expect(supplies('how many ppl got sick', 'Nine people have fallen ill with listeriosis.')).toBe(true);
    expect(supplies('how much did the prize money come to', 'The winner takes home €40,000.')).toBe(true);
    // What something went for, or fetched, is money; a count of other things in the sale is not.
    expect(supplies('what did the vos painting go for', 'The painting sold for £13.4 million including fees.')).toBe(true);
    expect(supplies('what did the vos painting go for', 'The painting was one of 12 works in the sale.')).toBe(false);
    // A span of years is when, not how many: "the 2026-27 season" counts no seasons.
    expect(supplies('how many season passes has vallorn lifts sold', 'Peter Caddow denied that the 2026-27 season had been cancelled.')).toBe(false);
    expect(supplies('how many season passes has vallorn lifts sold', 'Vallorn Lifts has sold about 4,100 season passes.')).toBe(true);
    expect(supplies('how much was bluewake fined', 'The appeal was filed on 4 August, two days later.')).toBe(false);
    expect(supplies('what percentage voted yes', 'Turnout was 61 in the village, officials said.')).toBe(false);
    expect(supplies('what percentage voted yes', 'The cap was approved with 54.6% of the vote.')).toBe(true);
  });

  it('money, shares and measures asked for by their noun: a number of that kind', () => {
    expect(supplies("whats abeysekara's salary at the falcons", 'Abeysekara has signed a three-year contract with the Falcons.')).toBe(false);
    expect(supplies("whats abeysekara's salary at the falcons", 'He will earn £1.2m a year at the Falcons.')).toBe(true);
    expect(supplies('how much did torvane get for the warehouse business', 'Torvane Storage owns 41 warehouses.')).toBe(false);
    expect(supplies('how big was the pulsetrack fine', 'The watchdog fined Pulsetrack €18.5 million.')).toBe(true);
    expect(supplies('whats the interest rate now', 'The bank cut its rate for the 3rd time.')).toBe(false);
    expect(supplies('whats the interest rate now', 'The bank cut its rate to 3.5% on Thursday.')).toBe(true);
    expect(supplies('how long did the thieves get in prison', 'Thieves stole 2 paintings, police said.')).toBe(false);
    expect(supplies('how long did the thieves get in prison', 'Both were jailed for six years.')).toBe(true);
    expect(supplies('how long is her contract', 'She signed a three-year contract.')).toBe(true);
    expect(supplies('how heavy is the okapi calf', 'The calf was born to nine-year-old mother Imani and 2 keepers.')).toBe(false);
    expect(supplies('how heavy is the okapi calf', 'The calf weighed 16 kg at birth.')).toBe(true);
    expect(supplies('how far did the fire spread', 'The fire spread 12 km overnight.')).toBe(true);
    expect(supplies('how big was the crowd for the final', 'The Hawks won 27-24 in front of 31,402 at Aldmoor Park.')).toBe(true);
    expect(supplies('how big was the crowd for the final', 'The final drew the biggest crowd since 2014.')).toBe(false);
  });

  it('when: a time given by an event counts ("shortly after the invasion")', () => {
    expect(supplies('when did bondarev resign', 'Bondarev resigned from the ministry shortly after the invasion of Ukraine.')).toBe(true);
    expect(supplies('when did bondarev resign', 'Bondarev resigned from the ministry in protest.')).toBe(false);
  });

  it('a name after "how many" is who did it, not what was counted', () => {
    const lexicon: typeof empty = { ...empty, isName: (w) => w === 'kyiv' };
    const q = analyzeQuestion('how many kyiv mobilized in october', lexicon);
    expect(suppliesAnswer(q.answerType, 'Kiev lost 47,000 troops, but mobilized only around 16,500.', q, lexicon)).toBe(true);
  });

  it('which companies: an organisation’s name, not a person’s', () => {
    expect(supplies('which 2 oil companies did trump sanction', 'Sanctions were imposed by President Donald Trump on two major Russian oil companies.')).toBe(
      false,
    );
    expect(supplies('which 2 oil companies did trump sanction', 'Trump sanctioned Rosneft and Lukoil Holdings last month.')).toBe(true);
  });

  it('which organisation: one named by a post in it ("founder of", "a spokeswoman for"), whatever its spelling', () => {
    expect(supplies('which company did ivo brandt set up', 'Prices will keep rising, said Ivo Brandt, co-founder of Kestrel.io.')).toBe(true);
    expect(supplies('which firm is marta quill with', 'Marta Quill, a spokeswoman for Lindqvale, declined to comment.')).toBe(true);
    expect(supplies('which company did ivo brandt set up', 'Prices will keep rising, said Ivo Brandt.')).toBe(false);
  });

  it('names of several words: written as asked (hyphen or space), or another name with the same first word', () => {
    expect(hasNamePhrase(['wynn', 'parry'], 'Gerald Wynn-Parry hugged his wife')).toBe(true);
    expect(hasNamePhrase(['cedar', 'ridge'], 'a grass fire near Cedar Creek')).toBe(false);
    expect(otherNameLike(['cedar', 'ridge'], 'a grass fire near Cedar Creek on Wednesday')).toBe('Cedar Creek');
    expect(otherNameLike(['dana', 'hollister'], 'Hollister, 41, spent five seasons')).toBeUndefined();
    // An abbreviated word of the name is the same name, either way round ("tanner st" / Tanner Street).
    expect(otherNameLike(['tanner', 'st'], 'the sinkhole in Tanner Street is nine metres deep')).toBeUndefined();
    expect(otherNameLike(['tanner', 'street'], 'the sinkhole in Tanner St. is nine metres deep')).toBeUndefined();
    expect(otherNameLike(['harlow', 'rd'], 'Harlow Road and Harlow Cross')).toBe('Harlow Cross');
    expect(otherNameLike(['tanner', 'st'], 'Tanner Square')).toBe('Tanner Square');
    expect(otherNameLike(['cedar', 'ridge'], 'The Cedar Ridge fire grew')).toBeUndefined();
  });

  it('how old is a thing: a century or an era; how much is put in: money', () => {
    expect(supplies('how old is the sunwheel brooch', 'The 7th-century brooch was found in 1911.')).toBe(true);
    expect(supplies('how old is the sunwheel brooch', 'The brooch was found by a farmer, 30 km south of the city.')).toBe(false);
    expect(supplies('how much is the govt putting in for quake relief', 'The quake hit at a depth of 10 km, 18 km northeast of Lestra.')).toBe(false);
    expect(supplies('how much is the govt putting in for quake relief', 'The government pledged €25 million for relief.')).toBe(true);
  });

  it('how old: an age, not any number', () => {
    expect(supplies('how old is yermak', 'Yermak told The Atlantic in 2025 that 53 officials had left.')).toBe(false);
    expect(supplies('how old is yermak', 'Yermak, a 53-year-old former producer, spoke.')).toBe(true);
    // A profile gives the age of the person it is about without the name: "Now 52, he …".
    expect(supplies('how old is wielgus', 'Now 52, he made his fortune building Wielgus Cold Chain.')).toBe(true);
    expect(supplies('how old is wielgus', 'Now 300 staff work at Wielgus Cold Chain.')).toBe(false);
  });

  it('"how much did she lose by": a margin ("by 198 votes", "a 12-vote margin", "3-1"), not a total', () => {
    const q = 'how much did whitcombe lose by in the end';
    expect(supplies(q, 'A recount confirmed Achterberg’s win over Lorraine Whitcombe for the third seat, by 198 votes.')).toBe(true);
    expect(supplies(q, 'Achterberg beat Whitcombe with a 12-vote margin.')).toBe(true);
    expect(supplies('how much did the wolves lose by', 'The Wolves lost 29-27 to the Mariners.')).toBe(true);
    expect(supplies(q, 'Whitcombe finished fourth with 9,099.')).toBe(false);
    expect(supplies('by how many votes did achterberg win', 'Achterberg received 9,297 votes.')).toBe(false);
    expect(supplies('by how much did moldovan win', "The commission confirmed that the winner's margin was about 168,000 votes.")).toBe(true);
    // A winner's share tells by how much she won; the loser's share is no margin.
    expect(supplies('by how much did moldovan win', 'Katarina Moldovan won the runoff with 52.6% of the vote.')).toBe(true);
    expect(supplies(q, 'Whitcombe took 31% of the vote.')).toBe(false);
  });

  it('a bare "how much did X take": an amount with its unit, not an age, a length of time or a count of things', () => {
    const q = 'so how much did lusk end up actually taking, final number';
    expect(supplies(q, 'Lusk, 57, was jailed last week for six years and four months after being convicted of three fraud charges.')).toBe(false);
    expect(supplies(q, 'Prosecutors put the final sum taken from the landlord at £1,742,000.')).toBe(true);
    expect(supplies('how much did the thieves steal', 'Three men, aged 24, 31 and 40, were arrested.')).toBe(false);
    expect(supplies('how much did the thieves steal', 'The gang stole about 4 million crowns.')).toBe(true);
    expect(supplies('how much did the river rise overnight', 'The Tessel rose 1.8 metres overnight.')).toBe(true);
    expect(supplies('how much did turnout fall', 'Turnout fell by 6 points to 41%.')).toBe(true);
    // Time asked: a length of time answers.
    expect(supplies('how much longer will the bridge stay shut', 'The bridge will stay shut for another 14 months.')).toBe(true);
    expect(supplies('how much of his sentence will he serve', 'He will serve half of the six years.')).toBe(true);
  });

  it('how old is X: the age of X, not of another person the sentence names', () => {
    const other =
      "Mei-Lin Ashworth, the Morrowby Philharmonic's 31-year-old assistant conductor, led the concert ten days after principal conductor Anselm Rautio was dismissed.";
    expect(supplies('how old is Anselm Rautio', other)).toBe(false);
    expect(supplies('how old is Mei-Lin Ashworth', other)).toBe(true);
    expect(supplies('how old is Anselm Rautio', 'Mr. Rautio, 58, had clashed publicly with the board.')).toBe(true);
    expect(supplies('how old is Anselm Rautio', 'The board said Rautio would be replaced by Ashworth, 31, for the season.')).toBe(false);
    expect(supplies('how old is Anselm Rautio', 'He is 58 and has led the orchestra since 2017, aged 51 at the time.')).toBe(true);
  });

  it('who holds a post: a new name beside that post, not any name', () => {
    expect(supplies('whos the president of kyrgyzstan btw', 'Vladimir Putin speaks during Kyrgyzstan–Russia talks in Bishkek.')).toBe(false);
    expect(supplies("who's the ceo of vale water", 'Chief executive Graham Whitlock said the payment was fair.')).toBe(true);
    expect(supplies("who's the ceo of vale water", 'Graham Whitlock, the chief executive of Vale Water, apologised.')).toBe(true);
    expect(supplies("who's the ceo of vale water", 'A lawsuit filed by Marisol Ortega of Fresno claims the company waited.')).toBe(false);
    expect(supplies('who is the captain', 'Striker Tomás Reyna scored from a corner by captain Sean MacAuley.')).toBe(true);
    // A team's goalkeeper (however called) is a post too: a defender beside "Wolves" is not him.
    expect(supplies('who is the wolves goalie', '19:14 Red card for Wolves defender Tobias Krell for a push in the back.')).toBe(false);
    expect(supplies('who is the wolves goalie', 'Wolves goalkeeper Niklas Berg, 34, denied reports that he will retire.')).toBe(true);
    // Asked of someone ("janet hale's election agent") and for posts beyond the boardroom and the pitch.
    expect(supplies("who was janet hale's election agent", 'Osei says papers marked for Janet Hale had been put in the wrong pile.')).toBe(false);
    expect(supplies("who was janet hale's election agent", 'Her election agent, Priya Shah, asked for a recount.')).toBe(true);
    expect(supplies('who is the treasurer of the friends group', 'The group was formed with Margaret Oduya as its chair.')).toBe(false);
    expect(supplies('who is the treasurer of the friends group', 'Treasurer Peter Greaves said donations had arrived from abroad.')).toBe(true);
    // Each post is its own: a director beside a name is no treasurer.
    expect(supplies('who is the treasurer of the friends group', 'Director Jane Okafor said donations had arrived from abroad.')).toBe(false);
  });

  it('"which detective" asks for a person, and a form of address is no part of a name ("Her Honour Judge …")', () => {
    expect(supplies('who was the judge in that eastfold fraud trial', 'The trial judge is Her Honour Judge Philippa Crane.')).toBe(true);
    const detective = 'which detective is on the halvard museum robbery';
    expect(analyzeQuestion(detective, empty).answerType).toBe('person');
    expect(supplies(detective, 'Detective Inspector Owen Marsh said the raid had been well planned.')).toBe(true);
    // A post followed by what its holder did ("the captain that left in june") is still the post.
    const captain = 'who was the sterling vale captain that left in june';
    expect(supplies(captain, 'Head coach Ines Okoro sees the forward as the replacement for her former captain, who left in June.')).toBe(false);
    expect(supplies(captain, 'Former captain Dario Pell left for a club abroad in June.')).toBe(true);
  });

  it('a name across a verb of saying does not name what was asked ("…, said a walker had reported …")', () => {
    const walker = 'whats the name of the walker who spotted eleanor near the cairn';
    expect(supplies(walker, 'Callum Frew, leader of the Upper Wend Mountain Rescue Team, said a walker had reported seeing a woman near the cairn.')).toBe(
      false,
    );
    expect(supplies(walker, 'The walker, Dev Patel, reported seeing a woman near the cairn.')).toBe(true);
  });

  it('who: a name or a role not in the question', () => {
    expect(supplies('who is going to moscow next week', 'Special envoy Steve Witkoff is scheduled to visit Moscow next week.')).toBe(true);
    expect(supplies('who said the plan could be a basis', 'The Russian president said it could be a basis.')).toBe(true);
    expect(supplies('who is going to Moscow next week', 'Talks in Moscow are set for next week.')).toBe(false);
    // Unless the question asks for their names: "European leaders" names nobody.
    const names = 'which eu officials claimed russia wants to attack europe, names?';
    expect(supplies(names, 'The Russian president suggested that European leaders might be "trying to create an illusion".')).toBe(false);
    expect(supplies(names, 'EU foreign policy chief Kaja Kallas claimed Russia could attack within five years.')).toBe(true);
  });

  it('who holds a post or did something: a person’s name, not a role, a wire credit, a place or a thing', () => {
    expect(
      supplies(
        'whos the main researcher behind the moon findings',
        'OSLO, June 4 (Harbour Wire) - Scientists analysing data from the Lantern probe said they had found organic molecules.',
      ),
    ).toBe(false);
    expect(
      supplies(
        'whos the main researcher behind the moon findings',
        '“These molecules formed in the ocean,” said lead author Dr. Amara Osei of the University of Tollund.',
      ),
    ).toBe(true);
    expect(supplies('who is replacing the ceo', 'Chief Operating Officer Renata Solberg, 48, will succeed him.')).toBe(true);
    expect(supplies('who is replacing the ceo', 'The company said its chief executive would step down in June.')).toBe(false);
    // A role answers who *said* something.
    expect(supplies('who said the vote was rigged', 'The opposition leader said the vote was rigged.')).toBe(true);
  });

  it('person names: runs of capitalised words, and a single word only next to a sign of a person', () => {
    const lexicon: Lexicon = { ...empty, isName: (w) => ['ellery', 'zelensky', 'enceladus', 'nimbus'].includes(w) };
    expect(personNames('Ellery, 61, has run Halvard since 2014.', lexicon)).toEqual(['Ellery']);
    expect(personNames('Zelensky told reporters that talks would go on.', lexicon)).toEqual(['Zelensky']);
    expect(personNames('Probe finds organic molecules in Enceladus ice grains', lexicon)).toEqual([]);
    expect(personNames('Shares in Nimbus fell 3.1% on the Nasdaq.', lexicon)).toEqual([]);
    expect(personNames('The Sunwheel Brooch was stolen (Capital Wire) from the Vallmark Museum of Art.', lexicon)).toEqual([]);
    expect(personNames('In his dissent, Justice Paul Kerrigan wrote that the question was one for the legislature.', lexicon)).toEqual([
      'Justice Paul Kerrigan',
    ]);
  });

  it('person names need a sign of a person: a given name, a title, a person noun before, an apposition after', () => {
    expect(personNames('Voters chose between Kingsmere Transit and the East Line plan.', empty)).toEqual([]);
    expect(personNames('Green Progressives councillor Omar Haddad-Reyes led the poll.', empty)).toEqual(['Omar Haddad-Reyes']);
    expect(personNames('Rovers goalkeeper Idris Mbeki saved two spot kicks.', empty)).toEqual(['Idris Mbeki']);
    expect(personNames('Detective Inspector Harald Dunn said the man was detained.', empty)).toEqual(['Inspector Harald Dunn']);
    expect(personNames('It was found in 1911 by a farmer, Edvin Holm, ploughing a field.', empty)).toEqual(['Edvin Holm']);
    expect(personNames('Made by Kaiwen Electronics, the adapters overheated.', empty)).toEqual([]);
  });

  it('a name that opens a sentence is a person when its first word is a given name, even if the articles write it nowhere else', () => {
    // A short report may name the winner once, at the start of a sentence.
    expect(personNames('Asha Morven took the seat with 1,204 votes.', empty)).toEqual(['Asha Morven']);
    // Other capitalised openers are still only the sentence's first word.
    expect(personNames('Ferry Skarvoy ran aground off the coast.', empty)).toEqual([]);
    // Given names of many languages, not only English ones (Faker's lists, less everyday words).
    expect(personNames('Callum Breck found the boat in the peat.', empty)).toEqual(['Callum Breck']);
    expect(personNames('Officials said Priya Nandakumar would speak later.', empty)).toEqual(['Priya Nandakumar']);
    // A company named after someone is still a company.
    expect(personNames('Aveline Air cancelled 120 flights.', empty)).toEqual([]);
  });

  it('"who <did> …" is answered by whoever did it, a person or not: the name before the verb, or after "by"', () => {
    expect(supplies('who unveiled the 28-point plan', 'The US recently unveiled a 28-point peace plan for Ukraine.')).toBe(true);
    expect(supplies('who unveiled the 28-point plan', 'The plan was unveiled by Washington last week.')).toBe(true);
    expect(supplies('who unveiled the 28-point plan', 'The plan was unveiled last week.')).toBe(false);
    // "Who did torvane pick" asks whom Torvane picked: its own name is no doer of "torvane".
    expect(supplies('who did torvane logistics pick as the new ceo', 'Shares in Torvane Logistics are up after the group named its new chief executive.')).toBe(
      false,
    );
  });

  it('"who has to endorse …" is answered by a body of people after "by", capitalised or not; "by" a time is no one', () => {
    const q = 'who has to endorse a peace deal according to putin';
    expect(supplies(q, 'He argued that any future deal must be endorsed by the international community.')).toBe(true);
    expect(supplies('who must approve the merger', 'The merger must be approved by local voters in a referendum.')).toBe(true);
    expect(supplies(q, 'He argued that any future deal must be endorsed by the end of the year.')).toBe(false);
    expect(supplies(q, 'He argued that any future deal must be endorsed quickly.')).toBe(false);
  });

  it('a clock time needs no "at": "from 4 a.m." answers what time', () => {
    expect(supplies('what time does the walkout start on thursday', 'Drivers will walk out for 48 hours from 4 a.m. on Thursday.')).toBe(true);
    expect(supplies('what time does the walkout start on thursday', 'Drivers will walk out for 48 hours on Thursday.')).toBe(false);
  });

  it('how many: a verb after "how many" is not the counted noun; people are counted as a crowd, fans, voters …', () => {
    expect(supplies('how many turned out for the parade on monday', 'Around 80,000 lined the streets on Monday.')).toBe(true);
    expect(supplies('how many ppl were at the final', 'A crowd of 61,240 watched the final.')).toBe(true);
    expect(supplies('how many ppl were at the final', 'The final ended 2-2 after extra time.')).toBe(false);
    // A number inside a date counts nothing.
    expect(supplies('how many people are registered to vote', 'Voters go to the polls on Sunday, June 8, to choose a mayor.')).toBe(false);
    expect(supplies('how many people are registered to vote', 'About 412,000 voters are registered.')).toBe(true);
  });

  it('a live blog\'s entry time starts no sentence: the word after it is no name ("11:04 - The commissioner …")', () => {
    expect(supplies('whats the commissioners name', '11:04 - The commissioner has walked in.')).toBe(false);
    expect(supplies('whats the commissioners name', '11:04 - Commissioner Aino Lahti has walked in.')).toBe(true);
  });

  it('what is X called: a proper name not in the question, or a short capitalised quote; not a month or an ordinary quote', () => {
    const q = 'whats the merged hospital trust going to be called';
    expect(supplies(q, 'The two hospitals will combine to form the Westmere Health Trust next year.')).toBe(true);
    expect(supplies(q, 'The authority found "no realistic prospect" of the merger harming patient choice.')).toBe(false);
    expect(supplies(q, 'The merged trust will start work in January.')).toBe(false);
    expect(supplies('what name was chosen for the calf', 'Keepers named the calf “Zuri” after a public vote.')).toBe(true);
    // When the question says what is named, the name stands beside it.
    const group = "what's the name of the parents group fighting the school ban in ashby";
    expect(supplies(group, "Ashby Vale's decision to send pupils home makes it the first county to use the power.")).toBe(false);
    expect(supplies(group, 'A parents’ group, Families First, has collected 2,000 signatures against the ban.')).toBe(true);
    expect(supplies('whats her organisation called', 'Tatiana Stanovaya, founder of R.Politik, said the talks were stalled.')).toBe(true);
    expect(supplies('what is the new building called', 'The new building, the Harbour Exchange, opens in May.')).toBe(true);
    // A name the thing is somewhere ("at", "in") is not its name.
    const calf = 'What name was chosen for the okapi calf?';
    expect(supplies(calf, 'With an okapi calf in the news at Thornbury Zoo, here is a quick guide.')).toBe(false);
    expect(supplies(calf, 'The calf, known as Nia, was born in March.')).toBe(true);
    // A demonym is capitalised, yet names nothing: "the Ukrainian fortified line" has no name.
    const line = 'whats the fortified line in zaporozhye called, does it have a name';
    expect(supplies(line, 'Russian forces "are effectively bypassing the entire Ukrainian fortified line."')).toBe(false);
    expect(supplies(line, 'Russian forces are bypassing the fortified line, known as the Zaporizhzhia Wall.')).toBe(true);
  });

  it('when, of something old: a date before 1900 ("AD 650", "the 7th century", "the 1370s"), not any number', () => {
    const q = 'how old is the sunwheel brooch, when was it made';
    expect(supplies(q, 'Made around AD 650, the brooch is a disc of hammered gold.')).toBe(true);
    expect(supplies(q, 'The 7th-century brooch was found by a farmer.')).toBe(true);
    expect(supplies('when was the tower built', 'The tower, built in the 1370s, came down in the first seconds.')).toBe(true);
    expect(supplies('when was the tower built', 'The tower cost 1500 crowns to restore.')).toBe(false);
  });

  it("a race's time: a duration or a clock-like time, not a distance, and not the time the question gave", () => {
    const q = 'live blog said 2:07:41 for keter, what was his official time';
    expect(supplies(q, '10:19 Samuel Keter makes his move at 35 km.')).toBe(false);
    expect(supplies(q, 'Unofficial time 2:07:41 – a new course record.')).toBe(false);
    expect(supplies(q, "Keter's official time was 2:07:39, two seconds faster.")).toBe(true);
    expect(supplies('what was her finishing time', 'She finished in 2 hours 21 minutes.')).toBe(true);
  });

  it('how many penalties: spot kicks are penalties', () => {
    expect(supplies('how many penalties did idris mbeki save', 'Rovers goalkeeper Idris Mbeki saved two spot kicks.')).toBe(true);
    expect(supplies('how many penalties did idris mbeki save', 'Idris Mbeki made two saves in the first half.')).toBe(false);
  });

  it('how many people: a number with a unit of measure after it counts that measure, not the people', () => {
    const q = 'how many people did quillstack lay off in april';
    expect(supplies(q, '"Twenty-two minutes and it was over": Quillstack staff on the layoffs')).toBe(false);
    expect(supplies(q, 'Staff had 15 minutes to pack up their desks.')).toBe(false);
    expect(supplies(q, 'Quillstack is laying off 140 of its 460 employees.')).toBe(true);
    expect(supplies('how many days did the strike last', 'The strike lasted 12 days.')).toBe(true);
  });

  it('who acquired X: a company named as one, one word after "group", "firm" …', () => {
    const q = 'who ended up acquiring the meeting notes app';
    expect(supplies(q, 'Quillstack has been bought by U.S. software group Verbatim for an undisclosed sum.')).toBe(true);
    expect(supplies(q, 'Quillstack has been hit by competition from larger software companies.')).toBe(false);
  });

  it('where: a place not in the question', () => {
    expect(supplies('where did putin speak', 'Putin spoke at a news conference in Bishkek.')).toBe(true);
    expect(supplies('where in Bishkek did putin speak', 'Putin spoke in Bishkek.')).toBe(false);
    // A determiner or possessive between the preposition and the name.
    expect(
      supplies('where did they find the cryptosporidium', 'The parasite had been detected during routine testing at its Harlow Cross treatment works.'),
    ).toBe(true);
  });

  it('which organisation: an organisation not in the question', () => {
    expect(supplies('which alliance held the summit', 'The Collective Security Treaty Organization (CSTO) held it.')).toBe(true);
    expect(supplies('which alliance held the summit', 'the summit was held by an alliance.')).toBe(false);
  });

  it('what did X say: a quote or reported speech', () => {
    expect(supplies('what did yermak say', '“As long as Zelenskyy is president, no one should count on us,” Yermak told The Atlantic.')).toBe(true);
    expect(supplies('what did putin say about the leaks', 'Putin argued that they have highlighted a major “problem.”')).toBe(true);
    expect(supplies('what did yermak say', 'Yermak was in Kyiv on Thursday.')).toBe(false);
  });

  it("a wire dateline answers nothing: its city, date, agency and the report's own numbers stay, the dateline goes", () => {
    const lede =
      'ELLSMERE, June 2 (Northline Post) - More than 300 residents of the village of Hatherby began a legal action on Monday against the company that runs the Brackley Moor landfill.';
    // The agency in brackets and the capitalised city are not the company asked for, its date not when the boycott starts.
    expect(supplies('which company runs the brackley moor tip', lede)).toBe(false);
    expect(supplies('which company runs the brackley moor tip', 'Calverley Waste Services runs the Brackley Moor landfill.')).toBe(true);
    expect(supplies('when does the marking boycott start', 'ASHGROVE, Nov 20 (Capital Wire) - The union has called off its marking boycott.')).toBe(false);
    expect(supplies('when does the marking boycott start', 'ASHGROVE, Nov 20 (Capital Wire) - Lecturers will stop marking from November 3.')).toBe(true);
    expect(supplies('how many residents are suing', lede)).toBe(true);
    expect(supplies('which alliance met', 'BRUSSELS — The foreign ministers met on Tuesday.')).toBe(false);
    // An acronym and a plain hyphen open an ordinary sentence, not a dateline.
    expect(supplies('which alliance is it', 'NATO - the alliance - met on Tuesday.')).toBe(true);
    const q = analyzeQuestion('what is the story', empty);
    expect(restatement('KESSINGFORD, Feb 4 (Capital Wire) - The story.', q)).toBe(restatement('The story.', q));
  });

  it('how many <things>: a percentage or a sum of money is not a count of them; "how big" can be money', () => {
    const s = "19:25 — The ruling group tables its own amendment, paid for with £400,000 from reserves and a 10% cut in councillors' allowances.";
    expect(supplies('how many councillors voted for the amendment', s)).toBe(false);
    expect(supplies('how many councillors voted for the amendment', 'The amendment passed with 38 councillors in favour.')).toBe(true);
    expect(supplies('how big is the reward for info on the brooch', 'Police are offering a £5,000 reward for information.')).toBe(true);
  });

  it('news conventions: an age between commas after a name answers "how old"; a minute of a match answers "when"', () => {
    expect(supplies('how old is halvards new ceo', 'Chief Operating Officer Renata Solberg, 48, will succeed Ellery, 61, who will retire.')).toBe(true);
    expect(supplies('how old is halvards new ceo', 'Chief Operating Officer Renata Solberg will succeed Ellery, who will retire.')).toBe(false);
    expect(supplies("when did o'dowd equalise for athletic", "Callum O'Dowd equalised for Athletic in the 88th minute to force extra time.")).toBe(true);
    expect(supplies("when did o'dowd equalise for athletic", "Callum O'Dowd equalised for Athletic with a header.")).toBe(false);
    expect(supplies('when was fahr sent off', 'Fahr was shown a second yellow card in stoppage time.')).toBe(true);
  });

  it('"per cent" is a share, not money', () => {
    expect(supplies('how much do tarrow train drivers earn a year', 'The operator has offered 4.2 per cent.')).toBe(false);
    expect(supplies('how much do tarrow train drivers earn a year', 'Drivers earn £61,000 a year.')).toBe(true);
    expect(supplies('how much does a stamp cost', 'A stamp costs 73 cents.')).toBe(true);
  });

  it('why: a cause', () => {
    expect(supplies('why cant ukraine hold elections', 'Kyiv says it cannot hold elections under martial law.')).toBe(true);
    expect(supplies('why did kyiv reject the terms', 'Kyiv rejected the terms because a withdrawal would expose the capital.')).toBe(true);
    expect(supplies('why did kyiv reject the terms', 'Kyiv rejected the terms on Thursday.')).toBe(false);
  });
});

describe('restatement: how much of a sentence the question already says', () => {
  it('is high for a sentence that only echoes the question, low for one that adds facts', () => {
    const q = analyzeQuestion('who won the cup final', empty);
    expect(restatement('The cup final is in the books.', q)).toBeGreaterThanOrEqual(0.5);
    expect(restatement('Riverside beat Harbor City 3-1 to lift the trophy after extra time.', q)).toBeLessThan(0.2);
  });
});

describe('answerability', () => {
  const base = {
    similarity: 0.8,
    coverage: 0.8,
    contextCoverage: 0.9,
    names: 1,
    speaker: 1,
    topic: 1,
    supplies: 1,
    namesInPassage: 1,
    unknownNames: 0,
    unknownRare: 0,
    passageSimilarity: 0.8,
    relativeSimilarity: 1,
    localCoverage: 0.8,
    restatement: 0.2,
    margin: 0.1,
    questionInPassage: 1,
  };
  const p = (f: Partial<typeof base>) => answerability({ ...base, ...f }, defaultAnswerTuning.answerable);

  it('is a logistic probability of the weighted features', () => {
    const weights = { ...Object.fromEntries(Object.keys(base).map((k) => [k, 0])), bias: 0, topic: 2 } as typeof defaultAnswerTuning.answerable;
    expect(answerability({ ...base, topic: 0 }, weights)).toBeCloseTo(0.5, 9);
    expect(answerability({ ...base, topic: 1 }, weights)).toBeCloseTo(1 / (1 + Math.exp(-2)), 9);
  });

  it('with the shipped weights, rises with the topic covered, a supplied answer and a close passage, and falls with unknown rare words', () => {
    expect(p({})).toBeGreaterThan(0);
    expect(p({})).toBeLessThan(1);
    expect(p({ topic: 1 })).toBeGreaterThan(p({ topic: 0 }));
    expect(p({ supplies: 1 })).toBeGreaterThan(p({ supplies: 0 }));
    expect(p({ passageSimilarity: 1 })).toBeGreaterThan(p({ passageSimilarity: 0.2 }));
    expect(p({ unknownRare: 2 })).toBeLessThan(p({}));
  });
});

describe('another time than the question names', () => {
  it('a sentence about October does not answer a question about September; the same month, year or weekday does', () => {
    expect(otherTime('how many troops did ukraine lose in september', 'In October alone, Kiev lost 47,000 troops.')).toBe(true);
    expect(otherTime('how many troops did ukraine lose in october', 'In early October, Kiev lost 47,000 troops.')).toBe(false);
    expect(otherTime('what did he say on thursday', 'On Friday he said talks would go on.')).toBe(true);
    expect(otherTime('what was agreed in 2023', 'The deal, first drafted in 2022, was agreed in 2023.')).toBe(false);
    expect(otherTime('what was agreed in 2023', 'The deal was agreed last year.')).toBe(false);
    // "may" is a verb far more often than a month.
    expect(otherTime('may i ask what was agreed', 'The deal was agreed in October.')).toBe(false);
  });
});

describe('how it turned out', () => {
  it('a question about the outcome ranks a provisional report below a settled one, other questions neither', () => {
    expect(outcomeStance('final score hawks v miners?', 'HALF-TIME: Miners 14-12 Hawks.')).toBe(-1);
    expect(outcomeStance('how many homes flooded in the end', 'About 200 homes were flooded, according to early estimates.')).toBe(-1);
    expect(outcomeStance('who did they end up hiring', 'Dana Hollister is widely expected to be named head coach.')).toBe(-1);
    expect(outcomeStance('how much is sallow paying in the end', 'Sallow Foods bids 240 million crowns for Brenholt Dairy')).toBe(-1);
    // A count asked in the past tense: a preview's expected figure is behind, a total is not
    // (whatever expectation it is set against), and other sentences are neither.
    expect(outcomeStance('how many runners finished the marathon', 'About 7,000 runners are expected on the start line on Sunday.')).toBe(-1);
    expect(outcomeStance('how many runners finished the marathon', 'A total of 6,418 runners finished, short of the 7,000 who had been expected.')).toBe(0);
    expect(outcomeStance('how many cases were confirmed', 'Health officials said 17 cases were confirmed in three weeks.')).toBe(0);
    expect(outcomeStance('how many runners will take part', 'About 7,000 runners are expected on the start line on Sunday.')).toBe(0);
    // Asked how it turned out, a stated total is settled even beside the expectation.
    expect(outcomeStance('how many runners finished in the end', 'A total of 6,418 runners finished, short of the 7,000 who had been expected.')).toBe(1);
    expect(outcomeStance('how many homes flooded in the end', 'A total of 340 homes were flooded, the council said.')).toBe(1);
    expect(outcomeStance('final score hawks v miners?', 'FT: Hawks 27-24 Miners.')).toBe(1);
    expect(outcomeStance('how many homes flooded in the end', 'The river burst its banks on Monday.')).toBe(0);
    // The official figure is the settled one; a live blog's unofficial time is not.
    expect(outcomeStance('what was his official time', 'Unofficial time 2:07:41 – a new course record.')).toBe(-1);
    expect(outcomeStance('what was his official time', "Keter's official time was 2:07:39, the organisers said.")).toBe(1);
    expect(outcomeStance('and what was his time in the end', 'Unofficial time 2:07:41 – a new course record.')).toBe(-1);
    // "Altogether", "in total", "all told" ask for the whole count, as it stood at the end.
    expect(outcomeStance('how many homes flooded altogether', 'About 200 homes were flooded, according to early estimates.')).toBe(-1);
    expect(outcomeStance('how much silver did they raise in total', 'The final count of bars raised is 212, weighing 6.4 tonnes in all.')).toBe(1);
    expect(outcomeStance('how many fines went out all told', 'The council first estimated that about 8,000 fines had gone out, but that could rise.')).toBe(-1);
    // Not asked how it turned out: an estimate is as good an answer as any.
    expect(outcomeStance('how many homes flooded', 'About 200 homes were flooded, according to early estimates.')).toBe(0);
  });

  it('a decision asked in the past tense ("who did X pick", "which firm was chosen") is not answered by a front-runner or a preview either', () => {
    const favourite = 'Finance director Daniel Oyelaran has emerged as the front-runner to succeed chief executive Peter Lindgaard.';
    const picked = 'The freight company has picked Dr Ines Marwick to be its chief executive from May 1.';
    expect(outcomeStance('who did torvane logistics pick as the new ceo', favourite)).toBe(-1);
    expect(outcomeStance('who did torvane logistics pick as the new ceo', picked)).toBe(1);
    expect(outcomeStance('which firm was chosen for the bridge contract', 'Three firms are in the running for the bridge contract.')).toBe(-1);
    expect(outcomeStance('who did the board appoint', 'Marta Lind is widely expected to be named chair.')).toBe(-1);
    // Not a decision, or not yet taken: as before.
    expect(outcomeStance('who is going to succeed lindgaard', favourite)).toBe(0);
    expect(outcomeStance('what did oyelaran say about the job', favourite)).toBe(0);
    expect(outcomeStance('who won the premier league last season', 'His two saves in the shootout won the final.')).toBe(0);
  });
});

describe('people named after their role in a contest', () => {
  it('"the defending champion Piers Lockyer" names a person (a given name the lists lack, after a role)', () => {
    const beat = 'Maya Threlkeld became the youngest winner of the Marchlands Chess Championship, beating the defending champion Piers Lockyer in a playoff.';
    expect(supplies('who did maya threlkeld beat in the playoff', beat)).toBe(true);
    expect(supplies('who did she beat in round six', 'She then beat her opponent Gerald Tait with the black pieces.')).toBe(true);
    // A role alone, with no name after it, names no one.
    expect(supplies('who did maya threlkeld beat in the playoff', 'Maya Threlkeld beat the defending champion in a playoff.')).toBe(false);
  });
});

describe('live-blog entry times', () => {
  it('"how long" is answered by when a tenure began, not by any "since"', () => {
    expect(supplies('how long had he been mayor', 'Quist, who has led the town of 31,000 people since 2019, said the report was wrong.')).toBe(true);
    expect(supplies('how long has she been ceo', 'Ellery has been chief executive since March 2021.')).toBe(true);
    expect(supplies('how long was the ferry stuck', 'The sandbank shifts with every storm and has caught three ships since 2010.')).toBe(false);
  });

  it('an entry time is no number or length of time', () => {
    expect(supplies('how long had he been mayor', "19:20 Deputy mayor Sigrun Falk reads out the council's questions to Harald Quist.")).toBe(false);
    expect(supplies('how many flights were cancelled', '07:30 Aveline Air says the strike goes ahead.')).toBe(false);
    // The number after the entry time still counts.
    expect(supplies('how many flights were cancelled', '07:30 Aveline Air says 120 flights have been cancelled.')).toBe(true);
  });
});

describe('counts, ages and names as news writes them', () => {
  it('"good causes" is a charity, not a cause', () => {
    expect(supplies('why did crownplay reject his claim', 'If nobody comes forward, the prize goes to the Crownplay good causes fund.')).toBe(false);
    expect(supplies('why did crownplay reject his claim', 'Crownplay said the claim was rejected because the ticket was damaged.')).toBe(true);
  });

  it('"how many times" is answered by "twice"', () => {
    expect(supplies('how many times did talvik capsize', 'She has also capsized twice in heavy swells, most recently on 6 January.')).toBe(true);
    expect(supplies('how many times did talvik capsize', 'She capsized in heavy swells on 6 January.')).toBe(false);
  });

  it("a person's age is a whole number of years; a thing may be thousands of years old", () => {
    expect(supplies('how old is dr osho the archaeologist', 'Site director Dr. Yewande Osho said the vessel was likely to be more than 3,000 years old.')).toBe(
      false,
    );
    expect(supplies('how old is dr osho the archaeologist', 'Dr. Yewande Osho, 52, led the dig.')).toBe(true);
    expect(supplies('how old is the fennick boat', 'The vessel was likely to be more than 3,000 years old.')).toBe(true);
    expect(supplies('how old is the mayor', 'The 48-year-old mayor said she would stand again.')).toBe(true);
  });

  it('a full name after a noun for what someone does is a person; after a preposition or a thing, not', () => {
    expect(personNames('The orchestra has dismissed its principal conductor, Anselm Rautio, with immediate effect.')).toEqual(['Anselm Rautio']);
    expect(personNames("The club's goalkeeping coordinator Ana Ruiz left.")).toEqual(['Ana Ruiz']);
    expect(personNames('Power was cut after Storm Doris hit the town.')).toEqual([]);
    expect(personNames('The ferry was moored by the harbour, Kestrel Bay, overnight.')).toEqual([]);
    // One word after "told" is an outlet; a full name is a person.
    expect(personNames('In his first interview, he told Stagebill he was dismissed for opposing cuts.')).toEqual([]);
    expect(personNames('He told Anna Berg he was dismissed.')).toEqual(['Anna Berg']);
    // An organisation that says something is no person.
    expect(personNames('Tarrant Archaeology says the style points to the Bronze Age.')).toEqual([]);
    expect(personNames('Vale Water Services said the water was safe.')).toEqual([]);
  });
});

describe('who holds the post asked about', () => {
  it('a name after the post and a preposition is where the post is, not who holds it', () => {
    const q = 'who is the chief executive of the new trust';
    expect(postHolderIn('Dr. Helena Marsh-Okoro, currently chief executive at Greyhaven, will lead the new trust.', q)).toMatch(/Helena Marsh-Okoro$/);
    expect(supplies(q, 'The new trust will be run by the chief executive at Greyhaven.')).toBe(false);
    expect(supplies(q, 'The new trust will be run by Greyhaven chief executive Helena Marsh-Okoro.')).toBe(true);
  });
});

describe('shapes written in other words: rates, counted nouns by another name, passive agents, one-word companies', () => {
  it('how fast: a speed, or a length per unit of time ("90 centimetres a day"), not a length alone', () => {
    expect(supplies('how fast is the landslip moving', 'The slope is now creeping at 40 centimetres a day, surveyors said.')).toBe(true);
    expect(supplies('how fast is the landslip moving', 'Sensors show it sliding 3 metres per week.')).toBe(true);
    expect(supplies('how fast was the train going', 'The train was doing 68 mph when it left the rails.')).toBe(true);
    expect(supplies('how fast is the landslip moving', 'The slope has already moved 40 centimetres, surveyors said.')).toBe(false);
    expect(supplies('how fast is the landslip moving', 'The slope, 300 metres wide, is being watched every day.')).toBe(false);
  });

  it('how many: tickets are counted as fines or notices, people who fell ill as cases or illnesses', () => {
    expect(supplies('how many parking tickets were sent out by mistake', 'The council said 2,140 penalty notices were issued in error.')).toBe(true);
    expect(supplies('how many ppl got ill from the pies', 'The outbreak has been linked to 18 illnesses.')).toBe(true);
    expect(supplies('how many parking tickets were sent out by mistake', 'The error hit drivers at 14 sites.')).toBe(false);
  });

  it('who: an organisation named as the agent of a passive verb, whatever the verb; not for who won', () => {
    expect(supplies('who paid for the dig', 'The £1.1 million excavation is funded by the Harrowby Heritage Trust.')).toBe(true);
    expect(supplies('who is putting up the reward', 'A reward of £5,000 has been offered by the Kelsall Foundation.')).toBe(true);
    expect(supplies('who paid for the dig', 'The excavation began in May near the old quarry.')).toBe(false);
    // A body that ran a contest did not win it.
    expect(supplies('who won the name vote', 'The vote was organised by Dunmoor Town Council.')).toBe(false);
  });

  it('which company: one word said to be a company by an apposition after it or a tie before it', () => {
    expect(supplies('which bank is cutting its rates', "Eastcrest, the region's biggest lender, said it would cut rates from May.")).toBe(true);
    expect(supplies('which company sold the tickets', 'The club blamed its ticketing partner, Seatlio.')).toBe(true);
    expect(supplies('which company sold the tickets', 'Fans queued for hours, the club said.')).toBe(false);
  });

  it("what road / which lane: a place, answered by a street's name after any preposition", () => {
    expect(analyzeQuestion('what road is the bakery on', empty).answerType).toBe('place');
    expect(supplies('what road is the bakery on', 'The bakery has stood on Tanner Lane since 1931.')).toBe(true);
    expect(supplies('where is the new depot', 'The depot will be built off Upper Mill Road.')).toBe(true);
    expect(supplies('what road is the bakery on', 'The bakery has stood there since 1931.')).toBe(false);
  });
});

describe('who: someone else of the same surname, and whoever a gift came from', () => {
  it('a person sharing a surname with someone the question names is new; the one it names is not', () => {
    const q = 'who at the watchdog is looking into the Juno Blake ticket mess';
    expect(supplies(q, "Amara Blake, the office's director of consumer enforcement, said fans deserved answers.")).toBe(true);
    expect(supplies(q, 'Juno Blake said she was sorry for the trouble.')).toBe(false);
    // Asked by surname alone, a first name adds nobody new ("Anselm Rautio" to "who sacked rautio").
    expect(supplies('who is looking into Blake and the ticket mess', 'Amara Blake said fans deserved answers.')).toBe(false);
  });

  it('who put up / paid / gave: a company a grant or a payment came from', () => {
    const sentence = 'The biggest single contribution was a £400,000 grant from the Heritage Rail Trust.';
    expect(supplies('who put up the big grant for fixing the engine', sentence)).toBe(true);
    expect(supplies('who paid for the restoration', 'Most of the money came as a donation from Calder Steel Ltd.')).toBe(true);
    // Not for a who question about something else, nor for a place the money went to.
    expect(supplies('who is restoring the engine', sentence)).toBe(false);
    expect(supplies('who put up the big grant for fixing the engine', 'The grant went to the Dunmere Valley Railway.')).toBe(false);
  });
});

describe('which company: a count opening the sentence and a place are no organisation', () => {
  const q = 'which ticket company was selling the Juno Blake tickets';

  it('"Thousands of Juno Blake fans": the count is no part of a name, and Juno Blake is asked about', () => {
    expect(supplies(q, 'Thousands of Juno Blake fans were left furious on Friday.')).toBe(false);
    expect(supplies(q, 'Thousands of Juno Blake fans bought through Tixline Ltd.')).toBe(true);
  });

  it('a name ending in a place word ("Harbour Arena") is a place; one said to be a company is not', () => {
    expect(supplies(q, 'The shows at Harbour Arena sold out in minutes.')).toBe(false);
    expect(supplies(q, 'The sale was run by Gate Line Tickets for the arena.')).toBe(true);
    expect(supplies(q, 'Figures released by GateLine, the ticketing company, showed it.')).toBe(true);
  });
});
