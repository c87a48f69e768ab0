/**
 * A loopback web server for adding articles by link: serves the test pages of
 * test/fixtures/html and any route a test sets, and records what it was asked for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

// From the sources (test/support) or compiled (dist/test/support, for the benchmark): the repository's fixtures.
const REPO = path.resolve(import.meta.dirname, import.meta.url.endsWith('.ts') ? '../..' : '../../..');
export const PAGES_DIR = path.join(REPO, 'test/fixtures/html');
export const page = (name: string) => readFileSync(path.join(PAGES_DIR, name));

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface PageServer {
  base: string;
  port: number;
  /** Paths requested, in order. */
  seen: string[];
  routes: Map<string, Route>;
  /** Serve `body` at `route` with this content type. */
  serve(route: string, body: string | Buffer, contentType?: string): string;
  close(): Promise<void>;
}

export async function startPageServer(host = '127.0.0.1'): Promise<PageServer> {
  const routes = new Map<string, Route>();
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    const route = routes.get((req.url ?? '').split('?')[0]!);
    if (route) return route(req, res);
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<h1>Not found</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://${host}:${port}`;
  return {
    base,
    port,
    seen,
    routes,
    serve(route, body, contentType = 'text/html; charset=utf-8') {
      routes.set(route, (_req, res) => {
        res.writeHead(200, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
        res.end(body);
      });
      return `${base}${route}`;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The indexing processes this process started (children running build-worker; Linux /proc). */
export function indexingProcesses(): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('build-worker')) out.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
