import 'dotenv/config';
import { isEngineError } from '../engine/errors.js';

/**
 * Run a CLI command: errors the engine raises on purpose print as one line;
 * anything else prints its message (the stack only with DEBUG=1) and exits 1.
 */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (e: unknown) => {
      if (isEngineError(e)) {
        process.stderr.write(`Error: ${e.message}\n`);
      } else {
        process.stderr.write(`Internal error: ${(e as Error)?.message ?? String(e)}\n`);
        if (process.env.DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
        else process.stderr.write('Run again with DEBUG=1 for details.\n');
      }
      process.exit(1);
    },
  );
}
