/**
 * The evaluation's simulator cases as a test: seed 7, 600 hosts (≥ 500), 20 simulated minutes of background at
 * 300 events/s (a third of `npm run eval`'s hour, to keep CI under a minute), the five scenarios from minute 6 on,
 * with two beacons (a fast one, every 5 s, and a seeded one, every 20–60 s).
 * Targets: every scenario alerts, a scan within 5 s of event time, the others within 60 s (a slow beacon, which
 * beats only 1–3 times in 60 s, within 12 of its beats), and at most 1 false alert across the benign hosts.
 */
import { describe, expect, it } from 'vitest';
import { simulatorCases } from '../../bench/eval-cases.js';

describe('evaluation on the simulator', () => {
  it('detects every injected scenario in time with at most one false alert', { timeout: 240_000 }, () => {
    const rows = simulatorCases({ seed: 7, hosts: 600, durationMs: 20 * 60_000 });
    const scenarios = rows.filter((r) => r.case.startsWith('sim ') && r.expected !== '(none)');
    const slow = scenarios.find((r) => /^sim beacon \(every (2\d|[3-5]\d|60) s\)$/.test(r.case))!;
    expect(slow, 'a beacon every 20–60 s').toBeDefined();
    expect(scenarios.map((r) => (r === slow ? 'slow beacon' : r.case)).sort()).toEqual([
      'sim beacon (every 5 s)',
      'sim dns-tunnel',
      'sim exfiltration',
      'sim password-guess',
      'sim port-scan',
      'slow beacon',
    ]);
    for (const r of scenarios) {
      expect(r.detected, `${r.case} detected`).toBe(true);
      expect(r.pass, `${r.case}: ${r.target}, took ${r.ttdMs} ms`).toBe(true);
    }
    expect(scenarios.find((r) => r.case === 'sim port-scan')!.ttdMs).toBeLessThanOrEqual(5000);
    for (const r of scenarios.filter((x) => x !== slow)) expect(r.ttdMs, r.case).toBeLessThanOrEqual(60_000);
    const interval = Number(/every (\d+) s/.exec(slow.case)![1]) * 1000;
    expect(slow.ttdMs).toBeLessThanOrEqual(12 * interval);
    const benign = rows.find((r) => r.expected === '(none)')!;
    expect(benign.falseAlerts).toBeLessThanOrEqual(1);
  });
});
