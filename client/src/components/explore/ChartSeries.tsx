/**
 * @module An explored chart's series, drawn as plain SVG paths from the chart's own axis scales (inside its recharts
 * chart, so part of the lazily loaded chunk): lines broken where a value is missing, and areas stacked by `stack`
 * as steps (a score's parts by detector). recharts' own `Line` and `Area` build an object or two per point and per
 * render (thousands for a day's history: most of a long task); a path string per series is all the picture needs.
 * The tooltip still comes from recharts, through a hidden carrier line (see `ExploreChart`).
 */
import { memo, useId } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import type { ExploreRow, ExploreSeries } from './explore-types.js';

type Scale = (v: number) => number | undefined;

const f = (v: number) => Math.round(v * 10) / 10;

function linePath(rows: readonly ExploreRow[], key: string, x: Scale, y: Scale): string {
  const out: string[] = [];
  let pen = false;
  for (const r of rows) {
    const v = r[key];
    const px = x(r.t);
    const py = v === null || v === undefined || Number.isNaN(v) ? undefined : y(v);
    if (px === undefined || py === undefined || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    out.push(`${pen ? 'L' : 'M'}${f(px)},${f(py)}`);
    pen = true;
  }
  return out.join('');
}

/** A step area between `base` and `top` (each value held until the next row), and its top edge. */
function stepArea(
  xs: readonly number[],
  base: readonly number[],
  top: readonly number[],
  y: Scale,
): { fill: string; edge: string } {
  const n = xs.length;
  if (n === 0) return { fill: '', edge: '' };
  const yt = top.map((v) => f(y(v) ?? 0));
  const yb = base.map((v) => f(y(v) ?? 0));
  const edge: string[] = [`M${xs[0]},${yt[0]}`];
  for (let i = 1; i < n; i++) edge.push(`H${xs[i]}V${yt[i]}`);
  const back: string[] = [`L${xs[n - 1]},${yb[n - 1]}`];
  for (let i = n - 2; i >= 0; i--) back.push(`V${yb[i]}H${xs[i]}`);
  return { fill: `${edge.join('')}${back.join('')}Z`, edge: edge.join('') };
}

interface Props {
  rows: readonly ExploreRow[];
  series: readonly ExploreSeries[];
}

function ChartSeriesPaths({ rows, series }: Props) {
  const x = useXAxisScale();
  const left = useYAxisScale('left');
  const right = useYAxisScale('right');
  const plot = usePlotArea();
  const clip = `xclip${useId().replace(/:/g, '')}`;
  if (!x || !left || !plot || rows.length === 0) return null;
  const xs = rows.map((r) => f(x(r.t) ?? 0));
  const stacks = new Map<string, number[]>();
  const drawn = series.map((s) => {
    const y = (s.axis === 'right' ? right : left) ?? left;
    if (s.kind !== 'area') {
      return (
        <path
          key={s.key}
          className="xchart__line"
          d={linePath(rows, s.key, x, y)}
          fill="none"
          stroke={s.colour}
          strokeWidth={2}
          strokeDasharray={s.dash}
        />
      );
    }
    const stack = `${s.axis ?? 'left'}/${s.stack ?? s.key}`;
    const base = stacks.get(stack) ?? rows.map(() => 0);
    const top = rows.map((r, i) => base[i]! + (r[s.key] ?? 0));
    stacks.set(stack, top);
    const area = stepArea(xs, base, top, y);
    return (
      <g key={s.key} className="xchart__area">
        <path d={area.fill} fill={s.colour} fillOpacity={0.55} stroke="none" />
        <path d={area.edge} fill="none" stroke={s.colour} strokeWidth={1.5} />
      </g>
    );
  });
  return (
    <g className="xchart__series">
      <defs>
        <clipPath id={clip}>
          <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clip})`}>{drawn}</g>
    </g>
  );
}

export const ChartSeries = memo(ChartSeriesPaths);
