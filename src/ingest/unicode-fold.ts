import unhomoglyph from 'unhomoglyph';

/**
 * Unicode clean-up shared by questions (src/engine/validate-question.ts) and article text
 * (clean-text.ts), so both are matched in the same form:
 * - control characters become a space (they sit between words: "what\u0000did" is two words);
 * - invisible characters (Unicode's default-ignorable code points: zero-width spaces and joiners,
 *   bidi controls, soft hyphens, variation selectors, the combining grapheme joiner…) are removed
 *   (they sit inside words to split them: "Yer\u200Bmak" is one word);
 * - letters and digits get their compatibility form (NFKC: 𝐘 → Y, Ｙ → Y, ﬁ → fi, é composed), while
 *   punctuation and symbols keep theirs ("…" stays an ellipsis in quotes);
 * - combining marks left on a Latin letter after composition (no such accented letter exists) are
 *   dropped;
 * - look-alike Cyrillic and Greek letters inside a Latin word (Cyrillic "е" in "Yеrmаk") become the
 *   Latin letter they look like, from Unicode's confusables table (UTS #39, via `unhomoglyph`).
 */

/** C0 and C1 controls other than tab, line feed and carriage return (those are white space). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/**
 * Invisible in any text: Unicode's Default_Ignorable_Code_Point (U+200B–U+200F, U+202A–U+202E,
 * U+2060–U+206F, U+FEFF, U+00AD, U+034F, U+FE00–U+FE0F, tags…) — except the joiners and variation
 * selectors inside an emoji sequence (👨‍👩‍👧 is one emoji, not three), which are matched first and kept.
 */
const EMOJI = String.raw`\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)*`;
const INVISIBLE = new RegExp(`(${EMOJI}(?:\u200D${EMOJI})*)|\\p{Default_Ignorable_Code_Point}`, 'gu');
/** A run of letters, marks and decimal digits: what NFKC is applied to. */
const WORDISH = /[\p{L}\p{M}\p{Nd}]+/gu;
const LATIN_WITH_MARKS = /(\p{Script=Latin})\p{Mn}+/gu;
const LATIN = /\p{Script=Latin}/u;
/** Letters of the scripts that look-alikes of Latin letters come from in practice. */
const OTHER_LETTER = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

/** Controls → space, invisible characters removed. */
export function replaceInvisible(text: string): string {
  return text.replace(CONTROL, ' ').replace(INVISIBLE, (_, emoji: string | undefined) => emoji ?? '');
}

/** The Latin letter `c` looks like (Cyrillic "е" → "e"), or undefined when it looks like none. */
function latinLookalike(c: string): string | undefined {
  const m = unhomoglyph(c);
  if (!/^[A-Za-z]$/.test(m)) return undefined;
  // The confusables table maps capital I to "l" (they look alike in many fonts): keep the case.
  return m === 'l' && c !== c.toLowerCase() ? 'I' : m;
}

/** A word's non-Latin letters as the Latin ones they look like, when all of them have one. */
function foldWord(word: string, inLatinText: boolean): string {
  if (!OTHER_LETTER.test(word)) return word;
  // A word in another script is left alone, unless it is written only with letters that look Latin
  // inside Latin text ("Рutin" mixes scripts; "Реskоv" in an English question is a disguised name).
  if (!LATIN.test(word) && !inLatinText) return word;
  let out = '';
  for (const c of word) {
    if (!OTHER_LETTER.test(c)) {
      out += c;
      continue;
    }
    const latin = latinLookalike(c);
    if (latin === undefined) return word;
    out += latin;
  }
  return out;
}

/** Whether most letters of a text are Latin (an English question or article). */
function mostlyLatin(text: string): boolean {
  let latin = 0;
  let other = 0;
  for (const m of text.matchAll(/\p{L}/gu)) {
    if (LATIN.test(m[0])) latin++;
    else other++;
  }
  return latin > other;
}

/** NFKC on letters and digits, stray marks off Latin letters, look-alike letters folded (see the file comment). */
export function foldLookalikes(text: string): string {
  const latinText = mostlyLatin(text);
  return text.replace(WORDISH, (word) => foldWord(word.normalize('NFKC').replace(LATIN_WITH_MARKS, '$1'), latinText));
}
