/** @module What the alert rule samples each tick: scored hosts, and segments by their own evidence only. */
import type { ScoringEngine } from '../scoring/engine.js';
import type { Observation } from './raise-tracker.js';

/** Hosts observed per tick, the highest scores first (the others count as 0). */
export const OBSERVED_HOSTS = 1000;

/**
 * The engine's held scores at its watermark `at` as observations: its top hosts, and each segment's own evidence
 * (so that a host's alert does not also raise its segment's), each with its highest score since the previous
 * observation (`ScoringEngine.takePeaks`). The product's tick and `npm run eval` both use it.
 */
export function scoreObservations(engine: ScoringEngine, at: number, limit = OBSERVED_HOSTS): Observation[] {
  const out: Observation[] = [];
  const peaks = engine.takePeaks();
  for (const h of engine.topHosts(limit, at))
    out.push({
      entityType: 'host',
      entityId: h.ip,
      segment: h.segment,
      score: h.score,
      peak: Math.max(h.score, peaks.get(`host:${h.ip}`) ?? 0),
      reasons: h.reasons,
      at,
    });
  for (const s of engine.segmentEvidence(at))
    out.push({
      entityType: 'segment',
      entityId: s.segment,
      segment: s.segment,
      score: s.score,
      peak: Math.max(s.score, peaks.get(`segment:${s.segment}`) ?? 0),
      reasons: s.reasons,
      at,
    });
  return out;
}
