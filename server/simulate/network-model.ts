/**
 * @module The simulated national network: segments with their CIDRs and sensors, hosts with roles and normal
 * activity, and the daily rhythm. Pure and seeded: the same seed and options always build the same topology.
 */
import type { EventKind } from '../../shared/schemas/telemetry.js';
import type { Asset } from '../scoring/assets.js';
import { FIRST_NAMES, LAST_NAMES, SEGMENTS, type SegmentSpec, type ServiceName } from './catalog.js';
import { intBetween, lognormal, pick, rngFrom } from './random.js';

export const HOST_ROLES = [
  'workstation',
  'server',
  'dns-resolver',
  'domain-controller',
  'web-proxy',
] as const;
export type HostRole = (typeof HOST_ROLES)[number];

export interface Host {
  ip: string;
  /** Host name, e.g. `ws-finance-0042`. */
  name: string;
  segment: string;
  role: HostRole;
  /** Relative normal activity (lognormal spread); a host's share of the total event rate is proportional to it. */
  activity: number;
  /** Whether the host follows office hours (workstations, proxies) or runs steadily (servers, infrastructure). */
  diurnal: boolean;
  /** The account a workstation's user logs in with, or a server's service account. */
  user: string;
  /** Services a server offers (empty for other roles). */
  services: ServiceName[];
}

export interface Sensor {
  /** Sensor id as it appears in events, e.g. `sur-energy-1`, `zeek-health-1`. */
  id: string;
  type: 'suricata' | 'zeek';
}

export interface NetworkSegment {
  name: string;
  /** The segment's address block, `10.x.0.0/16`. */
  cidr: string;
  /** Internal DNS domain of the segment, e.g. `finance.gov.example`. */
  domain: string;
  sensors: Sensor[];
  hosts: Host[];
  byRole: Record<HostRole, Host[]>;
}

export interface Topology {
  seed: number;
  /** Offset of the network's local time from UTC, used for office hours. */
  tzOffsetMinutes: number;
  segments: NetworkSegment[];
  /** Every host of every segment. */
  hosts: Host[];
}

export interface TopologyOptions {
  /** Total number of hosts. @default 600 */
  hosts?: number;
  /** Local time offset from UTC for the daily rhythm. @default 60 */
  tzOffsetMinutes?: number;
}

export const DEFAULT_HOSTS = 600;

const ACTIVITY: Record<HostRole, { median: number; sigma: number; diurnal: boolean }> = {
  workstation: { median: 0.6, sigma: 0.8, diurnal: true },
  server: { median: 2.0, sigma: 0.7, diurnal: false },
  'dns-resolver': { median: 4.0, sigma: 0.3, diurnal: false },
  'domain-controller': { median: 2.5, sigma: 0.3, diurnal: false },
  'web-proxy': { median: 6.0, sigma: 0.3, diurnal: true },
};

/** Builds the network for a seed. Throws RangeError for fewer hosts than segments need (8 × 12). */
export function buildTopology(seed: number, options: TopologyOptions = {}): Topology {
  const total = options.hosts ?? DEFAULT_HOSTS;
  const minPerSegment = 12;
  if (!Number.isInteger(total) || total < SEGMENTS.length * minPerSegment || total > 60_000) {
    throw new RangeError(`hosts must be an integer between ${SEGMENTS.length * minPerSegment} and 60000`);
  }
  const weightSum = SEGMENTS.reduce((s, g) => s + g.weight, 0);
  const counts = SEGMENTS.map((g) => Math.max(minPerSegment, Math.round((total * g.weight) / weightSum)));
  counts[0]! += total - counts.reduce((a, b) => a + b, 0);
  const segments = SEGMENTS.map((spec, i) => buildSegment(seed, spec, counts[i]!));
  return {
    seed,
    tzOffsetMinutes: options.tzOffsetMinutes ?? 60,
    segments,
    hosts: segments.flatMap((s) => s.hosts),
  };
}

function buildSegment(seed: number, spec: SegmentSpec, count: number): NetworkSegment {
  const rng = rngFrom(seed, 'segment', spec.name);
  const o = spec.octet;
  const resolvers = count > 80 ? 2 : 1;
  const dcs = count > 100 ? 2 : 1;
  const servers = Math.max(3, Math.round(count * 0.1));
  const workstations = count - resolvers - dcs - 1 - servers;
  const hosts: Host[] = [];
  const add = (role: HostRole, ip: string, name: string, user: string, services: ServiceName[] = []) => {
    const a = ACTIVITY[role];
    const activity = lognormal(rng, a.median, a.sigma);
    hosts.push({ ip, name, segment: spec.name, role, activity, diurnal: a.diurnal, user, services });
  };
  let infra = 10;
  for (let i = 1; i <= resolvers; i++)
    add('dns-resolver', `10.${o}.0.${infra++}`, `dns-${spec.short}-${i}`, 'named');
  for (let i = 1; i <= dcs; i++)
    add('domain-controller', `10.${o}.0.${infra++}`, `dc-${spec.short}-${i}`, 'SYSTEM');
  add('web-proxy', `10.${o}.0.${infra++}`, `proxy-${spec.short}-1`, 'squid');
  const serverKinds: ServiceName[] = ['smb', 'https', ...spec.services];
  for (let i = 0; i < servers; i++) {
    const main = serverKinds[i % serverKinds.length]!;
    const services: ServiceName[] = i >= serverKinds.length && main !== 'https' ? [main, 'https'] : [main];
    const name = `srv-${spec.short}-${String(i + 1).padStart(2, '0')}`;
    add('server', `10.${o}.1.${10 + i}`, name, `svc-${main}`, services);
  }
  for (let i = 0; i < workstations; i++) {
    const ip = `10.${o}.${16 + Math.floor(i / 200)}.${10 + (i % 200)}`;
    const user = `${pick(rng, FIRST_NAMES)}.${pick(rng, LAST_NAMES)}${intBetween(rng, 0, 3) === 0 ? intBetween(rng, 1, 9) : ''}`;
    add('workstation', ip, `ws-${spec.short}-${String(i + 1).padStart(4, '0')}`, user);
  }
  const byRole = Object.fromEntries(HOST_ROLES.map((r) => [r, hosts.filter((h) => h.role === r)])) as Record<
    HostRole,
    Host[]
  >;
  const sensorCounts: Record<Sensor['type'], number> = { suricata: 0, zeek: 0 };
  const sensors = spec.sensors.map((type) => ({
    id: `${type === 'suricata' ? 'sur' : 'zeek'}-${spec.short}-${++sensorCounts[type]}`,
    type,
  }));
  return {
    name: spec.name,
    cidr: `10.${o}.0.0/16`,
    domain: `${spec.short}.gov.example`,
    sensors,
    hosts,
    byRole,
  };
}

/** The sensor that reports `kind` on a segment: Suricata for IDS alerts, Zeek for the rest where present. */
export function sensorFor(segment: NetworkSegment, kind: EventKind): string {
  const want = kind === 'ids' ? 'suricata' : 'zeek';
  return (segment.sensors.find((s) => s.type === want) ?? segment.sensors[0]!).id;
}

/** `segment → CIDR` pairs, for the server's CIDR map (`WF_SEGMENTS`). */
export function segmentCidrs(topology: Topology): Array<{ segment: string; cidr: string }> {
  return topology.segments.map((s) => ({ segment: s.name, cidr: s.cidr }));
}

/**
 * The hosts' names as asset inventory entries, by address: criticality `medium` (which leaves scores as they are, see
 * `CRITICALITY_WEIGHT`), since the simulator says nothing of what a host is worth.
 */
export function simulatedAssets(topology: Topology): Record<string, Asset> {
  return Object.fromEntries(
    topology.hosts.map((h) => [h.ip, { name: h.name, criticality: 'medium' as const }]),
  );
}

export function segmentByName(topology: Topology, name: string): NetworkSegment | undefined {
  return topology.segments.find((s) => s.name === name);
}

export function hostByIp(topology: Topology, ip: string): Host | undefined {
  return topology.hosts.find((h) => h.ip === ip);
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Office load at event time `ts` (0 at night … about 1 at mid-morning on a weekday): rises from 07:30, a lunch
 * dip around 12:30, falls after 17:30; weekends carry a fifth of a weekday.
 */
export function officeLoad(ts: number, tzOffsetMinutes: number): number {
  const local = ts + tzOffsetMinutes * 60_000;
  const hour = (((local / 3_600_000) % 24) + 24) % 24;
  const day = Math.floor(local / 86_400_000);
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  const shape = logistic((hour - 7.8) / 0.7) * logistic((17.6 - hour) / 0.9);
  const lunch = 0.15 * Math.exp(-(((hour - 12.6) / 0.6) ** 2));
  const load = Math.max(0, shape - lunch);
  return weekday === 0 || weekday === 6 ? 0.2 * load : load;
}

/**
 * Activity multiplier of diurnal hosts: a night floor plus office load, with a mean of 1 over a working day
 * (about 0.5 at night and at weekends, 1.6 at mid-morning).
 */
export function diurnalFactor(ts: number, tzOffsetMinutes: number): number {
  return (NIGHT_FLOOR + officeLoad(ts, tzOffsetMinutes)) / WORKDAY_MEAN;
}

const NIGHT_FLOOR = 0.5;
const WORKDAY_MEAN = (() => {
  let sum = 0;
  const steps = 24 * 12;
  const monday = 4 * 86_400_000; // 1970-01-05
  for (let i = 0; i < steps; i++) sum += NIGHT_FLOOR + officeLoad(monday + i * 300_000, 0);
  return sum / steps;
})();
