/**
 * @module Events per second by kind: totals over every segment. The totals are worked out from a deferred copy of
 * the series, so that summing every point of the window happens in the background render, not in the frame's.
 */
import { memo, useDeferredValue, useMemo } from 'react';
import { SegmentChart } from './SegmentChart.js';
import { kindSeries, type SeriesMap } from './series-window.js';

export interface KindChartProps {
  series: SeriesMap;
  rangeMs: number;
  label: string;
}

export const KindChart = memo(function KindChart({ series, rangeMs, label }: KindChartProps) {
  const deferred = useDeferredValue(series);
  const kinds = useMemo(() => kindSeries(deferred), [deferred]);
  return <SegmentChart series={kinds} metric="events" rangeMs={rangeMs} label={label} />;
});
