/** A reason's examples name events the host page can show: the host's recent events carry the same refs. */
import { describe, expect, it } from 'vitest';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { ScoringEngine } from '../../server/scoring/engine.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);

describe('reason examples', () => {
  it("are found among the host's recent events, newest first, in the ring's order", () => {
    const engine = new ScoringEngine({ detectors: defaultDetectors(), recentPerHost: 4 });
    for (let i = 0; i < 6; i++) {
      const ev: NormalizedEvent = {
        ts: T0 + i * 1000,
        sensor: 's1',
        kind: 'dns',
        src_ip: '10.1.0.5',
        segment: 'energy',
        query: `q${i}.example`,
      };
      engine.ingest(ev, `1764417600000-${i}`, T0 + i * 1000);
    }
    const host = engine.host('10.1.0.5')!;
    expect(host.recent.map((e) => [e.ref, e.query])).toEqual([
      ['1764417600000-5', 'q5.example'],
      ['1764417600000-4', 'q4.example'],
      ['1764417600000-3', 'q3.example'],
      ['1764417600000-2', 'q2.example'],
    ]);
  });
});
