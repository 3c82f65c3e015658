/** Decimation to the pixel width keeps each slice's minimum and maximum of every series: spikes and dips survive. */
import { describe, expect, it } from 'vitest';
import { decimateMinMax } from '../../client/src/lib/decimate.js';

interface Row {
  t: number;
  a: number | null;
  b: number | null;
}
const x = (r: Row) => r.t;
const vals = (r: Row) => [r.a, r.b];
/** A day at one row per second, `a` flat at 10 and `b` flat at 40. */
const day = (): Row[] => Array.from({ length: 86_400 }, (_, i) => ({ t: i * 1000, a: 10, b: 40 }));

describe('decimateMinMax', () => {
  it('keeps a one-sample spike and a one-sample dip among 86,400 rows cut to 800 px', () => {
    const rows = day();
    rows[51_234]!.a = 100;
    rows[70_001]!.b = 0;
    const out = decimateMinMax(rows, 800, x, vals);
    expect(out.length).toBeLessThanOrEqual(2 * 2 * 800 + 2);
    expect(out.find((r) => r.a === 100)?.t).toBe(51_234_000);
    expect(out.find((r) => r.b === 0)?.t).toBe(70_001_000);
    expect(Math.max(...out.map((r) => r.a ?? 0))).toBe(100);
  });

  it('keeps the order, the first and the last row', () => {
    const rows = day().map((r, i) => ({ ...r, a: Math.sin(i / 500) * 50 + 50 }));
    const out = decimateMinMax(rows, 300, x, vals);
    expect(out[0]).toBe(rows[0]);
    expect(out.at(-1)).toBe(rows.at(-1));
    for (let i = 1; i < out.length; i++) expect(out[i]!.t).toBeGreaterThan(out[i - 1]!.t);
    // every slice's extremes are there: the maximum of the whole is too
    expect(Math.max(...out.map((r) => r.a!))).toBe(Math.max(...rows.map((r) => r.a!)));
  });

  it('leaves short series alone and skips missing values', () => {
    const few: Row[] = [
      { t: 0, a: 1, b: null },
      { t: 1, a: null, b: 2 },
    ];
    expect(decimateMinMax(few, 800, x, vals)).toEqual(few);
    const gappy = day().map((r, i) => ({ ...r, a: i % 3 === 0 ? null : r.a }));
    gappy[4_000]!.a = 99;
    expect(decimateMinMax(gappy, 100, x, vals).some((r) => r.a === 99)).toBe(true);
  });
});
