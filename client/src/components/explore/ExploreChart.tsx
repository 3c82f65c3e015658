/**
 * @module A chart to explore (recharts; loaded lazily through `LazyExploreChart`): time on the x axis, a tooltip with
 * every series' value at the pointer, alert moments marked, and a brush under it to zoom. Rows are decimated to the
 * plot's pixel width keeping each pixel's minimum and maximum, for the whole range under the brush and again for the
 * stretch it selects, so a spike is never averaged away at any zoom. Animations are off. recharts holds the scales
 * (its axes, hidden) and draws the tooltip and the brush; the axes and grid, the series, the threshold and the marks
 * are plain SVG drawn from its scales (`ChartAxes`, `ChartSeries`, `ChartMarks`): what recharts does per point,
 * per label or per component was most of the page's long tasks.
 */
import {
  memo,
  startTransition,
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Brush, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { t } from '../../i18n/index.js';
import { decimateMinMax } from '../../lib/decimate.js';
import { formatCount } from '../../lib/format.js';
import { timeTicks } from '../../lib/time-ticks.js';
import { ChartAxes, type ValueAxis, X_AXIS_HEIGHT, Y_AXIS_WIDTH } from './ChartAxes.js';
import { ChartMarks } from './ChartMarks.js';
import { axisMaxima, rowAt, TooltipBody, timeLabel, valueTicks } from './ChartParts.js';
import { ChartSeries } from './ChartSeries.js';
import type { ExploreChartProps, ExploreRow } from './explore-types.js';

const MARGIN = { top: 22, right: 12, bottom: 4, left: 4 };
const tOf = (r: ExploreRow) => r.t;

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

const BRUSH_MARGIN = { ...MARGIN, top: 0 };
/** The plot's margins with room for the axes, which recharts leaves out when they are hidden (drawn by `ChartAxes`). */
const PLOT_MARGIN = { ...MARGIN, left: MARGIN.left + Y_AXIS_WIDTH, bottom: MARGIN.bottom + X_AXIS_HEIGHT };
const PLOT_MARGIN_RIGHT = { ...PLOT_MARGIN, right: MARGIN.right + Y_AXIS_WIDTH };
/** A brush dragged redraws the chart when it pauses this long (or is let go), not at every pixel of the drag. */
const BRUSH_SETTLE_MS = 120;

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
  rows: given,
  series,
  label,
  height = 220,
  leftMax,
  leftUnit,
  rightUnit,
  rightFormat = formatCount,
  threshold,
  marks = [],
  brush = true,
  legend = true,
}: ExploreChartProps) {
  // new rows (another range, a refresh) are drawn in a deferred render, which React does in slices of a few
  // milliseconds (a day's rows through recharts' axes and selectors was one task of 60–120 ms); the first at once
  const rows = useDeferredValue(given);
  const [box, width] = useWidth<HTMLDivElement>();
  const [zoom, setZoom] = useState<{ from: number; to: number } | null>(null);
  /** Counts "whole window" clicks: a new brush each time, its handles back at the ends. */
  const [brushEpoch, setBrushEpoch] = useState(0);
  // the chart is mounted in three tasks: the plot (axes, series, marks), then the tooltip with its carrier line, then
  // the brush's chart (a second recharts chart over every row); each registers itself in a recharts store, and all
  // of it at once was one task over 50 ms
  const [stage, setStage] = useState(0);
  const lastStage = brush ? 2 : 1;
  useEffect(() => {
    if (width === 0 || stage >= lastStage) return;
    const id = setTimeout(() => setStage((n) => n + 1), 0);
    return () => clearTimeout(id);
  }, [stage, lastStage, width]);
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
  const xLabel = useCallback((t: number) => timeLabel(t, span), [span]);
  // the axes' ranges worked out here: the series are drawn outside recharts (`ChartSeries`), so it has no data for them
  const maxima = useMemo(() => axisMaxima(shown, series), [shown, series]);
  const leftTicks = useMemo(() => valueTicks(leftMax ?? maxima.left), [leftMax, maxima.left]);
  const rightTicks = useMemo(() => valueTicks(maxima.right), [maxima.right]);
  const leftDomain = useMemo(() => [0, leftMax ?? leftTicks[4]!] as [number, number], [leftMax, leftTicks]);
  const rightDomain = useMemo(() => [0, rightTicks[4]!] as [number, number], [rightTicks]);
  const leftAxis = useMemo<ValueAxis>(
    () => ({ ticks: leftTicks, format: formatCount, unit: leftUnit }),
    [leftTicks, leftUnit],
  );
  const rightAxis = useMemo<ValueAxis | undefined>(
    () => (right ? { ticks: rightTicks, format: rightFormat, unit: rightUnit } : undefined),
    [right, rightTicks, rightFormat, rightUnit],
  );
  // the tooltip: recharts finds the row under the pointer, this says every series' value in it
  const tip = useCallback(
    (p: { active?: boolean; label?: unknown }) => {
      if (!p.active || p.label === undefined || p.label === null) return null;
      const t = Number(p.label);
      const row = rowAt(shown, t);
      return row ? <TooltipBody row={row} series={series} /> : null;
    },
    [shown, series],
  );
  // a moment just after the newest row (an alert raised this second) widens the axis to show it
  const shownMarks = useMemo(
    () => marks.filter((m) => m.t >= first && m.t <= last + 1000),
    [marks, first, last],
  );
  const end = shownMarks.reduce((e, m) => Math.max(e, m.t), last);
  const xDomain = useMemo(() => [first, end] as [number, number], [first, end]);
  // round moments as ticks, given: recharts would otherwise measure a label per row in the DOM to thin them out
  // (none so near the right end that its label would be cut, unless a right axis leaves room for it)
  const xTicks = useMemo(
    () =>
      timeTicks(first, end, plotWidth).filter(
        (t) => right || end === first || ((end - t) / (end - first)) * plotWidth >= 40,
      ),
    [first, end, plotWidth, right],
  );
  // the brush's range is applied once the drag pauses or ends, and as a transition (the brush itself stays live)
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settle.current), []);
  const onBrush = useCallback(
    (r: { startIndex?: number; endIndex?: number }) => {
      const a = whole[r.startIndex ?? 0];
      const b = whole[r.endIndex ?? whole.length - 1];
      if (!a || !b) return;
      const all = r.startIndex === 0 && r.endIndex === whole.length - 1;
      clearTimeout(settle.current);
      settle.current = setTimeout(
        () =>
          startTransition(() =>
            setZoom((z) => (all ? null : z && z.from === a.t && z.to === b.t ? z : { from: a.t, to: b.t })),
          ),
        BRUSH_SETTLE_MS,
      );
    },
    [whole],
  );

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
              margin={right ? PLOT_MARGIN_RIGHT : PLOT_MARGIN}
              accessibilityLayer
            >
              {/* hidden: recharts keeps their scales (the tooltip, the series and the brush use them); drawn by
                  ChartAxes. Given their ticks all the same: a hidden axis still works out its ticks in recharts'
                  store, and without them the time axis makes one per row */}
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={xDomain}
                allowDataOverflow
                ticks={xTicks}
                hide
              />
              <YAxis yAxisId="left" domain={leftDomain} allowDataOverflow ticks={leftTicks} hide />
              {right ? (
                <YAxis
                  yAxisId="right"
                  orientation="right"
                  domain={rightDomain}
                  allowDataOverflow
                  ticks={rightTicks}
                  hide
                />
              ) : null}
              <ChartAxes xTicks={xTicks} xFormat={xLabel} left={leftAxis} right={rightAxis} />
              {stage >= 1 ? <Tooltip isAnimationActive={false} includeHidden content={tip} /> : null}
              {/* hidden: carries the tooltip (recharts shows one only over a series); the series are drawn below */}
              {stage >= 1 ? (
                <Line
                  yAxisId="left"
                  dataKey="t"
                  hide
                  legendType="none"
                  isAnimationActive={false}
                  dot={false}
                  activeDot={false}
                />
              ) : null}
              <ChartSeries rows={shown} series={series} />
              <ChartMarks marks={shownMarks} threshold={threshold} />
            </ComposedChart>
            {brush && stage >= 2 ? (
              <ComposedChart
                key={brushEpoch}
                width={width}
                height={34}
                data={whole as ExploreRow[]}
                margin={BRUSH_MARGIN}
              >
                <Brush
                  x={plotLeft}
                  width={plotWidth}
                  dataKey="t"
                  height={24}
                  stroke="#56B4E9"
                  fill="#0b1118"
                  travellerWidth={10}
                  tickFormatter={noLabel}
                  ariaLabel={t('explore.zoomRange', { from: xLabel(first), to: xLabel(last) })}
                  {...brushIndex}
                  onChange={onBrush}
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
          <span className="xchart__shown">
            {t('explore.shown', { from: xLabel(first), to: xLabel(last) })}
          </span>
        ) : null}
        {zoom ? (
          <button
            type="button"
            className="btn btn--small"
            onClick={() => {
              clearTimeout(settle.current);
              setZoom(null);
              setBrushEpoch((n) => n + 1);
            }}
          >
            {TEXT.whole}
          </button>
        ) : null}
      </figcaption>
    </figure>
  );
}

/**
 * The brush's handles carry no time of their own: recharts draws the right one's past the chart's right edge, where
 * it was cut ("0" of "06:16:51Z"); the stretch shown is said under the chart instead.
 */
const noLabel = () => '';

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
