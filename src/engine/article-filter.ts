import { chrono } from '../text/dates.js';
import type { ArticleFilter, ArticleMeta } from '../types.js';
import { EngineError } from '../errors.js';

/** A filter resolved against the index: the articles it keeps and how to say so. */
export interface AppliedFilter {
  articleIds: ReadonlySet<string>;
  /** "outlet The Meridian, published since 2025-03-01 (4 of 54 articles)". */
  description: string;
  outlet?: string;
  since?: string;
  until?: string;
}

const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** A date typed in plain words ("last week", "2025-11-27") as YYYY-MM-DD, by chrono-node; `now` anchors relative dates. */
export function parseDay(text: string, now: Date = new Date()): string | undefined {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const d = chrono().parseDate(t, now);
  return d ? day(d) : undefined;
}

/** An article's published day (front matter `published`, in whatever form it was written). */
export function publishedDay(article: ArticleMeta): string | undefined {
  if (!article.published) return undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(article.published.trim());
  if (iso) return iso[1];
  return parseDay(article.published, new Date(2000, 0, 1));
}

/** Outlets of the indexed articles, each once, sorted. */
export function outletsOf(articles: readonly ArticleMeta[]): string[] {
  return [...new Set(articles.map((d) => d.outlet?.trim()).filter((o): o is string => Boolean(o)))].sort((a, b) => a.localeCompare(b));
}

function listOutlets(articles: readonly ArticleMeta[]): string {
  const outlets = outletsOf(articles);
  if (!outlets.length) return 'No indexed article names its outlet.';
  const shown = outlets.slice(0, 20).join(', ');
  return `Outlets in the index: ${shown}${outlets.length > 20 ? ` and ${outlets.length - 20} more` : ''}.`;
}

function dateRange(articles: readonly ArticleMeta[]): string {
  const days = articles
    .map(publishedDay)
    .filter((d): d is string => Boolean(d))
    .sort();
  const undated = articles.length - days.length;
  if (!days.length) return 'No indexed article has a publication date.';
  return `Articles in the index were published from ${days[0]} to ${days[days.length - 1]}${undated ? ` (${undated} have no date)` : ''}.`;
}

/**
 * The articles a filter keeps. An outlet matching none, a date that cannot be read, or a filter
 * that leaves no article is an EngineError('NO_MATCHING_ARTICLES' / 'INVALID_FILTER') whose
 * message lists what exists, never an empty answer.
 */
export function applyArticleFilter(articles: readonly ArticleMeta[], filter: ArticleFilter, now: Date = new Date()): AppliedFilter | undefined {
  const outletTyped = filter.outlet?.trim();
  const sinceTyped = filter.since?.trim();
  const untilTyped = filter.until?.trim();
  if (!outletTyped && !sinceTyped && !untilTyped) return undefined;
  let kept = [...articles];
  const parts: string[] = [];
  let outlet: string | undefined;
  if (outletTyped) {
    const outlets = outletsOf(articles);
    const t = norm(outletTyped);
    outlet =
      outlets.find((o) => norm(o) === t) ??
      (outlets.filter((o) => norm(o).startsWith(t)).length === 1 ? outlets.find((o) => norm(o).startsWith(t)) : undefined) ??
      (outlets.filter((o) => norm(o).includes(t)).length === 1 ? outlets.find((o) => norm(o).includes(t)) : undefined);
    if (!outlet) {
      throw new EngineError('NO_MATCHING_ARTICLES', `No indexed article is from an outlet called "${outletTyped}". ${listOutlets(articles)}`, {
        data: { filter },
      });
    }
    kept = kept.filter((d) => d.outlet?.trim() === outlet);
    parts.push(`outlet ${outlet}`);
  }
  const bound = (typed: string | undefined, what: 'since' | 'until') => {
    if (!typed) return undefined;
    const d = parseDay(typed, now);
    if (!d)
      throw new EngineError('INVALID_FILTER', `Cannot read "${typed}" as a date for ${what}: try a date like 2025-11-27 or words like "last week".`, {
        data: { filter },
      });
    return d;
  };
  const since = bound(sinceTyped, 'since');
  const until = bound(untilTyped, 'until');
  if (since && until && since > until) {
    throw new EngineError('INVALID_FILTER', `"since" (${since}) is after "until" (${until}): no article can be in between.`, { data: { filter } });
  }
  if (since || until) {
    kept = kept.filter((d) => {
      const p = publishedDay(d);
      return p !== undefined && (!since || p >= since) && (!until || p <= until);
    });
    parts.push(since && until ? `published ${since} to ${until}` : since ? `published since ${since}` : `published until ${until}`);
  }
  if (!kept.length) {
    const why = since || until ? dateRange(outlet ? articles.filter((d) => d.outlet?.trim() === outlet) : articles) : listOutlets(articles);
    throw new EngineError('NO_MATCHING_ARTICLES', `No indexed article matches ${parts.join(', ')}. ${why}`, { data: { filter } });
  }
  return {
    articleIds: new Set(kept.map((d) => d.id)),
    description: `${parts.join(', ')} (${kept.length} of ${articles.length} articles)`,
    ...(outlet && { outlet }),
    ...(since && { since }),
    ...(until && { until }),
  };
}
