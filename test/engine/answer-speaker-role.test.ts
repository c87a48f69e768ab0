import { expect, it } from 'vitest';
import { engineForFile } from '../support/workspace.js';

// A strike's first day as a live blog and a wire report: the union's leader is named by her post,
// and she "addresses" the picket line rather than "says".
const ARTICLES: Record<string, string> = {
  'strike-live.txt': `Tarnby bus strike, day one: live

06:10 — Pickets have gathered outside the Harlow Road depot. About 40 drivers, many with flasks and union flags.

07:25 — Tarnby Buses says 30 of its usual 210 buses are running this morning.

09:40 — Marit Solheim, the union's regional secretary, addresses the picket line: "Nobody here wants to be out in the cold. Pay us fairly and the buses run tomorrow."

10:15 — The company's operations director, Jens Aakre, says the pay offer "is the best this business can afford".`,
  'strike-report.txt': `Bus drivers vote to strike over pay

TARNBY, March 2 (Fjord Wire) - Drivers at Tarnby Buses have voted to strike for three days in a dispute over pay, the Transport Workers' Union said on Monday.

The company said it was disappointed and that talks would continue at the mediation service.`,
};

const engine = engineForFile(ARTICLES);

it('"what did the union lady tell the picket line on day 1": the union leader addressing the picket line answers it', async () => {
  const answer = await engine().ask('what did the union lady tell the picket line on day 1');
  expect(answer.abstained).toBe(false);
  expect(answer.text).toContain('Pay us fairly');
});
