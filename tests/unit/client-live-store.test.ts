/** The client's live store: snapshots, frames (merge, gaps, duplicates), alerts by version, DLQ rate. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUFFER_MS,
  LiveStore,
  lowerBound,
  MAX_RESOLVED,
  MAX_SEGMENTS,
  mergePoints,
  rejectedRate,
} from '../../client/src/state/live-store.js';
import type { SeriesPoint } from '../../shared/schemas/frame.js';
import { alert, frame, point, snapshot, stats } from './client-fixtures.js';

describe('LiveStore', () => {
  it('applies a snapshot, then frames in sequence; a duplicate is ignored and a gap is reported', () => {
    const store = new LiveStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.applySnapshot(snapshot({ series: [point('a', 1000), point('a', 2000)] }), 50);
    expect(store.getState().hasData).toBe(true);
    expect(
      store
        .getState()
        .series.get('a')
        ?.map((p) => p.t),
    ).toEqual([1000, 2000]);
    expect(store.applyFrame(frame(6, { points: [point('a', 3000)] }), 60)).toBe('applied');
    expect(store.applyFrame(frame(7), 70)).toBe('applied');
    expect(store.applyFrame(frame(7), 71)).toBe('duplicate');
    expect(store.applyFrame(frame(9), 80)).toBe('gap');
    expect(store.getState().frames).toBe(3);
    expect(calls).toBe(4);
  });

  it('keeps the segments a frame marks stale (their scorer is gone) until a frame without them', () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot({ stale: ['energy'] }), 1);
    expect(store.getState().stale).toEqual(['energy']);
    store.applyFrame(frame(6, { stale: ['energy', 'health'] }), 2);
    expect(store.getState().stale).toEqual(['energy', 'health']);
    store.applyFrame(frame(7), 3);
    expect(store.getState().stale).toEqual([]);
  });

  it('replaces a point repeated by a later frame (an open bucket closing) and keeps order', () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot({ series: [point('a', 1000)] }), 0);
    store.applyFrame(frame(6, { points: [point('a', 3000, 2, { open: true })] }), 1);
    store.applyFrame(frame(7, { points: [point('a', 2000, 5), point('a', 3000, 4)] }), 2);
    const a = store.getState().series.get('a')!;
    expect(a.map((p) => [p.t, p.events, p.open])).toEqual([
      [1000, 1, false],
      [2000, 5, false],
      [3000, 4, false],
    ]);
  });

  it('keeps earlier states intact (immutable updates for useSyncExternalStore)', () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot({ series: [point('a', 1000)] }), 0);
    const before = store.getState();
    store.applyFrame(frame(6, { points: [point('a', 2000)] }), 1);
    expect(before.series.get('a')).toHaveLength(1);
    expect(store.getState().series.get('a')).toHaveLength(2);
  });

  it('upserts alerts by version, keeps resolved ones (capped) and a newer snapshot does not drop them', () => {
    const store = new LiveStore();
    store.applyAlert(alert('a1', { version: 2 }));
    store.applyAlert(alert('a1', { version: 1, state: 'acknowledged' }));
    expect(store.getState().alerts.get('a1')?.state).toBe('open');
    store.applyAlert(alert('a1', { version: 3, state: 'resolved' }));
    expect(store.getState().alerts.get('a1')?.state).toBe('resolved');
    store.applySnapshot(snapshot({ alerts: [alert('a2')] }), 0);
    expect([...store.getState().alerts.keys()].sort()).toEqual(['a1', 'a2']);

    const many = Array.from({ length: MAX_RESOLVED + 20 }, (_, i) =>
      alert(`r${i}`, { state: 'resolved', lastSeen: i }),
    );
    store.applyAlerts(many);
    const resolved = [...store.getState().alerts.values()].filter((a) => a.state === 'resolved');
    expect(resolved).toHaveLength(MAX_RESOLVED);
    expect(store.getState().alerts.has('r0')).toBe(false);
    expect(store.getState().alerts.has(`r${MAX_RESOLVED + 19}`)).toBe(true);
  });

  it('a frozen store holds a state and never changes', () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot(), 0);
    const frozen = LiveStore.frozen(store.getState());
    store.applyFrame(frame(6), 1);
    expect(frozen.getState().frames).toBe(0);
    expect(store.getState().frames).toBe(1);
  });

  it('reset empties everything', () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot({ series: [point('a', 1)] }), 0);
    store.reset();
    expect(store.getState().hasData).toBe(false);
    expect(store.getState().series.size).toBe(0);
  });
});

describe('mergePoints', () => {
  it('accepts a new segment under the cap whatever the order of the frame (known ones are not counted twice)', () => {
    const series = new Map<string, readonly SeriesPoint[]>();
    const known = Array.from({ length: MAX_SEGMENTS - 1 }, (_, k) => `s${k}`);
    mergePoints(
      series,
      known.map((s) => point(s, 0)),
    );
    mergePoints(series, [...known.map((s) => point(s, 1000)), point('new', 1000), point('over', 1000)]);
    expect(series.size).toBe(MAX_SEGMENTS);
    expect(series.has('new')).toBe(true);
    expect(series.has('over')).toBe(false);
  });

  it('drops points older than the buffer behind the newest point', () => {
    const series = new Map<string, readonly SeriesPoint[]>();
    mergePoints(series, [point('a', 0), point('a', 1000)]);
    mergePoints(series, [point('b', BUFFER_MS + 1000)]);
    expect(series.has('a')).toBe(false);
    expect(series.get('b')).toHaveLength(1);
  });

  it('caps the number of segments (producer-chosen names cannot exhaust the tab)', () => {
    const series = new Map<string, readonly SeriesPoint[]>();
    mergePoints(
      series,
      Array.from({ length: MAX_SEGMENTS + 10 }, (_, i) => point(`s${i}`, 1000)),
    );
    expect(series.size).toBe(MAX_SEGMENTS);
  });

  it('gives what merging by definition gives, frame after frame, and leaves the arrays it was given alone', () => {
    /** Every accepted point in, the later one winning at the same t, sorted, then the buffer's cutoff. */
    const byDefinition = (
      series: ReadonlyMap<string, readonly SeriesPoint[]>,
      points: readonly SeriesPoint[],
    ) => {
      const touched = new Map<string, SeriesPoint[]>();
      for (const p of points) {
        if (!touched.has(p.segment) && !series.has(p.segment) && series.size + touched.size >= MAX_SEGMENTS)
          continue;
        touched.set(p.segment, [...(touched.get(p.segment) ?? []), p]);
      }
      const out = new Map<string, SeriesPoint[]>();
      for (const [s, arr] of series) out.set(s, [...arr]);
      for (const [s, list] of touched) {
        const byT = new Map((out.get(s) ?? []).map((p) => [p.t, p]));
        for (const p of list) byT.set(p.t, p);
        out.set(
          s,
          [...byT.values()].sort((a, b) => a.t - b.t),
        );
      }
      const newest = Math.max(...[...out.values()].map((arr) => arr.at(-1)?.t ?? Number.NEGATIVE_INFINITY));
      for (const [s, arr] of out) {
        const keep = arr.filter((p) => p.t > newest - BUFFER_MS);
        if (keep.length === 0) out.delete(s);
        else out.set(s, keep);
      }
      return out;
    };
    const frameOf = fc.array(
      fc.record({
        segment: fc.oneof(
          { arbitrary: fc.constantFrom('a', 'b', 'c'), weight: 6 },
          { arbitrary: fc.nat(MAX_SEGMENTS + 5).map((n) => `s${n}`), weight: 1 },
        ),
        // whole minutes mostly: points then often fall exactly on the cutoff (newest − 15 min)
        t: fc.oneof(
          fc.nat(20).map((m) => m * 60_000),
          fc.nat(1200).map((s) => s * 1000),
        ),
        events: fc.nat(50),
      }),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(fc.array(frameOf, { minLength: 1, maxLength: 12 }), (frames) => {
        const series = new Map<string, readonly SeriesPoint[]>();
        let t0 = 0;
        for (const f of frames) {
          t0 += 60_000;
          const points = f.map((p) => point(p.segment, t0 + p.t, p.events));
          const before = new Map([...series].map(([s, arr]) => [s, [...arr]] as const));
          const given = new Map(series);
          const expected = byDefinition(series, points);
          mergePoints(series, points);
          expect(series).toEqual(expected);
          for (const [s, arr] of given) expect(arr).toEqual(before.get(s)); // earlier snapshots intact
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a point exactly one buffer behind the newest out, in a segment the frame adds to', () => {
    const series = new Map<string, readonly SeriesPoint[]>();
    mergePoints(series, [point('a', 60_000)]);
    mergePoints(series, [point('a', 60_000 + BUFFER_MS)]);
    expect(series.get('a')!.map((p) => p.t)).toEqual([60_000 + BUFFER_MS]);
  });

  it('lowerBound finds the first index at or after t', () => {
    const arr = [point('a', 1000), point('a', 2000), point('a', 3000)];
    expect(lowerBound(arr, 0)).toBe(0);
    expect(lowerBound(arr, 2000)).toBe(1);
    expect(lowerBound(arr, 2500)).toBe(2);
    expect(lowerBound(arr, 9999)).toBe(3);
  });
});

describe('rejectedRate', () => {
  it('is the dead-letter rate over the last 10 s of samples', () => {
    expect(rejectedRate([])).toBe(0);
    expect(rejectedRate([[0, 5]])).toBe(0);
    expect(
      rejectedRate([
        [0, 0],
        [5000, 100],
        [10_000, 120],
        [20_000, 140],
      ]),
    ).toBe(2);
    // A counter that goes backwards (server restart) is not a negative rate.
    expect(
      rejectedRate([
        [0, 50],
        [1000, 0],
      ]),
    ).toBe(0);
  });

  it('is fed by frames', () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot({ stats: stats({ rejected: 10 }) }), 0);
    store.applyFrame(frame(6, { stats: stats({ rejected: 20 }) }), 2000);
    expect(rejectedRate(store.getState().rejectedSamples)).toBe(5);
  });
});
