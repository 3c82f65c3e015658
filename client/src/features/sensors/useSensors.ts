/** @module `GET /api/sensors` through the query cache: the KPI tile and the sensors page share one request. */
import { useQuery } from '@tanstack/react-query';
import { API, routeQuery } from '../../lib/api.js';

/** The sensor list, refetched every `refreshMs` (the shortest interval among the screens asking wins). */
export function useSensors(refreshMs: number) {
  return useQuery({
    ...routeQuery(API.sensors),
    select: (a) => a.sensors,
    refetchInterval: refreshMs,
  });
}
