/** @module Alert JSON (DESIGN.md, "Alerts"). */
import { z } from 'zod';
import { reasonSchema } from './score.js';

export const SEVERITIES = ['critical', 'high', 'medium'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export const DISPOSITIONS = ['true_positive', 'benign', 'false_positive'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const alertNoteSchema = z.object({ at: z.number(), author: z.string(), text: z.string() });

export const alertSchema = z.object({
  id: z.string(),
  key: z.string(),
  detector: z.string(),
  entity: z.object({ type: z.enum(['host', 'segment', 'sensor', 'system']), id: z.string() }),
  segment: z.string(),
  severity: z.enum(SEVERITIES),
  state: z.enum(ALERT_STATES),
  version: z.number(),
  score: z.number(),
  peakScore: z.number(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  count: z.number(),
  reasons: z.array(reasonSchema),
  owner: z.string().nullable(),
  ackedAt: z.number().nullable(),
  ackExpiresAt: z.number().nullable(),
  escalated: z.boolean(),
  snoozedUntil: z.number().nullable(),
  notes: z.array(alertNoteSchema),
  previousId: z.string().nullable(),
  /** Snoozed until the score rises above this (the peak when snoozed "until it gets worse"). */
  snoozedAbove: z.number().nullable(),
  /** Set when resolved. */
  resolvedAt: z.number().nullable(),
  resolvedBy: z.string().nullable(),
  disposition: z.enum(['true_positive', 'benign', 'false_positive']).nullable(),
  /** True while the evidence is above the clear threshold (the current episode goes on). */
  active: z.boolean(),
});
export type Alert = z.infer<typeof alertSchema>;

/** The lowest score of each severity band (server/alerts/alert-rule.ts applies them with the raise threshold). */
export const SEVERITY_FLOORS: Readonly<Record<Severity, number>> = Object.freeze({
  critical: 90,
  high: 75,
  medium: 60,
});

/** Severity from a score: ≥ 90 critical, ≥ 75 high, ≥ 60 medium; below the medium band, none. */
export function severityOf(score: number): Severity | null {
  if (score >= SEVERITY_FLOORS.critical) return 'critical';
  if (score >= SEVERITY_FLOORS.high) return 'high';
  if (score >= SEVERITY_FLOORS.medium) return 'medium';
  return null;
}
