/**
 * @module The simulator's cases of `npm run eval`: labelled scenarios over a benign background, each with its own
 * target time to detect, judged by the product's own alert rule (./eval-replay.ts). Two runs: the hour (600 hosts at
 * 300 events/s: fast attacks, a paced `-T2` scan, a sweep at one host a second, a whispering infection) and the day
 * (200 hosts at 100 events/s, 24 hours of event time: beacons every 60 s and 10 min with jitter, a `-T1` scan, a
 * sweep at one host a minute).
 */
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import { fixedSchedule, type PlanInput } from '../server/simulate/schedule.js';
import type { GroundTruth } from '../server/simulate/truth.js';
import type { CaseResult } from './eval-cases.js';
import { type Raise, type ReplayOptions, replay, why } from './eval-replay.js';
import { simulatedGeo } from './geo-world.js';

/** A scenario of a run, with what it must achieve. */
export interface EvalPlan extends PlanInput {
  id: string;
  /** Row name. */
  label: string;
  /** Alert within this much event time of the start, ms. */
  targetMs: number;
  /** The target in words. */
  target: string;
}

export interface SimulatorOptions {
  seed?: number;
  /** Simulated background length. @default the run's */
  durationMs?: number;
  /** Hosts of the simulated network. @default 600 */
  hosts?: number;
  /** Background events per second. @default the run's */
  rate?: number;
}

/** A Tuesday, 09:00 local time: office hours, the busiest and noisiest part of the day. */
export const SIM_START = Date.UTC(2024, 2, 5, 8, 0, 0);
const MIN = 60_000;

/** Beats a beacon may take before it alerts, by how long it has been calling. */
const beats = (n: number, intervalMs: number) => ({
  targetMs: n * intervalMs,
  target: `alert ≤ ${n} beats`,
});
const within = (ms: number) => ({
  targetMs: ms,
  target: `alert ≤ ${ms >= MIN ? `${ms / MIN} min` : `${ms / 1000} s`}`,
});

/** The hour's scenarios, placed by fractions of the run (the first 10 minutes are background only: warm-up). */
export function hourPlans(start: number, durationMs: number): EvalPlan[] {
  const at = (fraction: number) => start + Math.round((durationMs * fraction) / 1000) * 1000;
  // the scenarios the eval always had keep their ids (and so their seeded hosts): figures stay comparable
  const old = (scenario: string, fraction: number) => `${scenario}-${at(fraction).toString(36)}`;
  return [
    {
      id: old('port-scan', 0.3),
      scenario: 'port-scan',
      start: at(0.3),
      label: 'sim port-scan',
      ...within(5000),
    },
    // seeded interval (20–60 s, a Cobalt Strike-like sleep): 12 beats
    {
      id: old('beacon', 0.36),
      scenario: 'beacon',
      start: at(0.36),
      label: 'sim beacon',
      targetMs: 0,
      target: '',
    },
    // Empire's default sleep (Covenant's and Mythic's are 10 s): 12 beats within a minute
    {
      id: 'beacon-fast',
      scenario: 'beacon',
      start: at(0.45),
      intervalMs: 5000,
      durationMs: 600_000,
      label: 'sim beacon (every 5 s)',
      ...within(60_000),
    },
    {
      id: old('exfiltration', 0.55),
      scenario: 'exfiltration',
      start: at(0.55),
      label: 'sim exfiltration',
      ...within(MIN),
    },
    {
      id: old('dns-tunnel', 0.7),
      scenario: 'dns-tunnel',
      start: at(0.7),
      label: 'sim dns-tunnel',
      ...within(MIN),
    },
    {
      id: old('password-guess', 0.8),
      scenario: 'password-guess',
      start: at(0.8),
      label: 'sim password-guess',
      ...within(MIN),
    },
    {
      id: 'slow-scan-t2',
      scenario: 'slow-scan',
      start: at(0.2),
      intervalMs: 400,
      label: 'sim paced scan -T2 (200 ports, 0.4 s a probe)',
      ...within(2 * MIN),
    },
    {
      id: 'sweep-fast',
      scenario: 'sweep',
      start: at(0.4),
      intervalMs: 1000,
      label: 'sim sweep (one host a second)',
      ...within(2 * MIN),
    },
    {
      id: 'weak-evidence',
      scenario: 'weak-evidence',
      start: at(0.25),
      label: 'sim weak evidence (JA3 + fallbacks + calls)',
      ...within(30 * MIN),
    },
  ];
}

/** The day's scenarios: slow ones, from minute 5 (the CI slice is the first 135 minutes). */
export function dayPlans(start: number, durationMs: number): EvalPlan[] {
  const from = start + 5 * MIN;
  const until = durationMs - 10 * MIN;
  return [
    {
      id: 'beacon-60s',
      scenario: 'beacon',
      start: from,
      durationMs: until,
      intervalMs: 60_000,
      jitter: 0.2,
      label: 'sim beacon every 60 s ±20 %',
      ...beats(15, 60_000),
    },
    {
      id: 'beacon-10min',
      scenario: 'beacon',
      start: from,
      durationMs: until,
      intervalMs: 600_000,
      jitter: 0.2,
      label: 'sim beacon every 10 min ±20 %',
      ...beats(12, 600_000),
    },
    {
      id: 'beacon-5m-50pct',
      scenario: 'beacon',
      start: from + 2 * MIN,
      durationMs: until,
      intervalMs: 300_000,
      jitter: 0.5,
      label: 'sim beacon every 5 min ±50 %',
      ...beats(32, 300_000),
    },
    {
      id: 'slow-scan-t1-day',
      scenario: 'slow-scan',
      start: from + 15 * MIN,
      intervalMs: 15_000,
      durationMs: 200 * 15_000,
      label: 'sim paced scan -T1 (200 ports, 15 s a probe)',
      ...within(30 * MIN),
    },
    {
      id: 'sweep-slow',
      scenario: 'sweep',
      start: from + 25 * MIN,
      intervalMs: 60_000,
      durationMs: 100 * MIN,
      label: 'sim sweep (one host a minute)',
      ...within(30 * MIN),
    },
  ];
}

/** A beacon's interval, from its ground truth ("every 46 s"), ms; null for other scenarios. */
function beaconInterval(t: GroundTruth): number | null {
  const every = /every ([\d.]+) s/.exec(t.description);
  return t.scenario === 'beacon' && every ? Number(every[1]) * 1000 : null;
}

/** False alerts counted by their top reason's detector and feature (addresses left out). */
function byReason(raises: readonly Raise[]): string {
  const counts = new Map<string, number>();
  for (const r of raises) {
    const top = r.reasons[0];
    const k = top ? `${top.detector} ${top.feature.split(' ')[0]}` : 'score';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(', ');
}

/**
 * The simulated world's geo databases and the first-contact detector with a 10-minute baseline (the product's is an
 * hour: a shorter one makes more contacts new, a harder test for false alerts); `WF_EVAL_GEO=0` leaves them out.
 */
function evalGeo(): Pick<ReplayOptions, 'geo' | 'detectors'> {
  if (process.env.WF_EVAL_GEO === '0') return {};
  const geo = simulatedGeo();
  return { geo, detectors: defaultDetectors({ firstContact: { baselineMs: 10 * MIN }, geo }) };
}

/** Runs plans over a benign background; one row per plan, and one for the benign hosts. */
export function simulate(
  plans: readonly EvalPlan[],
  opts: Required<Pick<SimulatorOptions, 'seed' | 'durationMs' | 'hosts' | 'rate'>>,
): CaseResult[] {
  const topology = buildTopology(opts.seed, { hosts: opts.hosts });
  const start = SIM_START;
  const end = start + opts.durationMs;
  const live = plans.filter((p) => p.start < end);
  const generator = createGenerator({
    seed: opts.seed,
    topology,
    rate: opts.rate,
    schedule: fixedSchedule(live),
  });
  const truths = new Map(generator.scenariosOverlapping(start, end).map((i) => [i.plan.id, i.truth]));
  const batches = function* () {
    for (let t = start; t < end; t += 10_000)
      yield generator.eventsBetween(t, Math.min(end, t + 10_000)).map((e) => ({ event: e, ref: e.event_id }));
  };
  const out = replay(batches(), evalGeo());
  const attackers = new Set([...truths.values()].map((t) => t.entity));
  // a segment raise counts as false outside every scenario's window (a scenario may rightly raise its segment)
  const duringAttack = (at: number) =>
    [...truths.values()].some((t) => at >= t.start && at <= t.end + 120_000);
  const falseRaises = [
    ...out.raises.filter((r) => !attackers.has(r.id)),
    ...out.segmentRaises.filter((r) => !duringAttack(r.at)),
  ];
  const rows: CaseResult[] = live.map((p) => {
    const t = truths.get(p.id)!;
    const interval = beaconInterval(t);
    const targetMs = p.targetMs || 12 * interval!;
    const hit = out.raises.find((r) => r.id === t.entity && r.at >= t.start && r.at <= t.end + 120_000);
    const ttd = hit ? hit.at - t.start : null;
    const early = out.raises.filter((r) => r.id === t.entity && r.at < t.start).length;
    const beatsTaken = interval && ttd !== null ? ` (beat ${Math.floor(ttd / interval) + 1})` : '';
    return {
      case: p.label === 'sim beacon' ? `sim beacon (every ${interval! / 1000} s)` : p.label,
      expected: t.entity,
      detected: hit !== undefined,
      ttdMs: ttd,
      peak: out.peaks.get(t.entity)?.score ?? 0,
      falseAlerts: early,
      note: hit ? `${why(hit)}${beatsTaken}` : 'no alert',
      target: p.target || 'alert ≤ 12 beats',
      pass: ttd !== null && ttd <= targetMs && early === 0,
    };
  });
  const fpHosts = [...new Set(falseRaises.map((r) => r.id))];
  const minutes = Math.round(opts.durationMs / MIN);
  rows.push({
    case: `sim benign (${topology.hosts.length} hosts, ${minutes >= 120 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`}, ${opts.rate}/s)`,
    expected: '(none)',
    detected: falseRaises.length > 0,
    ttdMs: null,
    peak: Math.max(0, ...[...out.peaks].filter(([ip]) => !attackers.has(ip)).map(([, p]) => p.score)),
    falseAlerts: falseRaises.length,
    note: `${out.events} events; ${fpHosts.slice(0, 3).join(' ') || 'no false alerts'}${falseRaises
      .map((r) => ` [${why(r)}]`)
      .slice(0, 3)
      .join('')}${falseRaises.length > 3 ? `; by top reason: ${byReason(falseRaises)}` : ''}`,
    target: '0 false alerts',
    pass: falseRaises.length === 0,
  });
  return rows;
}

/** The hour: every scenario over 600 benign hosts at 300 events/s. */
export function simulatorCases(opts: SimulatorOptions = {}): CaseResult[] {
  const durationMs = opts.durationMs ?? 3_600_000;
  return simulate(hourPlans(SIM_START, durationMs), {
    seed: opts.seed ?? 7,
    hosts: opts.hosts ?? 600,
    rate: opts.rate ?? 300,
    durationMs,
  });
}

/**
 * The day (or its first `durationMs`): slow scenarios over a third of the network at a third of the hour's rate
 * (200 hosts at 100 events/s: each host as busy as in the hour, and the day runs in minutes).
 */
export function dayCases(opts: SimulatorOptions = {}): CaseResult[] {
  return simulate(dayPlans(SIM_START, 86_400_000), {
    seed: opts.seed ?? 7,
    hosts: opts.hosts ?? 200,
    rate: opts.rate ?? 100,
    durationMs: opts.durationMs ?? 86_400_000,
  });
}
