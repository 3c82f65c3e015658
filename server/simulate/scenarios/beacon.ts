/**
 * @module C2 beacon: one host calls one external address at a regular interval with jitter and similar sizes. By
 * default each beat is jittered around its slot (±10 %); a plan's `jitter` draws each gap instead uniformly within
 * ± that share of the period, as C2 frameworks' sleep jitter does.
 */
import { HOSTILE_ADDRESSES, HOSTILE_DOMAINS } from '../catalog.js';
import { sensorFor } from '../network-model.js';
import { chance, intBetween, pick, rngFrom } from '../random.js';
import { type DraftEvent, ephemeralPort, packetsFor } from '../sim-event.js';
import { chooseSource, clip, type ScenarioDefinition, truthOf } from './types.js';

/** Jitter of a beat around its slot as a fraction of the interval (± this much), when the plan names none. */
const JITTER = 0.1;
/** Beats worked out at most (a day of 1-second beats). */
const MAX_BEATS = 86_400;

export const beacon: ScenarioDefinition = {
  name: 'beacon',
  defaultDurationMs: 25 * 60_000,
  create(ctx) {
    const { plan, seed } = ctx;
    const rng = rngFrom(seed, 'scenario', plan.id);
    const { host, segment } = chooseSource(ctx, rng, ['workstation', 'server']);
    const c2 = pick(rng, HOSTILE_ADDRESSES);
    const domain = `api.${pick(rng, HOSTILE_DOMAINS)}`;
    // Seeded: 20–60 s, a Cobalt Strike-like sleep; a plan may ask for a fast one (Empire's default is 5 s).
    const seeded = intBetween(rng, 20, 60) * 1000;
    const intervalMs = plan.intervalMs ?? seeded;
    const sizeOut = intBetween(rng, 300, 900);
    const sizeIn = intBetween(rng, 800, 4000);
    const resolver = pick(rng, segment.byRole['dns-resolver']);
    const end = plan.start + plan.durationMs;
    const jitter = plan.jitter;
    // With gap jitter, beat k's time is the sum of k gaps: worked out once (a day of 60-s beats is 1,440 numbers).
    const times: number[] = [];
    if (jitter !== undefined) {
      for (let t = plan.start, k = 0; t < end && k < MAX_BEATS; k++) {
        times.push(t);
        t += intervalMs * (1 + (rngFrom(seed, plan.id, 'gap', k)() * 2 - 1) * jitter);
      }
    }
    const timeOf = (k: number) =>
      jitter !== undefined
        ? (times[k] ?? Number.POSITIVE_INFINITY)
        : plan.start + k * intervalMs + (rngFrom(seed, plan.id, 'beat', k)() * 2 - 1) * JITTER * intervalMs;
    const description =
      `C2 beacon from ${host.name} (${segment.name}) to ${c2} (${domain}) every ${intervalMs / 1000} s ` +
      `±${Math.round((jitter ?? JITTER) * 100)}%${jitter === undefined ? '' : ' per gap'}, ` +
      `~${sizeOut} B out / ~${sizeIn} B in`;
    return {
      plan,
      truth: truthOf(plan, host, description, c2),
      eventsIn(from, to) {
        const span = clip(plan, from, to);
        if (!span) return [];
        const [a, b] = span;
        const out: DraftEvent[] = [];
        const [first, last] = jitter === undefined ? slots(a, b) : beatsWithin(times, a, b);
        for (let k = first; k <= last; k++) {
          const ts = Math.round(timeOf(k));
          if (ts < a || ts >= b || ts < plan.start || ts >= end) continue;
          const r = rngFrom(seed, plan.id, 'beat-body', k);
          const tasked = chance(r, 0.04);
          const bytesOut = Math.round(sizeOut * (0.95 + r() * 0.1));
          const bytesIn = tasked ? intBetween(r, 20_000, 80_000) : Math.round(sizeIn * (0.95 + r() * 0.1));
          out.push({
            ts,
            sensor: sensorFor(segment, 'flow'),
            kind: 'flow',
            src_ip: host.ip,
            segment: segment.name,
            dst_ip: c2,
            src_port: ephemeralPort(r),
            dst_port: 443,
            proto: 'tcp',
            bytes_out: bytesOut,
            bytes_in: bytesIn,
            packets_out: packetsFor(bytesOut) + 3,
            packets_in: packetsFor(bytesIn) + 2,
            duration_ms: intBetween(r, 180, 320),
            conn_state: 'SF',
          });
          if (k % 10 === 0 && ts - 40 >= a) {
            out.push({
              ts: ts - 40,
              sensor: sensorFor(segment, 'dns'),
              kind: 'dns',
              src_ip: host.ip,
              segment: segment.name,
              dst_ip: resolver.ip,
              src_port: ephemeralPort(r),
              dst_port: 53,
              proto: 'udp',
              query: domain,
              qtype: 'A',
              rcode: 'NOERROR',
            });
          }
        }
        return out;
      },
    };

    /** Slots whose jittered beat may fall in [a, b). */
    function slots(a: number, b: number): [number, number] {
      return [
        Math.max(0, Math.floor((a - plan.start) / intervalMs) - 1),
        Math.ceil((b - plan.start) / intervalMs) + 1,
      ];
    }
  },
};

/** Indices of the precomputed beats that may fall in [a, b) (binary search; a beat's time rounds to the ms). */
function beatsWithin(times: readonly number[], a: number, b: number): [number, number] {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < a - 1) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < times.length && times[last]! < b + 1) last++;
  return [lo, last];
}
