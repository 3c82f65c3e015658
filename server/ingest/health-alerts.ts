/**
 * @module Ingest health as alert evidence: group lag, entries lost (to producer trimming, or with a deleted input
 * stream), dead-letter growth, and ingest stuck on a failure (Redis refusing writes). Losses are events: each one is
 * evidence for a minute from when it was found, also when it happened while Watchfloor was down (the group monitor
 * keeps what it reported in Redis).
 */
import { OWN_REASONS } from '../../shared/schemas/alert.js';
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
  rejected: number;
}

/** A loss: entries trimmed before the group read them, or an input stream deleted. */
export type LossKind = 'trimmed-before-read' | 'input-stream-deleted';

/** How long a loss or a recovered stall stays evidence (longer than the raise hold, so the alert is raised). */
const REMEMBER_MS = 60_000;
/** Ingest failing this long is an alert. */
const STALL_MS = 5_000;

const FEATURES: Record<LossKind, string> = {
  'trimmed-before-read': 'entries_lost_to_trimming',
  'input-stream-deleted': 'unread_entries_deleted',
};

/**
 * Keeps a minute of samples and recent losses and turns them into observations of system entities (scored like
 * any other entity, so they raise alerts through the same hysteresis).
 */
export class HealthAlerts {
  private readonly samples: HealthSample[] = [];
  private readonly losses: { kind: LossKind; at: number; entries: number }[] = [];
  private failingSince: number | null = null;
  private stall: { since: number; until: number | null } | null = null;

  constructor(private readonly limits: HealthLimits) {}

  add(sample: HealthSample): void {
    this.samples.push(sample);
    while (this.samples.length > 1 && this.samples[0]!.at < sample.at - 60_000) this.samples.shift();
  }

  /** Entries lost (or a stream deleted, whatever it held) found at `at`. */
  loss(kind: LossKind, entries: number, at: number): void {
    this.losses.push({ kind, at, entries });
  }

  /** Ingest failed at `at` (an attempt), or went through again (`failing` false). */
  ingest(failing: boolean, at: number): void {
    if (failing) {
      this.failingSince ??= at;
      if (at - this.failingSince >= STALL_MS) this.stall = { since: this.failingSince, until: null };
    } else {
      this.failingSince = null;
      if (this.stall && this.stall.until === null) this.stall.until = at;
    }
  }

  observations(at: number): Observation[] {
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
      reasons: [{ detector: OWN_REASONS.ingest, feature, observed, expected, contribution: score }],
    });
    while (this.losses.length && this.losses[0]!.at < at - REMEMBER_MS) this.losses.shift();
    for (const kind of Object.keys(FEATURES) as LossKind[]) {
      const recent = this.losses.filter((l) => l.kind === kind);
      if (recent.length === 0) continue;
      const entries = recent.reduce((n, l) => n + l.entries, 0);
      // a stream deleted with nothing known unread: the deletion itself is the finding ("1 input stream deleted",
      // not "0 unread entries deleted vs 0 expected (+90)"), and weighs less than entries lost
      if (kind === 'input-stream-deleted' && entries === 0)
        out.push(obs(kind, 'input_streams_deleted', recent.length, 0, 70));
      else out.push(obs(kind, FEATURES[kind], entries, 0, 90));
    }
    if (this.stall && this.stall.until !== null && this.stall.until < at - REMEMBER_MS) this.stall = null;
    if (this.stall) {
      const seconds = Math.round(((this.stall.until ?? at) - this.stall.since) / 1000);
      out.push(obs('ingest-stalled', 'seconds_failing', seconds, 0, 80));
    }
    const last = this.samples.at(-1);
    const first = this.samples[0];
    if (!last || !first) return out;
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
    const minutes = Math.max((last.at - first.at) / 60_000, 1 / 60);
    const perMin = (last.rejected - first.rejected) / minutes;
    if (last.at - first.at >= 5_000 && perMin > this.limits.dlqPerMin) {
      out.push(obs('dlq-growth', 'dead_letters_per_min', Math.round(perMin), this.limits.dlqPerMin, 70));
    }
    return out;
  }
}
