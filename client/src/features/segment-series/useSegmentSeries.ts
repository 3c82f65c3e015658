/** @module The chart source for a window: the live buffer, plus history from `/api/series` beyond 15 min. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useLiveSelector } from '../../hooks/useLive.js';
import { API, call } from '../../lib/api.js';
import { ApiError } from '../../lib/request.js';
import { BUFFER_MS } from '../../state/live-store.js';
import { rowStepMs } from './build-rows.js';
import { mergeHistory, type SeriesMap } from './series-window.js';

const HISTORY_REFRESH_MS = 60_000;

export interface WindowSeries {
  series: SeriesMap;
  /** Loading or failing history (the live part is always there). */
  historyState: 'none' | 'loading' | 'ready' | 'error';
}

export function useWindowSeries(rangeMs: number): WindowSeries {
  const live = useLiveSelector((s) => s.series);
  const needsHistory = rangeMs > BUFFER_MS;
  /** The fetched history and its step in seconds (a range change keeps the old one until the new arrives). */
  const query = useQuery({
    queryKey: ['series-window', rangeMs],
    enabled: needsHistory,
    queryFn: async ({ signal }) => {
      // One point per chart row (6 h → 72 s), whole buckets only; `to` reaches past the seam with the live
      // buffer until the next refresh (mergeHistory cuts there). The window moves with the clock: each fetch
      // works out its own range.
      const stepMs = rowStepMs(rangeMs);
      const now = Date.now();
      const from = Math.floor((now - rangeMs) / stepMs) * stepMs - stepMs;
      const to = Math.ceil((now - BUFFER_MS + HISTORY_REFRESH_MS) / stepMs) * stepMs + 2 * stepMs;
      const step = stepMs / 1000;
      const answer = await call(
        API.series,
        { query: { from, to, step: step > 1 ? step : undefined } },
        { signal },
      );
      // asked with the per-kind counts (the default): the kinds chart draws them
      if (answer.kinds === false)
        throw new ApiError(200, 'bad_response', 'The series came without per-kind counts.');
      return answer;
    },
    refetchInterval: HISTORY_REFRESH_MS,
    staleTime: HISTORY_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const history = needsHistory ? (query.data ?? null) : null;
  const state: WindowSeries['historyState'] = !needsHistory
    ? 'none'
    : query.isError
      ? 'error'
      : query.data
        ? 'ready'
        : 'loading';

  const series = useMemo(
    () => (needsHistory && history ? mergeHistory(history.points, live, history.step) : live),
    [needsHistory, history, live],
  );
  return { series, historyState: state };
}
