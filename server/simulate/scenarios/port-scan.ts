/** @module Port scan: one host probes many ports on several hosts of its segment, fast; mostly S0 and REJ. */
import { SERVICES } from '../catalog.js';
import { sensorFor } from '../network-model.js';
import { chance, intBetween, pick, poisson, rngFrom } from '../random.js';
import { type DraftEvent, ephemeralPort } from '../sim-event.js';
import { chooseSource, clip, type ScenarioDefinition, truthOf } from './types.js';

const TOP_PORTS = [
  21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 993, 1433, 3306, 3389, 5432, 5900, 8080,
];

export const portScan: ScenarioDefinition = {
  name: 'port-scan',
  defaultDurationMs: 2 * 60_000,
  create(ctx) {
    const { plan } = ctx;
    const rng = rngFrom(ctx.seed, 'scenario', plan.id);
    const { host, segment } = chooseSource(ctx, rng, ['workstation']);
    const pool = segment.hosts.filter((h) => h !== host && h.role !== 'workstation');
    const targets = Array.from({ length: Math.min(pool.length, intBetween(rng, 4, 10)) }, () =>
      pick(rng, pool),
    );
    const open = new Map(
      targets.map((t) => [t.ip, new Set([135, 445, ...t.services.map((s) => SERVICES[s].port)])]),
    );
    const probesPerSecond = intBetween(rng, 30, 60);
    const sensor = sensorFor(segment, 'flow');
    const description =
      `port scan from ${host.name} of ${new Set(targets.map((t) => t.ip)).size} hosts in ${segment.name}, ` +
      `about ${probesPerSecond} probes/s over ports 1–10000`;
    return {
      plan,
      truth: truthOf(plan, host, description),
      eventsIn(from, to, r) {
        const span = clip(plan, from, to);
        if (!span) return [];
        const [a, b] = span;
        const out: DraftEvent[] = [];
        const n = poisson(r, (probesPerSecond * (b - a)) / 1000);
        for (let i = 0; i < n; i++) {
          const target = pick(r, targets);
          const port = chance(r, 0.25) ? pick(r, TOP_PORTS) : intBetween(r, 1, 10_000);
          const isOpen = open.get(target.ip)?.has(port) ?? false;
          const state = isOpen ? 'SF' : chance(r, 0.7) ? 'S0' : 'REJ';
          out.push({
            ts: a + Math.floor(r() * (b - a)),
            sensor,
            kind: 'flow',
            src_ip: host.ip,
            segment: segment.name,
            dst_ip: target.ip,
            src_port: ephemeralPort(r),
            dst_port: port,
            proto: 'tcp',
            bytes_out: isOpen ? intBetween(r, 0, 40) : 0,
            bytes_in: isOpen ? intBetween(r, 0, 200) : 0,
            packets_out: isOpen ? 3 : 1,
            packets_in: state === 'S0' ? 0 : isOpen ? 2 : 1,
            duration_ms: isOpen ? intBetween(r, 1, 30) : state === 'REJ' ? intBetween(r, 0, 3) : 0,
            conn_state: isOpen ? (chance(r, 0.5) ? 'SF' : 'RSTO') : state,
          });
        }
        return out;
      },
    };
  },
};
