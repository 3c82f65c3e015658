/**
 * @module The busiest sensors' events per second over a window ending now, from `GET /api/sensors/history` (kept
 * by the server per sensor and 10 s), at most 360 round steps a window, as chart rows; refreshed as often as a step ends.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { SENSOR_HISTORY_BUCKET_S, type SensorHistoryAnswer } from '../../../../shared/schemas/api.js';
import type { ExploreRow } from '../../components/explore/explore-types.js';
import { API, call } from '../../lib/api.js';
import { roundStep } from '../history/history-rows.js';

/** Steps a window is cut into (a plot is about 1,000–1,500 px wide). */
const STEPS = 360;
/** Sensors drawn at once: the busiest of the window. */
export const SHOWN_SENSORS = 8;

/** Seconds per step for a window: at most {@link STEPS} steps, each round and a whole number of the server's 10 s buckets. */
export function sensorStep(rangeMs: number): number {
  return roundStep(rangeMs / 1000 / STEPS, SENSOR_HISTORY_BUCKET_S);
}

export interface SensorHistoryView {
  rows: ExploreRow[];
  /** The sensors drawn, busiest first; each row's value for one is under `s:<name>`. */
  sensors: string[];
  /** Sensors that sent in the window. */
  total: number;
  stepS: number;
  state: 'loading' | 'ready' | 'error';
  /** The rows are the previous window's, kept while this one's are asked for. */
  placeholder: boolean;
}

export function useSensorHistory(rangeMs: number): SensorHistoryView {
  const stepS = sensorStep(rangeMs);
  const query = useQuery({
    queryKey: ['sensor-history', rangeMs],
    queryFn: ({ signal }) => {
      const to = Date.now();
      return call(
        API.sensorHistory,
        { query: { from: to - rangeMs, to, step: stepS, top: SHOWN_SENSORS } },
        { signal },
      );
    },
    refetchInterval: Math.max(SENSOR_HISTORY_BUCKET_S, stepS) * 1000,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const rows = useMemo(() => sensorRows(data), [data]);
  return {
    rows,
    sensors: data?.sensors.map((s) => s.sensor) ?? [],
    total: data?.total ?? 0,
    stepS,
    state: query.isError ? 'error' : data ? 'ready' : 'loading',
    placeholder: query.isPlaceholderData,
  };
}

/**
 * The chart's rows from the server's answer, one a step; a step the answer leaves out (no sensor sent in it) is a row
 * with no value, so that every line breaks there instead of being drawn straight across it.
 */
export function sensorRows(data: SensorHistoryAnswer | undefined): ExploreRow[] {
  const out: ExploreRow[] = [];
  if (!data) return out;
  const stepMs = data.step * 1000;
  data.t.forEach((t, i) => {
    if (i > 0 && t - data.t[i - 1]! > stepMs) out.push(gapRow(data.t[i - 1]! + stepMs, data));
    const row: ExploreRow = { t };
    for (const s of data.sensors) row[`s:${s.sensor}`] = s.eventsPerSec[i] ?? null;
    out.push(row);
  });
  return out;
}

/** A row with no value for any sensor at `t`: the lines break there. */
function gapRow(t: number, data: { sensors: readonly { sensor: string }[] }): ExploreRow {
  const row: ExploreRow = { t };
  for (const s of data.sensors) row[`s:${s.sensor}`] = null;
  return row;
}
