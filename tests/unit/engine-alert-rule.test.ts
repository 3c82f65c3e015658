import { describe, expect, it } from 'vitest';
import { replay } from '../../bench/eval-replay.js';
import { DEFAULT_RAISE, newRuleState, type RaiseSettings, stepRule } from '../../server/alerts/alert-rule.js';
import { createInventory, raiseScore } from '../../server/scoring/assets.js';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { ScoringEngine } from '../../server/scoring/engine.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

/** The rule's steps over scores sampled once a second from t = 0. */
function steps(scores: number[], s: RaiseSettings = DEFAULT_RAISE): string[] {
  const state = newRuleState();
  return scores.map((score, i) => stepRule(state, score, i * 1000, s));
}

describe('alert rule', () => {
  it('raises once the score has held at or above the raise threshold for the hold time', () => {
    expect(steps([70, 65, 61, 59, 80, 80, 80, 80, 80])).toEqual([
      'idle',
      'idle',
      'idle',
      'idle',
      'idle',
      'idle',
      'idle',
      'raise',
      'active',
    ]);
  });

  it('clears only after the score has stayed below the clear threshold for the clear hold', () => {
    const s = { ...DEFAULT_RAISE, raiseHoldMs: 0, clearHoldMs: 3000 };
    expect(steps([70, 50, 39, 45, 30, 30, 30, 30, 30], s)).toEqual([
      'raise',
      'active',
      'active',
      'active',
      'active',
      'active',
      'active',
      'clear',
      'idle',
    ]);
  });

  it('follows the thresholds it is given (an admin setting 70 raises later)', () => {
    const ramp = Array.from({ length: 20 }, (_, i) => 50 + i * 2);
    const at60 = steps(ramp).indexOf('raise');
    const at70 = steps(ramp, { ...DEFAULT_RAISE, raise: 70, clear: 50 }).indexOf('raise');
    expect(at60).toBe(8);
    expect(at70).toBe(13);
  });

  it('is what the evaluation raises with, thresholds from the settings', () => {
    const t0 = Date.UTC(2024, 2, 5, 8);
    // A host refused on a new port every 100 ms for 20 s: a fast vertical scan.
    const events = Array.from({ length: 200 }, (_, i): { event: NormalizedEvent; ref: string } => ({
      ref: `e${i}`,
      event: {
        ts: t0 + i * 100,
        sensor: 'z',
        kind: 'flow',
        src_ip: '10.0.0.5',
        segment: 'lab',
        dst_ip: '10.0.0.9',
        dst_port: 1000 + i,
        proto: 'tcp',
        conn_state: 'REJ',
      },
    }));
    const product = replay([events]);
    expect(product.raises.map((r) => r.id)).toEqual(['10.0.0.5']);
    const never = replay([events], { settings: { ...DEFAULT_RAISE, raise: 100.5, clear: 40 } });
    expect(never.raises).toEqual([]);
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
