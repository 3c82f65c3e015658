/** @module The chart source for a window: the live buffer, plus history from `/api/series` beyond 15 min. */
import { useEffect, useMemo, useState } from 'react';
import type { SeriesPoint } from '../../../../shared/schemas/frame.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { api } from '../../lib/api.js';
import { BUFFER_MS } from '../../state/live-store.js';
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
  const [history, setHistory] = useState<readonly SeriesPoint[] | null>(null);
  const [state, setState] = useState<WindowSeries['historyState']>('none');

  useEffect(() => {
    if (!needsHistory) {
      setHistory(null);
      setState('none');
      return;
    }
    const abort = new AbortController();
    const load = () => {
      const to = Date.now() - BUFFER_MS + 60_000;
      setState((s) => (s === 'ready' ? s : 'loading'));
      api
        .series(Date.now() - rangeMs, to, abort.signal)
        .then((a) => {
          setHistory(a.points);
          setState('ready');
        })
        .catch(() => {
          if (!abort.signal.aborted) setState('error');
        });
    };
    load();
    const id = setInterval(load, HISTORY_REFRESH_MS);
    return () => {
      abort.abort();
      clearInterval(id);
    };
  }, [needsHistory, rangeMs]);

  const series = useMemo(
    () => (needsHistory && history ? mergeHistory(history, live) : live),
    [needsHistory, history, live],
  );
  return { series, historyState: state };
}
