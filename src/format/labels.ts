/**
 * How articles and outlets are named in the bot's replies and the CLI's output: the same words the
 * engine's own answers use (src/text/labels.ts, the lead of a shared claim in compare/), taken by the
 * front ends from here.
 */
export { articleName, articleLabel } from '../text/labels.js';
export { sharedLead } from '../compare/compare-coverage.js';
