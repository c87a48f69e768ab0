import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { DATE } from '../../text/shapes.js';
import { readPageMetadata, type MetaDocument, type PageMetadata } from './html-metadata.js';

/**
 * A saved or fetched news page → the article's paragraphs and metadata. The body is found by
 * Mozilla's Readability (Firefox Reader View), which drops navigation, share bars, related
 * stories, newsletter boxes, comments and ads by scoring the page's blocks; paragraph boundaries
 * are read back from the block elements it keeps. The DOM is linkedom: see the README ("HTML
 * articles") for its measurement against jsdom.
 */

/** Tunables of HTML extraction (one place). */
export const HTML_EXTRACTION = {
  /** Readability's own threshold: a candidate body shorter than this makes it retry with looser rules. */
  charThreshold: 500,
  /** A page whose extracted body is shorter than this (characters) is "not an article" (a video page, a login wall). */
  minArticleChars: 200,
  /** Elements Readability may look at; a bigger page is refused rather than parsed for a minute. */
  maxElemsToParse: 60_000,
  /** A paragraph of at most this many words that is all link text is navigation, not reporting. */
  maxNavigationWords: 12,
  /** A page-furniture box (see FURNITURE) is removed only when it has at most this much text: never a whole article. */
  maxFurnitureChars: 1500,
} as const;

export interface ExtractedHtml {
  meta: PageMetadata;
  /** The body, one entry per paragraph (white space folded), headline not included. */
  paragraphs: string[];
}

export type HtmlExtraction = { ok: true; article: ExtractedHtml } | { ok: false; reason: string };

/**
 * Class or id words of boxes that are never reporting and that Readability does not know as such
 * (it already drops comments, sidebars, footers, "related", "social"…): newsletter sign-ups and
 * promos inside the article body, paywall and consent boxes, share bars, recommendation widgets, ads.
 */
const FURNITURE =
  /(?:^|[-_\s])(?:newsletter|newsletters|signup|sign-up|subscribe|subscription|promo|paywall|cookie|cookies|consent|gdpr|share|sharing|social|recirc|recommended|trending|most-read|most-viewed|most-popular|outbrain|taboola|advert|advertisement|ad|ads|ad-slot|ad-container|mpu|sponsored)(?:$|[-_\s])/i;

interface FurnitureElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  querySelector(selector: string): unknown;
  remove(): void;
}

/** Remove page-furniture boxes (FURNITURE) holding little text, before Readability scores the page. */
function removeFurniture(doc: Document): void {
  const elements = doc.querySelectorAll('[class], [id]') as unknown as ArrayLike<FurnitureElement>;
  const doomed: FurnitureElement[] = [];
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    const words = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase().split(/\s+/);
    if (!words.some((w) => FURNITURE.test(w))) continue;
    if ((el.textContent ?? '').length > HTML_EXTRACTION.maxFurnitureChars || el.querySelector('h1')) continue;
    doomed.push(el);
  }
  for (const el of doomed) el.remove();
}

/** Parses HTML into a DOM document: linkedom by default; the benchmark passes jsdom's. */
export type ParseDom = (html: string, url?: string) => Document;

interface AttributeElement {
  attributes: ArrayLike<{ name: string; value: string }>;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

export const parseWithLinkedom: ParseDom = (html) => {
  // linkedom builds a whole document only from a string that has <html>; wrap fragments.
  const source = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const doc = parseHTML(source).document as unknown as Document;
  // HTML attribute names are case-insensitive, but linkedom keeps them as written: <META NAME=…>
  // or <DIV STYLE="display:none"> would go unseen by selectors and by Readability's visibility test.
  const all = doc.querySelectorAll('*') as unknown as ArrayLike<AttributeElement>;
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    const upper = Array.from(el.attributes).filter((a) => a.name !== a.name.toLowerCase());
    for (const a of upper) {
      el.removeAttribute(a.name);
      el.setAttribute(a.name.toLowerCase(), a.value);
    }
  }
  return doc;
};

/** Block elements: each ends a paragraph. Text directly inside one (outside a nested block) is one paragraph. */
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  'BR',
]);
/** Never article text: photo captions and credits, and anything not shown as text. */
const SKIP = new Set([
  'FIGURE',
  'FIGCAPTION',
  'PICTURE',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'BUTTON',
  'IFRAME',
  'VIDEO',
  'AUDIO',
  'SELECT',
  'TEXTAREA',
  'INPUT',
]);

interface WalkNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<WalkNode>;
}

/** A paragraph of the page and how much of its text is link text (navigation is all links). */
export interface PageParagraph {
  text: string;
  linkChars: number;
}

/**
 * The paragraphs of Readability's content element: text is gathered until a block element starts
 * or ends (or a `<br>` pair), so `<p>`s, list items, block quotes and sub-headings each become one.
 */
export function paragraphsOf(root: WalkNode): PageParagraph[] {
  const out: PageParagraph[] = [];
  let buffer = '';
  let linkChars = 0;
  let lastWasBr = false;
  const flush = () => {
    const text = buffer.replace(/\s+/g, ' ').trim();
    if (text) out.push({ text, linkChars: Math.min(linkChars, text.length) });
    buffer = '';
    linkChars = 0;
  };
  const walk = (node: WalkNode, inLink: boolean) => {
    for (let i = 0; i < node.childNodes.length; i++) {
      const child = node.childNodes[i]!;
      if (child.nodeType === 3) {
        const text = child.textContent ?? '';
        buffer += text;
        if (inLink) linkChars += text.replace(/\s+/g, ' ').trim().length;
        if (text.trim()) lastWasBr = false;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const name = child.nodeName.toUpperCase();
      if (SKIP.has(name)) continue;
      if (name === 'BR') {
        // one <br> is a line break inside a paragraph; two in a row separate paragraphs
        if (lastWasBr) flush();
        else buffer += ' ';
        lastWasBr = true;
        continue;
      }
      lastWasBr = false;
      const link = inLink || name === 'A';
      if (BLOCK.has(name)) {
        flush();
        walk(child, link);
        flush();
      } else walk(child, link);
    }
  };
  walk(root, false);
  flush();
  return out;
}

/** A short paragraph that is all link text is navigation ("Back to news", "Read more: …"). */
const isNavigation = (p: PageParagraph) => p.linkChars >= p.text.length * 0.9 && p.text.split(' ').length <= HTML_EXTRACTION.maxNavigationWords;

const TIME = /\b\d{1,2}[.:]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|BST|CET|CEST|EET|ET|EST|EDT|PT|PST|PDT|CT|MT))?\b/gi;
const LINE_WORDS = /\b(?:by|updated|published|posted|last updated|first published|on|at|\d+\s+min(?:ute)?s?\s+read|read time)\b/gi;

/**
 * A byline or dateline left in the body ("Dana Whitcombe · Oct. 14, 2025 4:20 pm ET · 4 min read",
 * a live blog's "14.05 CET"): nothing is left once names of the byline, dates, times, "By",
 * "Updated" and reading times are taken out. Readability leaves such lines in when the page's
 * metadata already named the author.
 */
export function isDateOrBylineLine(text: string, byline?: string): boolean {
  if (text.length > 160) return false;
  let rest = ` ${text} `;
  for (const name of (byline ?? '').split(/\s*(?:,|\band\b|&)\s*/)) {
    if (name.trim().length > 2) rest = rest.split(name.trim()).join(' ');
  }
  rest = rest.replace(TIME, ' ').replace(new RegExp(DATE.source, 'gi'), ' ').replace(LINE_WORDS, ' ');
  return !/\p{L}/u.test(rest) && rest.trim().length < text.length;
}

/** "By Callum Reid · 19 August 2025" → "Callum Reid". */
export function cleanByline(byline: string | undefined): string | undefined {
  if (!byline) return undefined;
  const parts = byline
    .split(/\s+[·|•]\s+/)
    .map((s) => s.replace(/^\s*by\s+/i, '').trim())
    .filter((s) => s && !isDateOrBylineLine(s));
  const name = parts.join(' · ').replace(/\s+/g, ' ').trim();
  return name && name.length <= 120 ? name : undefined;
}

/**
 * Extract an article from HTML. Metadata is read first (Readability rewrites the document), the
 * body then comes from Readability; a page without an article body says so instead of yielding
 * its navigation.
 */
export function extractHtml(html: string, options: { url?: string; parse?: ParseDom } = {}): HtmlExtraction {
  const parse = options.parse ?? parseWithLinkedom;
  let doc: Document;
  try {
    doc = parse(html, options.url);
  } catch (e) {
    return { ok: false, reason: `the page could not be parsed as HTML (${(e as Error).message})` };
  }
  const meta = readPageMetadata(doc as unknown as MetaDocument, options.url);
  removeFurniture(doc);
  let result: ReturnType<Readability<WalkNode>['parse']>;
  try {
    result = new Readability<WalkNode>(doc, {
      charThreshold: HTML_EXTRACTION.charThreshold,
      maxElemsToParse: HTML_EXTRACTION.maxElemsToParse,
      serializer: (el) => el as unknown as WalkNode,
    }).parse();
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    if (/Aborting parsing document/.test(message))
      return { ok: false, reason: `the page is too large to read (over ${HTML_EXTRACTION.maxElemsToParse} elements)` };
    return { ok: false, reason: `no article could be found in the page (${message})` };
  }
  // Readability's finds come after the page's own tags (their order is the issue's), except the byline it reads from the text.
  const byline = meta.byline ?? cleanByline(clean(result?.byline));
  const paragraphs = (result?.content ? paragraphsOf(result.content) : [])
    .filter((p) => !isNavigation(p) && !isDateOrBylineLine(p.text, byline))
    .map((p) => p.text);
  const chars = paragraphs.reduce((n, p) => n + p.length, 0);
  if (chars < HTML_EXTRACTION.minArticleChars) {
    return { ok: false, reason: `no article text could be found in the page (${chars} characters of text after removing navigation and page furniture)` };
  }
  // A <title> keeps the site's name around the headline ("Pellham Echo - Mill fire: …"); Readability's
  // cleaning of it drops that, and is taken when it is a part of it.
  const readabilityTitle = clean(result?.title);
  const { titleFromDocument, ...pageMeta } = meta;
  const title =
    titleFromDocument && meta.title && readabilityTitle && meta.title.includes(readabilityTitle) && readabilityTitle.split(' ').length >= 3
      ? readabilityTitle
      : (meta.title ?? readabilityTitle);
  // A headline set inline with the first paragraph (old markup) is the title, already paragraph 1 of the article.
  if (title && paragraphs[0]?.startsWith(`${title} `)) paragraphs[0] = paragraphs[0].slice(title.length + 1).trim();
  const fallbackOutlet = clean(result?.siteName);
  return {
    ok: true,
    article: {
      meta: {
        ...pageMeta,
        ...(title && { title }),
        ...(byline && { byline }),
        ...(!pageMeta.outlet && fallbackOutlet && { outlet: fallbackOutlet }),
      },
      paragraphs,
    },
  };
}

const clean = (s: string | null | undefined) => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};
