/** Where the bot writes what happened. Errors carry a reference id that the user also sees. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Under `npm run start:sharded` every shard writes to the same terminal: its lines say which shard it is. */
const shard = process.env.SHARDING_MANAGER ? ` [shard ${process.env.SHARDS}]` : '';
const stamp = () => `${new Date().toISOString()}${shard}`;

/** One line per event on stdout/stderr; errors add their stack on the following lines. */
export const consoleLogger: Logger = {
  info: (m) => process.stdout.write(`${stamp()} ${m}\n`),
  warn: (m) => process.stderr.write(`${stamp()} WARN ${m}\n`),
  error: (m, e) => {
    const detail = e === undefined ? '' : `\n${e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e)}`;
    process.stderr.write(`${stamp()} ERROR ${m}${detail}\n`);
  },
};

/** A logger that keeps everything in memory (tests). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (m: string, e?: unknown) => {
    lines.push(`${level} ${m}${e === undefined ? '' : ` :: ${e instanceof Error ? e.message : String(e)}`}`);
  };
  return { lines, info: push('INFO'), warn: push('WARN'), error: push('ERROR') };
}
