/** @module Pure helpers for chart sources: history + live buffer merged, and per-kind totals. */
import type { SeriesPoint } from '../../../../shared/schemas/frame.js';
import { EVENT_KINDS } from '../../../../shared/schemas/telemetry.js';

export type SeriesMap = ReadonlyMap<string, readonly SeriesPoint[]>;

/**
 * History points (from `/api/series`) before each segment's first live point, followed by the live points.
 * Duplicates (same segment and t) keep the live value; output arrays are sorted by t.
 */
export function mergeHistory(history: readonly SeriesPoint[], live: SeriesMap): Map<string, SeriesPoint[]> {
  const out = new Map<string, SeriesPoint[]>();
  const bySeg = new Map<string, SeriesPoint[]>();
  for (const p of history) {
    const arr = bySeg.get(p.segment);
    if (arr) arr.push(p);
    else bySeg.set(p.segment, [p]);
  }
  const names = new Set([...bySeg.keys(), ...live.keys()]);
  for (const name of names) {
    const l = live.get(name) ?? [];
    const firstLive = l[0]?.t ?? Number.POSITIVE_INFINITY;
    const h = (bySeg.get(name) ?? []).filter((p) => p.t < firstLive).sort((a, b) => a.t - b.t);
    const dedup: SeriesPoint[] = [];
    for (const p of h) if (dedup[dedup.length - 1]?.t !== p.t) dedup.push(p);
    out.set(name, [...dedup, ...l]);
  }
  return out;
}

/** One synthetic series per event kind: the sum over segments of `byKind[kind]` per bucket. */
export function kindSeries(series: SeriesMap): Map<string, SeriesPoint[]> {
  const byT = new Map<number, { counts: Record<string, number>; open: boolean }>();
  for (const points of series.values()) {
    for (const p of points) {
      let row = byT.get(p.t);
      if (!row) {
        row = { counts: {}, open: false };
        byT.set(p.t, row);
      }
      for (const k of EVENT_KINDS) row.counts[k] = (row.counts[k] ?? 0) + p.byKind[k];
      row.open ||= p.open;
    }
  }
  const times = [...byT.keys()].sort((a, b) => a - b);
  const out = new Map<string, SeriesPoint[]>();
  for (const k of EVENT_KINDS) {
    const arr: SeriesPoint[] = [];
    for (const t of times) {
      const row = byT.get(t)!;
      arr.push({
        segment: k,
        t,
        events: row.counts[k] ?? 0,
        bytesOut: 0,
        byKind: { flow: 0, ids: 0, dns: 0, auth: 0 },
        score: 0,
        open: row.open,
      });
    }
    if (arr.some((p) => p.events > 0)) out.set(k, arr);
  }
  return out;
}
