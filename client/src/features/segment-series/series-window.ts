/** @module Pure helpers for chart sources: history + live buffer merged, and per-kind totals. */
import type { SeriesPoint } from '../../../../shared/schemas/frame.js';
import { EVENT_KINDS, type EventKind } from '../../../../shared/schemas/telemetry.js';

/**
 * A series point as the charts use it: a live one-second bucket, or a history bucket of `span` seconds
 * (`/api/series?step=`), whose `events` and `bytesOut` are per-second averages over the span.
 */
export type ChartPoint = SeriesPoint & { span?: number };
/** Per line (segment, or event kind), its points ascending by `t`. */
export type SeriesMap = ReadonlyMap<string, readonly ChartPoint[]>;

/**
 * History points (from `/api/series`, buckets of `stepS` seconds) followed by the live points. The seam is the
 * first history-bucket boundary at or after a segment's first live point: history before it (whole buckets),
 * live points from it on, so that no second is counted twice. Duplicates keep the first; sorted by t.
 */
export function mergeHistory(
  history: readonly SeriesPoint[],
  live: SeriesMap,
  stepS = 1,
): Map<string, ChartPoint[]> {
  const stepMs = stepS * 1000;
  const out = new Map<string, ChartPoint[]>();
  const bySeg = new Map<string, SeriesPoint[]>();
  for (const p of history) {
    const arr = bySeg.get(p.segment);
    if (arr) arr.push(p);
    else bySeg.set(p.segment, [p]);
  }
  const names = new Set([...bySeg.keys(), ...live.keys()]);
  for (const name of names) {
    const all = live.get(name) ?? [];
    const firstLive = all[0]?.t ?? Number.POSITIVE_INFINITY;
    const seam = Number.isFinite(firstLive) ? Math.ceil(firstLive / stepMs) * stepMs : firstLive;
    const h = (bySeg.get(name) ?? []).filter((p) => p.t < seam).sort((a, b) => a.t - b.t);
    const dedup: ChartPoint[] = [];
    for (const p of h)
      if (dedup[dedup.length - 1]?.t !== p.t) dedup.push(stepS > 1 ? { ...p, span: stepS } : p);
    const l = all.filter((p) => p.t >= seam);
    out.set(name, [...dedup, ...l]);
  }
  return out;
}

/** What a per-kind point carries besides its count (shared: nothing reads these per point). */
const NO_KINDS: ChartPoint['byKind'] = Object.freeze({ flow: 0, ids: 0, dns: 0, auth: 0 });

/**
 * One synthetic series per event kind: the sum over segments of `byKind[kind]` per bucket. Runs on every frame
 * over the whole buffer (20 segments × 900 points at 15 minutes): each segment's points are ascending by `t`, so
 * the bucket times are a merge of sorted lists and the sums walk them in step, without a lookup per point.
 */
export function kindSeries(series: SeriesMap): Map<string, ChartPoint[]> {
  let times: number[] = [];
  for (const points of series.values()) times = mergeTimes(times, points);
  const n = times.length;
  const open = new Uint8Array(n);
  const spans: (number | undefined)[] = new Array(n);
  const seen = new Uint8Array(n);
  // One named array per kind, read by name (a lookup by a variable kind costs more than the rest of the walk).
  const sums = {
    flow: new Float64Array(n),
    ids: new Float64Array(n),
    dns: new Float64Array(n),
    auth: new Float64Array(n),
  } satisfies Record<EventKind, Float64Array>;
  for (const points of series.values()) {
    let i = 0;
    for (const p of points) {
      while (times[i]! < p.t) i++;
      if (!seen[i]) {
        seen[i] = 1;
        spans[i] = p.span; // the first point of a bucket gives its span
      }
      const b = p.byKind;
      sums.flow[i]! += b.flow;
      sums.ids[i]! += b.ids;
      sums.dns[i]! += b.dns;
      sums.auth[i]! += b.auth;
      if (p.open) open[i] = 1;
    }
  }
  const out = new Map<string, ChartPoint[]>();
  for (const kind of EVENT_KINDS) {
    const c = sums[kind];
    if (!c.some((v) => v > 0)) continue;
    const points: ChartPoint[] = [];
    for (let i = 0; i < n; i++) {
      const p: ChartPoint = {
        segment: kind,
        t: times[i]!,
        events: c[i]!,
        bytesOut: 0,
        byKind: NO_KINDS,
        score: 0,
        open: open[i] === 1,
      };
      if (spans[i]) p.span = spans[i];
      points.push(p);
    }
    out.set(kind, points);
  }
  return out;
}

/** The ascending times of `times` and of `points` (ascending by `t`), each once; `times` itself when it has them all. */
function mergeTimes(times: number[], points: readonly ChartPoint[]): number[] {
  let i = 0;
  let missing = false;
  for (const p of points) {
    while (i < times.length && times[i]! < p.t) i++;
    if (times[i] !== p.t) {
      missing = true;
      break;
    }
  }
  if (!missing) return times;
  const out: number[] = [];
  let j = 0;
  for (const p of points) {
    while (j < times.length && times[j]! < p.t) out.push(times[j++]!);
    if (times[j] === p.t) j++;
    if (out[out.length - 1] !== p.t) out.push(p.t);
  }
  while (j < times.length) out.push(times[j++]!);
  return out;
}
