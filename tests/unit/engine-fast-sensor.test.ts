/**
 * A sensor whose clock runs ahead, by less than `WF_MAX_FUTURE` (so its events are not tagged skewed), must not take
 * the event clock with it: live, the clock never passes the wall clock. A QA pass saw one event stamped 200 s ahead
 * close every other sensor's buckets before their events came, so a 100-port scan scored about 1 and raised nothing,
 * and a sensor still sending was judged silent.
 */
import { describe, expect, it } from 'vitest';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { ScoringEngine } from '../../server/scoring/engine.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

const T0 = Date.UTC(2026, 11, 7, 18, 0, 0);
const LAG = 50;
const flow = (ts: number, sensor: string, src: string, port = 443, state = 'SF'): NormalizedEvent => ({
  ts,
  sensor,
  kind: 'flow',
  src_ip: src,
  segment: 'seg-a',
  dst_ip: '10.1.9.9',
  dst_port: port,
  proto: 'tcp',
  bytes_out: 500,
  conn_state: state,
});

/** The wall clock runs from `from` to `to`: two normal sensors send 5 events/s, arriving LAG ms after their time. */
function live(
  engine: ScoringEngine,
  from: number,
  to: number,
  extra?: (t: number) => NormalizedEvent[],
): void {
  for (let t = from; t < to; t += 200) {
    const sensor = t % 400 === 0 ? 'sur-a' : 'zeek-a';
    engine.ingest(flow(t, sensor, `10.1.0.${(t / 200) % 40}`), `n${t}`, t + LAG);
    for (const e of extra?.(t) ?? []) engine.ingest(e, `x${e.ts}-${e.dst_port}`, t + LAG);
    if (t % 1000 === 0) engine.advance(t + LAG);
  }
}

describe('a sensor whose clock runs ahead', () => {
  it('leaves the clock on the wall clock: a scan elsewhere is scored on time and nobody is judged silent', () => {
    const engine = new ScoringEngine({ detectors: defaultDetectors() });
    live(engine, T0, T0 + 600_000);
    const now = T0 + 600_000;
    // one event 200 s ahead (under the 300 s after which it would be taken as skewed)
    engine.ingest(flow(now + 200_000, 'sur-fast', '10.2.2.2'), 'fast', now + LAG);
    const clock = engine.eventClock(now + LAG);
    const late = engine.late;
    // a scan from 10.1.1.2 through a normal sensor: 100 refused ports of one target in 5 s
    const scanStart = now + 10_000;
    live(engine, now, now + 120_000, (t) =>
      t >= scanStart && t < scanStart + 5_000
        ? [0, 1, 2, 3, 4].map((k) => flow(t + k, 'sur-a', '10.1.1.2', 1 + (t - scanStart) / 40 + k, 'REJ'))
        : [],
    );
    expect(engine.late).toBe(late);
    // scored on time, in the seconds of the scan: the score the alert rule samples
    const during = engine
      .host('10.1.1.2')!
      .timeline.filter((p) => p.t >= scanStart && p.t <= scanStart + 8_000)
      .map((p) => p.score);
    expect(Math.max(0, ...during)).toBeGreaterThanOrEqual(90);
    const seg = engine.segments(() => 0).find((s) => s.segment === 'seg-a')!;
    expect(seg.reasons.filter((r) => r.detector === 'silence')).toEqual([]);
    // the fast sensor's own event waits in its bucket until the wall clock reaches it
    expect(clock).toBeLessThanOrEqual(now + LAG);
    expect(engine.watermark).toBeLessThanOrEqual(now + 120_000);
  });
});
