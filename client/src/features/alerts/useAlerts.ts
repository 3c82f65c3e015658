/** @module Alerts from `GET /api/alerts` merged into the live store (socket `alert` events keep them current). */
import { useEffect, useState } from 'react';
import type { Alert } from '../../../../shared/schemas/alert.js';
import { useLiveContext } from '../../app/LiveProvider.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { api } from '../../lib/api.js';
import { ApiError } from '../../lib/request.js';

const REFRESH_MS = 30_000;

/** Fetches the alerts of `states` (and keeps refreshing); returns every alert the store knows and a fetch error. */
export function useAlerts(states: readonly ('open' | 'acknowledged' | 'resolved')[]): {
  alerts: ReadonlyMap<string, Alert>;
  error: string | null;
  loaded: boolean;
} {
  const { store } = useLiveContext();
  const alerts = useLiveSelector((s) => s.alerts);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const key = states.join(',');

  useEffect(() => {
    const abort = new AbortController();
    const load = async () => {
      try {
        const lists = await Promise.all(key.split(',').map((state) => api.alerts({ state }, abort.signal)));
        store.applyAlerts(lists.flat());
        setError(null);
        setLoaded(true);
      } catch (e) {
        if (abort.signal.aborted) return;
        setError(
          e instanceof ApiError && e.status === 404
            ? 'The alert service is not available on this server yet; showing live alerts only.'
            : e instanceof Error
              ? e.message
              : 'Could not load alerts.',
        );
        setLoaded(true);
      }
    };
    void load();
    const id = setInterval(load, REFRESH_MS);
    return () => {
      abort.abort();
      clearInterval(id);
    };
  }, [key, store]);

  return { alerts, error, loaded };
}
