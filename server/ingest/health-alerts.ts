/** @module Ingest health as alert evidence: group lag, entries lost to producer trimming, dead-letter growth. */
import type { Observation } from '../alerts/raise-tracker.js';

export interface HealthLimits {
  /** Group lag above which ingest is behind. */
  lag: number;
  /** Dead letters per minute above which the DLQ is growing abnormally. */
  dlqPerMin: number;
}

export interface HealthSample {
  at: number;
  lag: number;
  lostToTrim: number;
  rejected: number;
}

/**
 * Keeps a minute of samples and turns them into observations of system entities (scored like any other
 * entity, so they raise alerts through the same hysteresis).
 */
export class HealthAlerts {
  private readonly samples: HealthSample[] = [];

  constructor(private readonly limits: HealthLimits) {}

  add(sample: HealthSample): void {
    this.samples.push(sample);
    while (this.samples.length > 1 && this.samples[0]!.at < sample.at - 60_000) this.samples.shift();
  }

  observations(at: number): Observation[] {
    const last = this.samples.at(-1);
    const first = this.samples[0];
    if (!last || !first) return [];
    const out: Observation[] = [];
    const obs = (
      id: string,
      feature: string,
      observed: number,
      expected: number,
      score: number,
    ): Observation => ({
      entityType: 'system',
      entityId: id,
      segment: 'watchfloor',
      score,
      at,
      reasons: [{ detector: 'ingest', feature, observed, expected, contribution: score }],
    });
    if (last.lag > this.limits.lag) {
      out.push(
        obs(
          'ingest-lag',
          'group_lag',
          last.lag,
          this.limits.lag,
          Math.min(95, 65 + 10 * Math.log10(last.lag / this.limits.lag + 1)),
        ),
      );
    }
    const lost = last.lostToTrim - first.lostToTrim;
    if (lost > 0) out.push(obs('trimmed-before-read', 'entries_lost_to_trimming', lost, 0, 90));
    const minutes = Math.max((last.at - first.at) / 60_000, 1 / 60);
    const perMin = (last.rejected - first.rejected) / minutes;
    if (last.at - first.at >= 5_000 && perMin > this.limits.dlqPerMin) {
      out.push(obs('dlq-growth', 'dead_letters_per_min', Math.round(perMin), this.limits.dlqPerMin, 70));
    }
    return out;
  }
}
