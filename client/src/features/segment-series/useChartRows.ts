/** @module A chart's rows for its series: the same object as the drawn one while nothing it draws has changed. */
import { useEffect, useMemo, useRef } from 'react';
import { buildRows, type ChartSeries, keepUnchanged, type Metric } from './build-rows.js';
import type { SeriesMap } from './series-window.js';

/** Rows per series object (a new one each frame) and range: the segment strip and the events chart share theirs. */
const built = new WeakMap<SeriesMap, Map<string, ChartSeries>>();

function rowsOf(series: SeriesMap, rangeMs: number, metric: Metric): ChartSeries {
  let forSeries = built.get(series);
  if (!forSeries) {
    forSeries = new Map();
    built.set(series, forSeries);
  }
  const key = `${metric} ${rangeMs}`;
  let rows = forSeries.get(key);
  if (!rows) {
    rows = buildRows(series, rangeMs, metric);
    forSeries.set(key, rows);
  }
  return rows;
}

export function useChartRows(series: SeriesMap, rangeMs: number, metric: Metric): ChartSeries {
  /** What the last committed render drew (a render React throws away leaves it alone). */
  const drawn = useRef<ChartSeries | null>(null);
  const rows = useMemo(
    () => keepUnchanged(drawn.current, rowsOf(series, rangeMs, metric)),
    [series, rangeMs, metric],
  );
  useEffect(() => {
    drawn.current = rows;
  }, [rows]);
  return rows;
}
