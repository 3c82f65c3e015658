/** @module Whether what the screen shows is live, and how old it is. Pure: the clock is passed in. */
import type { LiveState } from './live-store.js';

export type ConnectionStatus = 'connecting' | 'live' | 'stale' | 'reconnecting' | 'offline';

/** A frame older than this many ticks means the feed is not live. */
export const LIVE_TICKS = 2.5;
/** Newest event older than this (server clock) means sensors or ingest went quiet: not live. */
export const EVENT_STALE_MS = 15_000;

export interface ConnectionView {
  status: ConnectionStatus;
  /** Age of the newest data in ms (newest event time when known, else the newest frame); null before any. */
  ageMs: number | null;
  /** Age of the newest frame in ms; null before any. */
  frameAgeMs: number | null;
  /** Age of the newest event applied by the server (its clock); null while no event has arrived. */
  eventAgeMs: number | null;
  /**
   * How many of the screen's segments show their last known figures because their scorer is gone (the frame's
   * `stale`; several processes only). Some: the screen stays live and marks them; all: `scoring_stale`.
   */
  staleSegments: number;
  /** Why the feed is not live (a catalogue key under `connection.why.`), or null when live. */
  why: ConnectionWhy | null;
}

export type ConnectionWhy =
  | 'disconnected'
  | 'connection_lost'
  | 'waiting_snapshot'
  | 'no_update'
  | 'no_events'
  | 'no_events_yet'
  | 'store_down'
  | 'input_down'
  | 'scoring_stale';

export function connectionView(s: LiveState, clientNow: number): ConnectionView {
  const frameAgeMs = s.receivedAt > 0 ? Math.max(0, clientNow - s.receivedAt) : null;
  // A screen limited to some segments has no network-wide stats: its newest event is its segments' newest.
  const newestEvent = s.stats?.newestEventTs ?? Math.max(0, ...s.segments.map((x) => x.lastSeen));
  const eventAgeMs = newestEvent > 0 ? Math.max(0, clientNow + s.clockOffset - newestEvent) : null;
  const ageMs = eventAgeMs ?? frameAgeMs;
  const staleSegments = countStale(s);
  const view = (status: ConnectionStatus, why: ConnectionWhy | null): ConnectionView => ({
    status,
    ageMs,
    frameAgeMs,
    eventAgeMs,
    staleSegments,
    why,
  });

  if (s.socket === 'offline') return view('offline', 'disconnected');
  if (s.socket === 'reconnecting') return view('reconnecting', 'connection_lost');
  if (s.socket === 'connecting' || !s.hasData) return view('connecting', 'waiting_snapshot');
  if (frameAgeMs === null || frameAgeMs > LIVE_TICKS * s.tickMs) return view('stale', 'no_update');
  // the server says ingest is stopped, and why: not the sensors' silence (at once, not after EVENT_STALE_MS)
  if (s.ingestDown) return view('stale', s.ingestDown === 'redis' ? 'store_down' : 'input_down');
  // every segment on this screen has lost its scorer: the scoring stopped, not the sensors (at once, too)
  if (staleSegments > 0 && staleSegments === s.segments.length) return view('stale', 'scoring_stale');
  if (eventAgeMs !== null && eventAgeMs > EVENT_STALE_MS) return view('stale', 'no_events');
  // no event at all since the server started (a screen without the network's stats: since its first snapshot)
  const watchedMs = s.stats ? s.stats.uptimeS * 1000 : s.dataSince > 0 ? clientNow - s.dataSince : 0;
  if (eventAgeMs === null && watchedMs > EVENT_STALE_MS) return view('stale', 'no_events_yet');
  return view('live', null);
}

/** How many of the segments the screen holds are in the frame's `stale` (a name there without figures is not shown). */
function countStale(s: LiveState): number {
  if (s.stale.length === 0) return 0;
  const stale = new Set(s.stale);
  return s.segments.reduce((n, x) => n + (stale.has(x.segment) ? 1 : 0), 0);
}
