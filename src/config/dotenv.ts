import dotenv from 'dotenv';

let loaded = false;

/**
 * Load `.env` from the working directory, once, quietly; variables already set win. Every program
 * calls it first (the bot, the CLI, the benchmark), so one `.env` configures them all.
 */
export function loadDotenv(): void {
  if (loaded) return;
  loaded = true;
  dotenv.config({ quiet: true });
}
