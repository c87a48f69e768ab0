/**
 * The IPC protocol both sides of the peer comparison speak (Newsdesk: `newsdesk-side.ts`; the
 * LangChain recipe: `recipe/recipe.mjs`), and the parent's end of it. Each side runs in its own
 * child process so that its memory is its own: peak RSS is the child's `resourceUsage().maxRSS`.
 */
import { fork, type ChildProcess } from 'node:child_process';

/** One retrieved passage, as the scorer sees it: the article's file name and the passage text. */
export interface Hit {
  file: string;
  text: string;
}

/** Which model files a side loaded (the recipe reports them; Newsdesk's come from its config). */
export interface ModelInfo {
  localModelPath: string;
  modelId: string;
  files: string[];
}

export type Request =
  | { id: number; op: 'search'; queries: string[]; k: number; instruction?: boolean; withHits?: boolean }
  | { id: number; op: 'stats' }
  | { id: number; op: 'exit' };

/** A request before the parent numbers it (Omit distributed over the union). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface SearchReply {
  id: number;
  /** Milliseconds per query, measured inside the child around the search call alone. */
  ms: number[];
  hits: Hit[][];
}

export interface StatsReply {
  id: number;
  rssMb: number;
  maxRssMb: number;
}

export interface BuiltMessage {
  built: { documents: number; passages: number; sinceStartMs: number; cpuSeconds: number; maxRssMb: number; model?: ModelInfo };
}
export interface ReadyMessage {
  ready: { openMs: number; passages: number; model?: ModelInfo };
}
export interface ProbeMessage {
  probe: { vector: number[]; model?: ModelInfo };
}

export interface SideCommand {
  /** Script to fork (compiled JS or .mjs: no TypeScript loader in the measured process). */
  script: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Node flags; none by default (the tests run the TypeScript side with `--import tsx`). */
  execArgv?: string[];
}

function forkSide(cmd: SideCommand, args: string[]): ChildProcess {
  return fork(cmd.script, args, { cwd: cmd.cwd, env: cmd.env, execArgv: cmd.execArgv ?? [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

/** The first message of a child that has the key `key`, or its error / unexpected exit. */
function firstMessage<T>(child: ChildProcess, key: string, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (m && typeof m === 'object' && 'error' in m) reject(new Error(`${what}: ${String(m.error)}`));
      else if (m && typeof m === 'object' && key in m) {
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve(m as T);
      }
    };
    const onExit = (code: number | null, signal: string | null) => reject(new Error(`${what} exited (${signal ?? `code ${code}`}) before reporting`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', reject);
  });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

/**
 * Run a one-shot job (`build`, `probe`) in a fresh child; wall time is from spawn to exit, as a
 * user running the command would see it.
 */
export async function runOnce<T>(cmd: SideCommand, args: string[], key: string, what: string): Promise<{ message: T; wallMs: number }> {
  const t = performance.now();
  const child = forkSide(cmd, args);
  const message = await firstMessage<T>(child, key, what);
  await exited(child);
  return { message, wallMs: performance.now() - t };
}

/** A long-lived query process: loads its index and the model, then answers requests in order. */
export class ServingSide {
  private nextId = 1;
  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly ready: ReadyMessage['ready'],
  ) {}

  static async start(name: string, cmd: SideCommand, args: string[]): Promise<ServingSide> {
    const child = forkSide(cmd, args);
    const { ready } = await firstMessage<ReadyMessage>(child, 'ready', `${name} (serve)`);
    return new ServingSide(name, child, ready);
  }

  private request<T>(req: Unnumbered<Request>): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (m: { id?: number; error?: string }) => {
        if (m?.error) reject(new Error(`${this.name}: ${m.error}`));
        else if (m?.id === id) {
          this.child.off('message', onMessage);
          this.child.off('exit', onExit);
          resolve(m as T);
        }
      };
      const onExit = () => reject(new Error(`${this.name} exited while answering`));
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send({ ...req, id });
    });
  }

  search(queries: string[], opts: { k: number; instruction?: boolean; withHits?: boolean }): Promise<SearchReply> {
    return this.request<SearchReply>({ op: 'search', queries, ...opts });
  }

  stats(): Promise<StatsReply> {
    return this.request<StatsReply>({ op: 'stats' });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.send({ op: 'exit', id: 0 });
    const t = setTimeout(() => this.child.kill(), 5000);
    await exited(this.child);
    clearTimeout(t);
  }
}
