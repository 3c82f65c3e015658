/** @module Benign background behaviour of each host role: flows, DNS lookups, logons and a little IDS noise. */
import {
  EXTERNAL_SERVICES,
  IDS_NOISE,
  NATIONAL_DOMAINS,
  QTYPES,
  RCODES,
  SERVICES,
  type ServiceName,
  UPSTREAM_RESOLVERS,
  ZEEK_NOTICES,
} from './catalog.js';
import { type Host, type NetworkSegment, sensorFor, type Topology } from './network-model.js';
import { chance, lognormal, pick, type Rng, weighted, weightedSampler } from './random.js';
import { type DraftEvent, ephemeralPort, packetsFor } from './sim-event.js';

const pickExternal = weightedSampler(EXTERNAL_SERVICES.map((e) => e[2]));
const external = (rng: Rng) => EXTERNAL_SERVICES[pickExternal(rng)]!;

const CONN_STATES: ReadonlyArray<readonly [string, number]> = [
  ['SF', 93],
  ['S0', 2],
  ['REJ', 1],
  ['RSTO', 2],
  ['RSTR', 1],
  ['SH', 1],
];

interface FlowSpec {
  dst: string;
  port: number;
  proto: 'tcp' | 'udp';
  kbOut: number;
  kbIn: number;
}

function flow(rng: Rng, ts: number, host: Host, seg: NetworkSegment, f: FlowSpec): DraftEvent {
  const state = weighted(rng, CONN_STATES);
  const failed = state === 'S0' || state === 'REJ';
  const bytesOut = failed ? 0 : Math.round(lognormal(rng, f.kbOut * 1024, 0.9));
  const bytesIn = failed ? 0 : Math.round(lognormal(rng, f.kbIn * 1024, 1.1));
  return {
    ts,
    sensor: sensorFor(seg, 'flow'),
    kind: 'flow',
    src_ip: host.ip,
    segment: seg.name,
    dst_ip: f.dst,
    src_port: ephemeralPort(rng),
    dst_port: f.port,
    proto: f.proto,
    bytes_out: bytesOut,
    bytes_in: bytesIn,
    packets_out: failed ? 1 : packetsFor(bytesOut) + 2,
    packets_in: state === 'S0' ? 0 : failed ? 1 : packetsFor(bytesIn) + 1,
    duration_ms: failed ? Math.round(lognormal(rng, 3, 1)) : Math.round(lognormal(rng, 150 + 4 * f.kbIn, 1)),
    conn_state: state,
  };
}

function service(rng: Rng, server: Host): FlowSpec {
  const name: ServiceName = pick(rng, server.services);
  const s = SERVICES[name];
  return { dst: server.ip, port: s.port, proto: s.proto, kbOut: s.kbOut, kbIn: s.kbIn };
}

function dns(rng: Rng, ts: number, host: Host, seg: NetworkSegment, query: string, dst: string): DraftEvent {
  const qtype = query.startsWith('_') ? 'SRV' : weighted(rng, QTYPES);
  return {
    ts,
    sensor: sensorFor(seg, 'dns'),
    kind: 'dns',
    src_ip: host.ip,
    segment: seg.name,
    dst_ip: dst,
    src_port: ephemeralPort(rng),
    dst_port: 53,
    proto: 'udp',
    query,
    qtype,
    rcode: weighted(rng, RCODES),
  };
}

function lookupName(rng: Rng, seg: NetworkSegment): string {
  const r = rng();
  if (r < 0.5) return external(rng)[1];
  if (r < 0.65) return pick(rng, NATIONAL_DOMAINS);
  if (r < 0.72) return `_ldap._tcp.dc._msdcs.${seg.domain}`;
  return `${pick(rng, seg.byRole.server).name}.${seg.domain}`;
}

function auth(rng: Rng, ts: number, host: Host, seg: NetworkSegment, failureRate: number): DraftEvent {
  const dc = pick(rng, seg.byRole['domain-controller']);
  return {
    ts,
    sensor: sensorFor(seg, 'auth'),
    kind: 'auth',
    src_ip: host.ip,
    segment: seg.name,
    dst_ip: dc.ip,
    dst_port: 88,
    proto: 'tcp',
    outcome: chance(rng, failureRate) ? 'failure' : 'success',
    user: host.user,
  };
}

function idsNoise(rng: Rng, ts: number, host: Host, seg: NetworkSegment): DraftEvent {
  const sensor = sensorFor(seg, 'ids');
  const zeekOnly = sensor.startsWith('zeek');
  const [signature, category, severity] = zeekOnly ? pick(rng, ZEEK_NOTICES) : pick(rng, IDS_NOISE);
  const [dst] = external(rng);
  return {
    ts,
    sensor,
    kind: 'ids',
    src_ip: host.ip,
    segment: seg.name,
    dst_ip: dst,
    src_port: ephemeralPort(rng),
    dst_port: 443,
    proto: 'tcp',
    signature,
    category,
    severity,
  };
}

function workstationFlow(rng: Rng, topo: Topology, seg: NetworkSegment): FlowSpec {
  const r = rng();
  if (r < 0.4) return { dst: seg.byRole['web-proxy'][0]!.ip, port: 8080, proto: 'tcp', kbOut: 1.5, kbIn: 45 };
  if (r < 0.7) return service(rng, pick(rng, seg.byRole.server));
  if (r < 0.82) {
    const port = pick(rng, [389, 88, 445, 135] as const);
    return { dst: pick(rng, seg.byRole['domain-controller']).ip, port, proto: 'tcp', kbOut: 1, kbIn: 3 };
  }
  if (r < 0.95) {
    return { dst: external(rng)[0], port: 443, proto: chance(rng, 0.2) ? 'udp' : 'tcp', kbOut: 3, kbIn: 60 };
  }
  const other = pick(rng, topo.segments);
  const server = other.byRole.server.find((h) => h.services.includes('https')) ?? other.byRole.server[0]!;
  return { dst: server.ip, port: 443, proto: 'tcp', kbOut: 2, kbIn: 25 };
}

function serverFlow(rng: Rng, seg: NetworkSegment, host: Host): FlowSpec {
  const r = rng();
  const peers = seg.byRole.server.filter((h) => h !== host);
  if (r < 0.4 && peers.length > 0) return service(rng, pick(rng, peers));
  if (r < 0.65) return { dst: external(rng)[0], port: 443, proto: 'tcp', kbOut: 4, kbIn: 200 };
  if (r < 0.75)
    return { dst: seg.byRole['domain-controller'][0]!.ip, port: 123, proto: 'udp', kbOut: 0.1, kbIn: 0.1 };
  if (r < 0.8) return { dst: seg.byRole.server[0]!.ip, port: 445, proto: 'tcp', kbOut: 8000, kbIn: 20 };
  return { dst: pick(rng, seg.byRole['domain-controller']).ip, port: 389, proto: 'tcp', kbOut: 1, kbIn: 4 };
}

/** One benign event of `host` at `ts`, shaped by its role. */
export function benignEvent(
  rng: Rng,
  ts: number,
  host: Host,
  seg: NetworkSegment,
  topo: Topology,
): DraftEvent {
  const resolver = () => pick(rng, seg.byRole['dns-resolver']).ip;
  const r = rng();
  switch (host.role) {
    case 'workstation':
      if (r < 0.004) return idsNoise(rng, ts, host, seg);
      if (r < 0.08) return auth(rng, ts, host, seg, 0.03);
      if (r < 0.42) return dns(rng, ts, host, seg, lookupName(rng, seg), resolver());
      return flow(rng, ts, host, seg, workstationFlow(rng, topo, seg));
    case 'server':
      if (r < 0.003) return idsNoise(rng, ts, host, seg);
      if (r < 0.03) return auth(rng, ts, host, seg, 0.005);
      if (r < 0.2) return dns(rng, ts, host, seg, lookupName(rng, seg), resolver());
      return flow(rng, ts, host, seg, serverFlow(rng, seg, host));
    case 'dns-resolver':
      if (r < 0.7) return dns(rng, ts, host, seg, external(rng)[1], pick(rng, UPSTREAM_RESOLVERS));
      return flow(rng, ts, host, seg, {
        dst: pick(rng, UPSTREAM_RESOLVERS),
        port: 53,
        proto: 'udp',
        kbOut: 0.08,
        kbIn: 0.2,
      });
    case 'domain-controller': {
      if (r < 0.3) return dns(rng, ts, host, seg, `_ldap._tcp.dc._msdcs.${seg.domain}`, resolver());
      const peers = seg.byRole['domain-controller'].filter((h) => h !== host);
      const dst = peers.length > 0 ? pick(rng, peers).ip : pick(rng, seg.byRole.server).ip;
      return flow(rng, ts, host, seg, {
        dst,
        port: pick(rng, [389, 135, 445] as const),
        proto: 'tcp',
        kbOut: 6,
        kbIn: 6,
      });
    }
    case 'web-proxy':
      if (r < 0.03) return dns(rng, ts, host, seg, external(rng)[1], resolver());
      return flow(rng, ts, host, seg, {
        dst: external(rng)[0],
        port: chance(rng, 0.9) ? 443 : 80,
        proto: 'tcp',
        kbOut: 2,
        kbIn: 60,
      });
  }
}
