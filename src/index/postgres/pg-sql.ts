/**
 * The reads of the postgres backend as SQL, each one statement with its values as parameters.
 * `{s}` is the schema (see Db.sql). Keyword search and the lexicon reproduce the files backend's
 * KeywordIndex exactly (src/index/keyword-index.ts): the same terms (our own tokenizer, stored as
 * a tsvector whose positions 1..tf carry each term's frequency), the same BM25+ constants, the
 * same expansion of a query word to the index terms it matches (itself; longer words it begins;
 * near spellings by Levenshtein distance when the corpus lacks it), the same spelling correction.
 */
import { BM25, COMMON_TERM_MIN_PASSAGES, COMMON_TERM_SHARE, correctionFuzziness, searchFuzziness, WEIGHTS } from '../keyword-index.js';
import { stem } from '../../text/terms.js';

/** `LIKE` pattern matching words that begin with `word` (4+ letters), or null. */
const prefixPattern = (word: string) => (word.length >= 4 ? `${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null);

/**
 * Query words as three parallel arrays for `unnest(...) WITH ORDINALITY AS w(word, pattern, maxd, i)`:
 * the word, its prefix pattern, and how many edits a near spelling may have.
 */
export function expansionParams(words: readonly string[]): [string[], (string | null)[], number[]] {
  return [[...words], words.map(prefixPattern), words.map(searchFuzziness)];
}

/**
 * CTE `exp(i, term, df, weight, kind)`: the index terms each word `w.i` matches, with MiniSearch's
 * weights: exact 1; a longer word it begins prefix·len/(len + 0.3·extra letters); a near spelling
 * (only for a word the corpus lacks) fuzzy·len/(len + distance). Needs CTE `w` and `$1` = generation.
 */
const EXPANSION = `
exp AS (
  SELECT w.i, t.term, t.df, 1.0::float8 AS weight, 0 AS kind
    FROM w JOIN {s}.terms t ON t.generation = $1 AND t.term = w.word
  UNION ALL
  SELECT w.i, t.term, t.df, ${WEIGHTS.prefix} * length(t.term) / (length(t.term) + 0.3 * (length(t.term) - length(w.word)))::float8, 1
    FROM w JOIN {s}.terms t ON t.generation = $1 AND t.term LIKE w.pattern AND t.term <> w.word
  UNION ALL
  SELECT w.i, t.term, t.df, ${WEIGHTS.fuzzy} * length(t.term) / (length(t.term) + l.dist)::float8, 2
    FROM w JOIN {s}.terms t ON t.generation = $1
      AND length(t.term) BETWEEN length(w.word) - w.maxd AND length(w.word) + w.maxd
      AND NOT starts_with(t.term, w.word)
    CROSS JOIN LATERAL (SELECT levenshtein_less_equal(t.term, w.word, w.maxd) AS dist) l
    WHERE w.maxd > 0 AND length(w.word) <= 255 AND l.dist BETWEEN 1 AND w.maxd
      AND NOT EXISTS (SELECT 1 FROM {s}.terms e WHERE e.generation = $1 AND e.term = w.word)
)`;

/**
 * BM25 top-k. $1 generation, $2..$4 the query words (expansionParams), $5 article ids or null,
 * $6 k. On large corpora, words in more than COMMON_TERM_SHARE of the passages are left out when
 * rarer ones remain (as in KeywordIndex.search). A passage's score is multiplied by the number of
 * query words it matched (MiniSearch does so). Candidates come from the GIN index on `terms`.
 */
export const KEYWORD_BM25 = `
WITH g AS (SELECT passages AS n, avg_field_length AS avgfl FROM {s}.generations WHERE generation = $1),
w0 AS (SELECT * FROM unnest($2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS u(word, pattern, maxd, i)),
wdf AS (SELECT w0.*, coalesce(t.df, 0) AS df FROM w0 LEFT JOIN {s}.terms t ON t.generation = $1 AND t.term = w0.word),
rare AS (SELECT wdf.* FROM wdf, g WHERE g.n < ${COMMON_TERM_MIN_PASSAGES} OR wdf.df <= g.n * ${COMMON_TERM_SHARE}),
w AS (SELECT * FROM rare UNION ALL SELECT * FROM wdf WHERE NOT EXISTS (SELECT 1 FROM rare)),
${EXPANSION},
q AS (SELECT string_agg(quote_literal(term), ' | ')::tsquery AS q FROM exp),
hits AS (
  SELECT p.label, e.i, e.kind, e.term, x.tf,
    e.weight * ln(1 + (g.n - e.df + 0.5) / (e.df + 0.5))
      * (${BM25.d} + (x.tf * ${BM25.k + 1}) / (x.tf + ${BM25.k} * (1 - ${BM25.b} + ${BM25.b} * p.field_length / g.avgfl))) AS s
  FROM q, g, {s}.passages p
    CROSS JOIN LATERAL unnest(p.terms) AS u(lexeme, positions, weights)
    JOIN exp e ON e.term = u.lexeme COLLATE "C"
    CROSS JOIN LATERAL (SELECT cardinality(u.positions)::float8 AS tf) x
  WHERE p.generation = $1 AND p.terms @@ q.q AND ($5::text[] IS NULL OR p.article_id = ANY($5::text[]))
)
SELECT label, sum(s) * count(DISTINCT i) AS score, array_agg(DISTINCT term) AS terms, jsonb_object_agg(term, tf) AS tf
FROM hits GROUP BY label ORDER BY score DESC, min(i), min(kind), label LIMIT $6`;

/**
 * Postgres's own full-text ranking, for the comparison with BM25 (PG_KEYWORD_RANKING=fts): the
 * query's words OR-ed as an English tsquery, ranked by ts_rank_cd over to_tsvector('english', text).
 * Computed over the text (no index): a measurement mode, not for large corpora.
 * $1 generation, $2 words, $3 article ids or null, $4 k.
 */
export const KEYWORD_FTS = `
WITH q AS (
  SELECT to_tsquery('english', string_agg(plainto_tsquery('english', w)::text, ' | ')) AS q
  FROM unnest($2::text[]) w WHERE plainto_tsquery('english', w)::text <> ''
), d AS (SELECT p.label, to_tsvector('english', p.text) AS v FROM {s}.passages p WHERE p.generation = $1 AND ($3::text[] IS NULL OR p.article_id = ANY($3::text[])))
SELECT d.label, ts_rank_cd(d.v, q.q, 32) AS score,
  ARRAY(SELECT w FROM unnest($2::text[]) w WHERE d.v @@ plainto_tsquery('english', w)) AS terms
FROM d, q WHERE d.v @@ q.q
ORDER BY score DESC, d.label LIMIT $4`;

/**
 * What the question analysis asks of each word: exact document frequency and name flag; when the
 * corpus lacks it, the largest frequency of another form (same stem, `formFrequency`) and the
 * spelling correction (`correct`: nearest term by Levenshtein distance, then the most frequent)
 * with its own frequency and name flag. $1 generation; $2 words, $3 stems, $4 stem prefix
 * patterns, $5 correction distances ($3–$5 null/0 to skip).
 */
export const WORDS = `
SELECT u.word, coalesce(e.df, 0) AS df, coalesce(e.is_name, false) AS is_name, f.df AS form_df,
  c.term AS correction, c.df AS correction_df, c.is_name AS correction_is_name
FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS u(word, root, pattern, maxd)
LEFT JOIN {s}.terms e ON e.generation = $1 AND e.term = u.word
LEFT JOIN LATERAL (
  SELECT max(t.df) AS df FROM {s}.terms t
  WHERE e.term IS NULL AND u.root IS NOT NULL AND t.generation = $1 AND t.stem = u.root AND t.term LIKE u.pattern
) f ON true
LEFT JOIN LATERAL (
  SELECT t.term, t.df, t.is_name FROM {s}.terms t
    CROSS JOIN LATERAL (SELECT levenshtein_less_equal(t.term, u.word, u.maxd) AS dist) l
  WHERE e.term IS NULL AND u.maxd > 0 AND length(u.word) <= 255 AND t.generation = $1
    AND length(t.term) BETWEEN length(u.word) - u.maxd AND length(u.word) + u.maxd AND l.dist <= u.maxd
  ORDER BY l.dist, t.df DESC, t.term LIMIT 1
) c ON true`;

/**
 * WORDS's parameters for `words` at a level: 0 frequency and name flag only (the answer layer only
 * asks whether a word is a name), 1 also other forms' frequency (verb forms of a question word),
 * 2 also the spelling correction.
 */
export function wordParams(words: readonly string[], level: 0 | 1 | 2): [string[], (string | null)[], (string | null)[], number[]] {
  const roots = words.map((w) => {
    if (level === 0) return null;
    const root = stem(w);
    return root.length < 4 ? null : root;
  });
  return [
    [...words],
    roots,
    roots.map((r) => (r === null ? null : prefixPattern(r.slice(0, Math.max(4, r.length - 1))))),
    words.map((w) => (level < 2 ? 0 : correctionFuzziness(w))),
  ];
}

/**
 * Passages by label with everything the second stage and the answer layer read, and for each of
 * the words $4–$6 whether the passage has any term it matches. $1 generation, $2 labels,
 * $3 query vector.
 */
export const FETCH = `
WITH w AS (SELECT * FROM unnest($4::text[], $5::text[], $6::int[]) WITH ORDINALITY AS u(word, pattern, maxd, i)),
${EXPANSION},
wq AS (SELECT w.i, (SELECT string_agg(quote_literal(e.term), ' | ')::tsquery FROM exp e WHERE e.i = w.i) AS q FROM w)
SELECT p.label, p.article_id, p.ordinal, p.paragraph, p.start_offset, p.end_offset, p.text,
  1 - (p.embedding <=> $3::vector) AS similarity,
  p.sentence_starts, p.sentence_ends, p.sentence_flags, p.sentence_scales, p.sentence_vectors,
  ARRAY(SELECT coalesce(p.terms @@ wq.q, false) FROM wq ORDER BY wq.i) AS has
FROM {s}.passages p WHERE p.generation = $1 AND p.label = ANY($2::int[])`;

/** A vector as pgvector's text form. */
export const vectorText = (v: Float32Array | readonly number[]) => `[${Array.prototype.join.call(v, ',')}]`;
