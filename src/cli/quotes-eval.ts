import { readFileSync } from 'node:fs';
import { Engine } from '../engine/engine.js';
import { EngineError } from '../engine/errors.js';
import { scoreQuotes } from '../eval/score-quotes.js';
import { quotesJsonSchema, statementsToJson, type QuotesJson } from '../quotes/quotes-json.js';
import { createProgressReporter } from './progress.js';

function readQuotesFile(file: string): QuotesJson {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new EngineError('CONFIG', `Cannot read quotes file ${file}: ${(e as Error).message}.`);
  }
  const parsed = quotesJsonSchema.safeParse(raw);
  if (!parsed.success) throw new EngineError('CONFIG', `${file}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  return parsed.data;
}

/** `npm run eval -- --quotes <gold>`: the index (brought up to date first) or `--predicted` scored against the gold file. */
export async function runQuotesEval(goldFile: string, predictedFile: string | undefined, verbose: boolean): Promise<void> {
  const gold = readQuotesFile(goldFile);
  let predicted: QuotesJson;
  if (predictedFile) predicted = readQuotesFile(predictedFile);
  else {
    const progress = createProgressReporter();
    const engine = await Engine.open({ onProgress: (p) => progress.update(p) });
    try {
      await engine.reindex({ onProgress: (p) => progress.update(p) });
      progress.stop();
      predicted = statementsToJson(engine.quotes().statements);
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
  ];
  const shown = verbose ? misses : misses.filter((m) => m.what !== 'split apart' && m.what !== 'wrongly grouped');
  if (shown.length) out.push('', ...shown.map((m) => `${m.what}: ${m.detail}`));
  process.stdout.write(`${out.join('\n')}\n${JSON.stringify(scores)}\n`);
}
