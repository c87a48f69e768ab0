/**
 * An article's metadata from the page itself, read before Readability changes the document:
 *
 * - title: `og:title`, then `<title>` (without a trailing " | Outlet"), then JSON-LD `headline`;
 * - outlet: `og:site_name`, then JSON-LD `publisher.name`;
 * - published: `article:published_time`, then JSON-LD `datePublished`, then the first `<time datetime>`
 *   (then other publishers' meta tags: `date`, `pubdate`, `dc.date`…), as YYYY-MM-DD;
 * - url: `<link rel="canonical">`, then `og:url`, then JSON-LD `url` / `mainEntityOfPage`;
 * - byline: `<meta name="author">`, then JSON-LD `author.name`, (then Readability's own, see extract-html.ts).
 *
 * The DOM is any W3C-shaped one (linkedom in production, jsdom in the benchmark), reached only
 * through `querySelector(All)` and attributes.
 */

export interface PageMetadata {
  /** Set when the title is the page's <title>, cleaned (extract-html.ts may prefer Readability's cleaning of it). */
  titleFromDocument?: boolean;
  title?: string;
  outlet?: string;
  published?: string;
  url?: string;
  byline?: string;
}

/** The part of a DOM document this module reads. */
export interface MetaDocument {
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }>;
}

/** JSON-LD types that describe the article itself. */
const ARTICLE_TYPES =
  /^(?:\w+:)?(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|LiveBlogPosting|BlogPosting|Report|WebPage)$/;

const clean = (s: string | null | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every object of the page's JSON-LD blocks (top level, arrays and `@graph`), in page order; broken blocks are skipped. */
function jsonLdObjects(doc: MetaDocument): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (isObject(v)) {
      out.push(v);
      if (Array.isArray(v['@graph'])) visit(v['@graph'], depth + 1);
    }
  };
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    try {
      visit(JSON.parse(scripts[i]!.textContent ?? ''), 0);
    } catch {
      // a page's broken JSON-LD is its problem, not a reason to refuse the article
    }
  }
  return out;
}

const typesOf = (o: Json): string[] => (Array.isArray(o['@type']) ? o['@type'] : [o['@type']]).filter((t): t is string => typeof t === 'string');

/** The article's JSON-LD object: the first of an article type (a WebPage only when nothing better is there). */
function articleJsonLd(doc: MetaDocument): Json | undefined {
  const objects = jsonLdObjects(doc);
  const isArticle = (o: Json, page: boolean) => typesOf(o).some((t) => ARTICLE_TYPES.test(t) && (page || !/WebPage$/.test(t)));
  return objects.find((o) => isArticle(o, false)) ?? objects.find((o) => isArticle(o, true));
}

/** A name from a JSON-LD value: a string, `{ name }`, or a list of those (joined with "and"). */
function nameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return clean(v);
  if (isObject(v)) return typeof v.name === 'string' ? clean(v.name) : undefined;
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((n): n is string => Boolean(n));
    if (names.length === 0) return undefined;
    return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }
  return undefined;
}

const urlOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? clean(v) : isObject(v) && typeof v['@id'] === 'string' ? clean(v['@id']) : undefined;

/**
 * A published date as an ISO date (YYYY-MM-DD): the calendar date as the page wrote it when it is
 * ISO 8601 (the publisher's own day, not shifted to UTC), else whatever `Date.parse` recognises
 * (RFC 2822, "November 28, 2025"); undefined when neither.
 */
export function normalizeDate(value: string | undefined): string | undefined {
  const v = clean(value);
  if (!v) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(v);
  if (iso) {
    const [, y, m, d] = iso;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : undefined;
  }
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  const date = new Date(t);
  // A date without a time parses as local midnight: read it back in local time.
  const hasTime = /\d:\d\d/.test(v);
  const [y, m, d] = hasTime ? [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()] : [date.getFullYear(), date.getMonth() + 1, date.getDate()];
  if (y < 1900 || y > 2200) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Only http(s) URLs, resolved against the page's address when relative. */
export function absoluteUrl(value: string | undefined, base?: string): string | undefined {
  const v = clean(value);
  if (!v) return undefined;
  try {
    const u = base ? new URL(v, base) : new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** " | The Harbour Times", " - Outlet", " — Outlet" at the end of a <title>, when it names the outlet (or a site-like suffix). */
function stripSiteSuffix(title: string, outlet: string | undefined): string {
  const parts = title.split(/\s+[|\-–—·:]\s+/);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1]!;
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const isOutlet = outlet !== undefined && norm(last) === norm(outlet);
  const isSiteName = /\.(com|net|org|co\.uk|news)$/i.test(last);
  return isOutlet || isSiteName
    ? title
        .slice(0, title.length - last.length)
        .replace(/\s+[|\-–—·:]\s*$/, '')
        .trim()
    : title;
}

/** The page's own metadata, in the order of preference described at the top of this file. */
export function readPageMetadata(doc: MetaDocument, pageUrl?: string): PageMetadata {
  const meta = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const el = doc.querySelector(`meta[property="${key}"]`) ?? doc.querySelector(`meta[name="${key}"]`);
      const v = clean(el?.getAttribute('content'));
      if (v) return v;
    }
    return undefined;
  };
  const ld = articleJsonLd(doc);
  const ldText = (key: string) => (ld && typeof ld[key] === 'string' ? clean(ld[key] as string) : undefined);

  const outlet =
    meta('og:site_name') ?? (ld && nameOf(ld.publisher)) ?? nameOf(jsonLdObjects(doc).find((o) => typesOf(o).some((t) => /Organization$/.test(t)))?.name);
  const docTitle = clean(doc.querySelector('title')?.textContent);
  const ogTitle = meta('og:title', 'twitter:title');
  const title = ogTitle ?? (docTitle && stripSiteSuffix(docTitle, outlet)) ?? ldText('headline');

  const timeEl = doc.querySelector('time[datetime]');
  const published =
    normalizeDate(meta('article:published_time', 'og:article:published_time', 'datePublished')) ??
    normalizeDate(ldText('datePublished')) ??
    normalizeDate(clean(timeEl?.getAttribute('datetime'))) ??
    // other publishers' conventions, after the three above
    normalizeDate(meta('pubdate', 'publishdate', 'publish-date', 'date', 'dc.date', 'DC.date', 'dcterms.date', 'sailthru.date', 'parsely-pub-date'));

  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  const url =
    absoluteUrl(canonical ?? undefined, pageUrl) ??
    absoluteUrl(meta('og:url'), pageUrl) ??
    absoluteUrl(ld && (urlOf(ld.url) ?? urlOf(ld.mainEntityOfPage)), pageUrl);

  // article:author is often a profile URL, not a name
  const byline = [meta('author'), meta('article:author'), meta('byl'), ld && nameOf(ld.author)].find((b) => b && !/^https?:\/\//i.test(b));
  return {
    ...(title && { title }),
    ...(title && !ogTitle && title === (docTitle && stripSiteSuffix(docTitle, outlet)) && { titleFromDocument: true }),
    ...(outlet && { outlet }),
    ...(published && { published }),
    ...(url && { url }),
    ...(byline && { byline }),
  };
}
