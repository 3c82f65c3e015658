/**
 * @module The event generator: background traffic of the network plus scheduled scenarios, for any event-time
 * interval, in time order. Pure: events depend only on (seed, topology, rate, rhythm, schedule) and their second —
 * every second is generated whole from its own seeded stream — so any slicing of an interval gives the same events.
 */
import { benignEvent } from './benign-traffic.js';
import { diurnalFactor, type Host, type NetworkSegment, type Topology } from './network-model.js';
import { poisson, rngFrom, weightedSampler } from './random.js';
import { SCENARIOS } from './scenarios/index.js';
import type { ScenarioInstance } from './scenarios/types.js';
import { NO_SCENARIOS, type Schedule } from './schedule.js';
import { byTime, type SimEvent } from './sim-event.js';

/** Events are generated a second at a time. */
export const BUCKET_MS = 1000;
/** Mean background events per second over a working day. */
export const DEFAULT_RATE = 300;

export interface GeneratorOptions {
  seed: number;
  topology: Topology;
  /** Background events per second, averaged over a working day (office hours busier, nights and weekends quieter). @default 300 */
  rate?: number;
  /** Strength of the daily rhythm: 0 flat, 1 full. @default 1 */
  rhythm?: number;
  /** @default no scenarios */
  schedule?: Schedule;
}

export interface EventGenerator {
  readonly topology: Topology;
  /** Every event with from ≤ ts < to, in time order (ties in a fixed order). */
  eventsBetween(from: number, to: number): SimEvent[];
  /** Scenario instances whose plan overlaps [from, to). */
  scenariosOverlapping(from: number, to: number): ScenarioInstance[];
  /** Scenario instances whose plan starts in [from, to). */
  scenariosStarting(from: number, to: number): ScenarioInstance[];
  /** Expected background events per second at `ts`. */
  rateAt(ts: number): number;
}

interface Pool {
  hosts: Host[];
  sample: ReturnType<typeof weightedSampler>;
  share: number;
}

export function createGenerator(options: GeneratorOptions): EventGenerator {
  const { seed, topology } = options;
  const rate = options.rate ?? DEFAULT_RATE;
  const rhythm = options.rhythm ?? 1;
  const schedule = options.schedule ?? NO_SCENARIOS;
  if (!(rate >= 0) || !Number.isFinite(rate)) throw new RangeError('rate must be a finite number ≥ 0');
  const segmentOf = new Map<string, NetworkSegment>(topology.segments.map((s) => [s.name, s]));
  const total = topology.hosts.reduce((s, h) => s + h.activity, 0);
  const pool = (diurnal: boolean): Pool | null => {
    const hosts = topology.hosts.filter((h) => h.diurnal === diurnal);
    if (hosts.length === 0) return null;
    const share = hosts.reduce((s, h) => s + h.activity, 0) / total;
    return { hosts, sample: weightedSampler(hosts.map((h) => h.activity)), share };
  };
  const office = pool(true);
  const steady = pool(false);
  const tag = `s${seed.toString(36)}`;
  const rateAt = (ts: number) => {
    const factor = 1 - rhythm + rhythm * diurnalFactor(ts, topology.tzOffsetMinutes);
    return rate * ((office?.share ?? 0) * factor + (steady?.share ?? 0));
  };

  const instances = new Map<string, ScenarioInstance>();
  const scenariosOverlapping = (from: number, to: number) => {
    const out = schedule.plansOverlapping(from, to).map((plan) => {
      let inst = instances.get(plan.id);
      if (!inst) {
        inst = SCENARIOS[plan.scenario].create({ seed, topology, plan });
        instances.set(plan.id, inst);
      }
      return inst;
    });
    if (instances.size > 256) {
      for (const [id, inst] of instances)
        if (inst.plan.start + inst.plan.durationMs < from) instances.delete(id);
    }
    return out;
  };

  const bucket = (b: number): SimEvent[] => {
    const start = b * BUCKET_MS;
    const end = start + BUCKET_MS;
    const rng = rngFrom(seed, 'background', b);
    const events: SimEvent[] = [];
    const mid = start + BUCKET_MS / 2;
    const factor = 1 - rhythm + rhythm * diurnalFactor(mid, topology.tzOffsetMinutes);
    let i = 0;
    for (const [p, load] of [
      [office, factor],
      [steady, 1],
    ] as const) {
      if (!p) continue;
      const n = poisson(rng, (rate * p.share * load * BUCKET_MS) / 1000);
      for (let k = 0; k < n; k++) {
        const host = p.hosts[p.sample(rng)]!;
        const ts = start + Math.floor(rng() * BUCKET_MS);
        const draft = benignEvent(rng, ts, host, segmentOf.get(host.segment)!, topology);
        events.push({ ...draft, event_id: `${tag}-${b.toString(36)}-${i++}` });
      }
    }
    for (const inst of scenariosOverlapping(start, end)) {
      const drafts = inst.eventsIn(start, end, rngFrom(seed, inst.plan.id, b));
      drafts.forEach((d, j) => {
        events.push({ ...d, event_id: `${tag}-${inst.plan.id}-${b.toString(36)}-${j}` });
      });
    }
    return events.sort(byTime);
  };

  // The live runner asks for slices shorter than a bucket: keep the last few buckets.
  const cache = new Map<number, SimEvent[]>();
  const cachedBucket = (b: number) => {
    let events = cache.get(b);
    if (!events) {
      events = bucket(b);
      cache.set(b, events);
      if (cache.size > 4) cache.delete(cache.keys().next().value!);
    }
    return events;
  };

  return {
    topology,
    rateAt,
    scenariosOverlapping,
    scenariosStarting: (from, to) =>
      scenariosOverlapping(from, to).filter((i) => i.plan.start >= from && i.plan.start < to),
    eventsBetween(from, to) {
      const out: SimEvent[] = [];
      if (!(to > from)) return out;
      const first = Math.floor(from / BUCKET_MS);
      const last = Math.floor((to - 1) / BUCKET_MS);
      for (let b = first; b <= last; b++) {
        const whole = b * BUCKET_MS >= from && (b + 1) * BUCKET_MS <= to;
        const events = whole ? bucket(b) : cachedBucket(b);
        for (const e of events) if (whole || (e.ts >= from && e.ts < to)) out.push(e);
      }
      return out;
    },
  };
}

/** Convenience: the events of [from, to) for the options (builds a generator each call). */
export function generateEvents(options: GeneratorOptions, from: number, to: number): SimEvent[] {
  return createGenerator(options).eventsBetween(from, to);
}
