/**
 * @module A small events/s line over a shaded expected band (baseline mean ± 3σ, the band the rate detector judges by), on its own scale (zoomed on the
 * band and the data): one per segment, so that a quiet segment's band is as readable as a loud one's. Plain SVG.
 */
import { memo } from 'react';
import { linePath, pixelText } from './TimeChart.js';

export interface BandSparkProps {
  /** Per-second rates, oldest first (NaN: no data). */
  values: ArrayLike<number>;
  /** Expected range [low, high]; omitted while the baseline is unknown. */
  band?: readonly [number, number] | undefined;
  label: string;
}

const W = 200;
const H = 48;

/** The x of each of `n` points as path text, spread over the width (one list per length, made once). */
const columnXs = new Map<number, string[]>();
function xsFor(n: number): string[] {
  let xs = columnXs.get(n);
  if (!xs) {
    xs = Array.from({ length: n }, (_, i) => pixelText(n <= 1 ? W : (i / (n - 1)) * W));
    columnXs.set(n, xs);
  }
  return xs;
}

/** Memoised on the values' identity and the band's two numbers (the caller builds a new pair each render). */
export const BandSpark = memo(
  function BandSpark({ values, band, label }: BandSparkProps) {
    // Zoomed on the band and the data (not from zero): a band of 18–22/s stays a band, not a hairline.
    let lo = band ? band[0] : Number.POSITIVE_INFINITY;
    let hi = band ? band[1] : Number.NEGATIVE_INFINITY;
    let last: number | null = null;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      last = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
    const pad = Math.max((hi - lo) * 0.15, hi * 0.05, 0.5);
    const bottom = Math.max(0, lo - pad);
    const top = hi + pad;
    const y = (v: number) =>
      H - 1 - ((Math.min(Math.max(v, bottom), top) - bottom) / (top - bottom)) * (H - 2);
    const outside = band && last !== null && (last > band[1] || last < band[0]);
    return (
      <svg
        className={`bandspark ${outside ? 'bandspark--outside' : ''}`}
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={label}
      >
        {band ? (
          <rect
            x={0}
            width={W}
            y={y(band[1])}
            height={Math.max(1, y(band[0]) - y(band[1]))}
            className="bandspark__band"
          />
        ) : null}
        {band ? (
          <line
            x1={0}
            x2={W}
            y1={y((band[0] + band[1]) / 2)}
            y2={y((band[0] + band[1]) / 2)}
            className="bandspark__mean"
          />
        ) : null}
        <path
          d={linePath(values, xsFor(values.length), y)}
          className="bandspark__line"
          vectorEffect="non-scaling-stroke"
        />
      </svg>
    );
  },
  (a, b) =>
    a.values === b.values &&
    a.label === b.label &&
    a.band?.[0] === b.band?.[0] &&
    a.band?.[1] === b.band?.[1],
);
