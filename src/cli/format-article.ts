import type { AddResult, Passage, ArticleInfo } from '../index-light.js';
import { articleName, articleLabel } from '../format/labels.js';
import { cliWarnings } from './format-summary.js';

/** What `npm run add` prints: what was added, as it will be cited. */
export function formatAdded(r: AddResult): string {
  const a = r.article;
  return [
    `Added ${articleName(a)}`,
    `  id: ${a.id}  (cited as "${articleLabel(a)}")`,
    `  outlet: ${a.outlet ?? '-'}   published: ${a.published ?? '-'}   passages: ${a.passageCount}`,
    ...(a.url ? [`  url: ${a.url}`] : []),
    `  saved as ${r.file}; indexed and in service in ${r.seconds.toFixed(1)} s.`,
    ...cliWarnings(r.summary).map((w) => `Warning: ${w}`),
  ].join('\n');
}

/** `npm run source -- <id> --json`: exactly these keys. */
export function sourceToJson(info: ArticleInfo, passages: readonly Passage[]) {
  return {
    document_id: info.id,
    title: info.title,
    outlet: info.outlet ?? null,
    url: info.url ?? null,
    published: info.published ?? null,
    passages: passages.map((p) => ({ paragraph: p.paragraph, text: p.text })),
  };
}

/** `npm run source -- <id>`: the metadata, then each passage after its paragraph number. */
export function formatSource(info: ArticleInfo, passages: readonly Passage[]): string {
  const meta = [
    `${info.title}`,
    `  id: ${info.id}   file: ${info.file}`,
    `  outlet: ${info.outlet ?? '-'}   published: ${info.published ?? '-'}${info.byline ? `   by: ${info.byline}` : ''}`,
    ...(info.url ? [`  url: ${info.url}`] : []),
    ...(info.addedBy ? [`  added by ${info.addedBy}${info.addedAt ? ` on ${info.addedAt}` : ''}`] : []),
    `  ${passages.length} passage(s)`,
    '',
  ];
  return [...meta, ...passages.map((p) => `¶${p.paragraph}  ${p.text.replace(/\n\n/g, '\n     ')}`)].join('\n');
}
