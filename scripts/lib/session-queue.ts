/**
 * The queue `npm run db:local` puts between its connections and PGlite's one session, in place of
 * pglite-socket's own (0.2.17). That one runs protocol messages one at a time in arrival order and
 * keeps a connection's turn only inside a transaction, so connection B's Parse could land between
 * connection A's Parse and Bind: A then bound B's statement ("unnamed prepared statement does not
 * exist", or B's rows) — electric-sql/pglite#1046. Here a connection keeps the session from its
 * first message until the server has answered it with ReadyForQuery outside a transaction, which
 * is what a real server's separate sessions give each connection. A message PGlite throws on fails
 * alone instead of stopping the queue (the library's loop returned without resetting itself).
 */
import type { PGlite } from '@electric-sql/pglite';

/** What pglite-socket's connection handlers call on the server's queue. */
export interface SocketQueue {
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number>;
  getQueueLength(): number;
  clearQueueForHandler(handlerId: number): void;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

interface Queued {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

/** The protocol version in a startup message (3.0); it has no type byte. */
const PROTOCOL_3 = 196608;
/** Message types after which the server sends ReadyForQuery: Sync, simple Query, Terminate. */
const ENDS_EXCHANGE = new Set(['S', 'Q', 'X'].map((c) => c.charCodeAt(0)));
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

function endsExchange(message: Uint8Array): boolean {
  if (message.length >= 8 && new DataView(message.buffer, message.byteOffset, message.byteLength).getInt32(4) === PROTOCOL_3) return true;
  return ENDS_EXCHANGE.has(message[0]!);
}

export class SessionQueue implements SocketQueue {
  private queue: Queued[] = [];
  /** The connection whose exchange or transaction is open: only its messages run until it ends. */
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.run();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((q) => {
      if (q.handlerId !== handlerId) return true;
      q.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** A connection went away: end what it left open (half an exchange, a transaction) and let the others in. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    await this.db.runExclusive(async () => {
      await this.db.execProtocolRaw(SYNC);
    });
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    void this.run();
  }

  private next(): Queued | undefined {
    if (this.owner === null) return this.queue.shift();
    const i = this.queue.findIndex((q) => q.handlerId === this.owner);
    return i < 0 ? undefined : this.queue.splice(i, 1)[0];
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        const q = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(q.message, {
              onRawData: (data) => {
                bytes += data.length;
                q.onData(data);
              },
            }),
          );
          this.owner = endsExchange(q.message) && !this.db.isInTransaction() ? null : q.handlerId;
          q.resolve(bytes);
        } catch (e) {
          this.owner = this.db.isInTransaction() ? q.handlerId : null;
          q.reject(e instanceof Error ? e : new Error(String(e)));
        }
      }
    } finally {
      this.running = false;
    }
  }
}
