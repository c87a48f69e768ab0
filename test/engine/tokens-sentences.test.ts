import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/chunk/split-sentences.js';
import { words } from '../../src/text/terms.js';

const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('words: alphanumeric and dotted tokens stay whole', () => {
  it.each([
    ['Q1 results', ['q1', 'results']],
    ['the G7 summit', ['the', 'g7', 'summit']],
    ['R.Politik founder', ['r.politik', 'founder']],
    ['the U.S. plan', ['the', 'u.s', 'plan']],
    ['600,000 troops and 3.5 percent', ['600,000', 'troops', 'and', '3.5', 'percent']],
    ['A320neo jets', ['a320neo', 'jets']],
  ])('%s', (text, expected) => expect(words(text)).toEqual(expected));

  it('keeps a hyphenated compound whole and adds its parts, so "covid 19" still matches', () => {
    expect(words('COVID-19 cases')).toEqual(['covid-19', 'covid', '19', 'cases']);
    expect(words('covid 19')).toEqual(['covid', '19']);
  });

  it('drops the possessive and folds compatibility characters', () => {
    expect(words('Yermak’s aide')).toEqual(['yermak', 'aide']);
    expect(words('ﬁnal')).toEqual(['final']);
  });
});

describe('splitSentences keeps initials, titles, abbreviations and decimals inside sentences', () => {
  it.each([
    ['The board named CEO Niels B. Andersen on Monday. He starts in May.', ['The board named CEO Niels B. Andersen on Monday.', 'He starts in May.']],
    ['J.K. Rowling and T. S. Eliot were cited. Then it ended.', ['J.K. Rowling and T. S. Eliot were cited.', 'Then it ended.']],
    ['Talks with the U.S. State Department resumed. The U.S. delegation left.', ['Talks with the U.S. State Department resumed.', 'The U.S. delegation left.']],
    ['Officials met in the U.S. The talks failed.', ['Officials met in the U.S.', 'The talks failed.']],
    ['Acme Inc. said profit rose 3.5 percent in Q1. Shares fell.', ['Acme Inc. said profit rose 3.5 percent in Q1.', 'Shares fell.']],
    ['They sold it to Acme Inc. The deal closed.', ['They sold it to Acme Inc.', 'The deal closed.']],
    [
      'Dr. Amara Osei spoke at St. Mary’s. "We will win," said Lt. Gen. Mark Hale.',
      ['Dr. Amara Osei spoke at St. Mary’s.', '"We will win," said Lt. Gen. Mark Hale.'],
    ],
    [
      'As long as Mr. Zelenskiy is president, nothing changes. See No. 2 below.',
      ['As long as Mr. Zelenskiy is president, nothing changes.', 'See No. 2 below.'],
    ],
    ['Prices rose approx. 4% vs. last year, i.e. a record.', ['Prices rose approx. 4% vs. last year, i.e. a record.']],
  ])('%s', (text, expected) => expect(sentences(text)).toEqual(expected));

  it('gives offsets into the text, trimmed', () => {
    const text = '  First one.  Second one.  ';
    expect(splitSentences(text)).toEqual([
      { start: 2, end: 12 },
      { start: 14, end: 25 },
    ]);
  });
});

describe('splitSentences still ends sentences at real ends', () => {
  it.each([
    ['She said no. Then she left.', ['She said no.', 'Then she left.']],
    ['The vote was No. Officials conceded.', ['The vote was No.', 'Officials conceded.']],
    ['It rose 4%. Prices fell 2.5 percent. Done.', ['It rose 4%.', 'Prices fell 2.5 percent.', 'Done.']],
  ])('%s', (text, expected) => expect(sentences(text)).toEqual(expected));
});

describe('splitSentences and line breaks', () => {
  it('a single line break inside a paragraph ends a sentence only after closing punctuation', () => {
    const code = 'The bots posted ```js\nrequire("x")\n``` code fences to break the chat. Then they left.';
    expect(sentences(code)).toEqual(['The bots posted ```js\nrequire("x")\n``` code fences to break the chat.', 'Then they left.']);
    expect(sentences('First line.\nSecond line.')).toEqual(['First line.', 'Second line.']);
    expect(sentences('A headline\n\nThe body starts here.')).toEqual(['A headline', 'The body starts here.']);
  });
});
