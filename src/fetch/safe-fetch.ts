import dns from 'node:dns';
import net from 'node:net';
import { Agent } from 'undici';
import { EngineError } from '../errors.js';
import { isPublicAddress } from './address-policy.js';

/**
 * Fetching an article someone links to, without letting the link reach what it should not: the
 * platform's `fetch` (undici) with its connections made through an address check.
 *
 * - only http: and https: URLs, without user names or passwords in them;
 * - every address a host name resolves to must be public (address-policy.ts), checked in the
 *   connection's own DNS lookup — the address checked is the address connected to, so a name that
 *   resolves differently a second time cannot slip through — and an address written in the URL is
 *   checked before connecting; both again for every redirect, followed by hand, at most
 *   FETCH_LIMITS.maxRedirects times;
 * - one time limit for the whole exchange, redirects and body included;
 * - a size cap enforced while the body streams in (a missing or false Content-Length changes nothing);
 * - only the content types asked for (text/html, text/plain, text/markdown for a link).
 *
 * `allowPrivate` (ALLOW_PRIVATE_FETCH=true) lifts the address check: the tests serve pages from a
 * loopback server, and an operator may want to add pages from an intranet.
 */

/** Tunables of fetching (one place; the time limit and size cap come from the configuration). */
export const FETCH_LIMITS = {
  /** Redirects followed before giving up. */
  maxRedirects: 5,
} as const;

/** Content types a linked article may have. */
export const ARTICLE_CONTENT_TYPES = ['text/html', 'application/xhtml+xml', 'text/plain', 'text/markdown', 'text/x-markdown'] as const;

export interface FetchPolicy {
  /** The whole exchange, redirects and body included. */
  timeoutMs: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Connect to loopback, private, link-local… addresses too. */
  allowPrivate: boolean;
  /** Media types accepted (default ARTICLE_CONTENT_TYPES). */
  contentTypes?: readonly string[];
  /** Which addresses count as public (default isPublicAddress; tests stand a loopback address in for a public one). */
  isAllowedAddress?: (address: string) => boolean;
  maxRedirects?: number;
}

export interface Fetched {
  /** Where the body came from, after redirects. */
  url: string;
  bytes: Uint8Array;
  /** The media type, lower-case, without parameters ("text/html"). */
  contentType: string;
  charset?: string;
}

const USER_AGENT = 'Newsdesk/0.1 (news article fetcher)';
const REDIRECT = new Set([301, 302, 303, 307, 308]);
/** Marks the DNS lookup's refusal, to tell it from other connection failures. */
const BLOCKED = 'ENEWSDESK_BLOCKED';

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const hostOf = (u: URL) => u.hostname.replace(/^\[|\]$/g, '');

/** What to call an address in a message: "a private address (10.0.0.5)". */
function addressKind(address: string): string {
  if (/^(127\.|::1$|::ffff:127\.)/.test(address)) return `a loopback address (${address})`;
  if (/^169\.254\.169\.254$|^fd00:ec2::254$/i.test(address)) return `a cloud metadata address (${address})`;
  if (/^(169\.254\.|fe[89ab][0-9a-f]:)/i.test(address)) return `a link-local address (${address})`;
  return `a private or reserved address (${address})`;
}

const refused = (url: URL, address: string) =>
  new EngineError('FETCH_REFUSED', `Refused to fetch ${url.host}: it points to ${addressKind(address)}, not a public web site.`);

/** The URL as the fetcher accepts it, or why not. */
export function checkUrl(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EngineError('FETCH_REFUSED', `That is not a web address: ${String(raw).slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EngineError('FETCH_REFUSED', `Only http and https links can be added (this one is ${url.protocol.replace(/:$/, '')}:).`);
  }
  if (url.username || url.password) throw new EngineError('FETCH_REFUSED', 'Links with a user name or password in them are not fetched.');
  return url;
}

/** A connection lookup that resolves as usual, then refuses when any address is not allowed. */
function checkedLookup(allowed: (a: string) => boolean): net.LookupFunction {
  return ((
    hostname: string,
    options: dns.LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void,
  ) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = addresses.find((a) => !allowed(a.address));
      if (bad) return callback(Object.assign(new Error(`${hostname} resolves to ${bad.address}`), { code: BLOCKED, address: bad.address }), []);
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as net.LookupFunction;
}

/** A fetch failure (thrown by undici as "fetch failed" with the reason as its cause) in words. */
function describeNetworkError(e: unknown, url: URL, policy: FetchPolicy): EngineError {
  const err = e as Error & { cause?: { code?: string; address?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return new EngineError('FETCH_FAILED', `${url.host} did not send the page within ${Math.round(policy.timeoutMs / 100) / 10} s; nothing was added.`);
  }
  const cause = err?.cause;
  if (cause?.code === BLOCKED) return refused(url, cause.address ?? '?');
  const why: Record<string, string> = {
    ENOTFOUND: 'no such host',
    EAI_AGAIN: 'its name could not be looked up',
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host cannot be reached',
    ENETUNREACH: 'the network cannot be reached',
    UND_ERR_SOCKET: 'the connection was closed',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
    ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another name',
  };
  const reason = (cause?.code && why[cause.code]) ?? cause?.message ?? err?.message ?? String(e);
  return new EngineError('FETCH_FAILED', `Could not fetch ${url.host}: ${reason}.`, { cause: e });
}

/** "text/html; charset=utf-8" → { type: "text/html", charset: "utf-8" }. */
export function parseContentType(header: string | null): { type: string; charset?: string } {
  const [type = '', ...params] = (header ?? '').split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find(Boolean);
  return { type: type.trim().toLowerCase(), ...(charset && { charset: charset.toLowerCase() }) };
}

/** Read a body, stopping (and cancelling the download) as soon as it passes `maxBytes`. */
async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, url: URL): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new EngineError(
        'ARTICLE_TOO_LARGE',
        `The page at ${url.host} is larger than the ${mb(maxBytes)} limit for an article (MAX_ARTICLE_BYTES); nothing was added.`,
      );
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Fetch a page or file for adding as an article, under `policy` (see the top of this file).
 * Failures are EngineErrors with a message fit to show the person who gave the link.
 */
export async function safeFetch(raw: string | URL, policy: FetchPolicy): Promise<Fetched> {
  const allowed = policy.allowPrivate ? () => true : (policy.isAllowedAddress ?? isPublicAddress);
  const types = policy.contentTypes ?? ARTICLE_CONTENT_TYPES;
  const maxRedirects = policy.maxRedirects ?? FETCH_LIMITS.maxRedirects;
  const agent = new Agent({ connect: { lookup: checkedLookup(allowed) } });
  const signal = AbortSignal.timeout(policy.timeoutMs);
  let url = checkUrl(raw);
  try {
    for (let hop = 0; ; hop++) {
      // An address written in the URL is connected to without a lookup: check it here.
      if (net.isIP(hostOf(url)) && !allowed(hostOf(url))) throw refused(url, hostOf(url));
      let res: Response;
      try {
        res = await fetch(url, {
          redirect: 'manual',
          signal,
          headers: { 'user-agent': USER_AGENT, accept: types.join(', ') },
          // undici's own option: the connections of this exchange go through the checked lookup
          dispatcher: agent,
        } as RequestInit);
      } catch (e) {
        throw describeNetworkError(e, url, policy);
      }
      if (REDIRECT.has(res.status)) {
        await res.body?.cancel().catch(() => undefined);
        const location = res.headers.get('location');
        if (!location) throw new EngineError('FETCH_FAILED', `${url.host} answered with a redirect (${res.status}) to nowhere.`);
        if (hop >= maxRedirects) throw new EngineError('FETCH_FAILED', `${url.host} redirected more than ${maxRedirects} times; nothing was added.`);
        url = checkUrl(new URL(location, url));
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        const what =
          res.status === 404 || res.status === 410 ? 'no such page' : res.status === 401 || res.status === 403 ? 'access denied' : res.statusText || 'an error';
        throw new EngineError('FETCH_FAILED', `${url.host} answered ${res.status} (${what}) for that link; nothing was added.`);
      }
      const { type, charset } = parseContentType(res.headers.get('content-type'));
      if (!types.includes(type)) {
        await res.body?.cancel().catch(() => undefined);
        throw new EngineError(
          'UNSUPPORTED_TYPE',
          `That link is ${type ? `a ${type} file` : 'of no stated type'}, not a web page or text (${types.filter((t) => !t.startsWith('application/x') && t !== 'text/x-markdown').join(', ')}); nothing was added.`,
        );
      }
      const length = Number(res.headers.get('content-length'));
      if (Number.isFinite(length) && length > policy.maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw new EngineError(
          'ARTICLE_TOO_LARGE',
          `The page at ${url.host} is ${mb(length)}, over the ${mb(policy.maxBytes)} limit for an article (MAX_ARTICLE_BYTES); nothing was added.`,
        );
      }
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(res.body, policy.maxBytes, url);
      } catch (e) {
        if (e instanceof EngineError) throw e;
        throw describeNetworkError(e, url, policy);
      }
      return { url: url.href, bytes, contentType: type, ...(charset && { charset }) };
    }
  } finally {
    // the body is read or abandoned by now: drop the connections (and any download still running)
    void agent.destroy().catch(() => undefined);
  }
}
