/**
 * @module Event rates as a screen samples them where the server keeps only the current rate (sensors, the processes
 * of a deployment): one sample per refresh, at most `MAX_SAMPLES` per name, and rows for the chart of the busiest.
 * Pure.
 */
import type { ExploreRow } from '../../components/explore/explore-types.js';

/** An hour at one sample every 5 s. */
export const MAX_SAMPLES = 720;

export type RateSamples = ReadonlyMap<string, readonly (readonly [number, number])[]>;

/** One thing's rate now: a sensor's, a process's. */
export interface RateNow {
  name: string;
  eventsPerSec: number;
}

/** Adds one sample per name taken at `at` (the list's fetch time); the same time twice adds nothing. */
export function addSamples(samples: RateSamples, rates: readonly RateNow[], at: number): RateSamples {
  const out = new Map(samples);
  for (const r of rates) {
    const list = out.get(r.name) ?? [];
    if (list.length > 0 && list[list.length - 1]![0] >= at) continue;
    const next = list.length >= MAX_SAMPLES ? list.slice(1) : list.slice();
    next.push([at, r.eventsPerSec]);
    out.set(r.name, next);
  }
  return out;
}

/** Rows by time with a `s:<name>` value per name (null where a name had no sample then). */
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
