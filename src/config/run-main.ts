/**
 * How every program of Newsdesk ends (`npm start`, `npm run start:sharded`, `npm run
 * deploy-commands`, the CLI commands): with its exit code, or on a failure one line `Error: …` and
 * exit code 1. A failure the program describes itself (bad configuration, a refusal it expects) is
 * the line alone; any other also gets its stack with DEBUG=1, and the hint to set it without.
 */

/** How a program words its failure: `expected` when the message says all there is (no stack, no DEBUG hint). */
export interface FailureReport {
  message: string;
  expected: boolean;
}

export interface RunOptions {
  /** A server (the bot, the shard manager): its main returns once it runs, and the process stays up. */
  keepRunning?: boolean;
  /** Called first on a failure (to stop what was started); `false`: the program is already ending, print nothing. */
  onFailure?: (e: unknown) => boolean | void;
}

export function runMain(main: () => Promise<number | void>, describe: (e: unknown) => FailureReport, options: RunOptions = {}): void {
  main().then(
    (code) => {
      if (!options.keepRunning || code !== undefined) process.exit(code ?? 0);
    },
    (e: unknown) => {
      if (options.onFailure?.(e) === false) return;
      const { message, expected } = describe(e);
      process.stderr.write(`Error: ${message}\n`);
      if (!expected) {
        if (process.env.DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
        else process.stderr.write('Run again with DEBUG=1 for details.\n');
      }
      process.exit(1);
    },
  );
}

/** An unexpected error's own message, for the one line. */
export const messageOf = (e: unknown): string => (e as Error)?.message ?? String(e);
