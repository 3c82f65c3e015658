/**
 * @module An explored chart's axes and grid, drawn as plain SVG from its recharts chart's scales (inside that chart,
 * so part of the lazily loaded chunk): the time axis under the plot, the value axis on the left (and on the right
 * when a series has one), each with its line, its ticks, their labels and its unit, and a grid line at each left
 * tick. recharts still holds the axes (hidden: their scales, the tooltip and the brush come from them), but its own
 * axis and grid components each subscribe to its store, work out their ticks again and render a component per tick,
 * which was a good part of a chart's mount and of each new set of rows.
 */
import { memo } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { AXIS } from './ChartParts.js';

/**
 * Room a value axis takes beside the plot (its tick labels, "400 MB", and its unit turned along it beyond them: at
 * recharts' default 48 px the unit was written over the labels), and the time axis under it.
 */
export const Y_AXIS_WIDTH = 66;
export const X_AXIS_HEIGHT = 30;
const TICK = 6;
const GAP = 2;
const GRID = '#2a3442';

export interface ValueAxis {
  ticks: readonly number[];
  format: (v: number) => string;
  unit?: string | undefined;
}

interface Props {
  xTicks: readonly number[];
  xFormat: (t: number) => string;
  left: ValueAxis;
  right?: ValueAxis | undefined;
}

function ChartAxesSvg({ xTicks, xFormat, left, right }: Props) {
  const x = useXAxisScale();
  const yl = useYAxisScale('left');
  const yr = useYAxisScale('right');
  const plot = usePlotArea();
  if (!x || !yl || !plot) return null;
  const bottom = plot.y + plot.height;
  const end = plot.x + plot.width;
  const mid = plot.y + plot.height / 2;
  const at = (scale: (v: number) => number | undefined, v: number) => {
    const p = scale(v);
    return p === undefined || !Number.isFinite(p) ? undefined : p;
  };
  const valueTicks = (axis: ValueAxis, scale: (v: number) => number | undefined, side: -1 | 1, x0: number) =>
    axis.ticks.map((v) => {
      const y = at(scale, v);
      if (y === undefined) return null;
      return (
        <g key={v} className="xchart__tick">
          <line x1={x0} x2={x0 + side * TICK} y1={y} y2={y} stroke={AXIS.stroke} />
          <text
            x={x0 + side * (TICK + GAP)}
            y={y}
            dy="0.355em"
            textAnchor={side < 0 ? 'end' : 'start'}
            fill={AXIS.fill}
            fontSize={AXIS.fontSize}
          >
            {axis.format(v)}
          </text>
        </g>
      );
    });
  const unit = (text: string | undefined, ux: number, angle: number) =>
    text ? (
      <text
        x={ux}
        y={mid}
        transform={`rotate(${angle}, ${ux}, ${mid})`}
        textAnchor="middle"
        fill={AXIS.fill}
        fontSize={12}
      >
        {text}
      </text>
    ) : null;
  return (
    <g className="xchart__axes">
      <g className="xchart__grid">
        {left.ticks.map((v) => {
          const y = at(yl, v);
          return y === undefined ? null : <line key={v} x1={plot.x} x2={end} y1={y} y2={y} stroke={GRID} />;
        })}
      </g>
      <g className="xchart__axis xchart__axis--x">
        <line x1={plot.x} x2={end} y1={bottom} y2={bottom} stroke={AXIS.stroke} />
        {xTicks.map((t) => {
          const px = at(x, t);
          if (px === undefined) return null;
          return (
            <g key={t} className="xchart__tick">
              <line x1={px} x2={px} y1={bottom} y2={bottom + TICK} stroke={AXIS.stroke} />
              <text
                x={px}
                y={bottom + TICK + GAP}
                dy="0.71em"
                textAnchor="middle"
                fill={AXIS.fill}
                fontSize={AXIS.fontSize}
              >
                {xFormat(t)}
              </text>
            </g>
          );
        })}
      </g>
      <g className="xchart__axis xchart__axis--left">
        <line x1={plot.x} x2={plot.x} y1={plot.y} y2={bottom} stroke={AXIS.stroke} />
        {valueTicks(left, yl, -1, plot.x)}
        {unit(left.unit, plot.x - Y_AXIS_WIDTH + 8, -90)}
      </g>
      {right && yr ? (
        <g className="xchart__axis xchart__axis--right">
          <line x1={end} x2={end} y1={plot.y} y2={bottom} stroke={AXIS.stroke} />
          {valueTicks(right, yr, 1, end)}
          {unit(right.unit, end + Y_AXIS_WIDTH - 8, 90)}
        </g>
      ) : null}
    </g>
  );
}

export const ChartAxes = memo(ChartAxesSvg);
