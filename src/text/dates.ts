import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';

type ChronoModule = typeof Chrono;
let loaded: ChronoModule | undefined;

/**
 * chrono-node (dates in plain words), loaded on the first call rather than imported: importing it
 * costs 10–14 MB of RSS, and only date filters (`since:` / `until:`) and follow-up resolution use
 * it, never a plain search or answer (issue #18's query-process memory). `require` because its
 * callers are synchronous; it loads chrono-node's CommonJS build of the same version.
 */
export function chrono(): ChronoModule {
  loaded ??= createRequire(import.meta.url)('chrono-node') as ChronoModule;
  return loaded;
}
