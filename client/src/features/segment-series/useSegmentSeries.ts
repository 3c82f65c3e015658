/** @module The chart source for a window: the live buffer, plus history from `/api/series` beyond 15 min. */
import { useEffect, useMemo, useState } from 'react';
import type { SeriesPoint } from '../../../../shared/schemas/frame.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { api } from '../../lib/api.js';
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
  const [history, setHistory] = useState<{ points: readonly SeriesPoint[]; step: number } | null>(null);
  const [state, setState] = useState<WindowSeries['historyState']>('none');

  useEffect(() => {
    if (!needsHistory) {
      setHistory(null);
      setState('none');
      return;
    }
    const abort = new AbortController();
    const load = () => {
      // One point per chart row (6 h → 72 s), whole buckets only; `to` reaches past the seam with the live
      // buffer until the next refresh (mergeHistory cuts there).
      const stepMs = rowStepMs(rangeMs);
      const now = Date.now();
      const from = Math.floor((now - rangeMs) / stepMs) * stepMs - stepMs;
      const to = Math.ceil((now - BUFFER_MS + HISTORY_REFRESH_MS) / stepMs) * stepMs + 2 * stepMs;
      setState((s) => (s === 'ready' ? s : 'loading'));
      api
        .series(from, to, stepMs / 1000, abort.signal)
        .then((a) => {
          setHistory({ points: a.points, step: a.step ?? 1 });
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
    () => (needsHistory && history ? mergeHistory(history.points, live, history.step) : live),
    [needsHistory, history, live],
  );
  return { series, historyState: state };
}
