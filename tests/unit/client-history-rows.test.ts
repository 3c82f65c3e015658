/** Rows for the explored charts: the series history summed over segments, and rates sampled by the page. */
import { describe, expect, it } from 'vitest';
import {
  historyRows,
  historySince,
  historyStep,
  roundStep,
  stepLabel,
} from '../../client/src/features/history/history-rows.js';
import { addSamples, MAX_SAMPLES, sampleRows } from '../../client/src/features/history/rate-samples.js';
import { legendEntries } from '../../client/src/features/host-detail/ScoreTimeline.js';
import { sensorRows, sensorStep } from '../../client/src/features/sensors/useSensorHistory.js';
import { applyLocale } from '../../client/src/i18n/index.js';
import { letteredMarks } from '../../client/src/lib/mark-letters.js';
import { point as seriesPoint } from './client-fixtures.js';

const point = (segment: string, t: number, events: number, score: number) =>
  seriesPoint(segment, t, events, { bytesOut: events * 100, score });
const sensor = (name: string, rate: number) => ({ name, eventsPerSec: rate });

describe('history rows', () => {
  it('sums events and bytes over segments, keeps the highest score, in time order', () => {
    const rows = historyRows([point('b', 2000, 3, 80), point('a', 1000, 1, 10), point('a', 2000, 2, 20)]);
    expect(rows).toEqual([
      { t: 1000, events: 1, bytes: 100, score: 10 },
      { t: 2000, events: 5, bytes: 500, score: 80 },
    ]);
  });

  it('asks for at most about 2,000 points in all, in round steps: one segment 2 s an hour, 1 min a day; twenty segments 1 min an hour', () => {
    expect([3_600_000, 21_600_000, 86_400_000].map((ms) => historyStep(ms))).toEqual([2, 15, 60]);
    expect(historyStep(3_600_000, 20)).toBe(60);
    expect(historyStep(86_400_000, 20)).toBe(900);
    // a 12 h shift over 8 segments: 3 min, not 173 s
    expect(historyStep(43_200_000, 8)).toBe(180);
    // never fewer than 100 points per segment
    expect(historyStep(3_600_000, 500)).toBe(60);
  });

  it('rounds a step up to whole clock units, in whole buckets of the unit asked; never past an hour', () => {
    expect(
      [0.2, 1, 1.5, 3, 7, 11, 16, 25, 31, 61, 173, 250, 301, 1000, 1500, 2000].map((s) => roundStep(s)),
    ).toEqual([1, 1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 300, 600, 1200, 1800, 3600]);
    expect(roundStep(9000)).toBe(3600);
    expect([1, 10, 11, 15, 25, 45].map((s) => roundStep(s, 10))).toEqual([10, 10, 20, 20, 30, 60]);
    // the sensors' 360 steps: 10 s an hour, 1 min in 6 h, 5 min a day
    expect([3_600_000, 21_600_000, 86_400_000].map(sensorStep)).toEqual([10, 60, 300]);
  });

  it('says a step in its largest whole unit', async () => {
    await applyLocale('en');
    expect([1, 15, 60, 180, 90, 3600, 7200].map(stepLabel)).toEqual([
      '1 s',
      '15 s',
      '1 min',
      '3 min',
      '90 s',
      '1 h',
      '2 h',
    ]);
    await applyLocale('lt');
    expect(stepLabel(180)).toBe('3 min.');
    await applyLocale('en');
  });
});

describe("sensors' and processes' sampled rates", () => {
  it('adds one sample per refresh, ignores a repeated time, keeps at most an hour', () => {
    let s = addSamples(new Map(), [sensor('x', 5), sensor('y', 1)], 1000);
    s = addSamples(s, [sensor('x', 7)], 1000);
    s = addSamples(s, [sensor('x', 9)], 6000);
    expect(s.get('x')).toEqual([
      [1000, 5],
      [6000, 9],
    ]);
    expect(sampleRows(s, ['x', 'y'])).toEqual([
      { t: 1000, 's:x': 5, 's:y': 1 },
      { t: 6000, 's:x': 9, 's:y': null },
    ]);
    for (let i = 0; i < MAX_SAMPLES + 10; i++) s = addSamples(s, [sensor('x', i)], 10_000 + i * 5000);
    expect(s.get('x')).toHaveLength(MAX_SAMPLES);
  });
});

describe('where a history chart starts', () => {
  const H = 3_600_000;
  const T = Date.UTC(2026, 11, 7, 5, 5, 0);
  const rows = (from: number, to: number, stepMs: number) =>
    Array.from({ length: Math.floor((to - from) / stepMs) + 1 }, (_, i) => ({ t: from + i * stepMs }));
  const ready = (r: { t: number }[], stepS: number, placeholder = false) => ({
    rows: r,
    state: 'ready',
    stepS,
    placeholder,
  });

  it("is said when the first point comes later than the window's start, in the screen's language", async () => {
    await applyLocale('en');
    const end = T + 68 * 60_000;
    const short = ready(rows(T, end, 30_000), 30);
    expect(historySince(short, 12 * H, end)).toBe(
      'The chart starts at 05:05 UTC, its first point in this window (1 h 8 min of the 12 h shown).',
    );
    await applyLocale('lt');
    expect(historySince(short, 12 * H, end)).toBe(
      'Diagrama prasideda 05:05 UTC, nuo pirmojo šio lango taško (rodoma 1 val. 8 min. iš 12 val.).',
    );
    await applyLocale('en');
  });

  it('is not said when the first point is at the start, however the history ends, nor for rows not of this window', () => {
    const end = T + H;
    expect(historySince(ready(rows(T, end, 10_000), 10), H, end)).toBe('');
    // two steps after the start is still the start
    expect(historySince(ready(rows(T + 20_000, end, 10_000), 10), H, end)).toBe('');
    // nothing in the window's last 20 minutes (an outage): the chart still starts at the window's start
    expect(historySince(ready(rows(T, end - 20 * 60_000, 10_000), 10), H, end)).toBe('');
    // the previous window's rows, kept while this one's are asked for
    expect(historySince(ready(rows(end - 10 * 60_000, end, 10_000), 10, true), 24 * H, end)).toBe('');
    expect(historySince(ready([], 10), H, end)).toBe('');
  });
});

describe("the host timeline's legend", () => {
  it('names every detector drawn: the shares now, then the others at 0', () => {
    const shares = new Map([
      ['scan', 91],
      ['ids', 5],
    ]);
    expect(legendEntries(shares, ['ids', 'scan', 'volume'])).toEqual([
      ['scan', 91],
      ['ids', 5],
      ['volume', 0],
    ]);
  });
});

describe("the sensors' rate chart", () => {
  it('breaks every line over steps in which no sensor sent (the answer leaves them out)', () => {
    const rows = sensorRows({
      from: 0,
      to: 600_000,
      step: 60,
      t: [0, 60_000, 300_000, 360_000],
      sensors: [{ sensor: 'sur-1', events: 40, eventsPerSec: [1, 2, 3, 4] }],
      total: 1,
    });
    expect(rows).toEqual([
      { t: 0, 's:sur-1': 1 },
      { t: 60_000, 's:sur-1': 2 },
      { t: 120_000, 's:sur-1': null },
      { t: 300_000, 's:sur-1': 3 },
      { t: 360_000, 's:sur-1': 4 },
    ]);
    expect(sensorRows(undefined)).toEqual([]);
  });
});

describe("a live chart's alert marks", () => {
  it('letter only those far enough from the last lettered one (the others keep their line and title)', () => {
    const marks = [{ t: 0 }, { t: 5 }, { t: 30 }, { t: 12 }, { t: 31 }];
    expect(letteredMarks(marks, (t) => t)).toEqual([true, false, true, false, false]);
    expect(letteredMarks([], (t) => t)).toEqual([]);
  });
});
