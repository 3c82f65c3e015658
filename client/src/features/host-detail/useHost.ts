/**
 * @module One host's score and reasons: fetched from `GET /api/hosts/:ip`, then kept current from the live
 * feed — the frame's top hosts when the host is among them, and `host` events after a `watch`.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { EVENTS } from '../../../../shared/events.js';
import { isIP } from '../../../../shared/ip.js';
import type { Alert } from '../../../../shared/schemas/alert.js';
import type { HostDetail, HostNote, TimelinePoint } from '../../../../shared/schemas/api.js';
import { type HostScore, hostScoreSchema } from '../../../../shared/schemas/score.js';
import { useLiveContext } from '../../app/LiveProvider.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { t } from '../../i18n/index.js';
import { errorText } from '../../i18n/server-text.js';
import { API, routeKey, routeQuery } from '../../lib/api.js';
import { ACK_TIMEOUT_MS } from '../../lib/live-socket.js';
import { ApiError } from '../../lib/request.js';

/** One recent event of the host as the server keeps it (normalized; every field attacker-controlled). */
export type RecentEvent = Record<string, unknown>;
/** Re-fetch this often, for hosts that are not in the frames' top list. */
const REFRESH_MS = 10_000;

export type HostSource = 'fetched' | 'frame' | 'watch';

export interface HostView {
  status: 'loading' | 'ready' | 'error';
  host: HostScore | null;
  error: string | null;
  /** Where the shown values came from, and when (client clock). */
  source: HostSource | null;
  updatedAt: number;
  /** Recent events from the last fetch, newest first. */
  recent: readonly RecentEvent[];
  /** Held score per tick with each detector's share (last five minutes), from the server. */
  timeline: readonly TimelinePoint[];
  /** Analysts' notes from the last fetch, newest first. */
  notes: readonly HostNote[];
  /** The host's alerts from the last fetch: unresolved, and resolved in the last 7 days. */
  alerts: readonly Alert[];
  /** Shows a note just saved without waiting for the next fetch. */
  addNote(note: HostNote): void;
}

interface Stamped {
  host: HostScore | null;
  at: number;
}

const NONE: readonly never[] = [];

export function useHost(ip: string): HostView {
  const valid = isIP(ip);
  const [watched, setWatched] = useState<Stamped | null>(null);
  const queryClient = useQueryClient();
  const query = useQuery({
    ...routeQuery(API.host, { params: { ip } }),
    enabled: valid,
    refetchInterval: REFRESH_MS,
  });
  const notFound = query.error instanceof ApiError && query.error.status === 404;
  const answer = query.data;
  const fetched: Stamped | null = answer
    ? { host: answer.host ? hostOf(answer.host) : null, at: query.dataUpdatedAt }
    : notFound
      ? { host: null, at: query.errorUpdatedAt }
      : null;
  const error = !valid
    ? t('host.notIp', { ip })
    : query.error && !notFound
      ? errorText(query.error, t('host.loadFailed'))
      : null;
  const fromFrame = useLiveSelector((s) => s.topHosts.find((h) => h.ip === ip));
  const frameAt = useLiveSelector((s) => s.receivedAt);
  const { connection } = useLiveContext();

  useEffect(() => {
    const socket = connection?.socket;
    if (!socket || !valid) return;
    const onHost = (h: unknown) => {
      const parsed = hostScoreSchema.safeParse(h);
      if (parsed.success && parsed.data.ip === ip) setWatched({ host: parsed.data, at: Date.now() });
    };
    const watch = () => socket.timeout(ACK_TIMEOUT_MS).emit(EVENTS.watch, { host: ip }, () => {});
    socket.on(EVENTS.host, onHost);
    socket.on('connect', watch);
    if (socket.connected) watch();
    return () => {
      socket.off(EVENTS.host, onHost);
      socket.off('connect', watch);
      if (socket.connected) socket.timeout(ACK_TIMEOUT_MS).emit(EVENTS.unwatch, { host: ip }, () => {});
    };
  }, [connection, ip, valid]);

  const candidates: [HostSource, Stamped | null][] = [
    ['fetched', fetched],
    ['frame', fromFrame ? { host: fromFrame, at: frameAt } : null],
    ['watch', watched],
  ];
  let best: [HostSource, Stamped] | null = null;
  for (const [source, c] of candidates) if (c && (!best || c.at >= best[1].at)) best = [source, c];

  // A note just saved shows at once: written into the cached answer (the next fetch brings it from the server).
  const addNote = useCallback(
    (note: HostNote) =>
      queryClient.setQueryData<HostDetail>(routeKey(API.host, { params: { ip } }), (a) =>
        a ? { ...a, notes: [note, ...a.notes] } : a,
      ),
    [queryClient, ip],
  );
  const extras = {
    recent: answer?.host?.recent ?? NONE,
    timeline: answer?.host?.timeline ?? NONE,
    notes: answer?.notes ?? NONE,
    alerts: answer?.alerts ?? NONE,
    addNote,
  };
  if (!best) {
    return { status: error ? 'error' : 'loading', host: null, error, source: null, updatedAt: 0, ...extras };
  }
  return { status: 'ready', host: best[1].host, error, source: best[0], updatedAt: best[1].at, ...extras };
}

/** The score part of a fetched host (recent events and timeline are kept apart). */
function hostOf(h: NonNullable<HostDetail['host']>): HostScore {
  const { recent: _recent, timeline: _timeline, ...host } = h;
  return host;
}
