/**
 * Discord wants every interaction acknowledged within 3 s; the answer itself may come much later.
 * Under a burst, CPU-bound answer work (the model, composing answers) delays the acknowledgements
 * of interactions that arrived at the same time. So acknowledgements go first: answer work waits
 * until the acknowledgements already in flight when it was asked for have been sent (or `maxWaitMs`).
 */
export class AckTracker {
  private readonly pending = new Set<Promise<void>>();

  /** Acknowledgements in flight. */
  get size(): number {
    return this.pending.size;
  }

  /** Track an acknowledgement (deferReply / reply); returns it unchanged. */
  track<T>(ack: Promise<T>): Promise<T> {
    const settled: Promise<void> = ack.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return ack;
  }

  /** Resolves once the acknowledgements in flight now have settled, or after `maxWaitMs`. */
  async settled(maxWaitMs = 1500): Promise<void> {
    if (this.pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.pending]), new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)))]);
    clearTimeout(timer);
  }
}
