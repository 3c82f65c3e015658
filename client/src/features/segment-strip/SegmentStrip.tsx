/**
 * @module Every segment as a tile coloured by its anomaly score (positions stable, ordered by name), with its
 * events/s over the chosen window against the band the rate detector judges by (mean ± 3σ of the segment's rate). Small
 * multiples rather than 20 bands on one chart: each segment on its own scale, so no band hides another.
 */
import { memo, useDeferredValue, useMemo } from 'react';
import { BAND_SIGMAS } from '../../../../shared/schemas/score.js';
import { useScoreStyle } from '../../app/AlertingProvider.js';
import { BandSpark } from '../../components/BandSpark.js';
import { ScoreBadge } from '../../components/ScoreBadge.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { t } from '../../i18n/index.js';
import { rateWindowLabel } from '../../labels/quantities.js';
import { formatCount, formatReason, topReason } from '../../lib/format.js';
import { segmentStyles } from '../../lib/palette.js';
import { recentRate } from '../../lib/rates.js';
import { ResolvedNote, useResolvedBehind } from '../alerts/ResolvedNote.js';
import type { Column } from '../segment-series/build-rows.js';
import type { SeriesMap } from '../segment-series/series-window.js';
import { useChartRows } from '../segment-series/useChartRows.js';

/** Columns of the mini chart: the window's rows are merged down to this many. */
const SPARK_POINTS = 100;
const NO_VALUES: Column = new Float64Array(0);

/** Expected events/s: the rate detector's band (baseline mean ± BAND_SIGMAS standard deviations), never below 0. */
export function baselineBand(b: { mean: number; std: number }): [number, number] {
  return [Math.max(0, b.mean - BAND_SIGMAS * b.std), b.mean + BAND_SIGMAS * b.std];
}

/** `values` averaged down to at most `n` columns (NaN where a whole column has no data). */
export function shrink(values: Column, n: number): Column {
  if (values.length <= n) return values.slice();
  const out = new Float64Array(n);
  const per = values.length / n;
  for (let c = 0; c < n; c++) {
    let sum = 0;
    let k = 0;
    for (let i = Math.floor(c * per); i < Math.floor((c + 1) * per); i++) {
      const v = values[i]!;
      if (!Number.isNaN(v)) {
        sum += v;
        k++;
      }
    }
    out[c] = k > 0 ? sum / k : Number.NaN;
  }
  return out;
}

/**
 * Each column's mini chart, made once per column: a column that did not change between frames is the same array
 * (`keepUnchanged`), so its tile gets the same values and its sparkline does not redraw.
 */
const shrunk = new WeakMap<Column, Column>();
function sparkOf(column: Column): Column {
  let spark = shrunk.get(column);
  if (!spark) {
    spark = shrink(column, SPARK_POINTS);
    shrunk.set(column, spark);
  }
  return spark;
}

/** The newest drawn value (the newest closed second), as the line shows it. */
function lastValue(values: Column | undefined): number | null {
  if (!values) return null;
  for (let i = values.length - 1; i >= 0; i--) if (!Number.isNaN(values[i])) return values[i]!;
  return null;
}

function bandText(rate: number, [low, high]: [number, number]): string {
  const range = { low: formatCount(low), high: formatCount(high) };
  if (rate > high) return `▲ ${t('strip.above', range)}`;
  if (rate < low) return `▼ ${t('strip.below', range)}`;
  return t('strip.expected', range);
}

export interface SegmentStripProps {
  /** The window's series (live buffer and history), for the mini charts. */
  series: SeriesMap;
  rangeMs: number;
}

/** Memoised: the page re-renders on every clock tick; this re-renders only when its data changes. */
export const SegmentStrip = memo(function SegmentStrip({ series: live, rangeMs }: SegmentStripProps) {
  // the mini charts draw from a deferred copy (see SegmentChart); the tiles' numbers stay current
  const series = useDeferredValue(live);
  const segments = useLiveSelector((s) => s.segments);
  const stale = useLiveSelector((s) => s.stale);
  const seriesNames = useLiveSelector((s) => s.series);
  const styles = segmentStyles([...seriesNames.keys()]);
  const rows = useChartRows(series, rangeMs, 'events');
  const sparks = useMemo(() => {
    const out = new Map<string, Column>();
    for (const [name, values] of rows.columns) out.set(name, sparkOf(values));
    return out;
  }, [rows]);
  const scoreStyle = useScoreStyle();
  const behind = useResolvedBehind();
  const sorted = [...segments].sort((a, b) => a.segment.localeCompare(b.segment));
  if (sorted.length === 0) return <p className="empty">{t('strip.none')}</p>;
  return (
    <ul className="strip">
      {sorted.map((s) => {
        const look = scoreStyle(s.score, s.reasons);
        const reason = topReason(s.reasons);
        const line = styles.get(s.segment);
        const resolved = behind(look.band, { segment: s.segment, top: s.topHosts?.[0]?.ip });
        return (
          <li
            key={s.segment}
            className={`strip__tile ${look.severity ? `strip__tile--${look.severity}` : ''}`}
            style={{ borderTopColor: line?.colour ?? '#6b7b8c' }}
          >
            <div
              className={`strip__name ${s.segment.length > 14 ? 'strip__name--long' : ''}`}
              title={s.segment}
            >
              {s.segment}
            </div>
            <ScoreBadge score={s.score} reasons={s.reasons} />
            {stale.includes(s.segment) ? (
              <div className="strip__stale tag" title={t('cluster.staleTitle')}>
                {t('cluster.stale')}
              </div>
            ) : null}
            <div className="strip__meta">
              {t('strip.meta', {
                rate: formatCount(recentRate(seriesNames.get(s.segment)) ?? s.eventsPerSec),
                window: rateWindowLabel(),
                hosts: formatCount(s.activeHosts),
              })}
            </div>
            <BandSpark
              values={sparks.get(s.segment) ?? NO_VALUES}
              band={s.baseline.std > 0 || s.baseline.mean > 0 ? baselineBand(s.baseline) : undefined}
              label={t('strip.sparkLabel', {
                segment: s.segment,
                low: formatCount(baselineBand(s.baseline)[0]),
                high: formatCount(baselineBand(s.baseline)[1]),
              })}
            />
            <div className="strip__band">
              {bandText(lastValue(sparks.get(s.segment)) ?? s.eventsPerSec, baselineBand(s.baseline))}
            </div>
            {reason && look.severity ? (
              <div className="strip__reason" title={formatReason(reason, s.score)}>
                {formatReason(reason, s.score)}
              </div>
            ) : null}
            {resolved ? (
              <div className="strip__resolved">
                <ResolvedNote alert={resolved} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
});
