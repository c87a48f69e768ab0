import { CHUNKER_VERSION } from '../chunk/chunk-article.js';
import { SHAPE_PATTERNS_FINGERPRINT } from '../text/shapes.js';

/**
 * How an index's text was cut and flagged, as recorded in its manifest (`chunkerVersion`) and in a
 * database generation: the chunker's version (bumped by hand) and a fingerprint of the patterns that
 * flag each sentence's shapes (dates, numbers, names …). Either changing forces a full re-embed, so
 * no index is read with passages or flags an older version of the program made.
 */
export const INDEXED_TEXT_VERSION = CHUNKER_VERSION * 1_000_000 + SHAPE_PATTERNS_FINGERPRINT;
