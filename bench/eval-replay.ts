/**
 * @module How `npm run eval` runs a case: time-ordered events through a fresh scoring engine with every detector,
 * as if live (arrival = event time, one tick per second of event time, as the product ticks), and each tick's
 * observations through the product's own alert rule (server/alerts/alert-rule.ts) with the thresholds of the
 * settings (the defaults unless given).
 */

import { DEFAULT_RAISE, type RaiseSettings } from '../server/alerts/alert-rule.js';
import { scoreObservations } from '../server/alerts/observations.js';
import { RaiseTracker } from '../server/alerts/raise-tracker.js';
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import { ScoringEngine } from '../server/scoring/engine.js';
import type { GeoSource } from '../server/scoring/geo-places.js';
import type { Detector } from '../server/scoring/types.js';
import type { Reason } from '../shared/schemas/score.js';
import type { NormalizedEvent } from '../shared/schemas/telemetry.js';

/** An alert the product would raise (a new episode), in event time. */
export interface Raise {
  type: 'host' | 'segment';
  id: string;
  segment: string;
  at: number;
  score: number;
  reasons: Reason[];
}

export interface ReplayOutcome {
  /** Alerts raised on hosts, in event time. */
  raises: Raise[];
  /** Alerts raised on segments (their own evidence), in event time. */
  segmentRaises: Raise[];
  /** Peak held score per host, and when. */
  peaks: Map<string, { score: number; at: number }>;
  engine: ScoringEngine;
  events: number;
}

export interface ReplayOptions {
  /** The alert rule's thresholds. @default the settings' defaults */
  settings?: RaiseSettings;
  /** Seconds of event time ticked after the last event (for holds and decays to play out). @default 120 */
  tailS?: number;
  /** Called after every tick with its watermark (for memory and progress probes). */
  onTick?: (engine: ScoringEngine, watermark: number) => void;
  /** The detectors. @default every detector, without intel */
  detectors?: Detector[];
  /** Places external addresses (the first-contact detector acts on them). @default none */
  geo?: GeoSource;
}

/** `detector: feature observed (expected …)` of an alert's top reason. */
export function why(r: Raise | undefined): string {
  const x = r?.reasons[0];
  return x ? `${x.detector}: ${x.feature} ${x.observed} (expected ${x.expected})` : '';
}

/** Replays time-ordered batches of events; every second of event time from the first event on is one tick. */
export function replay(
  batches: Iterable<readonly { event: NormalizedEvent; ref: string }[]>,
  opts: ReplayOptions = {},
): ReplayOutcome {
  const peaks = new Map<string, { score: number; at: number }>();
  const engine = new ScoringEngine({
    detectors: opts.detectors ?? defaultDetectors(),
    recentPerHost: 0,
    geo: opts.geo ?? null,
    onScore: (entity, score, at) => {
      if (entity.type !== 'host') return;
      const p = peaks.get(entity.id);
      if (!p || score > p.score) peaks.set(entity.id, { score, at });
    },
  });
  const rule = new RaiseTracker(opts.settings ?? DEFAULT_RAISE);
  const raises: Raise[] = [];
  const segmentRaises: Raise[] = [];
  const tick = (now: number) => {
    const watermark = engine.advance(now);
    if (watermark === 0) return;
    for (const d of rule.observe(scoreObservations(engine, watermark), watermark)) {
      if (d.type !== 'raise') continue;
      const { obs } = d;
      if (obs.entityType !== 'host' && obs.entityType !== 'segment') continue;
      const raise = {
        type: obs.entityType,
        id: obs.entityId,
        segment: obs.segment,
        at: obs.at,
        score: obs.score,
        reasons: obs.reasons,
      };
      (raise.type === 'host' ? raises : segmentRaises).push(raise);
    }
    opts.onTick?.(engine, watermark);
  };
  let next = 0;
  let last = 0;
  let events = 0;
  const sensors = new Set<string>();
  for (const batch of batches) {
    for (const { event, ref } of batch) {
      if (next === 0) next = event.ts - (event.ts % 1000) + 1000;
      for (; event.ts >= next; next += 1000) tick(next);
      engine.ingest(event, ref, event.ts);
      sensors.add(event.sensor);
      last = Math.max(last, event.ts);
      events++;
    }
  }
  // The recording ends here, not its sensors: as at the end of a replay, their silence is not judged.
  for (const sensor of sensors) engine.retireSensor(sensor);
  const end = last + (opts.tailS ?? 120) * 1000;
  for (; next > 0 && next <= end; next += 1000) tick(next);
  return { raises, segmentRaises, peaks, engine, events };
}

/** Hosts ordered by peak score, highest first. */
export function ranking(peaks: ReplayOutcome['peaks']): string[] {
  return [...peaks.entries()].sort((a, b) => b[1].score - a[1].score).map(([ip]) => ip);
}
