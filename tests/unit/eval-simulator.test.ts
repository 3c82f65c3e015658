/**
 * The evaluation's simulator cases as tests, through the product's alert rule. The hour: seed 7, 600 hosts, 40
 * simulated minutes at 300 events/s (two thirds of `npm run eval`'s hour), every scenario from minute 8 on — a
 * port scan within 5 s, a paced `-T2` scan and a sweep at one host a second within 2 minutes, beacons every 5 s
 * within 60 s and every 20–60 s within 12 beats, a whispering infection within 30 minutes — and no false alert.
 * The day (200 hosts at 100 events/s): its first 135 minutes (the full day runs in `npm run eval`): beacons every 60 s (±20 % a gap) within
 * 15 beats, every 10 min within 12, every 5 min ±50 % within 32, a `-T1` scan and a sweep at one host a minute
 * within 30 minutes, and no false alert.
 */
import { describe, expect, it } from 'vitest';
import { dayCases, simulatorCases } from '../../bench/eval-sim.js';

describe('evaluation on the simulator', () => {
  it('detects every injected scenario of the hour in time with no false alert', { timeout: 300_000 }, () => {
    const rows = simulatorCases({ seed: 7, hosts: 600, durationMs: 40 * 60_000 });
    const names = rows.map((r) => r.case.replace(/every (2\d|[3-5]\d|60) s/, 'every 20–60 s'));
    expect(names).toEqual([
      'sim port-scan',
      'sim beacon (every 20–60 s)',
      'sim beacon (every 5 s)',
      'sim exfiltration',
      'sim dns-tunnel',
      'sim password-guess',
      'sim paced scan -T2 (200 ports, 0.4 s a probe)',
      'sim sweep (one host a second)',
      'sim weak evidence (JA3 + fallbacks + calls)',
      'sim benign (600 hosts, 40 min, 300/s)',
    ]);
    for (const r of rows) expect(r.pass, `${r.case}: ${r.target}; took ${r.ttdMs} ms; ${r.note}`).toBe(true);
    expect(rows.find((r) => r.case === 'sim port-scan')!.ttdMs).toBeLessThanOrEqual(5000);
    expect(rows.at(-1)!.falseAlerts).toBe(0);
  });

  it('detects the slow scenarios of the day’s first 135 minutes in time with no false alert', {
    timeout: 300_000,
  }, () => {
    const rows = dayCases({ seed: 7, hosts: 200, durationMs: 135 * 60_000 });
    expect(rows.map((r) => r.case)).toEqual([
      'sim beacon every 60 s ±20 %',
      'sim beacon every 10 min ±20 %',
      'sim beacon every 5 min ±50 %',
      'sim paced scan -T1 (200 ports, 15 s a probe)',
      'sim sweep (one host a minute)',
      'sim benign (200 hosts, 135 min, 100/s)',
    ]);
    for (const r of rows) expect(r.pass, `${r.case}: ${r.target}; took ${r.ttdMs} ms; ${r.note}`).toBe(true);
  });
});
