/**
 * @module The series history of one segment (or of the whole network) over a window ending now, from
 * `/api/series` at `historyStep` seconds per point (about 2,000 points in all; events are per-second averages over a
 * step, the score its maximum; without per-kind counts, which these charts do not draw), as chart rows; refreshed
 * every minute.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ExploreRow } from '../../components/explore/explore-types.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { API, call } from '../../lib/api.js';
import { historyRows, historyStep } from './history-rows.js';

const REFRESH_MS = 60_000;

export interface SeriesHistory {
  rows: ExploreRow[];
  state: 'loading' | 'ready' | 'error';
  stepS: number;
  /** The rows are the previous window's, kept while this one's are asked for. */
  placeholder: boolean;
}

/** `segment` undefined: every segment (the whole network). `window` fixes the range instead of "the last rangeMs". */
export function useSeriesHistory(
  segment: string | undefined,
  rangeMs: number,
  window?: { from: number; to: number },
): SeriesHistory {
  // the whole network: as many series as segments come back, so each gets fewer points; asked once the live
  // snapshot has said how many there are (before it, a step for one segment brought back every segment's 2,000
  // points, and that answer stayed: the step was not part of the query's key)
  const segmentCount = useLiveSelector((s) => s.segments.length);
  const known = useLiveSelector((s) => s.hasData);
  const stepS = historyStep(window ? window.to - window.from : rangeMs, segment ? 1 : segmentCount);
  const query = useQuery({
    queryKey: ['series-history', segment ?? null, rangeMs, stepS, window?.from ?? null, window?.to ?? null],
    enabled: segment !== undefined || known,
    queryFn: ({ signal }) => {
      const to = window?.to ?? Date.now();
      const from = window?.from ?? to - rangeMs;
      return call(
        API.series,
        {
          query: {
            segment,
            from: Math.floor(from),
            to: Math.ceil(to),
            step: stepS > 1 ? stepS : undefined,
            kinds: 'false',
          },
        },
        { signal },
      );
    },
    refetchInterval: window ? false : REFRESH_MS,
    staleTime: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => (query.data ? historyRows(query.data.points) : []), [query.data]);
  return {
    rows,
    state: query.isError ? 'error' : query.data ? 'ready' : 'loading',
    stepS,
    placeholder: query.isPlaceholderData,
  };
}
