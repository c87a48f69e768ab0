/**
 * Shortening text for display, the same in the bot's replies and the CLI's output. The answer
 * stage shortens with the same code, so it stays in src/text/shorten.ts; the front ends take it
 * from here.
 */
export { oneLine, truncate } from '../text/shorten.js';
