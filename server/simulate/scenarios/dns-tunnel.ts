/**
 * @module DNS tunnel in the manner of dnscat2: bursts of TXT (some CNAME/MX) queries whose labels carry hex-encoded
 * data under one domain.
 */
import { HOSTILE_DOMAINS } from '../catalog.js';
import { sensorFor } from '../network-model.js';
import { chance, intBetween, pick, poisson, type Rng, rngFrom, weighted } from '../random.js';
import { type DraftEvent, ephemeralPort } from '../sim-event.js';
import { chooseSource, clip, type ScenarioDefinition, truthOf } from './types.js';

/** Bursts are decided per window of this length. */
const WINDOW_MS = 15_000;
const HEX = '0123456789abcdef';

function hexLabels(rng: Rng, domain: string): string {
  const budget = 250 - domain.length;
  const chars = Math.min(intBetween(rng, 60, 200), Math.floor((budget * 63) / 64) - 4);
  const labels: string[] = [];
  let left = chars;
  while (left > 0) {
    const n = Math.min(63, left);
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[Math.floor(rng() * 16)];
    labels.push(s);
    left -= n;
  }
  return `${labels.join('.')}.${domain}`;
}

export const dnsTunnel: ScenarioDefinition = {
  name: 'dns-tunnel',
  defaultDurationMs: 3 * 60_000,
  create(ctx) {
    const { plan, seed } = ctx;
    const rng = rngFrom(seed, 'scenario', plan.id);
    const { host, segment } = chooseSource(ctx, rng, ['workstation']);
    const domain = `t.${pick(rng, HOSTILE_DOMAINS)}`;
    const resolver = pick(rng, segment.byRole['dns-resolver']);
    /** The burst of window w: [start, end) and queries per second, or null for a quiet window. */
    const burstOf = (w: number): { start: number; end: number; qps: number } | null => {
      const r = rngFrom(seed, plan.id, 'burst', w);
      if (w > 0 && !chance(r, 0.7)) return null;
      const start = plan.start + w * WINDOW_MS + (w === 0 ? 0 : intBetween(r, 0, 8000));
      return { start, end: start + intBetween(r, 2000, 6000), qps: intBetween(r, 20, 60) };
    };
    const description =
      `DNS tunnel (dnscat2-like) from ${host.name} (${segment.name}): bursts of TXT queries with hex labels ` +
      `under ${domain} via ${resolver.ip}`;
    return {
      plan,
      truth: truthOf(plan, host, description, domain),
      eventsIn(from, to, r) {
        const span = clip(plan, from, to);
        if (!span) return [];
        const out: DraftEvent[] = [];
        const w0 = Math.floor((span[0] - plan.start) / WINDOW_MS);
        const w1 = Math.floor((span[1] - 1 - plan.start) / WINDOW_MS);
        for (let w = w0; w <= w1; w++) {
          const burst = burstOf(w);
          if (!burst) continue;
          const a = Math.max(span[0], burst.start);
          const b = Math.min(span[1], burst.end);
          if (a >= b) continue;
          const n = poisson(r, (burst.qps * (b - a)) / 1000);
          for (let i = 0; i < n; i++) {
            out.push({
              ts: a + Math.floor(r() * (b - a)),
              sensor: sensorFor(segment, 'dns'),
              kind: 'dns',
              src_ip: host.ip,
              segment: segment.name,
              dst_ip: resolver.ip,
              src_port: ephemeralPort(r),
              dst_port: 53,
              proto: 'udp',
              query: hexLabels(r, domain),
              qtype: weighted(r, [
                ['TXT', 8],
                ['CNAME', 1],
                ['MX', 1],
              ] as const),
              rcode: 'NOERROR',
            });
          }
        }
        return out;
      },
    };
  },
};
