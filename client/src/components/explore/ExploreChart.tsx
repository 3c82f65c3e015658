/**
 * @module A chart to explore (recharts; loaded lazily through `LazyExploreChart`): time on the x axis, a tooltip with
 * every series' value at the pointer, alert moments marked, and a brush under it to zoom. Rows are decimated to the
 * plot's pixel width keeping each pixel's minimum and maximum, for the whole range under the brush and again for the
 * stretch it selects, so a spike is never averaged away at any zoom. Animations are off.
 */
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  Area,
  Brush,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { t } from '../../i18n/index.js';
import { decimateMinMax } from '../../lib/decimate.js';
import type { ExploreChartProps, ExploreRow } from './explore-types.js';

const AXIS = { stroke: '#8b98a5', fontSize: 13, fill: '#c9d1d9' } as const;
const MARGIN = { top: 22, right: 12, bottom: 4, left: 4 };
const Y_AXIS_WIDTH = 48;

const TEXT = {
  get empty() {
    return t('explore.empty');
  },
  get zoom() {
    return t('explore.zoom');
  },
  get whole() {
    return t('explore.whole');
  },
};

/** "13:04:05Z" within a day, "03-05 13:04Z" beyond. */
function timeLabel(t: number, span: number): string {
  const iso = new Date(t).toISOString();
  return span > 86_400_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}Z` : `${iso.slice(11, 19)}Z`;
}

const tOf = (r: ExploreRow) => r.t;
const round = (v: number) => (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10);

/** Width of the element, kept current. */
function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
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
  return [ref, width];
}

function ExploreChart({
  rows,
  series,
  label,
  height = 220,
  leftMax,
  leftUnit,
  rightUnit,
  threshold,
  marks = [],
  brush = true,
  legend = true,
}: ExploreChartProps) {
  const [box, width] = useWidth<HTMLDivElement>();
  const [zoom, setZoom] = useState<{ from: number; to: number } | null>(null);
  const right = series.some((s) => s.axis === 'right');
  const plotLeft = MARGIN.left + Y_AXIS_WIDTH;
  const plotWidth = Math.max(50, width - plotLeft - MARGIN.right - (right ? Y_AXIS_WIDTH : 0));
  // by value: a page re-renders every second with new series objects, and new rows would reset the brush mid-drag
  const keySig = series.map((s) => s.key).join('\u0000');
  const keys = useMemo(() => keySig.split('\u0000'), [keySig]);
  const valuesOf = useMemo(() => (r: ExploreRow) => keys.map((k) => r[k]), [keys]);
  // the whole window at the pixel width (the brush's strip), and the stretch under the brush at the pixel width
  const whole = useMemo(
    () => (width > 0 ? decimateMinMax(rows, plotWidth, tOf, valuesOf) : []),
    [rows, plotWidth, valuesOf, width],
  );
  const shown = useMemo(() => {
    if (!zoom) return whole;
    const inside = rows.filter((r) => r.t >= zoom.from && r.t <= zoom.to);
    return decimateMinMax(inside, plotWidth, tOf, valuesOf);
  }, [zoom, rows, whole, plotWidth, valuesOf]);
  const span = rows.length > 1 ? rows[rows.length - 1]!.t - rows[0]!.t : 0;
  const brushIndex = zoom
    ? {
        startIndex: Math.max(
          0,
          whole.findIndex((r) => r.t >= zoom.from),
        ),
        endIndex: Math.max(
          0,
          whole.findLastIndex((r) => r.t <= zoom.to),
        ),
      }
    : {};
  const first = shown[0]?.t ?? 0;
  const last = shown[shown.length - 1]?.t ?? 0;

  return (
    <figure className="xchart" aria-label={label} data-points={shown.length} data-rows={rows.length}>
      <div ref={box} className="xchart__box">
        {rows.length === 0 ? <p className="empty">{TEXT.empty}</p> : null}
        {rows.length > 0 && width > 0 ? (
          <>
            <ComposedChart
              width={width}
              height={height}
              data={shown as ExploreRow[]}
              margin={MARGIN}
              accessibilityLayer
            >
              <CartesianGrid stroke="#2a3442" vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={[first, last]}
                allowDataOverflow
                tickFormatter={(t: number) => timeLabel(t, span)}
                tick={AXIS}
                stroke={AXIS.stroke}
                minTickGap={40}
              />
              <YAxis
                yAxisId="left"
                width={Y_AXIS_WIDTH}
                domain={[0, leftMax ?? 'auto']}
                tick={AXIS}
                stroke={AXIS.stroke}
                allowDecimals={false}
                label={
                  leftUnit
                    ? { value: leftUnit, angle: -90, position: 'insideLeft', fill: AXIS.fill, fontSize: 12 }
                    : undefined
                }
              />
              {right ? (
                <YAxis
                  yAxisId="right"
                  orientation="right"
                  width={Y_AXIS_WIDTH}
                  domain={[0, 'auto']}
                  tick={AXIS}
                  stroke={AXIS.stroke}
                  label={
                    rightUnit
                      ? {
                          value: rightUnit,
                          angle: 90,
                          position: 'insideRight',
                          fill: AXIS.fill,
                          fontSize: 12,
                        }
                      : undefined
                  }
                />
              ) : null}
              <Tooltip
                isAnimationActive={false}
                labelFormatter={(t) => timeLabel(Number(t), 0)}
                formatter={(v) => (typeof v === 'number' ? round(v) : v)}
                contentStyle={{ background: '#0f151c', border: '1px solid #3b4a5a', color: '#e6edf3' }}
                labelStyle={{ color: '#e6edf3' }}
              />
              {series.map((s) =>
                s.kind === 'area' ? (
                  <Area
                    key={s.key}
                    yAxisId={s.axis ?? 'left'}
                    dataKey={s.key}
                    name={s.name}
                    stackId={s.stack}
                    type="stepAfter"
                    stroke={s.colour}
                    fill={s.colour}
                    fillOpacity={0.55}
                    isAnimationActive={false}
                    dot={false}
                    connectNulls={false}
                  />
                ) : (
                  <Line
                    key={s.key}
                    yAxisId={s.axis ?? 'left'}
                    dataKey={s.key}
                    name={s.name}
                    type="linear"
                    stroke={s.colour}
                    strokeDasharray={s.dash}
                    strokeWidth={2}
                    isAnimationActive={false}
                    dot={false}
                    connectNulls={false}
                  />
                ),
              )}
              {threshold ? (
                <ReferenceLine
                  yAxisId="left"
                  y={threshold.value}
                  stroke="#ff6b81"
                  strokeDasharray="8 5"
                  strokeWidth={2}
                  label={{
                    value: threshold.label,
                    position: 'insideTopRight',
                    fill: '#ff8fa3',
                    fontSize: 13,
                  }}
                />
              ) : null}
              {marks
                // a moment just after the newest row (an alert raised this second) widens the axis to show it
                .filter((m) => m.t >= first && m.t <= last + 1000)
                .map((m) => (
                  <ReferenceLine
                    key={`${m.kind}/${m.t}/${m.title}`}
                    yAxisId="left"
                    x={m.t}
                    ifOverflow="extendDomain"
                    className={`stl__mark stl__mark--${m.kind}`}
                    label={(p: { viewBox?: { x?: number; y?: number } }) => (
                      <g className={`stl__mark stl__mark--${m.kind}`} data-mark={m.kind}>
                        <title>{m.title}</title>
                        <text x={p.viewBox?.x ?? 0} y={(p.viewBox?.y ?? 0) - 6} textAnchor="middle">
                          {m.letter}
                        </text>
                      </g>
                    )}
                  />
                ))}
            </ComposedChart>
            {brush ? (
              <ComposedChart
                width={width}
                height={34}
                data={whole as ExploreRow[]}
                margin={{ ...MARGIN, top: 0 }}
              >
                <Brush
                  x={plotLeft}
                  width={plotWidth}
                  dataKey="t"
                  height={24}
                  stroke="#56B4E9"
                  fill="#0b1118"
                  travellerWidth={10}
                  tickFormatter={(t: number) => timeLabel(t, span)}
                  {...brushIndex}
                  onChange={(r: { startIndex?: number; endIndex?: number }) => {
                    const a = whole[r.startIndex ?? 0];
                    const b = whole[r.endIndex ?? whole.length - 1];
                    if (!a || !b) return;
                    const all = r.startIndex === 0 && r.endIndex === whole.length - 1;
                    setZoom(all ? null : { from: a.t, to: b.t });
                  }}
                />
              </ComposedChart>
            ) : null}
          </>
        ) : null}
      </div>
      <figcaption className="xchart__legend">
        {(legend ? series : []).map((s) => (
          <span key={s.key} className="xchart__item">
            <span className="xchart__swatch" style={{ background: s.colour }} aria-hidden="true" />
            {s.name}
          </span>
        ))}
        {brush && rows.length > 0 ? <span className="xchart__hint muted">{TEXT.zoom}</span> : null}
        {zoom ? (
          <button type="button" className="btn btn--small" onClick={() => setZoom(null)}>
            {TEXT.whole}
          </button>
        ) : null}
      </figcaption>
    </figure>
  );
}

/** What a chart shows, as text: two renders with the same signature draw the same picture. */
function signature(p: ExploreChartProps): string {
  return JSON.stringify([
    p.series,
    p.label,
    p.height,
    p.leftMax,
    p.leftUnit,
    p.rightUnit,
    p.threshold,
    p.marks,
    p.brush,
    p.legend,
  ]);
}

/**
 * Drawn again only when the rows or what is drawn change: the pages around a chart re-render every second (their
 * clocks), and redrawing thousands of points each time for nothing would cost the main thread.
 */
export default memo(ExploreChart, (a, b) => a.rows === b.rows && signature(a) === signature(b));
