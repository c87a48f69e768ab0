import type { ReindexOptions, ReindexProgress } from '../types.js';

type Phase = ReindexProgress['phase'];

/** Timings and progress of one build. */
export interface BuildClock {
  started: number;
  timings: Record<Phase, number>;
  timed<T>(phase: Phase, fn: () => Promise<T> | T): Promise<T>;
  progress(phase: Phase, done: number, total: number): void;
}

export function buildClock(options: ReindexOptions): BuildClock {
  const timings: Record<Phase, number> = { read: 0, chunk: 0, embed: 0, index: 0, write: 0 };
  return {
    started: performance.now(),
    timings,
    async timed<T>(phase: Phase, fn: () => Promise<T> | T): Promise<T> {
      const t = performance.now();
      try {
        return await fn();
      } finally {
        timings[phase] += (performance.now() - t) / 1000;
      }
    },
    progress: (phase, done, total) => options.onProgress?.({ phase, done, total }),
  };
}
