/** @module Pure helpers for chart sources: history + live buffer merged, and per-kind totals. */
import type { SeriesPoint } from '../../../../shared/schemas/frame.js';
import { EVENT_KINDS } from '../../../../shared/schemas/telemetry.js';

/**
 * A series point as the charts use it: a live one-second bucket, or a history bucket of `span` seconds
 * (`/api/series?step=`), whose `events` and `bytesOut` are per-second averages over the span.
 */
export type ChartPoint = SeriesPoint & { span?: number };
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

/**
 * One synthetic series per event kind: the sum over segments of `byKind[kind]` per bucket. Runs on every frame
 * over the whole buffer (20 segments × 900 points at 15 minutes), so it adds into flat arrays by bucket index.
 */
export function kindSeries(series: SeriesMap): Map<string, ChartPoint[]> {
  const index = new Map<number, number>();
  const times: number[] = [];
  const open: boolean[] = [];
  const spans: (number | undefined)[] = [];
  const counts: number[][] = EVENT_KINDS.map(() => []);
  for (const points of series.values()) {
    for (const p of points) {
      let i = index.get(p.t);
      if (i === undefined) {
        i = times.length;
        index.set(p.t, i);
        times.push(p.t);
        open.push(false);
        spans.push(p.span);
        for (const c of counts) c.push(0);
      }
      for (let k = 0; k < EVENT_KINDS.length; k++) counts[k]![i]! += p.byKind[EVENT_KINDS[k]!];
      if (p.open) open[i] = true;
    }
  }
  const order = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]!);
  const out = new Map<string, ChartPoint[]>();
  EVENT_KINDS.forEach((kind, k) => {
    const c = counts[k]!;
    if (!c.some((n) => n > 0)) return;
    out.set(
      kind,
      order.map((i) => {
        const p: ChartPoint = {
          segment: kind,
          t: times[i]!,
          events: c[i]!,
          bytesOut: 0,
          byKind: { flow: 0, ids: 0, dns: 0, auth: 0 },
          score: 0,
          open: open[i]!,
        };
        if (spans[i]) p.span = spans[i];
        return p;
      }),
    );
  });
  return out;
}
