import { describe, expect, it } from 'vitest';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { ScoringEngine } from '../../server/scoring/engine.js';
import { createGenerator } from '../../server/simulate/generator.js';
import { buildTopology } from '../../server/simulate/network-model.js';
import { fixedSchedule } from '../../server/simulate/schedule.js';
import type { SimEvent } from '../../server/simulate/sim-event.js';

const START = Date.UTC(2024, 2, 5, 8, 0, 0);
const topology = buildTopology(11, { hosts: 120 });
const generator = createGenerator({
  seed: 11,
  topology,
  rate: 60,
  schedule: fixedSchedule([
    { scenario: 'port-scan', start: START + 330_000, durationMs: 30_000 },
    { scenario: 'dns-tunnel', start: START + 360_000, durationMs: 60_000 },
    { scenario: 'exfiltration', start: START + 400_000, durationMs: 60_000 },
  ]),
});
const EVENTS: SimEvent[] = generator.eventsBetween(START, START + 480_000);

interface Feed {
  /** Arrival (wall clock) of an event. */
  arrival: (ev: SimEvent, i: number) => number;
  /** Whether to tick before the i-th event. */
  tick: (i: number, ev: SimEvent) => boolean;
}

/** Every held-score update of every host (event time): what the alert rule samples. */
function run(feed: Feed): { updates: string[] } {
  const updates: string[] = [];
  const engine = new ScoringEngine({
    detectors: defaultDetectors(),
    onScore: (e, score, at) => {
      if (e.type === 'host') updates.push(`${e.id}@${at}=${score}`);
    },
  });
  EVENTS.forEach((ev, i) => {
    const arrival = feed.arrival(ev, i);
    if (feed.tick(i, ev)) engine.advance(arrival);
    engine.ingest(ev, ev.event_id, arrival);
  });
  const last = EVENTS[EVENTS.length - 1]!.ts;
  engine.closeBefore(last - (last % 1000) + 120_000);
  return { updates: updates.sort() };
}

describe('scores depend on event time only', () => {
  it('gives identical host scores for live, fast and historical replays at any tick cadence', () => {
    const live = run({ arrival: (ev) => ev.ts, tick: () => true });
    const fast = run({ arrival: (ev) => START + (ev.ts - START) / 25, tick: (i) => i % 97 === 0 });
    const historical = run({ arrival: (ev) => ev.ts + 86_400_000 * 30, tick: (i) => i % 1000 === 0 });
    const never = run({ arrival: (ev) => ev.ts + 86_400_000 * 30, tick: () => false });
    expect(live.updates.length).toBeGreaterThan(100);
    expect(live.updates.some((u) => Number(u.split('=')[1]) >= 60)).toBe(true);
    for (const other of [fast, historical, never]) {
      expect(other.updates).toEqual(live.updates);
    }
  });
});
