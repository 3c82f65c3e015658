/**
 * @module Decimation to the pixel width for the explored charts: rows are cut into `width` equal slices of time and
 * each slice keeps, for every series, the row holding its minimum and the row holding its maximum (so a one-second
 * scan spike or a dip to zero survives at any zoom), plus the first and last row. Pure.
 */

/**
 * At most about 2 × series × `width` rows, in their order. `rows` must be sorted by `x`; `values` gives a row's value
 * of each series (null: no value). Fewer rows than twice the width are returned as they are.
 */
export function decimateMinMax<T>(
  rows: readonly T[],
  width: number,
  x: (row: T) => number,
  values: (row: T) => readonly (number | null | undefined)[],
): T[] {
  const slices = Math.max(1, Math.floor(width));
  if (rows.length <= 2 * slices) return rows.slice();
  const x0 = x(rows[0]!);
  const span = x(rows[rows.length - 1]!) - x0;
  if (!(span > 0)) return [rows[0]!, rows[rows.length - 1]!];
  const keep = new Uint8Array(rows.length);
  keep[0] = 1;
  keep[rows.length - 1] = 1;
  let start = 0;
  while (start < rows.length) {
    const slice = Math.min(slices - 1, Math.floor(((x(rows[start]!) - x0) / span) * slices));
    let end = start + 1;
    while (
      end < rows.length &&
      Math.min(slices - 1, Math.floor(((x(rows[end]!) - x0) / span) * slices)) === slice
    )
      end++;
    const n = values(rows[start]!).length;
    for (let s = 0; s < n; s++) {
      let lo = -1;
      let hi = -1;
      let loV = Number.POSITIVE_INFINITY;
      let hiV = Number.NEGATIVE_INFINITY;
      for (let i = start; i < end; i++) {
        const v = values(rows[i]!)[s];
        if (v === null || v === undefined || Number.isNaN(v)) continue;
        if (v < loV) {
          loV = v;
          lo = i;
        }
        if (v > hiV) {
          hiV = v;
          hi = i;
        }
      }
      if (lo >= 0) keep[lo] = 1;
      if (hi >= 0) keep[hi] = 1;
    }
    start = end;
  }
  const out: T[] = [];
  for (let i = 0; i < rows.length; i++) if (keep[i]) out.push(rows[i]!);
  return out;
}
