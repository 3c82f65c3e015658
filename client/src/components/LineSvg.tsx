/**
 * @module A light multi-line SVG chart that scales with its box (no chart library): the wall uses it, at
 * any resolution. Values are drawn on [0, max]; null is a gap.
 */
export interface LineSvgSeries {
  name: string;
  colour: string;
  dash?: string;
  values: readonly (number | null)[];
}

export interface LineSvgProps {
  series: readonly LineSvgSeries[];
  max: number;
  /** Horizontal reference line (alert threshold). */
  threshold?: number;
  label: string;
}

const W = 1000;
const H = 300;

export function LineSvg({ series, max, threshold, label }: LineSvgProps) {
  const top = max > 0 ? max : 1;
  const y = (v: number) => H - (Math.min(Math.max(v, 0), top) / top) * (H - 6) - 3;
  let points = 0;
  const paths = series.map((s) => {
    const n = s.values.length;
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      points++;
      const x = n <= 1 ? W : (i / (n - 1)) * W;
      d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return { s, d };
  });
  return (
    <svg
      className="linesvg"
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      data-points={points}
    >
      {[0.25, 0.5, 0.75].map((f) => (
        <line key={f} x1={0} x2={W} y1={H * f} y2={H * f} className="linesvg__grid" />
      ))}
      {threshold !== undefined ? (
        <line x1={0} x2={W} y1={y(threshold)} y2={y(threshold)} className="linesvg__threshold" />
      ) : null}
      {paths.map(({ s, d }) =>
        d ? (
          <path
            key={s.name}
            d={d}
            stroke={s.colour}
            strokeDasharray={s.dash}
            className="linesvg__line"
            vectorEffect="non-scaling-stroke"
          />
        ) : null,
      )}
    </svg>
  );
}
