/** An explored chart's time ticks: round moments, far enough apart for their labels, inside the range. */
import { describe, expect, it } from 'vitest';
import { timeTicks } from '../../client/src/lib/time-ticks.js';

const H = 3_600_000;
const DAY0 = Date.UTC(2026, 11, 6);

describe('timeTicks', () => {
  it('a day on 1,200 px: every 3 h, on the hour, inside the range', () => {
    const from = DAY0 + 17 * 60_000;
    const ticks = timeTicks(from, from + 24 * H, 1200);
    expect(ticks.length).toBeLessThanOrEqual(1200 / 110);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of ticks) {
      expect(t % (3 * H)).toBe(0);
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t).toBeLessThanOrEqual(from + 24 * H);
    }
  });

  it('five minutes on 1,200 px: every 30 s; an hour: every 10 min', () => {
    const five = timeTicks(DAY0 + 1234, DAY0 + 1234 + 300_000, 1200);
    expect(five[1]! - five[0]!).toBe(30_000);
    const hour = timeTicks(DAY0 + 1234, DAY0 + 1234 + H, 1200);
    expect(hour[1]! - hour[0]!).toBe(10 * 60_000);
  });

  it('a narrow plot has fewer ticks; an empty range one or none', () => {
    expect(timeTicks(DAY0, DAY0 + H, 300).length).toBeLessThanOrEqual(3);
    expect(timeTicks(DAY0, DAY0, 800)).toEqual([DAY0]);
    expect(timeTicks(Number.NaN, Number.NaN, 800)).toEqual([]);
  });

  it('ranges over a few days step in whole days', () => {
    const ticks = timeTicks(DAY0, DAY0 + 30 * 24 * H, 600);
    expect(ticks.length).toBeLessThanOrEqual(600 / 110);
    for (const t of ticks) expect(t % (24 * H)).toBe(0);
  });
});
