import 'dotenv/config';
import { isEngineError, type EngineError } from '../engine/errors.js';

/**
 * Run a CLI command: errors the engine raises on purpose print as one line;
 * anything else prints its message (the stack only with DEBUG=1) and exits 1.
 */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (e: unknown) => {
      if (isEngineError(e)) {
        process.stderr.write(`Error: ${cliMessage(e)}\n`);
      } else {
        process.stderr.write(`Internal error: ${(e as Error)?.message ?? String(e)}\n`);
        if (process.env.DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
        else process.stderr.write('Run again with DEBUG=1 for details.\n');
      }
      process.exit(1);
    },
  );
}

/** The engine's message, with what to do next in terminal terms. */
export function cliMessage(e: EngineError): string {
  switch (e.code) {
    case 'UNKNOWN_SOURCE':
      return `${e.message} Run \`npm run sources\` to see the article ids.`;
    case 'INDEX_LOCKED':
      return `${e.message} Wait for it to finish, or run again with --wait to wait for it.`;
    case 'DUPLICATE_ARTICLE':
      return e.data.existing ? `${e.message} Run \`npm run source -- ${e.data.existing.id}\` to see it.` : e.message;
    default:
      return e.message;
  }
}
