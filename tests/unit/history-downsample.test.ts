/** The series history in steps: per-second averages over the seconds each step has had, the peak score. */
import { describe, expect, it } from 'vitest';
import { downsample } from '../../server/scoring/history-store.js';
import { point as seriesPoint } from './client-fixtures.js';

const T0 = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);
const point = (segment: string, t: number, events: number, score = 10) =>
  seriesPoint(segment, t, events, { bytesOut: events * 100, score });
/** `events` a second from `fromS` to `toS` (exclusive). */
const steady = (segment: string, fromS: number, toS: number, events: number) =>
  Array.from({ length: toS - fromS }, (_, i) => point(segment, T0 + (fromS + i) * 1000, events));

describe('downsample', () => {
  it('gives the step under way its rate so far, not that rate spread over the whole step', () => {
    // 10 events a second for 2.5 minutes: the third minute has had 30 of its seconds
    const out = downsample(steady('a', 0, 150, 10), 60_000, T0, T0 + 150_500);
    expect(out.map((p) => [p.t - T0, p.events, p.bytesOut, p.byKind.flow])).toEqual([
      [0, 10, 1000, 10],
      [60_000, 10, 1000, 10],
      [120_000, 10, 1000, 10],
    ]);
  });

  it('averages a window that starts mid-step over its part of the first step', () => {
    const out = downsample(steady('a', 30, 120, 4), 60_000, T0 + 30_000, T0 + 120_000);
    expect(out.map((p) => [p.t - T0, p.events])).toEqual([
      [0, 4],
      [60_000, 4],
    ]);
  });

  it('counts the seconds a segment sent nothing in a stretch the others closed, and keeps each step’s peak score', () => {
    // a sends the first 10 s of the minute only; b all minute
    const points = [...steady('a', 0, 10, 6), ...steady('b', 0, 60, 1), point('a', T0 + 5_000, 6, 90)];
    const out = downsample(points, 60_000, T0, T0 + 60_000);
    const a = out.find((p) => p.segment === 'a')!;
    expect(a.events).toBeCloseTo((6 * 11) / 60, 10);
    expect(a.score).toBe(90);
    expect(out.find((p) => p.segment === 'b')!.events).toBe(1);
  });

  it("averages every segment's first step from the first second any has (the server started within it)", () => {
    // the server started 30 s into the minute: 4 a second from then on, in two segments
    const points = [...steady('a', 30, 120, 4), ...steady('b', 30, 120, 4)];
    const every = downsample(points, 60_000, T0, T0 + 120_000, true);
    expect(every.filter((p) => p.segment === 'a').map((p) => [p.t - T0, p.events])).toEqual([
      [0, 4],
      [60_000, 4],
    ]);
    // one segment's own first second may be its quiet, not the start: it keeps the whole step
    expect(downsample(steady('a', 30, 120, 4), 60_000, T0, T0 + 120_000)[0]!.events).toBe(2);
  });
});
