import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { ScoringEngine } from '../../server/scoring/engine.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

const t0 = Date.UTC(2026, 11, 6, 10);
const flow = (ts: number): NormalizedEvent => ({
  ts,
  sensor: 's1',
  kind: 'flow',
  src_ip: '10.0.0.5',
  segment: 'lab',
  dst_ip: '10.0.0.9',
  dst_port: 443,
  proto: 'tcp',
});

/**
 * Live events at t0 + 100 ms, a tick 2.5 s later (the process then stalls), and an event of the first second read only
 * after the tick: whether it is late depends on the grace alone.
 */
function lateAfterStall(graceMs: number): { late: number; points: number } {
  const engine = new ScoringEngine({ detectors: defaultDetectors(), graceMs });
  engine.ingest(flow(t0 + 100), 'a', t0 + 100);
  engine.advance(t0 + 2_500);
  engine.ingest(flow(t0 + 500), 'b', t0 + 2_600);
  engine.series.drainClosed();
  return { late: engine.late, points: engine.series.drainLate().length };
}

describe('bucket grace (WF_GRACE_MS)', () => {
  it('counts an event read after its bucket closed as late, and one within a longer grace in its own bucket', () => {
    expect(lateAfterStall(1_000)).toEqual({ late: 1, points: 1 });
    expect(lateAfterStall(4_000)).toEqual({ late: 0, points: 0 });
  });

  it('is a setting, 1 s by default', () => {
    expect(loadConfig({}).graceMs).toBe(1_000);
    expect(loadConfig({ WF_GRACE_MS: '4000' }).graceMs).toBe(4_000);
    expect(() => loadConfig({ WF_GRACE_MS: '-1' })).toThrow(/WF_GRACE_MS/);
  });
});

describe('downtime (ScoringEngine.noteDowntime)', () => {
  /** Twenty flows a second from twenty hosts of one segment over [from, to) s; the clock moved on each second. */
  function steady(engine: ScoringEngine, from: number, to: number): number {
    let strongest = 0;
    for (let s = from; s < to; s++) {
      for (let i = 0; i < 20; i++) {
        const ts = t0 + s * 1000 + i * 50;
        engine.ingest({ ...flow(ts), src_ip: `10.0.0.${i + 1}` }, `e${s}.${i}`, ts);
      }
      engine.advance(t0 + (s + 1) * 1000 + 1_500);
      const rate = engine
        .segmentEvidence()
        .flatMap((e) => e.reasons)
        .filter((r) => r.detector === 'rate');
      for (const r of rate) strongest = Math.max(strongest, r.contribution);
    }
    return strongest;
  }

  it('is not learnt as a quiet spell: the same traffic after a restart raises no rate evidence', () => {
    const before = new ScoringEngine({ detectors: defaultDetectors() });
    expect(steady(before, 0, 400)).toBe(0);
    const state = before.exportState();
    // a quarter of an hour down (a deploy that went wrong), then the same traffic: taken as fifteen minutes of
    // silence, the segment's rate baseline sinks and the first seconds back look like a burst
    const unaware = new ScoringEngine({ detectors: defaultDetectors() });
    unaware.importState(structuredClone(state));
    expect(steady(unaware, 1_300, 1_320)).toBeGreaterThan(50);
    const aware = new ScoringEngine({ detectors: defaultDetectors() });
    aware.importState(structuredClone(state));
    aware.noteDowntime(t0 + 400_000, t0 + 1_300_000);
    expect(steady(aware, 1_300, 1_320)).toBe(0);
  });
});
