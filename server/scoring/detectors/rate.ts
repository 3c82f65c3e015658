/** @module Scoring v0: event rate and bytes out per entity against its own EWMA baseline. */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import {
  type Baseline,
  contributionOf,
  isWarm,
  newBaseline,
  observe,
  observeZeros,
  zScore,
} from '../baseline.js';
import type { Detector, EvaluateContext } from '../types.js';

export interface RateState {
  events: number;
  bytesOut: number;
  /** A few refs of this bucket's events, as examples for a reason. */
  refs: string[];
  rate: Baseline;
  bytes: Baseline;
}

export interface RateOptions {
  /** EWMA weight per one-second bucket. @default 0.01 (a time constant of about 100 s) */
  alpha?: number;
  /** Buckets before the baseline is trusted. @default 120 */
  warmup?: number;
  /** Score bytes out too (a segment's bytes per second are dominated by single large transfers). @default true */
  bytes?: boolean;
}

const EXAMPLES = 5;

export function rateDetector(opts: RateOptions = {}): Detector<RateState> {
  const alpha = opts.alpha ?? 0.01;
  const warmup = opts.warmup ?? 120;
  return {
    id: 'rate',
    entities: ['host', 'segment'],
    init: () => ({ events: 0, bytesOut: 0, refs: [], rate: newBaseline(), bytes: newBaseline() }),
    baseline: (s: RateState) => ({ mean: s.rate.mean, std: Math.sqrt(Math.max(s.rate.variance, 0)) }),
    observe(s: RateState, ev: NormalizedEvent, ref: string) {
      s.events++;
      s.bytesOut += ev.bytes_out ?? 0;
      if (s.refs.length < EXAMPLES) s.refs.push(ref);
    },
    evaluate(s: RateState, ctx: EvaluateContext): Reason[] {
      if (ctx.idleBuckets > 0) {
        observeZeros(s.rate, ctx.idleBuckets, alpha);
        observeZeros(s.bytes, ctx.idleBuckets, alpha);
      }
      const reasons: Reason[] = [];
      if (isWarm(s.rate, warmup)) {
        const z = zScore(s.rate, s.events, 1, true);
        const c = contributionOf(z);
        if (c > 0) reasons.push(reason('events_per_s', s.events, s.rate, c, s.refs));
      }
      if (opts.bytes !== false && isWarm(s.bytes, warmup) && s.bytesOut > 0) {
        const z = zScore(s.bytes, s.bytesOut, 1e6, false);
        const c = contributionOf(z);
        if (c > 0) reasons.push(reason('bytes_out_per_s', s.bytesOut, s.bytes, c, s.refs));
      }
      observe(s.rate, s.events, alpha);
      observe(s.bytes, s.bytesOut, alpha);
      s.events = 0;
      s.bytesOut = 0;
      s.refs = [];
      return reasons;
    },
  };
}

function reason(
  feature: string,
  observed: number,
  b: Baseline,
  contribution: number,
  refs: string[],
): Reason {
  const std = Math.sqrt(Math.max(b.variance, 0));
  return {
    detector: 'rate',
    feature,
    observed,
    expected: round(b.mean),
    band: [round(Math.max(0, b.mean - 3 * std)), round(b.mean + 3 * std)],
    contribution: round(contribution),
    examples: [...refs],
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
