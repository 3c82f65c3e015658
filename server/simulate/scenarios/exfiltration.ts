/** @module Exfiltration: one host sends a large volume to one external address over minutes. */
import { HOSTILE_ADDRESSES } from '../catalog.js';
import { sensorFor } from '../network-model.js';
import { intBetween, lognormal, pick, poisson, rngFrom } from '../random.js';
import { type DraftEvent, ephemeralPort, packetsFor } from '../sim-event.js';
import { chooseSource, clip, type ScenarioDefinition, truthOf } from './types.js';

const MB = 1024 * 1024;

export const exfiltration: ScenarioDefinition = {
  name: 'exfiltration',
  defaultDurationMs: 5 * 60_000,
  create(ctx) {
    const { plan } = ctx;
    const rng = rngFrom(ctx.seed, 'scenario', plan.id);
    const { host, segment } = chooseSource(ctx, rng, ['server', 'workstation']);
    const dst = pick(rng, HOSTILE_ADDRESSES);
    const port = pick(rng, [443, 443, 22, 8443] as const);
    const flowsPerSecond = 0.5;
    const medianBytes = intBetween(rng, 4, 12) * MB;
    const description =
      `exfiltration from ${host.name} (${segment.name}) to ${dst}:${port}, ` +
      `~${Math.round((flowsPerSecond * medianBytes * 60) / MB)} MB/min outbound`;
    return {
      plan,
      truth: truthOf(plan, host, description, dst),
      eventsIn(from, to, r) {
        const span = clip(plan, from, to);
        if (!span) return [];
        const [a, b] = span;
        const out: DraftEvent[] = [];
        const n = poisson(r, (flowsPerSecond * (b - a)) / 1000);
        for (let i = 0; i < n; i++) {
          const bytesOut = Math.round(lognormal(r, medianBytes, 0.35));
          const bytesIn = Math.round(bytesOut * (0.01 + r() * 0.01));
          out.push({
            ts: a + Math.floor(r() * (b - a)),
            sensor: sensorFor(segment, 'flow'),
            kind: 'flow',
            src_ip: host.ip,
            segment: segment.name,
            dst_ip: dst,
            src_port: ephemeralPort(r),
            dst_port: port,
            proto: 'tcp',
            bytes_out: bytesOut,
            bytes_in: bytesIn,
            packets_out: packetsFor(bytesOut),
            packets_in: packetsFor(bytesIn) + Math.round(packetsFor(bytesOut) / 2),
            duration_ms: intBetween(r, 1500, 4000),
            conn_state: 'SF',
          });
        }
        return out;
      },
    };
  },
};
