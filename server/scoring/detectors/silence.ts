/**
 * @module Silence: a sensor of a segment that used to send and has stopped. Each sensor's event rate is learnt
 * per second of event time; between events the engine asks, on the wall clock and only while the sensor's events
 * arrive live, how many events the silence should have held. Zero events where dozens were expected is evidence.
 */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import { reason, saturate } from '../evidence.js';
import type { Detector, EvaluateContext, SilenceContext } from '../types.js';

interface SensorStats {
  /** Event time of its newest event. */
  last: number;
  /** Start of the last bucket it was learnt in. */
  at: number;
  /** Events in the open bucket. */
  open: number;
  /** EWMA of events per second, and seconds learnt. */
  rate: number;
  n: number;
  ref: string;
}

export interface SilenceState {
  sensors: Record<string, SensorStats>;
}

export interface SilenceOptions {
  /** Sensors remembered per segment. @default 32 */
  sensors?: number;
  /** Seconds of history before a sensor's silence is judged. @default 300 */
  warmup?: number;
  /** Shortest silence judged, ms. @default 60000 */
  minSilenceMs?: number;
}

const ALPHA = 1 / 300;

export function silenceDetector(opts: SilenceOptions = {}): Detector<SilenceState> {
  const cap = opts.sensors ?? 32;
  const warmup = opts.warmup ?? 300;
  const minSilence = opts.minSilenceMs ?? 60_000;
  let lastState: SilenceState | null = null;
  let lastSensor = '';
  let lastStats: SensorStats | undefined;
  return {
    id: 'silence',
    entities: ['segment'],
    // keyed by the producer's sensor text: no prototype, so a sensor named `__proto__` is a sensor like any other
    init: () => ({ sensors: Object.create(null) as Record<string, SensorStats> }),
    observe(s, ev: NormalizedEvent, ref) {
      // A segment's events mostly come from one sensor: the entry found last is tried first (entries are never
      // removed, so it stays the state's own).
      let st = lastState === s && lastSensor === ev.sensor ? lastStats : s.sensors[ev.sensor];
      if (!st) {
        if (Object.keys(s.sensors).length >= cap) return;
        st = { last: ev.ts, at: -1, open: 0, rate: 0, n: 0, ref };
        s.sensors[ev.sensor] = st;
      }
      lastState = s;
      lastSensor = ev.sensor;
      lastStats = st;
      st.open++;
      if (ev.ts >= st.last) {
        st.last = ev.ts;
        st.ref = ref;
      }
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      for (const id in s.sensors) {
        const st = s.sensors[id]!;
        if (st.open === 0) continue;
        const gap = st.at < 0 ? 0 : Math.max(0, (ctx.bucketStart - st.at) / 1000 - 1);
        st.rate *= (1 - ALPHA) ** Math.min(gap, 3600);
        st.rate += ALPHA * (st.open - st.rate);
        st.n = Math.min(st.n + gap + 1, 1e9);
        st.at = ctx.bucketStart;
        st.open = 0;
      }
      return [];
    },
    silence(s, ctx: SilenceContext): Reason[] {
      const reasons: Reason[] = [];
      for (const id in s.sensors) {
        const st = s.sensors[id]!;
        const silentMs = ctx.now - Math.max(st.last, ctx.watchedSince);
        // sent for the warm-up in event time and come live for as long on the wall clock (a replay at speed holds
        // an hour of event time in a moment, then ends: that is no sensor gone silent)
        if (st.n < warmup || silentMs < minSilence || ctx.liveFor(id) < warmup * 1000) continue;
        const expected = (st.rate * silentMs) / 1000;
        const c = saturate(expected - 15, 20);
        if (c > 0) reasons.push(reason('silence', `silent sensor=${id}`, 0, expected, c, [st.ref]));
      }
      return reasons;
    },
  };
}
