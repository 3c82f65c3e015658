/** @module The contract every attack scenario implements: a pure generator of events over event time. */
import type { Host, HostRole, NetworkSegment, Topology } from '../network-model.js';
import { pick, type Rng } from '../random.js';
import type { DraftEvent } from '../sim-event.js';
import type { GroundTruth, ScenarioName } from '../truth.js';

export interface ScenarioPlan {
  /** Unique and stable; seeds the scenario's choices (with the generator seed). */
  id: string;
  scenario: ScenarioName;
  /** Epoch ms. */
  start: number;
  durationMs: number;
  /** Source IP to use instead of a seeded choice; must be a host of the topology. */
  entity?: string;
  /** Interval of a periodic scenario (a beacon's period, a paced scan's or sweep's probe) instead of its default, ms. */
  intervalMs?: number;
  /** A beacon's jitter: each gap drawn uniformly within ± this share of the period (0–0.9). */
  jitter?: number;
}

export interface ScenarioContext {
  seed: number;
  topology: Topology;
  plan: ScenarioPlan;
}

export interface ScenarioInstance {
  plan: ScenarioPlan;
  truth: GroundTruth;
  /**
   * The scenario's events with `ts` in [from, to) (clipped to the plan), unordered. The generator calls it once per
   * time bucket with an `rng` seeded by (seed, plan, bucket), so the result depends only on those.
   */
  eventsIn(from: number, to: number, rng: Rng): DraftEvent[];
}

export interface ScenarioDefinition {
  name: ScenarioName;
  defaultDurationMs: number;
  create(ctx: ScenarioContext): ScenarioInstance;
}

/** The plan's host when it names one, else a seeded choice among `roles` of a seeded segment. */
export function chooseSource(
  ctx: ScenarioContext,
  rng: Rng,
  roles: readonly HostRole[],
): { host: Host; segment: NetworkSegment } {
  const { topology, plan } = ctx;
  if (plan.entity !== undefined) {
    const host = topology.hosts.find((h) => h.ip === plan.entity);
    if (!host) throw new RangeError(`entity ${plan.entity} is not a host of the simulated network`);
    return { host, segment: topology.segments.find((s) => s.name === host.segment)! };
  }
  const segment = pick(rng, topology.segments);
  const candidates = segment.hosts.filter((h) => roles.includes(h.role));
  return { host: pick(rng, candidates.length > 0 ? candidates : segment.hosts), segment };
}

/** [from, to) clipped to the plan, or null when they do not overlap. */
export function clip(plan: ScenarioPlan, from: number, to: number): [number, number] | null {
  const a = Math.max(from, plan.start);
  const b = Math.min(to, plan.start + plan.durationMs);
  return a < b ? [a, b] : null;
}

export function truthOf(plan: ScenarioPlan, host: Host, description: string, target?: string): GroundTruth {
  return {
    id: plan.id,
    scenario: plan.scenario,
    entity: host.ip,
    segment: host.segment,
    start: plan.start,
    end: plan.start + plan.durationMs,
    description,
    ...(target === undefined ? {} : { target }),
  };
}
