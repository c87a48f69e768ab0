import { readFileSync } from 'node:fs';
import type { Engine } from '../index.js';
import { EngineError, statementsToJson, type QuotesJson } from '../index-light.js';
import { scoreQuotes, quotesJsonSchema, QUOTE_TUNING } from '../tools.js';

function readQuotesFile(file: string): QuotesJson {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new EngineError('INVALID_FILE', `Cannot read quotes file ${file}: ${(e as Error).message}.`);
  }
  const parsed = quotesJsonSchema.safeParse(raw);
  if (!parsed.success) throw new EngineError('INVALID_FILE', `${file}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  return parsed.data;
}

/** `npm run eval -- --quotes <gold>`: the index (brought up to date by `open`) or `--predicted` scored against the gold file. */
export async function runQuotesEval(
  goldFile: string,
  open: (() => Promise<Engine>) | undefined,
  predictedFile: string | undefined,
  verbose: boolean,
  sweep = false,
): Promise<void> {
  const gold = readQuotesFile(goldFile);
  let predicted: QuotesJson;
  const sweepLines: string[] = [];
  if (predictedFile) predicted = readQuotesFile(predictedFile);
  else {
    const engine = await open!();
    try {
      predicted = statementsToJson(engine.quotes().statements);
      const index = engine.quoteIndex;
      if (sweep && index) {
        // How grouping depends on its threshold: the same quotes regrouped at each value.
        sweepLines.push('', 'sameStatementCosine  grouping P / R / F1     across outlets P / R / F1');
        const values = [
          ...new Set([...Array.from({ length: 11 }, (_, i) => 0.6 + i * 0.025), QUOTE_TUNING.sameStatementCosine].map((v) => Math.round(v * 1000) / 1000)),
        ].sort();
        for (const t of values) {
          const { scores: x } = scoreQuotes(gold, statementsToJson(index.regrouped({ ...QUOTE_TUNING, sameStatementCosine: t }).statements));
          const mark = t === QUOTE_TUNING.sameStatementCosine ? ' < in use' : '';
          sweepLines.push(
            `${t.toFixed(3).padEnd(21)}${[x.grouping_precision, x.grouping_recall, x.grouping_f1].map((v) => v.toFixed(3)).join(' / ')}    ${[x.cross_article_precision, x.cross_article_recall, x.cross_article_f1].map((v) => v.toFixed(3)).join(' / ')}${mark}`,
          );
        }
      }
    } finally {
      await engine.close();
    }
  }
  const { scores, misses } = scoreQuotes(gold, predicted);
  const out = [
    `gold: ${scores.gold_statements} statements, ${scores.gold_quotes} quotes; predicted: ${scores.predicted_quotes} quotes`,
    `statement recall     ${scores.statement_recall.toFixed(3)}`,
    `quote recall         ${scores.quote_recall.toFixed(3)}`,
    `speaker accuracy     ${scores.speaker_accuracy.toFixed(3)}`,
    `grouping precision   ${scores.grouping_precision.toFixed(3)}`,
    `grouping recall      ${scores.grouping_recall.toFixed(3)}`,
    `grouping F1          ${scores.grouping_f1.toFixed(3)}`,
    `  across outlets (${scores.cross_article_pairs} gold pairs): precision ${scores.cross_article_precision.toFixed(3)}, recall ${scores.cross_article_recall.toFixed(3)}, F1 ${scores.cross_article_f1.toFixed(3)}`,
  ];
  const shown = verbose ? misses : misses.filter((m) => m.what !== 'split apart' && m.what !== 'wrongly grouped');
  if (shown.length) out.push('', ...shown.map((m) => `${m.what}: ${m.detail}`));
  out.push(...sweepLines);
  process.stdout.write(`${out.join('\n')}\n${JSON.stringify(scores)}\n`);
}
