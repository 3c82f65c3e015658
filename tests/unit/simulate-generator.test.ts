import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGenerator, type GeneratorOptions } from '../../server/simulate/generator.js';
import { buildTopology } from '../../server/simulate/network-model.js';
import { fixedSchedule } from '../../server/simulate/schedule.js';
import { SCENARIO_NAMES } from '../../server/simulate/truth.js';
import { nativeEventSchema } from '../../shared/schemas/telemetry.js';

const T0 = Date.UTC(2025, 2, 4, 9, 0, 0); // a Tuesday, 10:00 local
const topology = buildTopology(7);
const schedule = fixedSchedule(
  SCENARIO_NAMES.map((scenario, i) => ({ scenario, start: T0 + 2_000 + i * 1_500 })),
);
const options = (seed = 7, extra: Partial<GeneratorOptions> = {}): GeneratorOptions => ({
  seed,
  topology,
  schedule,
  ...extra,
});

describe('event generator', () => {
  it('gives the same events for the same seed, different ones for another seed', () => {
    const a = createGenerator(options()).eventsBetween(T0, T0 + 20_000);
    const b = createGenerator(options()).eventsBetween(T0, T0 + 20_000);
    expect(b).toEqual(a);
    const c = createGenerator(options(8)).eventsBetween(T0, T0 + 20_000);
    expect(c.map((e) => e.src_ip)).not.toEqual(a.map((e) => e.src_ip));
  });

  it('gives the same events however the interval is sliced', () => {
    const whole = createGenerator(options()).eventsBetween(T0, T0 + 12_000);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 11_999 }), { maxLength: 40 }), (cuts) => {
        const points = [T0, ...cuts.sort((x, y) => x - y).map((c) => T0 + c), T0 + 12_000];
        const gen = createGenerator(options());
        const sliced = points.slice(1).flatMap((to, i) => gen.eventsBetween(points[i]!, to));
        expect(sliced).toEqual(whole);
      }),
      { numRuns: 25 },
    );
  });

  it('emits valid native events in time order, within the interval, with unique ids', () => {
    const from = T0 + 333;
    const to = T0 + 60_000;
    const events = createGenerator(options()).eventsBetween(from, to);
    const ids = new Set<string>();
    let last = from;
    for (const e of events) {
      const parsed = nativeEventSchema.safeParse(e);
      expect(parsed.success, JSON.stringify(e)).toBe(true);
      expect(e.ts).toBeGreaterThanOrEqual(last);
      expect(e.ts).toBeLessThan(to);
      expect(Number.isInteger(e.ts)).toBe(true);
      last = e.ts;
      ids.add(e.event_id);
    }
    expect(ids.size).toBe(events.length);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['flow', 'ids', 'dns', 'auth']));
    expect(new Set(events.map((e) => e.segment)).size).toBe(topology.segments.length);
  });

  it('matches the configured rate (flat, and following the daily rhythm)', () => {
    const flat = createGenerator({ seed: 3, topology, rate: 200, rhythm: 0 });
    expect(flat.eventsBetween(T0, T0 + 120_000).length / 120).toBeGreaterThan(190);
    expect(flat.eventsBetween(T0, T0 + 120_000).length / 120).toBeLessThan(210);
    const daily = createGenerator({ seed: 3, topology, rate: 100 });
    const night = T0 - 7 * 3_600_000; // 03:00 local
    for (const start of [T0, night]) {
      const n = daily.eventsBetween(start, start + 300_000).length;
      expect(n / 300 / daily.rateAt(start + 150_000)).toBeGreaterThan(0.95);
      expect(n / 300 / daily.rateAt(start + 150_000)).toBeLessThan(1.05);
    }
    expect(daily.rateAt(T0)).toBeGreaterThan(1.5 * daily.rateAt(night));
  });

  it('reports scenario instances starting in an interval', () => {
    const gen = createGenerator(options());
    expect(gen.scenariosStarting(T0, T0 + 2_000)).toHaveLength(0);
    expect(gen.scenariosStarting(T0, T0 + 15_000).map((i) => i.truth.scenario)).toEqual([...SCENARIO_NAMES]);
  });
});
