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
  | 'input_down';

export function connectionView(s: LiveState, clientNow: number): ConnectionView {
  const frameAgeMs = s.receivedAt > 0 ? Math.max(0, clientNow - s.receivedAt) : null;
  // A screen limited to some segments has no network-wide stats: its newest event is its segments' newest.
  const newestEvent = s.stats?.newestEventTs ?? Math.max(0, ...s.segments.map((x) => x.lastSeen));
  const eventAgeMs = newestEvent > 0 ? Math.max(0, clientNow + s.clockOffset - newestEvent) : null;
  const ageMs = eventAgeMs ?? frameAgeMs;

  if (s.socket === 'offline')
    return { status: 'offline', ageMs, frameAgeMs, eventAgeMs, why: 'disconnected' };
  if (s.socket === 'reconnecting')
    return { status: 'reconnecting', ageMs, frameAgeMs, eventAgeMs, why: 'connection_lost' };
  if (s.socket === 'connecting' || !s.hasData) {
    return { status: 'connecting', ageMs, frameAgeMs, eventAgeMs, why: 'waiting_snapshot' };
  }
  if (frameAgeMs === null || frameAgeMs > LIVE_TICKS * s.tickMs) {
    return { status: 'stale', ageMs, frameAgeMs, eventAgeMs, why: 'no_update' };
  }
  // the server says ingest is stopped, and why: not the sensors' silence (at once, not after EVENT_STALE_MS)
  if (s.ingestDown) {
    const why = s.ingestDown === 'redis' ? 'store_down' : 'input_down';
    return { status: 'stale', ageMs, frameAgeMs, eventAgeMs, why };
  }
  if (eventAgeMs !== null && eventAgeMs > EVENT_STALE_MS) {
    return { status: 'stale', ageMs, frameAgeMs, eventAgeMs, why: 'no_events' };
  }
  // no event at all since the server started (a screen without the network's stats: since its first snapshot)
  const watchedMs = s.stats ? s.stats.uptimeS * 1000 : s.dataSince > 0 ? clientNow - s.dataSince : 0;
  if (eventAgeMs === null && watchedMs > EVENT_STALE_MS) {
    return { status: 'stale', ageMs, frameAgeMs, eventAgeMs, why: 'no_events_yet' };
  }
  return { status: 'live', ageMs, frameAgeMs, eventAgeMs, why: null };
}
