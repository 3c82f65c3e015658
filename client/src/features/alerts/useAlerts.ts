/** @module Alerts from `GET /api/alerts` merged into the live store (socket `alert` events keep them current). */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Alert, AlertState } from '../../../../shared/schemas/alert.js';
import { useLiveContext } from '../../app/LiveProvider.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { t } from '../../i18n/index.js';
import { errorText } from '../../i18n/server-text.js';
import { API, call, routeKey } from '../../lib/api.js';
import { ApiError } from '../../lib/request.js';

const REFRESH_MS = 30_000;

/** Fetches the alerts of `states` (and keeps refreshing); returns every alert the store knows and a fetch error. */
export function useAlerts(states: readonly AlertState[]): {
  alerts: ReadonlyMap<string, Alert>;
  error: string | null;
  loaded: boolean;
} {
  const { store } = useLiveContext();
  const alerts = useLiveSelector((s) => s.alerts);
  const query = useQuery({
    queryKey: [...routeKey(API.alerts), states],
    queryFn: async ({ signal }) => {
      const lists = await Promise.all(
        states.map((state) => call(API.alerts, { query: { state } }, { signal })),
      );
      return lists.flatMap((l) => l.alerts);
    },
    refetchInterval: REFRESH_MS,
  });
  useEffect(() => {
    if (query.data) store.applyAlerts(query.data);
  }, [query.data, store]);

  const e = query.error;
  const error = !e
    ? null
    : e instanceof ApiError && e.status === 404
      ? t('alerts.serviceMissing')
      : errorText(e, t('alerts.loadFailed'));
  return { alerts, error, loaded: query.data !== undefined || query.isError };
}
