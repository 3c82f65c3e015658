/** @module When scenarios run: a fixed list of plans, or a cycle through scenarios at a regular interval. */
import { SCENARIOS } from './scenarios/index.js';
import type { ScenarioPlan } from './scenarios/types.js';
import type { ScenarioName } from './truth.js';

export interface Schedule {
  /** Plans whose [start, start + durationMs) overlaps [from, to), ordered by start then id. */
  plansOverlapping(from: number, to: number): ScenarioPlan[];
}

export interface PlanInput {
  scenario: ScenarioName;
  /** Epoch ms. */
  start: number;
  /** @default the scenario's default duration */
  durationMs?: number;
  /** Source IP to use instead of a seeded choice. */
  entity?: string;
  /** Interval of a periodic scenario (a beacon's period, a paced scan's or sweep's probe) instead of its default, ms. */
  intervalMs?: number;
  /** A beacon's jitter: each gap drawn uniformly within ± this share of the period (0–0.9). */
  jitter?: number;
  /** @default `<scenario>-<start in base 36>` */
  id?: string;
}

const order = (a: ScenarioPlan, b: ScenarioPlan) =>
  a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const overlaps = (p: ScenarioPlan, from: number, to: number) => p.start < to && p.start + p.durationMs > from;

export const NO_SCENARIOS: Schedule = { plansOverlapping: () => [] };

/** A schedule of explicit plans. Throws RangeError on a duplicate id or a non-positive duration. */
export function fixedSchedule(inputs: readonly PlanInput[]): Schedule {
  const plans = inputs.map((p): ScenarioPlan => {
    const durationMs = p.durationMs ?? SCENARIOS[p.scenario].defaultDurationMs;
    if (!(durationMs > 0)) throw new RangeError(`duration of ${p.scenario} must be positive`);
    if (p.intervalMs !== undefined && !(p.intervalMs >= 100))
      throw new RangeError(`interval of ${p.scenario} must be at least 100 ms`);
    if (p.jitter !== undefined && !(p.jitter >= 0 && p.jitter <= 0.9))
      throw new RangeError(`jitter of ${p.scenario} must be between 0 and 0.9`);
    return {
      id: p.id ?? `${p.scenario}-${p.start.toString(36)}`,
      scenario: p.scenario,
      start: p.start,
      durationMs,
      ...(p.entity === undefined ? {} : { entity: p.entity }),
      ...(p.intervalMs === undefined ? {} : { intervalMs: p.intervalMs }),
      ...(p.jitter === undefined ? {} : { jitter: p.jitter }),
    };
  });
  const ids = new Set(plans.map((p) => p.id));
  if (ids.size !== plans.length)
    throw new RangeError('scenario plans need distinct ids (or distinct starts)');
  plans.sort(order);
  return { plansOverlapping: (from, to) => plans.filter((p) => overlaps(p, from, to)) };
}

export interface CyclingScheduleOptions {
  /** Epoch ms the cycle is counted from (the simulator's start). */
  origin: number;
  /** Delay of the first scenario after `origin`. @default 45_000 */
  firstDelayMs?: number;
  /** Time between scenario starts. @default 240_000 */
  everyMs?: number;
  /** Scenarios to cycle through, in order. @default all five */
  scenarios?: readonly ScenarioName[];
  /** Per-scenario durations. @default each scenario's default */
  durationsMs?: Partial<Record<ScenarioName, number>>;
  /** Stop after this many plans. @default unlimited */
  count?: number;
}

export const DEFAULT_CYCLE: readonly ScenarioName[] = [
  'port-scan',
  'beacon',
  'password-guess',
  'dns-tunnel',
  'exfiltration',
];

/** Plan k starts at origin + firstDelayMs + k × everyMs and runs scenarios[k mod n]. */
export function cyclingSchedule(options: CyclingScheduleOptions): Schedule {
  const first = options.origin + (options.firstDelayMs ?? 45_000);
  const every = options.everyMs ?? 240_000;
  const names = options.scenarios ?? DEFAULT_CYCLE;
  if (names.length === 0) return NO_SCENARIOS;
  if (!(every > 0)) throw new RangeError('everyMs must be positive');
  const duration = (s: ScenarioName) => options.durationsMs?.[s] ?? SCENARIOS[s].defaultDurationMs;
  const longest = Math.max(...names.map(duration));
  const count = options.count ?? Number.POSITIVE_INFINITY;
  const plan = (k: number): ScenarioPlan => {
    const scenario = names[k % names.length]!;
    const start = first + k * every;
    return { id: `${scenario}-${start.toString(36)}`, scenario, start, durationMs: duration(scenario) };
  };
  return {
    plansOverlapping(from, to) {
      const lo = Math.max(0, Math.floor((from - longest - first) / every));
      const hi = Math.min(count - 1, Math.floor((to - 1 - first) / every));
      const out: ScenarioPlan[] = [];
      for (let k = lo; k <= hi; k++) {
        const p = plan(k);
        if (overlaps(p, from, to)) out.push(p);
      }
      return out.sort(order);
    },
  };
}
