/** The sensors page's rate: a sensor that reports is never shown sending nothing. */
import { describe, expect, it } from 'vitest';
import { SensorRegistry } from '../../server/sensors.js';

describe('a sensor’s events per second', () => {
  it('averages over the silence limit, so a sensor sending every 15 s never reads 0 while it reports', () => {
    const sensors = new SensorRegistry(60_000);
    const t0 = 1_800_000_000_000;
    for (let at = t0; at <= t0 + 300_000; at += 15_000) sensors.see('sur-quiet', 'energy', at, at);
    // every second of the next 15 s (before its next event), it reports and its rate is above zero
    for (let now = t0 + 300_001; now < t0 + 315_000; now += 1000) {
      const [s] = sensors.list(now);
      expect(s!.silent).toBe(false);
      expect(s!.eventsPerSec).toBeGreaterThan(0);
      expect(s!.eventsPerSec).toBeLessThanOrEqual(0.1);
    }
    // silent a minute after its last event, and then nothing in the window
    const [late] = sensors.list(t0 + 362_000);
    expect(late!.silent).toBe(true);
    expect(late!.eventsPerSec).toBe(0);
  });

  it('a busy sensor’s rate is its events per second, to two decimals', () => {
    const sensors = new SensorRegistry();
    const t0 = 1_800_000_000_000;
    for (let ms = 0; ms < 120_000; ms += 40) sensors.see('zeek-1', 'health', t0 + ms, t0 + ms);
    expect(sensors.list(t0 + 120_000)[0]!.eventsPerSec).toBe(25);
  });
});
