import { describe, expect, it } from 'vitest';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { type EngineState, ScoringEngine } from '../../server/scoring/engine.js';
import { decodeState, encodeState } from '../../server/scoring/state-codec.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

const T0 = Date.UTC(2024, 2, 5, 8, 0, 0);
const ev = (ts: number, sensor: string): NormalizedEvent => ({
  ts,
  sensor,
  kind: 'flow',
  src_ip: `10.0.0.${Math.floor(ts / 1000) % 50}`,
  segment: 'health',
  dst_ip: '10.0.1.1',
  dst_port: 443,
  bytes_out: 1000,
  conn_state: 'SF',
});

/** Ten minutes of 5 events/s from two sensors, arriving `lag` ms after their event time. */
function feed(engine: ScoringEngine, lag: number): number {
  let t = T0;
  for (; t < T0 + 600_000; t += 200) {
    engine.ingest(ev(t, t % 400 === 0 ? 'zeek-health-1' : 'sur-health-1'), `e${t}`, t + lag);
    if (t % 1000 === 0) engine.advance(t + lag);
  }
  return t;
}

describe('silence detector', () => {
  it('raises the segment when a live sensor that used to send goes quiet on the wall clock', () => {
    const engine = new ScoringEngine({ detectors: defaultDetectors() });
    const end = feed(engine, 50);
    // Only sur-health-1 keeps sending; zeek-health-1 is silent for two minutes of wall clock.
    for (let t = end; t < end + 120_000; t += 400) {
      engine.ingest(ev(t, 'sur-health-1'), `s${t}`, t + 50);
      if (t % 1000 === 0) engine.advance(t + 50);
    }
    const seg = engine.segments(() => 0).find((s) => s.segment === 'health')!;
    expect(seg.score).toBeGreaterThan(60);
    expect(seg.reasons[0]).toMatchObject({
      detector: 'silence',
      feature: 'silent sensor=zeek-health-1',
      observed: 0,
    });
    expect(seg.reasons[0]!.expected).toBeGreaterThan(100);

    // the sensor sends again: once the silence has faded from the segment's score, it is no longer its reason
    const back = end + 120_000;
    for (let t = back; t < back + 300_000; t += 200) {
      engine.ingest(ev(t, t % 400 === 0 ? 'zeek-health-1' : 'sur-health-1'), `b${t}`, t + 50);
      if (t % 1000 === 0) engine.advance(t + 50);
    }
    const later = engine.segments(() => 0).find((s) => s.segment === 'health')!;
    expect(later.reasons.filter((r) => r.detector === 'silence')).toEqual([]);
  });

  it('judges no silence while its clock is held (no ingest process alive), and goes on from there after', () => {
    const engine = new ScoringEngine({ detectors: defaultDetectors() });
    const end = feed(engine, 50);
    const stopped = engine.eventClock(end + 50);
    // every ingest process is gone for two minutes of wall clock: no event can come, the sensors go on writing
    engine.holdClock(true, end + 50);
    let watermark = 0;
    for (let t = end; t < end + 120_000; t += 1000) watermark = engine.advance(t + 50);
    expect(engine.eventClock(end + 120_050)).toBe(stopped);
    expect(watermark).toBeLessThanOrEqual(stopped);
    const seg = () => engine.segments(() => 0).find((s) => s.segment === 'health')!;
    expect(seg().reasons.filter((r) => r.detector === 'silence')).toEqual([]);

    // an ingest process is back: what the sensors wrote meanwhile comes, late but into buckets still open
    const back = end + 120_050;
    engine.holdClock(false, back);
    expect(engine.eventClock(back)).toBe(stopped);
    const late = engine.late;
    for (let t = end; t < end + 130_000; t += 200) {
      engine.ingest(ev(t, t % 400 === 0 ? 'zeek-health-1' : 'sur-health-1'), `g${t}`, back + (t - end) / 20);
      if (t % 1000 === 0) engine.advance(back + (t - end) / 20);
    }
    expect(engine.late).toBe(late);
    expect(seg().reasons.filter((r) => r.detector === 'silence')).toEqual([]);

    // without the hold, the same two minutes are a silence of both sensors
    const unheld = new ScoringEngine({ detectors: defaultDetectors() });
    const end2 = feed(unheld, 50);
    for (let t = end2; t < end2 + 120_000; t += 1000) unheld.advance(t + 50);
    const seg2 = unheld.segments(() => 0).find((s) => s.segment === 'health')!;
    expect(seg2.reasons.some((r) => r.detector === 'silence')).toBe(true);
  });

  it('never judges a historical replay, nor a retired sensor, after its events end', () => {
    const replay = new ScoringEngine({ detectors: defaultDetectors() });
    const end = feed(replay, 86_400_000);
    replay.advance(end + 86_400_000 + 600_000);
    expect(replay.segments(() => 0)[0]!.reasons.filter((r) => r.detector === 'silence')).toEqual([]);

    const retired = new ScoringEngine({ detectors: defaultDetectors() });
    const end2 = feed(retired, 50);
    retired.retireSensor('zeek-health-1');
    retired.retireSensor('sur-health-1');
    for (let s = 1; s <= 300; s++) retired.advance(end2 + s * 1000);
    expect(retired.segments(() => 0)[0]!.reasons.filter((r) => r.detector === 'silence')).toEqual([]);
  });
});

describe('silence after a replay sent faster than real time', () => {
  it('judges none of its sensors: ten minutes of event time that came live for a second', () => {
    const engine = new ScoringEngine({ detectors: defaultDetectors() });
    // the capture rebased so that its last record lands now, all of it sent within one wall-clock second
    const sentAt = T0 + 600_000;
    let t = T0;
    for (; t < T0 + 600_000; t += 200) {
      engine.ingest(
        ev(t, t % 400 === 0 ? 'zeek-health-1' : 'sur-health-1'),
        `e${t}`,
        sentAt + (t - T0) / 600,
      );
    }
    // then nothing, for three minutes of wall clock
    for (let w = sentAt + 1000; w <= sentAt + 180_000; w += 1000) engine.advance(w);
    const seg = engine.segments(() => 0).find((s) => s.segment === 'health')!;
    expect(seg.reasons.filter((r) => r.detector === 'silence')).toEqual([]);
  });
});

describe('silence over a restart (the engine saved and loaded, as a snapshot does)', () => {
  /** An engine that fed ten live minutes and stopped; another loaded with its state `downMs` later. */
  function restarted(downMs: number, keepSensors = true) {
    const before = new ScoringEngine({ detectors: defaultDetectors() });
    const end = feed(before, 50);
    const { sensors, ...state } = decodeState<EngineState>(encodeState(before.exportState()));
    const after = new ScoringEngine({ detectors: defaultDetectors() });
    // as a process loads it: the charts carry on from the series history, not from the saved open seconds
    const series = { closedUpTo: 0, segments: [], open: [] };
    after.importState(keepSensors ? { ...state, series, sensors } : { ...state, series });
    const up = end + downMs;
    after.noteDowntime(end, up);
    return { after, up };
  }
  const silenceOf = (engine: ScoringEngine) =>
    engine
      .segments(() => 0)
      .find((s) => s.segment === 'health')
      ?.reasons.filter((r) => r.detector === 'silence') ?? [];

  it('judges a sensor that stays silent after the restart, counting from the restart', () => {
    const { after, up } = restarted(120_000);
    // two minutes down: the sensors' silence is not counted while nobody read (their events are still to come)
    after.advance(up + 1_000);
    expect(silenceOf(after)).toEqual([]);
    // no event two minutes after the restart: both sensors are silent
    for (let t = up; t <= up + 120_000; t += 1000) after.advance(t);
    expect(
      silenceOf(after)
        .map((r) => r.feature)
        .sort(),
    ).toEqual(['silent sensor=sur-health-1', 'silent sensor=zeek-health-1']);
  });

  it('keeps every segment it knew on screen, with no series of them yet (a wall lost the quiet segment)', () => {
    const { after } = restarted(120_000);
    expect(after.segments(() => 0).map((s) => s.segment)).toEqual(['health']);
  });

  it('judges none of them when the saved state has no sensors (a state saved before they were kept)', () => {
    const { after, up } = restarted(120_000, false);
    for (let t = up; t <= up + 120_000; t += 1000) after.advance(t);
    expect(silenceOf(after)).toEqual([]);
  });
});
