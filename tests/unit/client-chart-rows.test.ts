/** Chart rows from the per-segment buffer, history merging and per-kind totals. */
import { describe, expect, it } from 'vitest';
import {
  buildRows,
  MAX_ROWS,
  rowStepMs,
  timeTicks,
} from '../../client/src/features/segment-series/build-rows.js';
import { kindSeries, mergeHistory } from '../../client/src/features/segment-series/series-window.js';
import { point } from './client-fixtures.js';

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
    const at = (t: number) => r.rows.find((row) => row.t === t)!.values;
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
    expect(r.rows.length).toBeLessThanOrEqual(MAX_ROWS);
    expect(r.stepMs).toBe(12_000);
    expect(r.rows.at(-1)!.values.a).toBe(3);
    const s = buildRows(new Map([['a', pts]]), 3_600_000, 'score');
    expect(s.rows.at(-1)!.values.a).toBe(6);
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
    expect(r.rows.filter((row) => row.values.a !== null).map((row) => row.values.a)).toEqual([5, 5, 5]);
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
