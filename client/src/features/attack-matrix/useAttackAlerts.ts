/** @module The alerts of a period for the ATT&CK matrix: unresolved ones and those resolved since its start. */
import { useQuery } from '@tanstack/react-query';
import { API, routeQuery } from '../../lib/api.js';

const REFRESH_MS = 30_000;

export function useAttackAlerts(since: number) {
  // the period's start rounded to the minute, so that the key (and the cache) stays put between renders
  const from = Math.floor(since / 60_000) * 60_000;
  return useQuery({ ...routeQuery(API.alerts, { query: { since: from } }), refetchInterval: REFRESH_MS });
}
