/** @module One line per segment over the chosen range: events per second, or anomaly score (0–100). */

import { memo, useDeferredValue, useMemo } from 'react';
import { useAlerting } from '../../app/AlertingProvider.js';
import { LineSwatch } from '../../components/LineSwatch.js';
import { MarksKey } from '../../components/MarksKey.js';
import { TimeChart } from '../../components/TimeChart.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { t } from '../../i18n/index.js';
import { MARK_LOOK } from '../../labels/alerts.js';
import { rateWindowLabel } from '../../labels/quantities.js';
import { formatClock, formatClockShort, formatCount } from '../../lib/format.js';
import { type SeriesStyle, segmentStyles } from '../../lib/palette.js';
import { recentRate } from '../../lib/rates.js';
import { alertMarks } from '../alerts/marks.js';
import { type Metric, timeTicks } from './build-rows.js';
import type { SeriesMap } from './series-window.js';
import { useChartRows } from './useChartRows.js';

const HEIGHT = 270;
const SCORE_TICKS = [0, 20, 40, 60, 80, 100];
const formatScore = (v: number) => String(Math.round(v));
const formatUtc = (t: number) => `${formatClock(t)} UTC`;

export interface SegmentChartProps {
  /** Per-line points (segments, or event kinds). */
  series: SeriesMap;
  metric: Metric;
  rangeMs: number;
  /** Accessible description of the chart. */
  label: string;
}

/**
 * Memoised: the page re-renders on every clock tick; this re-renders only when its data changes. The charts are
 * the heaviest part of a frame, so each draws from a deferred copy of its data: React renders them after the rest
 * of the page, in the background, yielding to the browser between charts rather than in one long task. The urgent
 * render a new frame causes stops here (every prop below is kept stable until the deferred data arrives).
 */
export const SegmentChart = memo(function SegmentChart({
  series: live,
  metric,
  rangeMs,
  label,
}: SegmentChartProps) {
  const series = useDeferredValue(live);
  const rows = useChartRows(series, rangeMs, metric);
  const { times, columns, segments, start, end } = rows;
  // An event rate's number is the one every screen prints (`recentRate`); a score's is the newest drawn value.
  const latest = useMemo(() => {
    if (metric === 'score') return rows.latest;
    const out: Record<string, number | null> = {};
    for (const s of segments) out[s] = recentRate(series.get(s));
    return out;
  }, [metric, rows.latest, segments, series]);
  const styles = useMemo(() => segmentStyles(segments), [segments]);
  const isScore = metric === 'score';
  const raise = useAlerting()?.raise;
  const threshold = useMemo(
    () => (raise === undefined ? undefined : { value: raise, label: t('chart.alert') }),
    [raise],
  );
  const format = isScore ? formatScore : formatCount;
  const lines = useMemo(
    () =>
      segments.map((segment) => {
        const style = styles.get(segment)!;
        return { name: segment, colour: style.colour, dash: style.dash, values: columns.get(segment)! };
      }),
    [columns, segments, styles],
  );
  const points = useMemo(() => countPoints(lines), [lines]);
  const alerts = useLiveSelector((st) => st.alerts);
  const marks = useMemo(
    () =>
      isScore
        ? alertMarks(alerts.values(), start, end).map((m) => ({ ...m, letter: MARK_LOOK[m.kind].letter }))
        : undefined,
    [isScore, alerts, start, end],
  );
  const xTicks = useMemo(() => timeTicks(start, end, rangeMs), [start, end, rangeMs]);

  if (times.length === 0) return <p className="empty">{t('chart.noData')}</p>;
  return (
    <figure className="chart" aria-label={label} data-points={points}>
      <TimeChart
        times={times}
        lines={lines}
        start={start}
        end={end}
        xTicks={xTicks}
        formatX={rangeMs <= 300_000 ? formatClock : formatClockShort}
        formatY={format}
        formatTime={formatUtc}
        height={HEIGHT}
        {...(isScore ? { yMax: 100, yTicks: SCORE_TICKS, ...(threshold ? { threshold } : {}) } : {})}
        {...(marks ? { marks } : {})}
      />
      {isScore ? <MarksKey /> : null}
      <SeriesLegend
        segments={segments}
        styles={styles}
        latest={latest}
        format={format}
        unit={isScore ? '' : '/s'}
        note={isScore ? t('chart.now') : rateWindowLabel()}
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
  /** What the legend's numbers are (their window). */
  note: string;
}

/** Memoised: its props stay the same objects until the chart's data changes. */
const SeriesLegend = memo(function SeriesLegend({
  segments,
  styles,
  latest,
  format,
  unit,
  note,
}: SeriesLegendProps) {
  return (
    <figcaption>
      <ul className="legend">
        <li className="legend__item legend__note">{note}:</li>
        {segments.map((segment) => {
          const style = styles.get(segment)!;
          const v = latest[segment];
          return (
            <li key={segment} className="legend__item">
              <LineSwatch style={style} />
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
});

/** Drawn (non-null) values over every line; exposed as `data-points` for browser tests. */
function countPoints(lines: readonly { values: ArrayLike<number> }[]): number {
  let n = 0;
  for (const { values } of lines) for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  return n;
}
