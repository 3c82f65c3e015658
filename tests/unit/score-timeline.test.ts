import { describe, expect, it } from 'vitest';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { ScoringEngine } from '../../server/scoring/engine.js';
import {
  exportTimeline,
  importTimeline,
  newTimeline,
  pushTimeline,
  scoreParts,
  TIMELINE,
  timelinePoints,
} from '../../server/scoring/entity.js';
import { wholeShares } from '../../shared/noisy-or.js';

const reason = (detector: string, contribution: number) => ({
  detector,
  feature: 'f',
  observed: 1,
  expected: 0,
  contribution,
});

describe("the host page's shares of the score shown", () => {
  it('are whole points that add up to the score as shown, every time', () => {
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    // a scan held at 100 beside weaker evidence: a tenth each would add up to 99.9 or 100.1
    const scan = [reason('scan', 98), reason('beacon', 20), reason('ids', 6.6), reason('dns', 33)];
    expect(sum(wholeShares(scan, 100))).toBe(100);
    expect(wholeShares([reason('scan', 60), reason('dns', 60)], 84)).toEqual(
      new Map([
        ['scan', 42],
        ['dns', 42],
      ]),
    );
    let seed = 7;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647) * 100;
    };
    for (let i = 0; i < 500; i++) {
      const reasons = Array.from({ length: 1 + (i % 6) }, (_, k) => reason(`d${k % 4}`, rand()));
      const score = rand();
      const shares = wholeShares(reasons, score);
      expect(sum(shares), `${score}`).toBe(Math.round(score));
      for (const v of shares.values()) expect(Number.isInteger(v) && v >= 0).toBe(true);
    }
    expect(wholeShares([], 10).size).toBe(0);
  });
});

describe('score timeline', () => {
  it('splits a held score between the detectors behind it', () => {
    expect(scoreParts([reason('scan', 50), reason('scan', 50)], 75)).toEqual({ scan: 75 });
    const parts = scoreParts([reason('scan', 60), reason('dns', 60)], 84);
    expect(parts.scan).toBeCloseTo(42, 0);
    expect(parts.dns).toBeCloseTo(42, 0);
    expect(scoreParts([], 10)).toEqual({});
  });

  it('keeps in its compact ring exactly the shares scoreParts gives, through growth, wrap-around and many detectors', () => {
    let seed = 11;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const ids = ['volume', 'scan', 'beacon', 'dns', 'auth', 'ids', 'novelty', 'asset'];
    let tl = newTimeline();
    const expected: { t: number; score: number; parts: Record<string, number> }[] = [];
    for (let k = 0; k < TIMELINE * 2 + 37; k++) {
      // mostly one or two detectors, sometimes up to five, sometimes none, contributions beyond [0, 100] too
      const n = rand() < 0.1 ? Math.floor(rand() * 6) : 1 + Math.floor(rand() * 2);
      const reasons = Array.from({ length: n }, () =>
        reason(ids[Math.floor(rand() * ids.length)]!, rand() * 120 - 10),
      );
      const score = rand() * 100;
      const t = 1_800_000_000_000 + k * 1000;
      tl = pushTimeline(tl, t, score, reasons);
      const read = Math.round(Math.fround(score) * 10) / 10;
      expected.push({ t, score: read, parts: scoreParts(reasons, read) });
    }
    const points = timelinePoints(tl);
    expect(points).toHaveLength(TIMELINE);
    expect(points).toEqual(expected.slice(-TIMELINE));
    // the same key order as scoreParts
    for (let i = 0; i < TIMELINE; i++)
      expect(Object.keys(points[i]!.parts)).toEqual(Object.keys(expected.at(-TIMELINE + i)!.parts));
  });

  it('keeps tick times in whole seconds, and in milliseconds from the first that is not one', () => {
    let tl = newTimeline();
    const times: number[] = [];
    for (let k = 0; k < 100; k++) {
      const t = 1_800_000_000_000 + k * 1000 + (k >= 40 ? 250 : 0);
      tl = pushTimeline(tl, t, 10, [reason('scan', 10)]);
      times.push(t);
      if (k === 39) expect(tl.ms).toBeNull();
    }
    expect(tl.ms).not.toBeNull();
    expect(timelinePoints(tl).map((p) => p.t)).toEqual(times);
    expect(timelinePoints(importTimeline(exportTimeline(tl)))).toEqual(timelinePoints(tl));
  });

  it('keeps a per-tick history for a scored host', () => {
    const engine = new ScoringEngine({ detectors: defaultDetectors() });
    const t0 = 1_800_000_000_000;
    for (let s = 0; s < 30; s++) {
      for (let p = 0; p < 40; p++) {
        const ts = t0 + s * 1000 + p * 20;
        engine.ingest(
          {
            ts,
            sensor: 's',
            kind: 'flow',
            src_ip: '10.0.0.66',
            dst_ip: '10.0.1.1',
            dst_port: 1000 + s * 40 + p,
            proto: 'tcp',
            conn_state: 'S0',
            segment: 'x',
          },
          `e${s}-${p}`,
          ts,
        );
      }
      engine.advance(t0 + s * 1000 + 1000);
    }
    const host = engine.host('10.0.0.66')!;
    expect(host.score).toBeGreaterThan(60);
    expect(host.timeline.length).toBeGreaterThan(10);
    const last = host.timeline.at(-1)!;
    expect(Object.keys(last.parts)).toContain('scan');
    expect(Object.values(last.parts).reduce((a, b) => a + b, 0)).toBeCloseTo(last.score, 0);
  });
});
