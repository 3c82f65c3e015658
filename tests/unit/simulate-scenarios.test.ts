import { describe, expect, it } from 'vitest';
import { createGenerator } from '../../server/simulate/generator.js';
import { buildTopology } from '../../server/simulate/network-model.js';
import { SCENARIOS } from '../../server/simulate/scenarios/index.js';
import { fixedSchedule } from '../../server/simulate/schedule.js';
import type { SimEvent } from '../../server/simulate/sim-event.js';
import { type GroundTruth, groundTruthSchema, type ScenarioName } from '../../server/simulate/truth.js';

const T0 = Date.UTC(2025, 2, 4, 9, 0, 0);
const topology = buildTopology(11);

/** Runs one scenario (mixed into background traffic) and returns its truth and the entity's events. */
function run(scenario: ScenarioName, seed = 11, entity?: string): { truth: GroundTruth; mine: SimEvent[] } {
  const schedule = fixedSchedule([{ scenario, start: T0 + 5_000, ...(entity ? { entity } : {}) }]);
  const gen = createGenerator({ seed, topology, schedule, rate: 100 });
  const [inst] = gen.scenariosStarting(T0, T0 + 10_000);
  const truth = inst!.truth;
  const events = gen.eventsBetween(T0, truth.end + 5_000);
  return { truth, mine: events.filter((e) => e.src_ip === truth.entity) };
}

const during = (t: GroundTruth, events: SimEvent[]) => events.filter((e) => e.ts >= t.start && e.ts < t.end);
const entropy = (s: string) => {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
};

describe('scenarios', () => {
  // every scenario over its whole default duration (the whispering infection's is 30 minutes)
  it('record ground truth about a real host of the segment', { timeout: 180_000 }, () => {
    for (const name of Object.keys(SCENARIOS) as ScenarioName[]) {
      const { truth, mine } = run(name);
      expect(groundTruthSchema.parse(truth)).toEqual(truth);
      expect(truth.scenario).toBe(name);
      expect(truth.end - truth.start).toBe(SCENARIOS[name].defaultDurationMs);
      const host = topology.hosts.find((h) => h.ip === truth.entity);
      expect(host?.segment).toBe(truth.segment);
      expect(truth.description.length).toBeGreaterThan(20);
      for (const e of during(truth, mine)) expect(e.segment).toBe(truth.segment);
    }
  });

  it('use the entity a plan names', () => {
    const ip = topology.segments[3]!.byRole.workstation[5]!.ip;
    expect(run('port-scan', 11, ip).truth.entity).toBe(ip);
  });

  it('port-scan: > 100 distinct ports within 60 s, mostly S0/REJ', () => {
    const { truth, mine } = run('port-scan');
    const first = mine.filter((e) => e.kind === 'flow' && e.ts >= truth.start && e.ts < truth.start + 60_000);
    expect(new Set(first.map((e) => e.dst_port)).size).toBeGreaterThan(100);
    const failed = first.filter((e) => e.conn_state === 'S0' || e.conn_state === 'REJ').length;
    expect(failed / first.length).toBeGreaterThan(0.8);
    expect(mine.filter((e) => e.ts >= truth.end && e.dst_port !== undefined).length).toBeLessThan(20);
  });

  it('beacon: one external address at a regular interval with similar sizes', () => {
    const { truth, mine } = run('beacon');
    const beats = mine.filter((e) => e.kind === 'flow' && e.dst_ip === truth.target);
    expect(beats.length).toBeGreaterThanOrEqual(20);
    expect(beats.every((e) => e.ts >= truth.start && e.ts < truth.end)).toBe(true);
    const gaps = beats.slice(1).map((e, i) => e.ts - beats[i]!.ts);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    expect(sd / mean).toBeLessThan(0.15);
    const sizes = beats.map((e) => e.bytes_out!);
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeLessThan(1.15);
  });

  it('exfiltration: hundreds of MB to one external address within minutes', () => {
    const { truth, mine } = run('exfiltration');
    const out = mine.filter((e) => e.dst_ip === truth.target).reduce((s, e) => s + (e.bytes_out ?? 0), 0);
    expect(out).toBeGreaterThan(300 * 1024 * 1024);
    const other = mine.filter((e) => e.dst_ip !== truth.target).reduce((s, e) => s + (e.bytes_out ?? 0), 0);
    expect(out).toBeGreaterThan(20 * other);
  });

  it('dns-tunnel: bursts of TXT queries with long high-entropy labels under one domain', () => {
    const { truth, mine } = run('dns-tunnel');
    const queries = mine.filter((e) => e.kind === 'dns' && e.query!.endsWith(`.${truth.target}`));
    expect(queries.length).toBeGreaterThan(300);
    expect(queries.filter((e) => e.qtype === 'TXT').length / queries.length).toBeGreaterThan(0.7);
    for (const e of queries) {
      const label = e.query!.split('.')[0]!;
      expect(label.length).toBeGreaterThan(40);
      expect(e.query!.length).toBeLessThanOrEqual(253);
    }
    const data = queries
      .map((e) => e.query!.slice(0, -truth.target!.length - 1).replaceAll('.', ''))
      .join('');
    expect(entropy(data)).toBeGreaterThan(3.9);
    const perSecond = new Map<number, number>();
    for (const e of queries)
      perSecond.set(Math.floor(e.ts / 1000), (perSecond.get(Math.floor(e.ts / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeGreaterThanOrEqual(15);
    expect(perSecond.size).toBeLessThan((truth.end - truth.start) / 1000 / 2); // quiet more than half the time
  });

  it('password-guess: a burst of failures, then one success after the last failure', () => {
    for (const seed of [11, 12, 13]) {
      const { truth, mine } = run('password-guess', seed);
      // the host also logs on normally: keep the scenario's own events (their ids carry the plan id)
      const auth = mine.filter((e) => e.kind === 'auth' && e.event_id.includes(`-${truth.id}-`));
      expect(auth.every((e) => e.dst_ip === truth.target && e.ts >= truth.start && e.ts < truth.end)).toBe(
        true,
      );
      const failures = auth.filter((e) => e.outcome === 'failure');
      const successes = auth.filter((e) => e.outcome === 'success');
      expect(failures.length).toBeGreaterThan(200);
      expect(successes).toHaveLength(1);
      expect(successes[0]!.ts).toBeGreaterThan(Math.max(...failures.map((e) => e.ts)));
    }
  });

  it('slow-scan: one server, a new port at each paced probe, mostly refused', () => {
    const schedule = fixedSchedule([
      { scenario: 'slow-scan', start: T0 + 5_000, intervalMs: 15_000, durationMs: 600_000 },
    ]);
    const gen = createGenerator({ seed: 11, topology, schedule, rate: 0 });
    const [inst] = gen.scenariosStarting(T0, T0 + 10_000);
    const probes = gen.eventsBetween(T0, T0 + 700_000).filter((e) => e.src_ip === inst!.truth.entity);
    expect(probes).toHaveLength(40);
    expect(new Set(probes.map((e) => e.dst_ip))).toEqual(new Set([inst!.truth.target]));
    expect(new Set(probes.map((e) => e.dst_port)).size).toBe(40);
    expect(probes.slice(1).every((e, i) => e.ts - probes[i]!.ts === 15_000)).toBe(true);
    expect(probes.filter((e) => e.conn_state === 'REJ').length).toBeGreaterThan(30);
  });

  it('sweep: one port across the addresses of a /24, one address per pace', () => {
    const schedule = fixedSchedule([
      { scenario: 'sweep', start: T0 + 5_000, intervalMs: 60_000, durationMs: 1_800_000 },
    ]);
    const gen = createGenerator({ seed: 11, topology, schedule, rate: 0 });
    const [inst] = gen.scenariosStarting(T0, T0 + 10_000);
    const tries = gen.eventsBetween(T0, T0 + 1_900_000).filter((e) => e.src_ip === inst!.truth.entity);
    expect(tries.length).toBeGreaterThanOrEqual(29);
    expect(new Set(tries.map((e) => e.dst_port)).size).toBe(1);
    expect(new Set(tries.map((e) => e.dst_ip)).size).toBe(tries.length);
    const prefix = inst!.truth.entity.slice(0, inst!.truth.entity.lastIndexOf('.') + 1);
    expect(tries.every((e) => e.dst_ip!.startsWith(prefix))).toBe(true);
    expect(tries.filter((e) => e.conn_state === 'S0' || e.conn_state === 'REJ').length).toBeGreaterThan(20);
  });

  it('beacon with gap jitter: every gap within ± the jitter of the period', () => {
    const schedule = fixedSchedule([
      { scenario: 'beacon', start: T0 + 5_000, intervalMs: 60_000, jitter: 0.5, durationMs: 7_200_000 },
    ]);
    const gen = createGenerator({ seed: 11, topology, schedule, rate: 0 });
    const [inst] = gen.scenariosStarting(T0, T0 + 10_000);
    const beats = gen
      .eventsBetween(T0, T0 + 7_300_000)
      .filter((e) => e.kind === 'flow' && e.dst_ip === inst!.truth.target);
    const gaps = beats.slice(1).map((e, i) => e.ts - beats[i]!.ts);
    expect(gaps.length).toBeGreaterThan(90);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(30_000 - 1);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(90_000 + 1);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(40_000);
  });

  it('weak-evidence: a handful of first contacts, a few calls, a JA3 match at most once per 10 minutes', () => {
    const schedule = fixedSchedule([{ scenario: 'weak-evidence', start: T0 + 5_000 }]);
    const gen = createGenerator({ seed: 11, topology, schedule, rate: 0 });
    const [inst] = gen.scenariosStarting(T0, T0 + 10_000);
    const mine = gen.eventsBetween(T0, T0 + 1_900_000).filter((e) => e.src_ip === inst!.truth.entity);
    const ids = mine.filter((e) => e.kind === 'ids');
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect(ids.every((e) => e.severity === 3 && e.signature!.includes('JA3'))).toBe(true);
    expect(ids.slice(1).every((e, i) => e.ts - ids[i]!.ts >= 600_000)).toBe(true);
    const calls = mine.filter((e) => e.kind === 'flow' && e.dst_ip === inst!.truth.target);
    expect(calls).toHaveLength(8);
    expect(new Set(mine.filter((e) => e.kind === 'flow').map((e) => e.dst_ip)).size).toBe(7);
  });
});
