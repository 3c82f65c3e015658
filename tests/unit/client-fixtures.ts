/** Builders for the client unit tests (no test file: vitest only picks up *.test.ts). */
import type { Alert } from '../../shared/schemas/alert.js';
import type { Frame, SeriesPoint, Snapshot } from '../../shared/schemas/frame.js';
import type { Stats } from '../../shared/schemas/stats.js';
import { alertFixture } from '../support/alert-fixture.js';

export function point(segment: string, t: number, events = 1, extra: Partial<SeriesPoint> = {}): SeriesPoint {
  return {
    segment,
    t,
    events,
    bytesOut: 0,
    byKind: { flow: events, ids: 0, dns: 0, auth: 0 },
    score: 0,
    open: false,
    ...extra,
  };
}

export function stats(extra: Partial<Stats> = {}): Stats {
  return {
    ingested: 0,
    rejected: 0,
    rejectedByReason: {},
    eventsPerSec: 0,
    lag: 0,
    lostToTrim: 0,
    pending: 0,
    clients: 1,
    uptimeS: 1,
    newestEventTs: 0,
    applied: 0,
    ...extra,
  };
}

export function alert(id: string, extra: Partial<Alert> = {}): Alert {
  return alertFixture({
    id,
    key: `rate:${id}`,
    detector: 'rate',
    entity: { type: 'host', id: `10.0.0.${id.length}` },
    ...extra,
  });
}

export function snapshot(extra: Partial<Snapshot> = {}): Snapshot {
  return {
    now: 10_000,
    seq: 5,
    tickMs: 1000,
    watermark: 9000,
    series: [],
    segments: [],
    topHosts: [],
    alerts: [],
    stats: stats(),
    ...extra,
  };
}

export function frame(seq: number, extra: Partial<Frame> = {}): Frame {
  return {
    now: 10_000 + seq * 1000,
    seq,
    watermark: 9000 + seq * 1000,
    points: [],
    segments: [],
    topHosts: [],
    stats: stats(),
    ...extra,
  };
}
