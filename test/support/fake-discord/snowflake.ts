/**
 * Discord-style snowflake ids: ((ms since 2015-01-01) << 22) | worker << 17 | process << 12 | increment.
 * Ids are 18-19 digits long and strictly increasing, like the real thing (the @discordjs/rest
 * bucket logic only recognises 17-19 digit ids as major parameters).
 */
const DISCORD_EPOCH = 1_420_070_400_000n;

let lastMs = 0n;
let increment = 0n;

export function snowflake(at: number = Date.now()): string {
  let ms = BigInt(at) - DISCORD_EPOCH;
  if (ms < lastMs) ms = lastMs;
  if (ms === lastMs) {
    increment += 1n;
    if (increment > 4095n) {
      ms += 1n;
      increment = 0n;
    }
  } else {
    increment = 0n;
  }
  lastMs = ms;
  return ((ms << 22n) | (1n << 17n) | (1n << 12n) | increment).toString();
}
