/**
 * Tunables of the quote index, in one place. The grouping thresholds were chosen on our gold set
 * (test/fixtures/quotes-gold.json; `npm run eval -- --quotes test/fixtures/quotes-gold.json`).
 */
export const QUOTE_TUNING = {
  /** An embedded quote (inside the reporter's sentence) of at most this many words is a fragment. */
  fragmentMaxWords: 8,
  /** Any quote of at most this many words without an attribution clause right after it is a fragment. */
  shortQuoteWords: 3,
  /**
   * Two direct quotes of one speaker are the same statement when the cosine of their embeddings
   * reaches this for the group they would join (halfway between the closest member and the average) (bge-small; each quote compared as a
   * whole and sentence by sentence, the closest pair counting). On the gold set, translations of
   * one utterance score 0.70–1.00 (most above 0.85), different statements of one speaker at most 0.70.
   */
  sameStatementCosine: 0.71,
  /** Fragments ("lies" / "lie", "key issues" / "key issue") must share this share of the shorter one's word stems. */
  sameFragmentStems: 0.5,
  /**
   * The words between the two pieces of a split quote (“…,” said Dr. Joanne Peck, an analyst at
   * Marlowe & Finch. “…”) are at most this many characters, name no other person and hold no quote.
   */
  splitAttributionChars: 140,
  /** Unattributed quotes this long or longer are kept (speaker unknown); shorter ones are scare quotes, not quotes. */
  unattributedMinWords: 4,
} as const;

export type QuoteTuning = { readonly [K in keyof typeof QUOTE_TUNING]: number };

/** Bump when extraction changes: stored per-article quotes from another version are extracted again. */
export const QUOTE_EXTRACTOR_VERSION = 4;
