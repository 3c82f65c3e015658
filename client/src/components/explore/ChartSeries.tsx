/**
 * @module An explored chart's series, drawn as plain SVG paths from the chart's own axis scales (inside its recharts
 * chart, so part of the lazily loaded chunk): lines broken where a value is missing, and areas stacked by `stack`
 * as steps (a score's parts by detector). recharts' own `Line` and `Area` build an object or two per point and per
 * render (thousands for a day's history: most of a long task); a path string per series is all the picture needs.
 * The tooltip still comes from recharts, through a hidden carrier line (see `ExploreChart`).
 */
import { memo, useId, useMemo } from 'react';
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

type Drawn =
  | { key: string; kind: 'line'; colour: string; dash: string | undefined; d: string }
  | { key: string; kind: 'area'; colour: string; fill: string; edge: string };

/** Each series' path(s) at these scales. */
function seriesPaths(
  rows: readonly ExploreRow[],
  series: readonly ExploreSeries[],
  x: Scale,
  left: Scale,
  right: Scale | undefined,
): Drawn[] {
  const xs = rows.map((r) => f(x(r.t) ?? 0));
  const stacks = new Map<string, number[]>();
  return series.map((s) => {
    const y = (s.axis === 'right' ? right : left) ?? left;
    if (s.kind !== 'area') {
      return { key: s.key, kind: 'line', colour: s.colour, dash: s.dash, d: linePath(rows, s.key, x, y) };
    }
    const stack = `${s.axis ?? 'left'}/${s.stack ?? s.key}`;
    const base = stacks.get(stack) ?? rows.map(() => 0);
    const top = rows.map((r, i) => base[i]! + (r[s.key] ?? 0));
    stacks.set(stack, top);
    return { key: s.key, kind: 'area', colour: s.colour, ...stepArea(xs, base, top, y) };
  });
}

/**
 * Where two values land on each scale: the scales are linear, so equal signatures place every point alike. recharts
 * makes new scale objects for the same axes when something else in its store changes (the tooltip mounting), and
 * the paths are not worth working out again for that.
 */
function scaleSignature(
  rows: readonly ExploreRow[],
  x: Scale,
  left: Scale,
  right: Scale | undefined,
): string {
  const t0 = rows[0]?.t ?? 0;
  const t1 = rows[rows.length - 1]?.t ?? 1;
  return [x(t0), x(t1 === t0 ? t0 + 1 : t1), left(0), left(1), right?.(0), right?.(1)].join();
}

function ChartSeriesPaths({ rows, series }: Props) {
  const x = useXAxisScale();
  const left = useYAxisScale('left');
  const right = useYAxisScale('right');
  const plot = usePlotArea();
  const clip = `xclip${useId().replace(/:/g, '')}`;
  const sig = x && left ? scaleSignature(rows, x, left, right) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the scales are compared by where they put values (`sig`)
  const drawn = useMemo(
    () => (x && left ? seriesPaths(rows, series, x, left, right) : []),
    [rows, series, sig],
  );
  if (!x || !left || !plot || rows.length === 0) return null;
  return (
    <g className="xchart__series">
      <defs>
        <clipPath id={clip}>
          <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clip})`}>
        {drawn.map((p) =>
          p.kind === 'line' ? (
            <path
              key={p.key}
              className="xchart__line"
              d={p.d}
              fill="none"
              stroke={p.colour}
              strokeWidth={2}
              strokeDasharray={p.dash}
            />
          ) : (
            <g key={p.key} className="xchart__area">
              <path d={p.fill} fill={p.colour} fillOpacity={0.55} stroke="none" />
              <path d={p.edge} fill="none" stroke={p.colour} strokeWidth={1.5} />
            </g>
          ),
        )}
      </g>
    </g>
  );
}

export const ChartSeries = memo(ChartSeriesPaths);
