/**
 * @module The labelled cases of `npm run eval`: the simulator's scenarios over a benign background, and the public
 * samples of ../shared/datasets. Every case is replayed as if live (arrival = event time, one engine tick per
 * second of event time), with every detector, and judged with the shared alert rule.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import type { EntityTransition } from '../server/scoring/engine.js';
import { ScoringEngine } from '../server/scoring/engine.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import { fixedSchedule, type PlanInput } from '../server/simulate/schedule.js';
import type { GroundTruth } from '../server/simulate/truth.js';
import type { NormalizedEvent } from '../shared/schemas/telemetry.js';
import { loadSample } from './samples.js';

export interface CaseResult {
  case: string;
  expected: string;
  detected: boolean;
  /** Event time from the start of the activity to the alert, ms; null when not detected. */
  ttdMs: number | null;
  peak: number;
  falseAlerts: number;
  /** Extra facts (rank, reason, alerting hosts). */
  note: string;
  /** The target, in words. */
  target: string;
  /** Targets met (detection, time to detect, false alerts). */
  pass: boolean;
  skipped?: string;
}

/** `detector: feature observed (expected …)` of a transition's top reason. */
export function why(t: EntityTransition | undefined): string {
  const r = t?.reasons[0];
  return r ? `${r.detector}: ${r.feature} ${r.observed} (expected ${r.expected})` : '';
}

export interface ReplayOutcome {
  /** Raise transitions of hosts, in event time. */
  raises: EntityTransition[];
  /** Raise transitions of segments (their own evidence), in event time. */
  segmentRaises: EntityTransition[];
  /** Peak held score per host, and the reasons behind each host's peak. */
  peaks: Map<string, { score: number; at: number }>;
  engine: ScoringEngine;
  events: number;
}

/** Replays time-ordered events through a fresh engine, one tick per second of event time. */
export function replay(
  batches: Iterable<readonly { event: NormalizedEvent; ref: string }[]>,
  detectors = defaultDetectors(),
): ReplayOutcome {
  const peaks = new Map<string, { score: number; at: number }>();
  const engine = new ScoringEngine({
    detectors,
    recentPerHost: 0,
    onScore: (entity, score, at) => {
      if (entity.type !== 'host') return;
      const p = peaks.get(entity.id);
      if (!p || score > p.score) peaks.set(entity.id, { score, at });
    },
  });
  const raises: EntityTransition[] = [];
  const segmentRaises: EntityTransition[] = [];
  const collect = () => {
    for (const t of engine.drainTransitions()) {
      if (t.kind === 'raise' && t.type === 'host') raises.push(t);
      if (t.kind === 'raise' && t.type === 'segment') segmentRaises.push(t);
    }
  };
  let tick = 0;
  let last = 0;
  let events = 0;
  for (const batch of batches) {
    for (const { event, ref } of batch) {
      if (event.ts >= tick + 1000) {
        engine.advance(event.ts);
        collect();
        tick = event.ts - (event.ts % 1000);
      }
      engine.ingest(event, ref, event.ts);
      last = Math.max(last, event.ts);
      events++;
    }
  }
  engine.closeBefore(last - (last % 1000) + 120_000);
  collect();
  return { raises, segmentRaises, peaks, engine, events };
}

/** Hosts ordered by peak score, highest first. */
export function ranking(peaks: ReplayOutcome['peaks']): string[] {
  return [...peaks.entries()].sort((a, b) => b[1].score - a[1].score).map(([ip]) => ip);
}

export interface SimulatorOptions {
  seed?: number;
  /** Simulated background length. @default 3_600_000 (one hour) */
  durationMs?: number;
  /** Hosts of the simulated network. @default 600 */
  hosts?: number;
  /** Background events per second. @default 300 */
  rate?: number;
}

/** Scenario start offsets from the start of the run; the first 10 minutes are background only (warm-up). */
export function simulatorPlans(start: number, durationMs: number): PlanInput[] {
  const at = (fraction: number) => start + Math.round((durationMs * fraction) / 1000) * 1000;
  return [
    { scenario: 'port-scan', start: at(0.3) },
    { scenario: 'beacon', start: at(0.36) },
    // A fast beacon (Empire's default sleep, Covenant's and Mythic's are 10 s): 12 beats within a minute.
    { scenario: 'beacon', start: at(0.45), intervalMs: 5000, durationMs: 600_000, id: 'beacon-fast' },
    { scenario: 'exfiltration', start: at(0.55) },
    { scenario: 'dns-tunnel', start: at(0.7) },
    { scenario: 'password-guess', start: at(0.8) },
  ];
}

/** Target time to detect per scenario (ms of event time). */
export const TTD_TARGET: Readonly<Record<string, number>> = {
  'port-scan': 5_000,
  beacon: 60_000,
  exfiltration: 60_000,
  'dns-tunnel': 60_000,
  'password-guess': 60_000,
};

/**
 * Beats a beacon needs before regularity can be told from chance (see the beacon detector): 60 s for a 5-second
 * beacon, but a 20–60 s beacon has beaten only 1–3 times in 60 s.
 */
export const BEACON_BEATS_TARGET = 12;

/** A beacon's interval, from its ground truth ("every 46 s"), ms; null for other scenarios. */
export function beaconInterval(t: GroundTruth): number | null {
  const every = /every ([\d.]+) s/.exec(t.description);
  return t.scenario === 'beacon' && every ? Number(every[1]) * 1000 : null;
}

/** The target for one injected scenario: a beacon's is 60 s or 12 of its beats, whichever is longer. */
export function ttdTarget(t: GroundTruth): number {
  const interval = beaconInterval(t);
  const target = TTD_TARGET[t.scenario] ?? 60_000;
  return interval === null ? target : Math.max(target, BEACON_BEATS_TARGET * interval);
}

/** `sim beacon (every 5 s)`, `sim port-scan`. */
function caseName(t: GroundTruth): string {
  const interval = beaconInterval(t);
  return `sim ${t.scenario}${interval === null ? '' : ` (every ${interval / 1000} s)`}`;
}

/** The five scenarios over a benign background; one row per scenario and one for the background. */
export function simulatorCases(opts: SimulatorOptions = {}): CaseResult[] {
  const seed = opts.seed ?? 7;
  const durationMs = opts.durationMs ?? 3_600_000;
  const topology = buildTopology(seed, { hosts: opts.hosts ?? 600 });
  // A Tuesday, 09:00 local time: office hours, the busiest and noisiest part of the day.
  const start = Date.UTC(2024, 2, 5, 8, 0, 0);
  const end = start + durationMs;
  const generator = createGenerator({
    seed,
    topology,
    rate: opts.rate,
    schedule: fixedSchedule(simulatorPlans(start, durationMs)),
  });
  const truths = generator.scenariosOverlapping(start, end).map((i) => i.truth);
  const batches = function* () {
    for (let t = start; t < end; t += 10_000)
      yield generator.eventsBetween(t, Math.min(end, t + 10_000)).map((e) => ({ event: e, ref: e.event_id }));
  };
  const out = replay(batches());
  const attackers = new Set(truths.map((t) => t.entity));
  // a segment raise counts as false outside every scenario's window (a scenario may rightly raise its segment)
  const duringAttack = (at: number) => truths.some((t) => at >= t.start && at <= t.end + 120_000);
  const falseRaises = [
    ...out.raises.filter((r) => !attackers.has(r.id)),
    ...out.segmentRaises.filter((r) => !duringAttack(r.at)),
  ];
  const hours = durationMs / 3_600_000;
  const rows: CaseResult[] = truths.map((t) => {
    const hit = out.raises.find((r) => r.id === t.entity && r.at >= t.start && r.at <= t.end + 120_000);
    const ttd = hit ? hit.at - t.start : null;
    const early = out.raises.filter((r) => r.id === t.entity && r.at < t.start).length;
    return {
      case: caseName(t),
      expected: t.entity,
      detected: hit !== undefined,
      ttdMs: ttd,
      peak: out.peaks.get(t.entity)?.score ?? 0,
      falseAlerts: early,
      note: hit ? why(hit) : 'no alert',
      target: `alert ≤ ${ttdTarget(t) / 1000} s${ttdTarget(t) > 60_000 ? ` (${BEACON_BEATS_TARGET} beats)` : ''}`,
      pass: ttd !== null && ttd <= ttdTarget(t) && early === 0,
    };
  });
  const fpHosts = [...new Set(falseRaises.map((r) => r.id))];
  rows.push({
    case: `sim benign (${topology.hosts.length} hosts, ${Math.round(durationMs / 60_000)} min)`,
    expected: '(none)',
    detected: falseRaises.length > 0,
    ttdMs: null,
    peak: Math.max(0, ...[...out.peaks].filter(([ip]) => !attackers.has(ip)).map(([, p]) => p.score)),
    falseAlerts: falseRaises.length,
    note: `${out.events} events; ${fpHosts.slice(0, 3).join(' ') || 'no false alerts'}${falseRaises
      .map((r) => ` [${why(r)}]`)
      .slice(0, 3)
      .join('')}`,
    target: `≤ ${Math.max(1, Math.floor(hours))} false alert`,
    pass: falseRaises.length <= Math.max(1, Math.floor(hours)),
  });
  return rows;
}

interface SampleCase {
  name: string;
  file: string;
  expected: readonly string[];
  target: string;
  /** Other hosts the sample labels as malicious: their alerts are not false. */
  alsoMalicious?: readonly string[];
  judge(out: ReplayOutcome, expected: readonly string[]): { detected: boolean; note: string; pass?: boolean };
}

const alerted = (out: ReplayOutcome, ip: string) => out.raises.some((r) => r.id === ip);

export const SAMPLE_CASES: readonly SampleCase[] = [
  {
    name: 'RITA proxy beacon',
    target: 'top 3 + alert',
    file: 'zeek_tsv_conn_rita_proxy_beacon.log',
    expected: ['10.136.0.18'],
    judge(out, [ip]) {
      const rank = ranking(out.peaks).indexOf(ip!) + 1;
      return { detected: rank >= 1 && rank <= 3 && alerted(out, ip!), note: `rank ${rank || '-'}` };
    },
  },
  {
    name: 'dnscat2 DNS',
    target: 'alert',
    file: 'zeek_json_dns_rita_dnscat2.log',
    expected: ['192.168.88.2'],
    judge: (out, [ip]) => ({
      detected: alerted(out, ip!),
      note: `rank ${ranking(out.peaks).indexOf(ip!) + 1}`,
    }),
  },
  {
    name: 'FormBook/Dridex EVE',
    target: 'rank above the rest',
    file: 'suricata_eve_formbook_dridex.json',
    expected: ['172.16.0.131', '172.16.0.149', '172.16.0.170'],
    judge(out, expected) {
      const order = ranking(out.peaks);
      const ranks = expected.map((ip) => order.indexOf(ip) + 1);
      const top = ranks.every((r) => r >= 1 && r <= expected.length);
      const alerts = expected.filter((ip) => alerted(out, ip)).length;
      const note = `ranks ${ranks.join(',')}; next ${order[expected.length] ?? '-'}; ${alerts}/${expected.length} alerted`;
      return { detected: top, note };
    },
  },
  {
    name: 'nmap EVE',
    target: 'alert with a scan reason',
    file: 'suricata_eve_nmap_scan.json',
    expected: ['192.168.50.30'],
    alsoMalicious: ['192.168.50.20'],
    judge(out, [ip]) {
      const raise = out.raises.find((r) => r.id === ip);
      const scan =
        out.engine.host(ip!)?.reasons.some((r) => r.detector === 'scan') ||
        raise?.reasons.some((r) => r.detector === 'scan');
      return { detected: raise !== undefined && scan === true, note: why(raise) };
    },
  },
  {
    name: 'RITA rolling 1 h (benign)',
    target: '≤ 2 alerts',
    file: 'zeek_tsv_conn_rita_proxy_rolling_1h.log.gz',
    expected: [],
    judge: (out) => ({
      detected: out.raises.length > 0,
      note: `alerts ${out.raises.length}${out.raises[0] ? ` (${out.raises[0].id} ${why(out.raises[0])})` : ''}`,
      pass: out.raises.length <= 2,
    }),
  },
];

export function samplesDir(): string {
  return process.env.WF_SAMPLES_DIR ?? join(process.cwd(), '..', 'shared', 'datasets');
}

/** Runs the sample cases; a missing directory or file gives a skipped row with the reason. */
export async function sampleCases(dir = samplesDir()): Promise<CaseResult[]> {
  const rows: CaseResult[] = [];
  for (const c of SAMPLE_CASES) {
    const path = join(dir, c.file);
    const base = {
      case: c.name,
      expected: c.expected.join(' ') || '(none)',
      target: c.target,
      ttdMs: null,
      peak: 0,
      falseAlerts: 0,
    };
    if (!existsSync(path)) {
      rows.push({ ...base, detected: false, note: '', pass: true, skipped: `${path} not found` });
      continue;
    }
    const events = await loadSample(path);
    const out = replay([events]);
    const verdict = c.judge(out, c.expected);
    const mine = new Set([...c.expected, ...(c.alsoMalicious ?? [])]);
    const falseAlerts = out.raises.filter((r) => !mine.has(r.id)).length;
    const firstSeen = c.expected.map((ip) => events.find((e) => e.event.src_ip === ip)?.event.ts ?? 0);
    const hits = c.expected.map((ip, i) => {
      const r = out.raises.find((x) => x.id === ip);
      return r ? r.at - firstSeen[i]! : null;
    });
    const found = hits.filter((h): h is number => h !== null);
    rows.push({
      ...base,
      detected: verdict.detected,
      ttdMs: found.length > 0 ? Math.min(...found) : null,
      peak: Math.max(0, ...c.expected.map((ip) => out.peaks.get(ip)?.score ?? 0)),
      falseAlerts: c.expected.length === 0 ? out.raises.length : falseAlerts,
      note: verdict.note,
      pass: verdict.pass ?? verdict.detected,
    });
  }
  return rows;
}
