import { describe, expect, it } from 'vitest';
import { RateWindow } from '../../server/ingest/ingest-health.js';

const T = 1_800_000_000_000;

describe('events per second', () => {
  it('reads the real rate over the window (it read 0.9 of it: 9 complete seconds divided by 10)', () => {
    const w = new RateWindow(10);
    for (let ms = 0; ms < 30_500; ms += 10) w.add(1, T + ms); // 100 events/s, on into the current second
    expect(w.rate(T + 30_500)).toBe(100);
  });

  it('divides by the seconds it has seen when it has seen fewer than the window', () => {
    const w = new RateWindow(10);
    for (let ms = 0; ms < 3_000; ms += 10) w.add(1, T + ms);
    expect(w.rate(T + 3_000)).toBe(100);
  });

  it('falls to zero after silence', () => {
    const w = new RateWindow(10);
    for (let ms = 0; ms < 5_000; ms += 10) w.add(1, T + ms);
    expect(w.rate(T + 16_000)).toBe(0);
  });
});
