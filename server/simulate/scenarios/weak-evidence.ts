/**
 * @module An infection that only whispers: a host whose loader tries a handful of never-seen external addresses
 * once each (its fallback C2 list), then calls one of them back every few minutes with a wide jitter (too few
 * calls to prove a beacon), and whose TLS fingerprint matches a known family (a low-severity JA3 alert, its rule
 * thresholded to once per 10 minutes per source). No finding alone is an alert; together they are.
 */
import { HOSTILE_ADDRESSES } from '../catalog.js';
import { sensorFor } from '../network-model.js';
import { intBetween, rngFrom } from '../random.js';
import { type DraftEvent, ephemeralPort, packetsFor } from '../sim-event.js';
import { chooseSource, clip, type ScenarioDefinition, truthOf } from './types.js';

/** Its fallback list: documentation-range addresses no benign host of the simulator ever contacts. */
const FALLBACKS = [
  '198.51.100.61',
  '198.51.100.97',
  '203.0.113.140',
  '203.0.113.152',
  '198.51.100.203',
  '203.0.113.233',
];
const CALL_EVERY_MS = 150_000;
const CALL_JITTER = 0.4;
const CALLS = 8;
export const JA3_SIGNATURE = 'ET JA3 Hash - [Abuse.ch] Possible Dridex';
/** The JA3 rule fires at most once per this long per source (`threshold: type limit`). */
const JA3_LIMIT_MS = 600_000;

export const weakEvidence: ScenarioDefinition = {
  name: 'weak-evidence',
  defaultDurationMs: 30 * 60_000,
  create(ctx) {
    const { plan, seed } = ctx;
    const rng = rngFrom(seed, 'scenario', plan.id);
    const { host, segment } = chooseSource(ctx, rng, ['workstation']);
    const c2 = HOSTILE_ADDRESSES[intBetween(rng, 0, HOSTILE_ADDRESSES.length - 1)]!;
    // the fallbacks first, one every 40–80 s, then the calls back
    const tries: number[] = [];
    let t = plan.start;
    for (let i = 0; i < FALLBACKS.length; i++, t += intBetween(rng, 40_000, 80_000)) tries.push(t);
    const calls: number[] = [];
    for (let i = 0; i < CALLS; i++, t += CALL_EVERY_MS * (1 + (rng() * 2 - 1) * CALL_JITTER))
      calls.push(Math.round(t));
    const fingerprinted = new Set<number>();
    for (let i = 0, last = Number.NEGATIVE_INFINITY; i < calls.length; i++)
      if (calls[i]! - last >= JA3_LIMIT_MS) {
        fingerprinted.add(i);
        last = calls[i]!;
      }
    const flowSensor = sensorFor(segment, 'flow');
    const idsSensor = sensorFor(segment, 'ids');
    const description =
      `whispering infection on ${host.name} (${segment.name}): ${FALLBACKS.length} never-seen addresses tried once, ` +
      `${CALLS} calls to ${c2} every ~${CALL_EVERY_MS / 1000} s ±${CALL_JITTER * 100}%, "${JA3_SIGNATURE}" ` +
      `(severity 3) at most once per ${JA3_LIMIT_MS / 60_000} min`;
    const connect = (ts: number, dst: string, r: () => number): DraftEvent => {
      const bytesOut = intBetween(r, 400, 2400);
      const bytesIn = intBetween(r, 300, 9000);
      return {
        ts,
        sensor: flowSensor,
        kind: 'flow',
        src_ip: host.ip,
        segment: segment.name,
        dst_ip: dst,
        src_port: ephemeralPort(r),
        dst_port: 443,
        proto: 'tcp',
        bytes_out: bytesOut,
        bytes_in: bytesIn,
        packets_out: packetsFor(bytesOut) + 3,
        packets_in: packetsFor(bytesIn) + 2,
        duration_ms: intBetween(r, 150, 900),
        conn_state: 'SF',
      };
    };
    return {
      plan,
      truth: truthOf(plan, host, description, c2),
      eventsIn(from, to, r) {
        const span = clip(plan, from, to);
        if (!span) return [];
        const [a, b] = span;
        const out: DraftEvent[] = [];
        tries.forEach((ts, i) => {
          if (ts >= a && ts < b) out.push(connect(ts, FALLBACKS[i]!, r));
        });
        calls.forEach((ts, i) => {
          if (ts < a || ts >= b) return;
          out.push(connect(ts, c2, r));
          if (fingerprinted.has(i))
            out.push({
              ts: ts + 5,
              sensor: idsSensor,
              kind: 'ids',
              src_ip: host.ip,
              segment: segment.name,
              dst_ip: c2,
              src_port: ephemeralPort(r),
              dst_port: 443,
              proto: 'tcp',
              signature: JA3_SIGNATURE,
              category: 'Unknown Traffic',
              severity: 3,
            });
        });
        return out;
      },
    };
  },
};
