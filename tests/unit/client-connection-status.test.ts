/** When the screen may say LIVE, and what it says otherwise. */
import { describe, expect, it } from 'vitest';
import { connectionView, EVENT_STALE_MS, LIVE_TICKS } from '../../client/src/state/connection-status.js';
import { initialLiveState, type LiveState } from '../../client/src/state/live-store.js';
import type { SegmentScore } from '../../shared/schemas/score.js';
import { stats } from './client-fixtures.js';

function state(extra: Partial<LiveState>): LiveState {
  return {
    ...initialLiveState,
    socket: 'connected',
    hasData: true,
    tickMs: 1000,
    receivedAt: 10_000,
    ...extra,
  };
}

/** A segment's figures as a frame carries them, last seen at `lastSeen` (server clock). */
function seg(segment: string, lastSeen = 9_500): SegmentScore {
  return {
    segment,
    score: 40,
    reasons: [],
    activeHosts: 3,
    eventsPerSec: 12,
    baseline: { mean: 12, std: 2 },
    lastSeen,
  };
}

describe('connectionView', () => {
  it('is live with fresh frames and fresh events', () => {
    const v = connectionView(state({ stats: stats({ newestEventTs: 9_500 }) }), 10_500);
    expect(v.status).toBe('live');
    expect(v.ageMs).toBe(1000);
    expect(v.why).toBeNull();
  });

  it('is stale when frames stop for more than LIVE_TICKS ticks', () => {
    const s = state({ stats: stats({ newestEventTs: 10_000 }) });
    expect(connectionView(s, 10_000 + LIVE_TICKS * 1000).status).toBe('live');
    const v = connectionView(s, 10_000 + LIVE_TICKS * 1000 + 1);
    expect(v.status).toBe('stale');
    expect(v.why).toBe('no_update');
  });

  it('is stale when frames come but the newest event is old (sensors silent)', () => {
    const s = state({ receivedAt: 100_000, stats: stats({ newestEventTs: 100_000 - EVENT_STALE_MS - 1 }) });
    const v = connectionView(s, 100_000);
    expect(v.status).toBe('stale');
    expect(v.why).toBe('no_events');
  });

  it('is stale when no event has come since the server started, once the sensors have had time to send', () => {
    const never = (uptimeS: number) => state({ stats: stats({ newestEventTs: 0, uptimeS }) });
    expect(connectionView(never(5), 10_000)).toMatchObject({ status: 'live', eventAgeMs: null });
    expect(connectionView(never(EVENT_STALE_MS / 1000 + 1), 10_000)).toMatchObject({
      status: 'stale',
      why: 'no_events_yet',
    });
    // a screen limited to some segments has no stats: the time since its own first snapshot counts
    const limited = state({ stats: null, dataSince: 10_000 });
    const at = 10_000 + EVENT_STALE_MS;
    expect(connectionView({ ...limited, receivedAt: at }, at).status).toBe('live');
    expect(connectionView({ ...limited, receivedAt: 30_000 }, 30_000).why).toBe('no_events_yet');
  });

  it('says at once that Watchfloor’s own store or input is down, not that the sensors went quiet', () => {
    const fresh = { receivedAt: 100_000, stats: stats({ newestEventTs: 99_000 }) };
    expect(connectionView(state({ ...fresh, ingestDown: 'redis' }), 100_000)).toMatchObject({
      status: 'stale',
      why: 'store_down',
    });
    // long after the last event too: the cause, not the silence
    const old = { receivedAt: 100_000, stats: stats({ newestEventTs: 100_000 - EVENT_STALE_MS - 1 }) };
    expect(connectionView(state({ ...old, ingestDown: 'redis' }), 100_000).why).toBe('store_down');
    expect(connectionView(state({ ...old, ingestDown: 'input' }), 100_000).why).toBe('input_down');
    // frames that stopped coming say so first: what the server said last is not news
    expect(
      connectionView(state({ ...fresh, ingestDown: 'redis' }), 100_000 + LIVE_TICKS * 1000 + 1).why,
    ).toBe('no_update');
  });

  it('says the scoring stopped, not the sensors, once every segment on the screen has lost its scorer', () => {
    const segments = ['finance', 'health', 'telecom', 'transport'].map((x) => seg(x));
    const fresh = { receivedAt: 100_000, stats: stats({ newestEventTs: 99_000 }), segments };
    // every segment stale: at once, however fresh the frames and the newest event
    const all = connectionView(state({ ...fresh, stale: segments.map((x) => x.segment) }), 100_000);
    expect(all).toMatchObject({ status: 'stale', why: 'scoring_stale', staleSegments: 4 });
    // …and 15 s on, when the newest event (scored by nobody) is old: still the scoring, not "no new events"
    const old = { ...fresh, stats: stats({ newestEventTs: 100_000 - EVENT_STALE_MS - 5_000 }) };
    expect(
      connectionView(state({ ...old, stale: ['transport', 'finance', 'health', 'telecom'] }), 100_000).why,
    ).toBe('scoring_stale');
    // a screen limited to some segments (no stats) whose segments are all stale
    const limited = state({ receivedAt: 100_000, stats: null, segments: [seg('health')], stale: ['health'] });
    expect(connectionView(limited, 100_000)).toMatchObject({ status: 'stale', why: 'scoring_stale' });
    // the store down, or frames that stopped, say so first
    expect(
      connectionView(
        state({ ...fresh, stale: ['finance', 'health', 'telecom', 'transport'], ingestDown: 'redis' }),
        100_000,
      ).why,
    ).toBe('store_down');
    expect(
      connectionView(
        state({ ...fresh, stale: ['finance', 'health', 'telecom', 'transport'] }),
        100_000 + LIVE_TICKS * 1000 + 1,
      ).why,
    ).toBe('no_update');
  });

  it('stays live while only some segments are stale, and counts them', () => {
    const segments = ['finance', 'health', 'telecom', 'transport'].map((x) => seg(x));
    const fresh = { receivedAt: 100_000, stats: stats({ newestEventTs: 99_000 }), segments };
    expect(connectionView(state({ ...fresh, stale: ['health', 'telecom'] }), 100_000)).toMatchObject({
      status: 'live',
      why: null,
      staleSegments: 2,
    });
    expect(connectionView(state(fresh), 100_000).staleSegments).toBe(0);
    // a stale name the screen holds no figures of (none to mark, and not "every segment")
    expect(connectionView(state({ ...fresh, stale: ['health', 'energy'] }), 100_000)).toMatchObject({
      status: 'live',
      staleSegments: 1,
    });
    // no segment at all is not "every segment stale"
    const empty = { receivedAt: 100_000, stats: stats({ newestEventTs: 99_000 }), stale: ['health'] };
    expect(connectionView(state(empty), 100_000)).toMatchObject({ status: 'live', staleSegments: 0 });
  });

  it('uses the server clock offset for the event age', () => {
    // The server clock runs 60 s ahead of ours: an event stamped at server time 69 s is 1 s old.
    const v = connectionView(state({ clockOffset: 60_000, stats: stats({ newestEventTs: 69_000 }) }), 10_000);
    expect(v.eventAgeMs).toBe(1000);
    expect(v.status).toBe('live');
  });

  it('says reconnecting / offline / connecting from the socket, whatever the data', () => {
    expect(connectionView(state({ socket: 'reconnecting' }), 10_000).status).toBe('reconnecting');
    expect(connectionView(state({ socket: 'offline' }), 10_000).status).toBe('offline');
    expect(connectionView(state({ hasData: false }), 10_000).status).toBe('connecting');
    expect(connectionView(initialLiveState, 0).ageMs).toBeNull();
  });
});
