/**
 * @module A time chart drawn as plain SVG in pixels (one `<path>` per line, no per-point elements): axes, grid,
 * an optional threshold line and a hover read-out. Replaces recharts on the overview, where 20 lines × 300
 * points redrawn every tick cost ~90 ms of main thread per tick with recharts (bench/browser-perf.ts).
 */

import { memo, type PointerEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { letteredMarks } from '../lib/mark-letters.js';

export interface TimeChartLine {
  name: string;
  colour: string;
  dash?: string | undefined;
  /** One value per row (NaN: gap). */
  values: ArrayLike<number>;
}

export interface TimeChartProps {
  /** Row times (epoch ms), ascending, evenly spaced. */
  times: readonly number[];
  lines: readonly TimeChartLine[];
  /** X domain. */
  start: number;
  end: number;
  xTicks: readonly number[];
  formatX(t: number): string;
  /** Y domain [0, yMax] and its ticks; omitted: a round maximum over the data. */
  yMax?: number;
  yTicks?: readonly number[];
  formatY(v: number): string;
  threshold?: { value: number; label: string };
  height: number;
  /** Title for the hover read-out's time. */
  formatTime(t: number): string;
  /** Moments marked by a vertical line and a letter (alerts raised, acknowledged, resolved). */
  marks?: readonly { t: number; letter: string; kind: string; title: string }[];
}

const M = { top: 10, right: 36, bottom: 30, left: 64 };

/** Round axis maximum and ticks (0 … max) for data up to `max`: steps of 1, 2, 2.5 or 5 × 10^k. */
export function niceScale(max: number, count = 4): { max: number; ticks: number[] } {
  if (!(max > 0)) return { max: 1, ticks: [0, 1] };
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { max: top, ticks };
}

/** Texts of tenths already written (index: tenths of a pixel), so that a number becomes text once per page. */
const TENTHS: (string | undefined)[] = new Array(32_768);

/**
 * A pixel coordinate as path text, to a tenth of a pixel: what `${Math.round(n * 10) / 10}` gives, taken from a
 * cache. Number-to-text is most of a path's cost (20 lines × 300 points per chart on every tick).
 */
export function pixelText(n: number): string {
  const k = Math.round(n * 10);
  if (!(k >= 0 && k < TENTHS.length)) return String(k / 10); // NaN too
  let text = TENTHS[k];
  if (text === undefined) {
    text = String(k / 10);
    TENTHS[k] = text;
  }
  return text;
}

/** The parts of the path being written, reused from line to line (joined once, not concatenated point by point). */
const parts: string[] = [];

/**
 * The SVG path of one line in pixel coordinates; NaN values lift the pen. `xs` is each row's x as text
 * (`pixelText`), worked out once for all the lines of a chart.
 */
export function linePath(values: ArrayLike<number>, xs: readonly string[], y: (v: number) => number): string {
  parts.length = 0;
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      pen = false;
      continue;
    }
    parts.push(pen ? 'L' : 'M', xs[i]!, ' ', pixelText(y(v)));
    pen = true;
  }
  const d = parts.join('');
  parts.length = 0;
  return d;
}

function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

/** Pixel y of a value on [0, max] in a plot area `h` pixels high. */
const yScale = (h: number, max: number) => (v: number) =>
  M.top + h - (Math.min(Math.max(v, 0), max) / max) * h;

/**
 * Memoised, and the paths are worked out only when the data, the scale or the width change: a hover or a parent's
 * render with the same data draws nothing new.
 */
export const TimeChart = memo(function TimeChart(props: TimeChartProps) {
  const {
    times,
    lines,
    start,
    end,
    xTicks,
    formatX,
    formatY,
    threshold,
    height,
    formatTime,
    yMax,
    yTicks,
    marks,
  } = props;
  const [box, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);

  const dataMax = useMemo(() => {
    let max = 0;
    for (const l of lines) {
      const values = l.values;
      for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!; // NaN never is
    }
    return max;
  }, [lines]);
  const scale = useMemo(
    () => (yMax !== undefined ? { max: yMax, ticks: yTicks ?? [0, yMax] } : niceScale(dataMax)),
    [yMax, yTicks, dataMax],
  );
  const w = Math.max(0, width - M.left - M.right);
  const h = height - M.top - M.bottom;
  const span = Math.max(1, end - start);
  const xAt = (t: number) => M.left + ((t - start) / span) * w;
  const x = (i: number) => xAt(times[i] ?? start);
  const y = yScale(h, scale.max);
  const lettered = letteredMarks(marks ?? [], xAt);
  const paths = useMemo(() => {
    const xs = times.map((t) => pixelText(M.left + ((t - start) / span) * w));
    const yOf = yScale(h, scale.max);
    return lines.map((l) => linePath(l.values, xs, yOf));
  }, [lines, times, start, span, w, h, scale.max]);

  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    if (times.length === 0 || w <= 0) return;
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    const t = start + ((px - M.left) / w) * span;
    const step = times.length > 1 ? times[1]! - times[0]! : 1;
    const i = Math.round((t - times[0]!) / step);
    setHover(i >= 0 && i < times.length ? i : null);
  };

  const readout =
    hover === null
      ? []
      : lines
          .map((l) => ({ l, v: l.values[hover] ?? Number.NaN }))
          .filter((r) => !Number.isNaN(r.v))
          .sort((a, b) => b.v - a.v)
          .slice(0, 12);

  return (
    <div ref={box} className="tchart" style={{ height }}>
      {width > 0 ? (
        <svg
          width={width}
          height={height}
          className="tchart__svg"
          aria-hidden="true"
          onPointerMove={onMove}
          onPointerLeave={() => setHover(null)}
        >
          {scale.ticks.map((v) => (
            <g key={v}>
              <line x1={M.left} x2={M.left + w} y1={y(v)} y2={y(v)} className="tchart__grid" />
              <text
                x={M.left - 8}
                y={y(v)}
                className="tchart__tick"
                textAnchor="end"
                dominantBaseline="middle"
              >
                {formatY(v)}
              </text>
            </g>
          ))}
          {xTicks.map((t) => (
            <text key={t} x={xAt(t)} y={M.top + h + 20} className="tchart__tick" textAnchor="middle">
              {formatX(t)}
            </text>
          ))}
          <line x1={M.left} x2={M.left + w} y1={M.top + h} y2={M.top + h} className="tchart__axis" />
          <line x1={M.left} x2={M.left} y1={M.top} y2={M.top + h} className="tchart__axis" />
          {threshold ? (
            <g>
              <line
                x1={M.left}
                x2={M.left + w}
                y1={y(threshold.value)}
                y2={y(threshold.value)}
                className="tchart__threshold"
              />
            </g>
          ) : null}
          {lines.map((l, i) => (
            <path
              key={l.name}
              d={paths[i]}
              stroke={l.colour}
              strokeDasharray={l.dash}
              className="tchart__line"
            />
          ))}
          {threshold ? (
            // after the lines, inside the plot over its right end: any language's words fit ("įspėjimas 60" was
            // cut), and no line is drawn over them ("alert" read "aler")
            <text x={M.left + w - 4} y={y(threshold.value) - 6} className="tchart__tlabel" textAnchor="end">
              {threshold.label}
            </text>
          ) : null}
          {marks?.map((m, i) => (
            <g
              key={`${m.kind}/${m.t}/${m.title}`}
              className={`tchart__mark tchart__mark--${m.kind}`}
              data-mark={m.kind}
            >
              <title>{m.title}</title>
              <line x1={xAt(m.t)} x2={xAt(m.t)} y1={M.top + 12} y2={M.top + h} />
              {lettered[i] ? (
                <text x={xAt(m.t)} y={M.top + 10} textAnchor="middle">
                  {m.letter}
                </text>
              ) : null}
            </g>
          ))}
          {hover !== null ? (
            <line x1={x(hover)} x2={x(hover)} y1={M.top} y2={M.top + h} className="tchart__cursor" />
          ) : null}
        </svg>
      ) : null}
      {hover !== null && readout.length > 0 ? (
        <div
          className="tchart__readout"
          style={x(hover) > width / 2 ? { right: width - x(hover) + 12 } : { left: x(hover) + 12 }}
        >
          <div className="tchart__readout-time">{formatTime(times[hover]!)}</div>
          {readout.map(({ l, v }) => (
            <div key={l.name} className="tchart__readout-row">
              <span className="tchart__swatch" style={{ background: l.colour }} />
              <span>{l.name}</span>
              <span className="tchart__readout-value">{formatY(v)}</span>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
});
