/**
 * The bot says what its gateway connection does (issue #11 case 14): one log line per state change
 * (closed with its code, reconnecting, resumed, ready again, connection errors) and a warning when
 * reconnects repeat — against the loopback Discord server, with the unmodified discord.js client.
 * The token never appears in a log line (checked by useHarness after all tests).
 */
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness.js';

const harness = useHarness();
const newLines = (from: number) => harness().logger.lines.slice(from);
/** Wait until a log line matching `pattern` appears after line `from`. */
async function logged(from: number, pattern: RegExp, timeoutMs = 20_000): Promise<string[]> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (newLines(from).some((l) => pattern.test(l))) return newLines(from);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no log line matching ${pattern}; got:\n${newLines(from).join('\n')}`);
}

describe('gateway connection state changes are logged (case 14)', () => {
  it('a resumable close (4000): closed with its code, reconnecting, resumed', async () => {
    const h = harness();
    const from = h.logger.lines.length;
    h.server.dropConnections(4000);
    const lines = await logged(from, /Gateway: resumed/);
    expect(lines).toEqual([
      'WARN Gateway connection closed (code 4000 UnknownError)',
      'INFO Gateway: reconnecting…',
      expect.stringMatching(/^INFO Gateway: resumed \(\d+ missed events? replayed\)$/),
    ]);
  });

  it('a dropped TCP connection: closed (1006), reconnecting, resumed', async () => {
    const h = harness();
    const from = h.logger.lines.length;
    h.server.dropConnections();
    const lines = await logged(from, /Gateway: resumed/);
    expect(lines[0]).toBe('WARN Gateway connection closed (code 1006, the connection was lost or refused)');
    expect(lines).toContain('INFO Gateway: reconnecting…');
  });

  it('a session the server no longer knows: ready again with a new session', async () => {
    const h = harness();
    const from = h.logger.lines.length;
    h.server.invalidateSessions();
    h.server.dropConnections(4000);
    const lines = await logged(from, /Gateway: ready again/, 30_000);
    expect(lines).toContain('INFO Gateway: ready again (a new session; events missed meanwhile are not replayed)');
    expect(lines.some((l) => /Gateway: resumed/.test(l))).toBe(false);
  });

  it('repeated reconnects: one line each, and a warning that the connection keeps dropping', async () => {
    const h = harness();
    const from = h.logger.lines.length;
    for (let i = 0; i < 5; i++) {
      const resumed = h.logger.lines.filter((l) => /Gateway: resumed/.test(l)).length;
      h.server.dropConnections(4000);
      const end = Date.now() + 20_000;
      while (h.logger.lines.filter((l) => /Gateway: resumed/.test(l)).length === resumed && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    }
    const lines = newLines(from);
    expect(lines.filter((l) => l === 'INFO Gateway: reconnecting…').length).toBe(5);
    expect(lines.filter((l) => l.startsWith('WARN Gateway connection closed')).length).toBe(5);
    expect(lines.filter((l) => /^WARN Gateway: \d+ reconnects in the last 60 s — the connection keeps dropping/.test(l))).toHaveLength(1);
  });
});

describe('the gateway refuses connections (case 14)', () => {
  it('the server goes away: each refused attempt is a line, and the repeats a warning', async () => {
    const h = harness();
    const from = h.logger.lines.length;
    await h.server.close(); // the port now refuses connections
    const refused = 'WARN Gateway connection closed (code 1006, the connection was lost or refused)';
    // (earlier tests' reconnects count towards the warning: it comes after a few attempts)
    await logged(from, /reconnects in the last 60 s/, 30_000);
    const end = Date.now() + 30_000;
    while (newLines(from).filter((l) => l === refused).length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const lines = newLines(from);
    const attempts = lines.filter((l) => l === refused).length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(lines.filter((l) => l === 'INFO Gateway: reconnecting…').length).toBeGreaterThanOrEqual(attempts - 1);
    expect(lines.every((l) => /^(WARN|INFO) Gateway/.test(l))).toBe(true);
  });
});
