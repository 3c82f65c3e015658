/** @module One line per segment over the chosen range: events per second, or anomaly score (0–100). */
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatClock, formatClockShort, formatCount } from '../../lib/format.js';
import { ALERT_THRESHOLD, type SeriesStyle, segmentStyles } from '../../lib/palette.js';
import { buildRows, type ChartRow, type Metric, timeTicks } from './build-rows.js';
import type { SeriesMap } from './series-window.js';

const TICK = { fontSize: 15, fill: '#c9d4df' };
const HEIGHT = 270;

export interface SegmentChartProps {
  /** Per-line points (segments, or event kinds). */
  series: SeriesMap;
  metric: Metric;
  rangeMs: number;
  /** Accessible description of the chart. */
  label: string;
}

/** Memoised: the page re-renders on every clock tick; this re-renders only when its data changes. */
export const SegmentChart = memo(function SegmentChart({
  series,
  metric,
  rangeMs,
  label,
}: SegmentChartProps) {
  const { rows, segments, start, end, latest } = useMemo(
    () => buildRows(series, rangeMs, metric),
    [series, rangeMs, metric],
  );
  const styles = segmentStyles(segments);
  const isScore = metric === 'score';
  const format = isScore ? (v: number) => String(Math.round(v)) : formatCount;

  if (rows.length === 0) return <p className="empty">No data yet.</p>;
  return (
    <figure className="chart" aria-label={label} data-points={countPoints(rows)}>
      <LineChart
        responsive
        style={{ width: '100%', height: HEIGHT }}
        data={rows}
        margin={{ top: 8, right: isScore ? 72 : 24, bottom: 4, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="#2a3644" strokeDasharray="2 4" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[start, end]}
          ticks={timeTicks(start, end, rangeMs)}
          tickFormatter={rangeMs <= 300_000 ? formatClock : formatClockShort}
          minTickGap={24}
          tick={TICK}
          stroke="#6b7b8c"
          allowDataOverflow
        />
        <YAxis
          width={64}
          tick={TICK}
          stroke="#6b7b8c"
          tickFormatter={format}
          allowDecimals={false}
          {...(isScore ? { domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] } : {})}
        />
        {isScore ? (
          <ReferenceLine
            y={ALERT_THRESHOLD}
            stroke="#ff4d6a"
            strokeWidth={2}
            strokeDasharray="10 6"
            label={{
              value: 'alert',
              position: 'right',
              fontWeight: 700,
              fill: '#ff8095',
              fontSize: 15,
            }}
          />
        ) : null}
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(t) => `${formatClock(Number(t))} UTC`}
          formatter={(v) => (typeof v === 'number' ? format(v) : '—')}
          contentStyle={{ background: '#0b0f14', border: '1px solid #6b7b8c', fontSize: 16 }}
          labelStyle={{ color: '#e8eef5' }}
        />
        {segments.map((segment) => {
          const style = styles.get(segment)!;
          return (
            <Line
              key={segment}
              name={segment}
              dataKey={(row: ChartRow) => row.values[segment] ?? null}
              type="linear"
              stroke={style.colour}
              strokeDasharray={style.dash}
              strokeWidth={2.5}
              dot={false}
              activeDot={{ r: 4 }}
              isAnimationActive={false}
              connectNulls={false}
            />
          );
        })}
      </LineChart>
      <SeriesLegend
        segments={segments}
        styles={styles}
        latest={latest}
        format={format}
        unit={isScore ? '' : '/s'}
      />
    </figure>
  );
});

interface SeriesLegendProps {
  segments: string[];
  styles: Map<string, SeriesStyle>;
  latest: Record<string, number | null>;
  format(v: number): string;
  unit: string;
}

function SeriesLegend({ segments, styles, latest, format, unit }: SeriesLegendProps) {
  return (
    <figcaption>
      <ul className="legend">
        {segments.map((segment) => {
          const style = styles.get(segment)!;
          const v = latest[segment];
          return (
            <li key={segment} className="legend__item">
              <svg width="28" height="12" aria-hidden="true">
                <line
                  x1="1"
                  x2="27"
                  y1="6"
                  y2="6"
                  stroke={style.colour}
                  strokeWidth="4"
                  strokeDasharray={style.dash}
                />
              </svg>
              <span className="legend__name">{segment}</span>
              <span className="legend__value">
                {v === null || v === undefined ? '—' : `${format(v)}${unit}`}
              </span>
            </li>
          );
        })}
      </ul>
    </figcaption>
  );
}

/** Drawn (non-null) values over every line; exposed as `data-points` for browser tests. */
function countPoints(rows: readonly ChartRow[]): number {
  let n = 0;
  for (const row of rows) for (const v of Object.values(row.values)) if (v !== null) n++;
  return n;
}
