/**
 * Fetching linked articles safely (issue #12, point 5), over real HTTP on loopback: schemes,
 * addresses (checked after DNS resolution and on every redirect), redirects, the size cap while
 * streaming, the time limit, content types. No request ever leaves the machine: refused addresses
 * are refused before connecting, and the only host name resolved is `localhost`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../src/fetch/address-policy.js';
import { safeFetch, type FetchPolicy } from '../../src/fetch/safe-fetch.js';
import { EngineError } from '../../src/errors.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A loopback HTTP server whose routes the tests set; it records the paths it was asked for. */
async function startServer(host = '127.0.0.1') {
  const routes = new Map<string, Handler>();
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    const route = routes.get(req.url ?? '');
    if (route) route(req, res);
    else {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not found</h1>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    routes,
    seen,
    port,
    base: `http://${host}:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const PAGE = '<!doctype html><html><head><title>A page</title></head><body><p>Hello.</p></body></html>';
const html =
  (body = PAGE, headers: http.OutgoingHttpHeaders = {}): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };
const redirect =
  (to: string, status = 302): Handler =>
  (_req, res) => {
    res.writeHead(status, { location: to });
    res.end();
  };

const open: FetchPolicy = { timeoutMs: 2000, maxBytes: 64 * 1024, allowPrivate: true };
const guarded: FetchPolicy = { ...open, allowPrivate: false };
/** As `guarded`, with 127.0.0.2 standing in for a public address (so a loopback server can play a public site). */
const publicIsOther: FetchPolicy = { ...guarded, isAllowedAddress: (a) => a === '127.0.0.2' };

async function failure(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('expected a failure');
}

let site: Awaited<ReturnType<typeof startServer>>;
let other: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  site = await startServer('127.0.0.1');
  other = await startServer('127.0.0.2'); // another loopback address: plays an internal host
});
afterAll(async () => {
  await site?.close();
  await other?.close();
});

describe('which addresses are public', () => {
  it.each([
    ['127.0.0.1', false],
    ['127.9.9.9', false],
    ['::1', false],
    ['::ffff:127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['fe80::1', false],
    ['fd00:ec2::254', false],
    ['100.100.100.200', false],
    ['0.0.0.0', false],
    ['::', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['64:ff9b::a00:1', false],
    ['2002:a00:1::', false],
    ['not an address', false],
    ['8.8.8.8', true],
    ['172.32.0.1', true],
    ['93.184.216.34', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:8.8.8.8', true],
  ])('%s → public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('fetching with ALLOW_PRIVATE_FETCH (the loopback test server)', () => {
  it('returns the body, the media type, the charset and the final URL', async () => {
    site.routes.set('/story', html());
    const r = await safeFetch(`${site.base}/story`, open);
    expect(Buffer.from(r.bytes).toString()).toBe(PAGE);
    expect(r).toMatchObject({ url: `${site.base}/story`, contentType: 'text/html', charset: 'utf-8' });
  });

  it('follows a few redirects (relative and absolute), and no more than five', async () => {
    site.routes.set('/r1', redirect('/r2', 301));
    site.routes.set('/r2', redirect(`${site.base}/r3`, 307));
    site.routes.set('/r3', redirect('/story', 308));
    expect((await safeFetch(`${site.base}/r1`, open)).url).toBe(`${site.base}/story`);
    for (let i = 0; i < 7; i++) site.routes.set(`/loop${i}`, redirect(`/loop${i + 1}`));
    const e = await failure(safeFetch(`${site.base}/loop0`, open));
    expect(e.code).toBe('FETCH_FAILED');
    expect(e.message).toMatch(/redirected more than 5 times/);
  });

  it('a 404 is a clear failure', async () => {
    const e = await failure(safeFetch(`${site.base}/missing`, open));
    expect(e.code).toBe('FETCH_FAILED');
    expect(e.message).toBe(`127.0.0.1:${site.port} answered 404 (no such page) for that link; nothing was added.`);
  });

  it('only text/html, text/plain and text/markdown are fetched; an image or a missing type is refused', async () => {
    site.routes.set('/image', (_q, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.alloc(100));
    });
    site.routes.set('/untyped', (_q, res) => {
      res.writeHead(200);
      res.end('plain words');
    });
    site.routes.set('/md', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/markdown' });
      res.end('# Title\n\nText.');
    });
    expect((await failure(safeFetch(`${site.base}/image`, open))).code).toBe('UNSUPPORTED_TYPE');
    expect((await failure(safeFetch(`${site.base}/image`, open))).message).toMatch(/^That link is a image\/png file, not a web page or text/);
    expect((await failure(safeFetch(`${site.base}/untyped`, open))).code).toBe('UNSUPPORTED_TYPE');
    expect((await safeFetch(`${site.base}/md`, open)).contentType).toBe('text/markdown');
  });

  it('a body over the size cap is refused while it streams (no Content-Length to trust), and the download is cut off', async () => {
    let written = 0;
    let closedEarly = false;
    site.routes.set('/huge', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }); // chunked: no length announced
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const timer = setInterval(() => {
        if (written >= 10 * 1024 * 1024) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(chunk);
        written += chunk.length;
      }, 1);
      res.on('close', () => {
        clearInterval(timer);
        closedEarly = written < 10 * 1024 * 1024;
      });
    });
    const e = await failure(safeFetch(`${site.base}/huge`, open));
    expect(e.code).toBe('ARTICLE_TOO_LARGE');
    expect(e.message).toMatch(/larger than the 0\.1 MB limit for an article \(MAX_ARTICLE_BYTES\)/);
    await new Promise((r) => setTimeout(r, 200));
    expect(closedEarly).toBe(true);
    expect(written).toBeLessThan(2 * 1024 * 1024);
  });

  it('an announced Content-Length over the cap is refused before reading', async () => {
    site.routes.set('/announced', html('x'.repeat(100 * 1024), { 'content-length': String(100 * 1024) }));
    const e = await failure(safeFetch(`${site.base}/announced`, open));
    expect(e.code).toBe('ARTICLE_TOO_LARGE');
    expect(e.message).toMatch(/is 0\.1 MB, over the 0\.1 MB limit/);
  });

  it('one time limit covers the whole exchange: a server that never answers, or stalls mid-body', async () => {
    site.routes.set('/silent', () => undefined);
    site.routes.set('/stall', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>first bytes…');
    });
    const policy = { ...open, timeoutMs: 500 };
    for (const route of ['/silent', '/stall']) {
      const t = Date.now();
      const e = await failure(safeFetch(`${site.base}${route}`, policy));
      expect(e.code).toBe('FETCH_FAILED');
      expect(e.message).toBe(`127.0.0.1:${site.port} did not send the page within 0.5 s; nothing was added.`);
      expect(Date.now() - t).toBeLessThan(5000);
    }
  });

  it('a connection refused is a clear failure', async () => {
    const closed = await startServer();
    const url = `${closed.base}/x`;
    await closed.close();
    const e = await failure(safeFetch(url, open));
    expect(e.code).toBe('FETCH_FAILED');
    expect(e.message).toMatch(/^Could not fetch 127\.0\.0\.1:\d+: the connection was refused\.$/);
  });
});

describe('fetching without ALLOW_PRIVATE_FETCH', () => {
  it.each(['file:///etc/passwd', 'ftp://example.com/a.txt', 'javascript:alert(1)', 'data:text/html,<p>x</p>', 'not a url'])('refuses %s', async (url) => {
    const e = await failure(safeFetch(url, guarded));
    expect(e.code).toBe('FETCH_REFUSED');
  });

  it('refuses a URL with credentials', async () => {
    expect((await failure(safeFetch(`http://user:pw@127.0.0.1:${site.port}/story`, open))).message).toMatch(/user name or password/);
  });

  it('refuses loopback, private, link-local and metadata addresses written in the URL, without connecting', async () => {
    site.seen.length = 0;
    for (const url of [
      `${site.base}/story`,
      `http://[::1]:${site.port}/story`,
      'http://10.0.0.1/',
      'http://192.168.0.10/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://0.0.0.0/',
    ]) {
      const e = await failure(safeFetch(url, guarded));
      expect(e.code, url).toBe('FETCH_REFUSED');
      expect(e.message, url).toMatch(
        /^Refused to fetch .+: it points to (a loopback|a private or reserved|a link-local|a cloud metadata) address \(.+\), not a public web site\.$/,
      );
    }
    expect(site.seen).toEqual([]);
  });

  it('checks the address a host name resolves to (localhost → loopback), without connecting', async () => {
    site.seen.length = 0;
    const e = await failure(safeFetch(`http://localhost:${site.port}/story`, guarded));
    expect(e.code).toBe('FETCH_REFUSED');
    expect(e.message).toMatch(/^Refused to fetch localhost:\d+: it points to a loopback address/);
    expect(site.seen).toEqual([]);
  });

  it('checks every redirect: a public page redirecting to an internal address is refused before that address is contacted', async () => {
    // 127.0.0.2 plays the public site; 127.0.0.1 (also what localhost resolves to) an internal host.
    site.routes.set('/admin', html('<p>internal</p>'));
    site.seen.length = 0;
    other.routes.set('/story', html());
    other.routes.set('/to-internal', redirect(`${site.base}/admin`));
    other.routes.set('/to-localhost', redirect(`http://localhost:${site.port}/admin`));
    other.routes.set('/to-metadata', redirect('http://169.254.169.254/latest/meta-data/'));
    other.routes.set('/to-file', redirect('file:///etc/passwd'));
    expect((await safeFetch(`${other.base}/story`, publicIsOther)).url).toBe(`${other.base}/story`); // the stand-in works
    for (const route of ['/to-internal', '/to-localhost', '/to-metadata', '/to-file']) {
      const e = await failure(safeFetch(`${other.base}${route}`, publicIsOther));
      expect(e.code, route).toBe('FETCH_REFUSED');
    }
    expect((await failure(safeFetch(`${other.base}/to-localhost`, publicIsOther))).message).toMatch(
      /^Refused to fetch localhost:\d+: it points to a loopback address \(127\.0\.0\.1\)/,
    );
    expect(site.seen).toEqual([]);
  });
});
