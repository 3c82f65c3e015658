/** @module Chart rows for the live per-segment series, recomputed only when the buffer changes. */
import { useMemo } from 'react';
import { useLiveSelector } from '../../hooks/useLive.js';
import { buildRows, type ChartSeries, type Metric } from './build-rows.js';

export function useSegmentSeries(rangeMs: number, metric: Metric): ChartSeries {
  const series = useLiveSelector((s) => s.series);
  return useMemo(() => buildRows(series, rangeMs, metric), [series, rangeMs, metric]);
}
