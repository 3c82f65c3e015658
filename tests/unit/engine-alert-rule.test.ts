import { describe, expect, it } from 'vitest';
import {
  ALERT_SUSTAIN_S,
  type AlertTransition,
  alertRule,
  heldAt,
  isAlerting,
  newTrack,
  runTo,
  setScore,
} from '../../server/scoring/alert-rule.js';
import { createInventory, raiseScore } from '../../server/scoring/assets.js';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { ScoringEngine } from '../../server/scoring/engine.js';

const HL = 30_000;

describe('alert rule', () => {
  it('alerts on the third consecutive second at or above 60', () => {
    let run = 0;
    const states = [70, 65, 61, 59, 80].map((s) => (run = alertRule(run, s)));
    expect(states).toEqual([1, 2, 3, 0, 1]);
    expect(states.map(isAlerting)).toEqual([false, false, true, false, false]);
    expect(ALERT_SUSTAIN_S).toBe(3);
  });

  it('applied to a held score, matches the rule sampled every second, whatever the query cadence', () => {
    let x = 3;
    const rnd = () => {
      x = (x * 16807) % 2147483647;
      return x / 2147483647;
    };
    const updates = Array.from({ length: 200 }, (_, i) => ({
      at: (i * 7 + Math.floor(rnd() * 6)) * 1000,
      score: rnd() * 100,
    }));
    // Reference: sample every second.
    const ref: AlertTransition[] = [];
    const held = newTrack();
    let run = 0;
    let u = 0;
    for (let t = 0; t <= 1_500_000; t += 1000) {
      while (u < updates.length && updates[u]!.at === t) {
        if (updates[u]!.score >= heldAt(held, t, HL))
          Object.assign(held, { score: updates[u]!.score, at: t });
        u++;
      }
      const next = alertRule(run, heldAt(held, t, HL));
      if (!isAlerting(run) && isAlerting(next)) ref.push({ kind: 'raise', at: t });
      if (isAlerting(run) && !isAlerting(next)) ref.push({ kind: 'clear', at: t });
      run = next;
    }
    // Analytic track, queried at random moments only.
    const track = newTrack();
    const out: AlertTransition[] = [];
    for (const up of updates) {
      if (rnd() < 0.3) runTo(track, up.at - 1000, HL, out);
      if (up.score >= heldAt(track, up.at, HL)) setScore(track, up.score, up.at, HL, out);
    }
    runTo(track, 1_500_000, HL, out);
    expect(out).toEqual(ref);
    expect(ref.length).toBeGreaterThan(4);
  });
});

describe('asset inventory', () => {
  const inv = createInventory({
    '10.1.2.3': { name: 'scada-hmi-1', owner: 'energy OT', criticality: 'critical' },
    '10.1.0.0/16': { name: 'energy LAN', criticality: 'medium' },
    '10.1.2.0/24': { name: 'energy control', criticality: 'high' },
  });

  it('names hosts by exact address, else the longest prefix', () => {
    expect(inv.lookup('10.1.2.3')?.name).toBe('scada-hmi-1');
    expect(inv.lookup('10.1.2.9')?.name).toBe('energy control');
    expect(inv.lookup('10.1.9.9')?.name).toBe('energy LAN');
    expect(inv.lookup('10.2.0.1')).toBeNull();
  });

  it('raises scores on high and critical assets by counting the evidence 1.25 or 1.5 times', () => {
    expect(raiseScore(50, 'medium')).toBe(50);
    expect(raiseScore(50, 'critical')).toBeCloseTo(64.6, 1);
    expect(raiseScore(0, 'critical')).toBe(0);
    expect(raiseScore(100, 'critical')).toBe(100);
  });

  it('puts the asset on host views and the raise among the reasons', () => {
    const engine = new ScoringEngine({ detectors: defaultDetectors(), assets: inv });
    const t0 = Date.UTC(2024, 2, 5, 8);
    for (let i = 0; i < 6; i++)
      engine.ingest(
        {
          ts: t0 + i * 10,
          sensor: 's',
          kind: 'ids',
          src_ip: '10.1.2.3',
          segment: 'energy',
          signature: 'ET SCAN X',
          severity: 2,
        },
        `i${i}`,
        t0,
      );
    engine.advance(t0 + 5000);
    const host = engine.host('10.1.2.3')!;
    expect(host.asset).toMatchObject({ name: 'scada-hmi-1', criticality: 'critical' });
    expect(host.reasons.at(-1)).toMatchObject({ detector: 'asset', feature: 'criticality critical' });
    expect(host.score).toBeGreaterThan(host.reasons[0]!.contribution);
  });
});
