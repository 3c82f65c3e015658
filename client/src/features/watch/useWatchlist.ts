/**
 * @module The watchlist as the screens read it: fetched once, kept fresh every 30 s and after a lead changes it, and
 * matched with the same rule the alert engine uses (`watchMatches`); and the server's own word on the hosts a live
 * screen shows (frames' `watched`: the same answer the alert rule is given, a domain reached included), which is all
 * the wall has.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext, useSyncExternalStore } from 'react';
import { type WatchEntry, type WatchSubject, watchMatches } from '../../../../shared/schemas/watch.js';
import type { WatchKind } from '../../../../shared/schemas/watch-mark.js';
import { useAuth } from '../../app/AuthProvider.js';
import { LiveContext } from '../../app/LiveProvider.js';
import { API, routeKey, routeQuery } from '../../lib/api.js';

const NONE: readonly WatchEntry[] = [];

export function useWatchlist(): readonly WatchEntry[] {
  const { auth } = useAuth();
  const q = useQuery({
    ...routeQuery(API.watchlist),
    enabled: auth.status === 'in',
    refetchInterval: 30_000,
    staleTime: 10_000,
  });
  return q.data?.entries ?? NONE;
}

/** The live entries a subject matches (none when nothing is watched). */
export function useWatched(s: WatchSubject): WatchEntry[] {
  const entries = useWatchlist();
  if (entries.length === 0 || (!s.ip && !s.domains?.length)) return [];
  return watchMatches(entries, s, Date.now());
}

/** Fetches the watchlist again (after an add or a removal). */
export function useRefreshWatchlist(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: routeKey(API.watchlist) });
}

const noSubscribe = () => () => {};

/** How the server says a host on this screen is watched (frames' and snapshots' `watched`), or null. */
export function useWatchKind(ip: string | undefined): WatchKind | null {
  const live = useContext(LiveContext);
  return useSyncExternalStore(live ? live.store.subscribe : noSubscribe, () =>
    ip && live ? (live.store.getState().watched.get(ip) ?? null) : null,
  );
}
