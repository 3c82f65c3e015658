/**
 * @module Paced vertical scan: one host probes the most common ports of one server, one probe at a time at a fixed
 * pace (nmap `-T2` waits 0.4 s between probes, `-T1` 15 s), most of them refused; paced to stay under per-second
 * windows.
 */
import { SERVICES } from '../catalog.js';
import { sensorFor } from '../network-model.js';
import { chance, intBetween, pick, rngFrom } from '../random.js';
import { type DraftEvent, ephemeralPort } from '../sim-event.js';
import { chooseSource, clip, type ScenarioDefinition, truthOf } from './types.js';

/** nmap `-T2`'s pace: one probe every 0.4 s. */
const DEFAULT_PACE_MS = 400;
/** Ports probed (nmap's `--top-ports 200` in spirit: the low well-known ports, then common high ones). */
const PORTS = 200;

/** The ports of a top-ports scan, in nmap's shuffled order (seeded). */
function topPorts(seed: number, id: string): number[] {
  const common = [
    21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1433, 1723, 3306, 3389,
  ];
  const ports = new Set(common);
  const rng = rngFrom(seed, id, 'ports');
  while (ports.size < PORTS)
    ports.add(chance(rng, 0.7) ? intBetween(rng, 1, 1024) : intBetween(rng, 1025, 10_000));
  const out = [...ports];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export const slowScan: ScenarioDefinition = {
  name: 'slow-scan',
  defaultDurationMs: PORTS * DEFAULT_PACE_MS,
  create(ctx) {
    const { plan, seed } = ctx;
    const rng = rngFrom(seed, 'scenario', plan.id);
    const { host, segment } = chooseSource(ctx, rng, ['workstation']);
    const servers = segment.hosts.filter((h) => h !== host && h.role !== 'workstation');
    const target = pick(rng, servers);
    const open = new Set([135, 445, ...target.services.map((s) => SERVICES[s].port)]);
    const pace = plan.intervalMs ?? DEFAULT_PACE_MS;
    const ports = topPorts(seed, plan.id);
    const sensor = sensorFor(segment, 'flow');
    const description =
      `paced port scan from ${host.name} of ${target.name} (${target.ip}): top ${PORTS} ports, one probe every ` +
      `${pace / 1000} s, closed ports refused`;
    return {
      plan,
      truth: truthOf(plan, host, description, target.ip),
      eventsIn(from, to, r) {
        const span = clip(plan, from, to);
        if (!span) return [];
        const [a, b] = span;
        const out: DraftEvent[] = [];
        for (let k = Math.ceil((a - plan.start) / pace); plan.start + k * pace < b; k++) {
          const port = ports[k % ports.length]!;
          const isOpen = open.has(port);
          out.push({
            ts: plan.start + k * pace,
            sensor,
            kind: 'flow',
            src_ip: host.ip,
            segment: segment.name,
            dst_ip: target.ip,
            src_port: ephemeralPort(r),
            dst_port: port,
            proto: 'tcp',
            bytes_out: 0,
            bytes_in: 0,
            packets_out: isOpen ? 2 : 1,
            packets_in: 1,
            duration_ms: isOpen ? intBetween(r, 1, 5) : 0,
            conn_state: isOpen ? 'RSTO' : 'REJ',
          });
        }
        return out;
      },
    };
  },
};
