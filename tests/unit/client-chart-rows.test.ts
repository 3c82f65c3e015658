/** Chart rows from the per-segment buffer, history merging and per-kind totals. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linePath, pixelText } from '../../client/src/components/TimeChart.js';
import {
  buildRows,
  type ChartSeries,
  keepUnchanged,
  MAX_ROWS,
  rowStepMs,
  timeTicks,
} from '../../client/src/features/segment-series/build-rows.js';
import {
  type ChartPoint,
  kindSeries,
  mergeHistory,
  type SeriesMap,
} from '../../client/src/features/segment-series/series-window.js';
import { mergePoints } from '../../client/src/state/live-store.js';
import type { SeriesPoint } from '../../shared/schemas/frame.js';
import { EVENT_KINDS } from '../../shared/schemas/telemetry.js';
import { point } from './client-fixtures.js';

/** Each segment's value in the row that starts at `t`. */
function rowAt(r: ChartSeries, t: number): Record<string, number | null> {
  const i = r.times.indexOf(t);
  expect(i).toBeGreaterThanOrEqual(0);
  return Object.fromEntries(r.segments.map((s) => [s, nullable(r.columns.get(s)!)[i]!]));
}

/** A column as the by-definition versions below write it: null where the typed column has NaN (a gap). */
function nullable(column: ArrayLike<number>): (number | null)[] {
  return Array.from(column, (v) => (Number.isNaN(v) ? null : v));
}
const nullableColumns = (columns: ReadonlyMap<string, ArrayLike<number>>) =>
  new Map([...columns].map(([s, c]) => [s, nullable(c)]));

describe('buildRows', () => {
  it('ends at the newest closed bucket for events (a filling bucket would show a false drop)', () => {
    const series = new Map([
      ['a', [point('a', 1000, 5), point('a', 2000, 6), point('a', 3000, 1, { open: true })]],
    ]);
    const r = buildRows(series, 10_000, 'events');
    expect(r.end).toBe(2000);
    expect(r.latest.a).toBe(6);
    // The score chart may show the open bucket.
    expect(buildRows(series, 10_000, 'score').end).toBe(3000);
  });

  it('draws a bucket no segment has as a gap, and a silent segment as 0 after its first point', () => {
    const series = new Map([
      ['a', [point('a', 1000, 5), point('a', 2000, 5), point('a', 4000, 5)]],
      ['b', [point('b', 2000, 3), point('b', 4000, 3)]],
    ]);
    const r = buildRows(series, 5000, 'events');
    const at = (t: number) => rowAt(r, t);
    expect(at(0)).toEqual({ a: null, b: null });
    expect(at(1000)).toEqual({ a: 5, b: null });
    expect(at(3000)).toEqual({ a: null, b: null });
    expect(at(4000)).toEqual({ a: 5, b: 3 });
  });

  it('keeps at most MAX_ROWS rows: events averaged per second, scores at their maximum', () => {
    const pts = Array.from({ length: 3600 }, (_, i) =>
      point('a', i * 1000, i % 2 === 0 ? 2 : 4, { score: i % 7 }),
    );
    const r = buildRows(new Map([['a', pts]]), 3_600_000, 'events');
    expect(r.times.length).toBeLessThanOrEqual(MAX_ROWS);
    expect(r.columns.get('a')).toHaveLength(r.times.length);
    expect(r.stepMs).toBe(12_000);
    expect(r.columns.get('a')!.at(-1)).toBe(3);
    const s = buildRows(new Map([['a', pts]]), 3_600_000, 'score');
    expect(s.columns.get('a')!.at(-1)).toBe(6);
  });

  it('time ticks are round clock times inside the range', () => {
    expect(timeTicks(0, 300_000, 300_000)).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000]);
    expect(timeTicks(1, 21_600_000, 21_600_000)).toHaveLength(6);
  });
});

describe('mergeHistory', () => {
  it('puts history before the live points and lets live win where they overlap', () => {
    const live = new Map([['a', [point('a', 3000, 9), point('a', 4000, 9)]]]);
    const merged = mergeHistory(
      [
        point('a', 2000, 1),
        point('a', 1000, 1),
        point('a', 3000, 1),
        point('b', 1000, 2),
        point('a', 2000, 1),
      ],
      live,
    );
    expect(merged.get('a')!.map((p) => [p.t, p.events])).toEqual([
      [1000, 1],
      [2000, 1],
      [3000, 9],
      [4000, 9],
    ]);
    expect(merged.get('b')!.map((p) => p.t)).toEqual([1000]);
  });
});

describe('kindSeries', () => {
  it('sums each kind over segments per bucket and leaves out kinds never seen', () => {
    const series = new Map([
      ['a', [point('a', 1000, 0, { byKind: { flow: 2, ids: 1, dns: 0, auth: 0 } })]],
      ['b', [point('b', 1000, 0, { byKind: { flow: 3, ids: 0, dns: 0, auth: 0 }, open: true })]],
    ]);
    const k = kindSeries(series);
    expect([...k.keys()].sort()).toEqual(['flow', 'ids']);
    expect(k.get('flow')![0]).toMatchObject({ t: 1000, events: 5, open: true });
    expect(k.get('ids')![0]!.events).toBe(1);
  });
});

describe('history at a step (/api/series?step=)', () => {
  it('cuts history and live at the first step boundary after the first live point: no second counted twice', () => {
    // History in 10 s buckets (per-second averages), live from t = 25 s.
    const history = [point('a', 0, 2), point('a', 10_000, 4), point('a', 20_000, 6), point('a', 30_000, 99)];
    const live = new Map([['a', [25, 26, 30, 31].map((s) => point('a', s * 1000, 1))]]);
    const merged = mergeHistory(history, live, 10);
    expect(merged.get('a')!.map((p) => [p.t, p.events, p.span ?? 1])).toEqual([
      [0, 2, 10],
      [10_000, 4, 10],
      [20_000, 6, 10],
      [30_000, 1, 1],
      [31_000, 1, 1],
    ]);
  });

  it('a history point counts for its span when rows are averaged', () => {
    // 1 h window → 12 s rows; one history point per row at a 12 s step, 5 events/s on average.
    const pts = [0, 12_000, 24_000].map((t) => ({ ...point('a', t, 5), span: 12 }));
    const r = buildRows(new Map([['a', pts]]), 3_600_000, 'events');
    expect(r.stepMs).toBe(rowStepMs(3_600_000));
    expect(nullable(r.columns.get('a')!).filter((v) => v !== null)).toEqual([5, 5, 5]);
  });

  it('row widths: 1 s, 3 s, 12 s, 72 s for 5 min, 15 min, 1 h, 6 h', () => {
    expect([300_000, 900_000, 3_600_000, 21_600_000].map(rowStepMs)).toEqual([1000, 3000, 12_000, 72_000]);
  });
});

describe('the last events row', () => {
  it('is whole at 3 s rows: a row with only some seconds closed is left out', () => {
    // 15 min → 3 s rows; seconds 0–6 closed at 6 events/s, second 7 filling.
    const pts = [0, 1, 2, 3, 4, 5, 6].map((s) => point('a', s * 1000, 6));
    pts.push(point('a', 7000, 1, { open: true }));
    const r = buildRows(new Map([['a', pts]]), 900_000, 'events');
    expect(r.end).toBe(3000);
    expect(r.latest.a).toBe(6);
  });
});

/**
 * The rows as buildRows documents them, worked out the slow way (every row filters every point): the fast
 * single-pass columns must give exactly these numbers, or the charts would draw something else.
 */
function rowsTheSlowWay(series: SeriesMap, rangeMs: number, metric: 'events' | 'score') {
  const stepMs = rowStepMs(rangeMs);
  const segments = [...series.keys()].sort();
  let newest = Number.NEGATIVE_INFINITY;
  let covered = Number.NEGATIVE_INFINITY;
  for (const pts of series.values()) {
    const p = metric === 'events' && pts.at(-1)?.open ? pts.at(-2) : pts.at(-1);
    if (!p) continue;
    newest = Math.max(newest, p.t);
    covered = Math.max(covered, p.t + (p.span ?? 1) * 1000);
  }
  if (!Number.isFinite(newest)) return { times: [], columns: new Map(segments.map((s) => [s, []])) };
  const end =
    metric === 'events'
      ? Math.floor(covered / stepMs) * stepMs - stepMs
      : Math.floor(newest / stepMs) * stepMs;
  const times: number[] = [];
  for (let t = end - rangeMs + stepMs; t <= end; t += stepMs) times.push(t);
  const hasData = times.map(() => false);
  const columns = new Map<string, (number | null)[]>();
  for (const s of segments) {
    const pts = series.get(s)!;
    const fillingT = pts.at(-1)?.open ? pts.at(-1)!.t : undefined;
    const column: (number | null)[] = [];
    times.forEach((t, r) => {
      const inRow = pts.filter((p) => p.t >= t && p.t < t + stepMs);
      const counted = metric === 'events' ? inRow.filter((p) => p.t !== fillingT) : inRow;
      if (counted.length > 0) hasData[r] = true;
      if (metric === 'events') {
        const silent = pts.length > 0 && t >= pts[0]!.t && counted.length === inRow.length;
        column.push(
          counted.length > 0
            ? counted.reduce((sum, p) => sum + p.events * (p.span ?? 1), 0) / (stepMs / 1000)
            : silent
              ? 0
              : null,
        );
      } else {
        const before = pts.filter((p) => p.t < times[0]!).at(-1)?.score ?? null;
        const kept = r === 0 ? before : column[r - 1]!;
        column.push(counted.length > 0 ? Math.max(...counted.map((p) => p.score)) : kept);
      }
    });
    columns.set(s, column);
  }
  for (const column of columns.values())
    hasData.forEach((has, r) => {
      if (!has) column[r] = null;
    });
  return { times, columns };
}

/** Per-kind totals the slow way: every distinct time, every segment's points at it. */
function kindsTheSlowWay(series: SeriesMap): Map<string, ChartPoint[]> {
  const all = [...series.values()].flat();
  const times = [...new Set(all.map((p) => p.t))].sort((a, b) => a - b);
  const out = new Map<string, ChartPoint[]>();
  for (const kind of EVENT_KINDS) {
    const points = times.map((t) => {
      const at = [...series.values()].flatMap((pts) => pts.filter((p) => p.t === t));
      const p: ChartPoint = {
        segment: kind,
        t,
        events: at.reduce((sum, q) => sum + q.byKind[kind], 0),
        bytesOut: 0,
        byKind: { flow: 0, ids: 0, dns: 0, auth: 0 },
        score: 0,
        open: at.some((q) => q.open),
      };
      if (at[0]!.span) p.span = at[0]!.span;
      return p;
    });
    if (points.some((p) => p.events > 0)) out.set(kind, points);
  }
  return out;
}

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const equalRows = (a: ChartSeries, b: ChartSeries) =>
  equal(
    [a.times, a.segments, [...a.columns], a.start, a.end],
    [b.times, b.segments, [...b.columns], b.start, b.end],
  );

/** One tick of a made-up network: how far the clock moves and what each segment reports. */
interface Tick {
  /** Seconds since the previous tick (a long one leaves a gap no segment covers). */
  dt: number;
  /** Per segment a, b, c, d: null when it reports nothing this tick, else its events and score. */
  reports: ({ events: number; score: number; flow: number } | null)[];
}

const tick = fc.record({
  dt: fc.oneof(fc.constantFrom(1, 1, 1, 2, 3), fc.integer({ min: 4, max: 400 })),
  reports: fc.array(
    fc.option(
      fc.record({
        events: fc.integer({ min: 0, max: 500 }),
        score: fc.integer({ min: 0, max: 100 }),
        flow: fc.integer({ min: 0, max: 500 }),
      }),
      { freq: 2 },
    ),
    { minLength: 4, maxLength: 4 },
  ),
});

/** What the store holds after each tick: a reporting segment's last second closed and the current one open. */
function* buffers(
  ticks: readonly Tick[],
  newSegmentFrom: number,
): Generator<Map<string, readonly SeriesPoint[]>> {
  const series = new Map<string, readonly SeriesPoint[]>();
  let now = 1_700_000_000_000;
  for (const [n, t] of ticks.entries()) {
    now += t.dt * 1000;
    const frame: SeriesPoint[] = [];
    t.reports.forEach((r, s) => {
      if (!r || (s === 3 && n < newSegmentFrom)) return; // segment d appears part-way through
      const seg = 'abcd'[s]!;
      const byKind = {
        flow: Math.min(r.flow, r.events),
        ids: 0,
        dns: r.events - Math.min(r.flow, r.events),
        auth: 0,
      };
      frame.push(point(seg, now - 1000, r.events, { score: r.score, byKind }));
      frame.push(point(seg, now, Math.round(r.events / 3), { score: r.score, open: true, byKind }));
    });
    mergePoints(series, frame);
    yield new Map(series);
  }
}

describe('chart rows: the single pass draws what the definition says', () => {
  it('for every frame of a live run (window slides, gaps, a new segment), every range, both metrics', () => {
    fc.assert(
      fc.property(fc.array(tick, { minLength: 1, maxLength: 40 }), fc.nat(40), (ticks, from) => {
        const drawn = new Map<string, ChartSeries>();
        for (const series of buffers(ticks, from)) {
          for (const rangeMs of [10_000, 300_000, 900_000, 3_600_000]) {
            for (const metric of ['events', 'score'] as const) {
              const fast = buildRows(series, rangeMs, metric);
              const slow = rowsTheSlowWay(series, rangeMs, metric);
              expect(fast.times).toEqual(slow.times);
              expect(nullableColumns(fast.columns)).toEqual(slow.columns);
              expect(fast.segments).toEqual([...series.keys()].sort());
              for (const s of fast.segments)
                expect(fast.latest[s]).toEqual(slow.columns.get(s)!.at(-1) ?? null);
              // What the chart is handed: the same numbers, in the drawn arrays wherever they did not change.
              const prev = drawn.get(`${rangeMs} ${metric}`) ?? null;
              const kept = keepUnchanged(prev, fast);
              expect(kept).toEqual(fast);
              if (prev) {
                expect(kept === prev).toBe(equalRows(prev, fast));
                for (const [s, column] of kept.columns)
                  expect(column === prev.columns.get(s)).toBe(equal(column, prev.columns.get(s)));
              }
              drawn.set(`${rangeMs} ${metric}`, kept);
            }
          }
          expect(kindSeries(series)).toEqual(kindsTheSlowWay(series));
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000); // CPU-bound property: room for a busy machine (not a speed assertion)

  it('with history at a step merged in front of the live points', () => {
    fc.assert(
      fc.property(
        fc.array(tick, { minLength: 1, maxLength: 20 }),
        fc.array(fc.record({ seg: fc.constantFrom('a', 'b', 'c'), back: fc.nat(300), events: fc.nat(50) }), {
          maxLength: 60,
        }),
        (ticks, old) => {
          let series = new Map<string, readonly SeriesPoint[]>();
          for (series of buffers(ticks, 0));
          const newest = Math.max(...[...series.values()].map((pts) => pts.at(-1)?.t ?? 0));
          const history = old.map((h) =>
            point(h.seg, Math.floor((newest - 60_000) / 12_000) * 12_000 - h.back * 12_000, h.events),
          );
          const merged = mergeHistory(history, series, 12);
          for (const metric of ['events', 'score'] as const) {
            const fast = buildRows(merged, 3_600_000, metric);
            const slow = rowsTheSlowWay(merged, 3_600_000, metric);
            expect(nullableColumns(fast.columns)).toEqual(slow.columns);
          }
          expect(kindSeries(merged)).toEqual(kindsTheSlowWay(merged));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('line paths', () => {
  it('write each coordinate as the number rounded to a tenth would print', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -50, max: 5000, noNaN: true }), fc.double()), (n) => {
        expect(pixelText(n)).toBe(`${Math.round(n * 10) / 10}`);
        expect(pixelText(n)).toBe(pixelText(n)); // the cached text is the same
      }),
    );
  });

  it('draw what a point-by-point path gives, lifting the pen at gaps', () => {
    const value = fc.option(fc.double({ min: -10, max: 200, noNaN: true }), { freq: 5 });
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), fc.double({ min: 0.5, max: 9 }), (values, dx) => {
        const x = (i: number) => 64 + i * dx;
        const y = (v: number) => 10 + 230 - (Math.min(Math.max(v, 0), 150) / 150) * 230;
        let expected = '';
        let pen = false;
        values.forEach((v, i) => {
          if (v === null) pen = false;
          else {
            expected += `${pen ? 'L' : 'M'}${Math.round(x(i) * 10) / 10} ${Math.round(y(v) * 10) / 10}`;
            pen = true;
          }
        });
        const xs = values.map((_, i) => pixelText(x(i)));
        expect(
          linePath(
            Float64Array.from(values, (v) => v ?? Number.NaN),
            xs,
            y,
          ),
        ).toBe(expected);
      }),
    );
  });
});
