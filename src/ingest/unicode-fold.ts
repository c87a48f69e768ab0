/**
 * Unicode clean-up shared by questions (src/engine/validate-question.ts) and article text
 * (clean-text.ts), so both are matched in the same form:
 * - control characters become a space (they sit between words: "what\u0000did" is two words);
 * - invisible characters (Unicode's default-ignorable code points: zero-width spaces and joiners,
 *   bidi controls, soft hyphens, variation selectors, the combining grapheme joiner…) are removed
 *   (they sit inside words to split them: "Yer\u200Bmak" is one word).
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

/** Controls → space, invisible characters removed. */
export function replaceInvisible(text: string): string {
  return text.replace(CONTROL, ' ').replace(INVISIBLE, (_, emoji: string | undefined) => emoji ?? '');
}
