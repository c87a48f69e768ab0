import { z } from 'zod';
import type { Statement } from './quote-index.js';

/** The `--json` shape of `npm run quotes` (and of gold files for `npm run eval -- --quotes`). */
export const quotesJsonSchema = z.object({
  statements: z.array(
    z.object({
      speaker: z.string().nullable(),
      kind: z.enum(['direct', 'fragment']),
      quotes: z.array(z.object({ document_id: z.string().min(1), paragraph: z.number().int().positive(), text: z.string().min(1) })).min(1),
    }),
  ),
});

export type QuotesJson = z.infer<typeof quotesJsonSchema>;

export function statementsToJson(statements: readonly Statement[]): QuotesJson {
  return {
    statements: statements.map((s) => ({
      speaker: s.speaker,
      kind: s.kind,
      quotes: s.quotes.map((q) => ({ document_id: q.articleId, paragraph: q.paragraph, text: q.text })),
    })),
  };
}
