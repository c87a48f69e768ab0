/**
 * Discord wants every interaction acknowledged within 3 s; the answer itself may come much later.
 * Under a burst, CPU-bound answer work (the model, composing answers) delays the acknowledgements
 * of interactions that arrived at the same time. So acknowledgements go first: answer work waits
 * until no acknowledgement is in flight (at most `maxWaitMs`).
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

  /**
   * Resolves once no acknowledgement is in flight (new ones arriving meanwhile are waited for too),
   * or after `maxWaitMs` at most, so a steady stream of interactions cannot hold answers back for long.
   */
  async settled(maxWaitMs = 1500): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadline - Date.now())));
      await Promise.race([Promise.allSettled([...this.pending]), timeUp]);
      clearTimeout(timer);
    }
  }
}
