import cliProgress from 'cli-progress';
import type { ReindexProgress } from '../index-light.js';

export interface ProgressReporter {
  update(p: ReindexProgress): void;
  stop(): void;
}

const LABELS: Record<ReindexProgress['phase'], string> = {
  read: 'Reading articles ',
  chunk: 'Chunking         ',
  embed: 'Embedding        ',
  index: 'Building index   ',
  write: 'Writing          ',
};

/**
 * A progress bar per phase on a terminal; on a pipe or in CI, plain lines
 * (a phase's start, every 25%, and its end) so logs stay readable.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  let phase: ReindexProgress['phase'] | undefined;
  if (stream.isTTY) {
    let bar: cliProgress.SingleBar | undefined;
    return {
      update(p) {
        if (p.phase !== phase) {
          bar?.stop();
          phase = p.phase;
          bar = new cliProgress.SingleBar(
            { format: `${LABELS[p.phase]} [{bar}] {value}/{total} {percentage}% | ETA {eta}s`, stream, clearOnComplete: false, hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(Math.max(p.total, 1), p.done);
        } else {
          bar?.setTotal(Math.max(p.total, 1));
          bar?.update(p.done);
        }
      },
      stop() {
        bar?.stop();
      },
    };
  }
  let lastQuarter = -1;
  return {
    update(p) {
      if (p.phase !== phase) {
        phase = p.phase;
        lastQuarter = -1;
      }
      const quarter = p.total ? Math.floor((4 * p.done) / p.total) : 4;
      if (quarter !== lastQuarter) {
        lastQuarter = quarter;
        stream.write(`${LABELS[p.phase].trim()}: ${p.done}/${p.total}\n`);
      }
    },
    stop() {},
  };
}
