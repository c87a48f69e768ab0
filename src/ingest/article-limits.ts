/**
 * Larger files are not news articles (a long feature is ~50 KB); they would stall indexing. Its own
 * module so that the engine's settings can name it without importing the article readers
 * (linkedom, Readability, yaml: 20–30 MB a query process never uses).
 */
export const DEFAULT_MAX_ARTICLE_BYTES = 1024 * 1024;
