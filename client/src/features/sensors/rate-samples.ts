/**
 * @module Sensors' event rates as this screen samples them (the server keeps each sensor's current rate, not its
 * history): one sample per refresh, at most `MAX_SAMPLES` per sensor, and rows for the chart of the busiest ones.
 * Pure.
 */
import type { Sensor } from '../../../../shared/schemas/api.js';
import type { ExploreRow } from '../../components/explore/explore-types.js';

/** An hour at one sample every 5 s. */
export const MAX_SAMPLES = 720;

export type RateSamples = ReadonlyMap<string, readonly (readonly [number, number])[]>;

/** Adds one sample per sensor taken at `at` (the list's fetch time); the same time twice adds nothing. */
export function addSamples(samples: RateSamples, sensors: readonly Sensor[], at: number): RateSamples {
  const out = new Map(samples);
  for (const s of sensors) {
    const list = out.get(s.sensor) ?? [];
    if (list.length > 0 && list[list.length - 1]![0] >= at) continue;
    const next = list.length >= MAX_SAMPLES ? list.slice(1) : list.slice();
    next.push([at, s.eventsPerSec]);
    out.set(s.sensor, next);
  }
  return out;
}

/** Rows by time with a `s:<sensor>` value per sensor named (null where a sensor had no sample then). */
export function sampleRows(samples: RateSamples, sensors: readonly string[]): ExploreRow[] {
  const byT = new Map<number, ExploreRow>();
  for (const name of sensors) {
    for (const [t, v] of samples.get(name) ?? []) {
      let row = byT.get(t);
      if (!row) {
        row = { t };
        for (const n of sensors) row[`s:${n}`] = null;
        byT.set(t, row);
      }
      row[`s:${name}`] = v;
    }
  }
  return [...byT.values()].sort((a, b) => a.t - b.t);
}
