/**
 * @module The wall's own live connection, opened with the display token from the URL: checks the token
 * against `/api/wall` (retrying while the server is unreachable, and again every minute, so a changed alert
 * threshold shows), forgets it when refused, and owns the wall's `LiveStore` and socket for as long as the screen
 * is mounted.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { WallInfo } from '../../../../shared/schemas/api.js';
import { API, routeQuery } from '../../lib/api.js';
import { connectLive, type LiveConnection } from '../../lib/live-socket.js';
import { ApiError } from '../../lib/request.js';
import { forgetWallToken, readWallToken } from '../../lib/wall-token.js';
import { LiveStore } from '../../state/live-store.js';

export type TokenState = 'checking' | 'ok' | 'missing' | 'refused';

export interface WallSession {
  tokenState: TokenState;
  /** What `/api/wall` says about this display (label, allowed segments, alert rule); null until known. */
  info: WallInfo | null;
  store: LiveStore;
  connection: LiveConnection | null;
}

const refused = (e: unknown) => e instanceof ApiError && (e.status === 401 || e.status === 403);
/** A server without /api/wall yet: run on the socket alone. */
const missingRoute = (e: unknown) => e instanceof ApiError && e.status === 404;

export function useWallToken(): WallSession {
  const [read] = useState(() => readWallToken());
  const malformed = read === 'malformed';
  const token = malformed ? null : read;
  const [store] = useState(() => new LiveStore());
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  const wall = useQuery({
    ...routeQuery(API.wall, {}, { bearer: token ?? '', quiet401: true }),
    // the secret stays out of the cache key; one wall per page
    queryKey: ['wall'],
    enabled: token !== null,
    // Server unreachable: keep trying every 5 s (the socket reconnects by itself meanwhile).
    retry: (_n, e) => !refused(e) && !missingRoute(e),
    retryDelay: 5000,
    refetchInterval: (q) => (refused(q.state.error) ? false : 60_000),
  });
  const isRefused = refused(wall.error);

  useEffect(() => {
    if (isRefused) forgetWallToken();
  }, [isRefused]);

  const { refetch } = wall;
  useEffect(() => {
    if (!token) return;
    const conn = connectLive(store, {
      auth: { token },
      onRefused: async () => !refused((await refetch()).error),
    });
    setConnection(conn);
    return () => conn.close();
  }, [token, store, refetch]);

  const tokenState: TokenState = malformed
    ? 'refused'
    : !token
      ? 'missing'
      : isRefused
        ? 'refused'
        : wall.data || missingRoute(wall.error)
          ? 'ok'
          : 'checking';
  return { tokenState, info: wall.data ?? null, store, connection };
}
