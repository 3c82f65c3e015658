/** @module A chart's rows for its series: the same object as the drawn one while nothing it draws has changed. */
import { useEffect, useMemo, useRef } from 'react';
import { buildRows, type ChartSeries, keepUnchanged, type Metric } from './build-rows.js';
import type { SeriesMap } from './series-window.js';

export function useChartRows(series: SeriesMap, rangeMs: number, metric: Metric): ChartSeries {
  /** What the last committed render drew (a render React throws away leaves it alone). */
  const drawn = useRef<ChartSeries | null>(null);
  const rows = useMemo(
    () => keepUnchanged(drawn.current, buildRows(series, rangeMs, metric)),
    [series, rangeMs, metric],
  );
  useEffect(() => {
    drawn.current = rows;
  }, [rows]);
  return rows;
}
