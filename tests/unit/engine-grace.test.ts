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
