import type { HnswParams } from '../config/index-params.js';
import type { CorpusEntry } from '../ingest/cleaned-article.js';
import type { ManifestDocument } from './manifest.js';

/** What an existing index says about how it was built and what it holds (manifest or database generation). */
export interface PreviousIndex {
  modelId: string;
  dims: number;
  chunkerVersion: number;
  hnsw: Pick<HnswParams, 'm' | 'efConstruction'>;
  /** In label order. */
  documents: ManifestDocument[];
  /** Version of the quote extractor its quote index was built with; undefined when it has none. */
  quoteExtractor?: number;
}

/** How a build embeds and links passages now; an index built otherwise can't be reused. */
export interface BuildSettings {
  modelId: string;
  dims: number;
  chunkerVersion: number;
  hnsw: Pick<HnswParams, 'm' | 'efConstruction'>;
}

/** A previous index is reusable only if built the same way (otherwise everything is rebuilt). */
export function reusable(prev: PreviousIndex | undefined, now: BuildSettings): prev is PreviousIndex {
  return (
    prev !== undefined &&
    prev.modelId === now.modelId &&
    prev.dims === now.dims &&
    prev.chunkerVersion === now.chunkerVersion &&
    prev.hnsw.m === now.hnsw.m &&
    prev.hnsw.efConstruction === now.hnsw.efConstruction
  );
}

/** What changed between the previous index's articles and the articles now on disk. */
export interface ChangePlan {
  /** Ids of parsed articles the previous index doesn't have, in file order. */
  added: string[];
  /** Ids of parsed articles the previous index has (their bytes changed), in file order. */
  changed: string[];
  /** Ids the previous index has and the disk no longer does. */
  removed: string[];
  /** Articles known unchanged (not parsed). */
  unchangedCount: number;
  /** Nothing to do: no article to embed, none removed, and the quote index is current. */
  upToDate: boolean;
}

/**
 * Tell what changed. `entries` are the articles now on disk in file order; those with an `article`
 * were parsed, which are exactly the new and changed ones (unchanged ones are not parsed).
 */
export function planChanges(prev: PreviousIndex | undefined, entries: readonly CorpusEntry[], quoteExtractor: number): ChangePlan {
  const prevIds = new Set((prev?.documents ?? []).map((d) => d.id));
  const currentIds = new Set(entries.map((e) => e.id));
  const added: string[] = [];
  const changed: string[] = [];
  const parsed = entries.filter((e) => e.article);
  for (const e of parsed) (prevIds.has(e.id) ? changed : added).push(e.id);
  const removed = [...prevIds].filter((id) => !currentIds.has(id));
  const unchangedCount = entries.length - parsed.length;
  // (An index from before the quote index existed, or from an older quote extractor, is rebuilt once to bring its quotes up to date.)
  const upToDate = prev !== undefined && parsed.length === 0 && removed.length === 0 && prev.quoteExtractor === quoteExtractor;
  return { added, changed, removed, unchangedCount, upToDate };
}

/** The articles in the order of the new index's labels. */
export interface OrderPlan {
  order: CorpusEntry[];
  /** Only articles were added: existing passages keep their labels and the new ones follow. */
  appendOnly: boolean;
}

/**
 * When articles were only added, existing passages keep their labels and the new ones come
 * after them, so the stored graph is extended rather than rebuilt (for one article added to
 * 2000, most of the run's time was the rebuild). Otherwise passages follow file order.
 * `canReuse`: the previous index's passages and vectors were read and are usable.
 */
export function planOrder(
  prev: PreviousIndex | undefined,
  entries: readonly CorpusEntry[],
  changes: Pick<ChangePlan, 'changed' | 'removed'>,
  canReuse: boolean,
): OrderPlan {
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const kept = canReuse && prev && changes.removed.length === 0 && changes.changed.length === 0 ? prev.documents.map((d) => entryById.get(d.id)) : undefined;
  const appendOnly = Boolean(kept?.every((e) => e && !e.article));
  const order = appendOnly ? [...(kept as CorpusEntry[]), ...entries.filter((e) => e.article)] : [...entries];
  return { order, appendOnly };
}
