/** @module Alert JSON (DESIGN.md, "Alerts"). */
import { z } from 'zod';
import { textParamsSchema } from '../locale.js';
import { reasonSchema } from './score.js';

export const SEVERITIES = ['critical', 'high', 'medium'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export const DISPOSITIONS = ['true_positive', 'benign', 'false_positive'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** The lead action whose reason a note is (absent on a plain note, a system note, and notes stored before). */
export const NOTE_ACTIONS = ['ack', 'takeover', 'release', 'escalate', 'resolve', 'snooze'] as const;
export type NoteAction = (typeof NOTE_ACTIONS)[number];

/**
 * The longest note a person writes on an alert (an action's reason or a plain note), in characters once trimmed: the
 * server refuses a longer one, and the screens' note fields allow exactly this many.
 */
export const ALERT_NOTE_MAX = 4000;
/**
 * The most plain notes (not an action's reason) one alert keeps: every change sends the whole alert to every screen,
 * and 300 notes of 4,000 characters made one alert 1.2 MB and a snapshot 1.5 MB. An action's reason is always taken
 * (a lead is never stopped from acting).
 */
export const ALERT_PLAIN_NOTES_MAX = 100;

export const alertNoteSchema = z.object({
  at: z.number(),
  author: z.string(),
  /** English for a system note (what programs read); a person's note as written. */
  text: z.string(),
  /** A system note's text as a catalogue key (`server.<key>`) and its parameters, for screens. */
  key: z.string().optional(),
  params: textParamsSchema.optional(),
  action: z.enum(NOTE_ACTIONS).optional(),
});

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
  disposition: z.enum(DISPOSITIONS).nullable(),
  /** True while the evidence is above the clear threshold (the current episode goes on). */
  active: z.boolean(),
  /** The reasons that raised the alert (set once; absent from alerts stored before it existed). */
  raiseReasons: z.array(reasonSchema).default([]),
  /** The reasons at the highest score so far (`peakScore`). */
  peakReasons: z.array(reasonSchema).default([]),
});
export type Alert = z.infer<typeof alertSchema>;

/**
 * How long after its resolution an alert still explains a score in an alert band with no unresolved alert behind it
 * (and comes with a screen's snapshot): an hour, the longest a detector holds its evidence (the scan detector's paced
 * window of refused ports), so a port-scan host resolved by a lead can stay critical that long.
 */
export const RESOLVED_EXPLAINS_MS = 3_600_000;
/** At most this many recently resolved alerts come with a snapshot, newest first. */
export const RESOLVED_IN_SNAPSHOT = 100;

/**
 * The `detector` of reasons no detector gives: an asset's criticality added to its host's score, and Watchfloor's own
 * health (ingest, the geo databases). Alerts carry them like any other; a hunt for behaviour does not offer them.
 */
export const OWN_REASONS = { asset: 'asset', ingest: 'ingest', geo: 'geo' } as const;
export const isOwnReason = (detector: string): boolean =>
  (Object.values(OWN_REASONS) as string[]).includes(detector);

/**
 * Who holds an alert's claim: its owner while it is acknowledged, else nobody (`owner` outlives the claim on a
 * resolved alert). Refusals, the queue's owner filter and every screen ask this.
 */
export const claimHolder = (a: Pick<Alert, 'state' | 'owner'>): string | null =>
  a.state === 'acknowledged' ? a.owner : null;

/** Lowest score of each severity band (DESIGN.md "Alerts"). */
export const SEVERITY_BANDS = { critical: 90, high: 75, medium: 60 } as const satisfies Record<
  Severity,
  number
>;
export const severityBandsSchema = z.object({ critical: z.number(), high: z.number(), medium: z.number() });
export type SeverityBands = z.infer<typeof severityBandsSchema>;

/**
 * A score as every screen shows it: whole points. Bands and severities judge this number, so that a score shown as 90
 * is never called high beside it (89.6 was) and the word always agrees with the figure.
 */
export const shownScore = (score: number): number => Math.round(score);

/**
 * What an alert's score reads as now: its score as shown while its episode goes on, none (null) once the episode is
 * over (`active` false; its score is then the one it ended at, not the entity's now, which may be 0). The queue, an
 * alert's page, the handover and the wall's takeover all ask this, so that no screen prints "score 20" for an
 * episode that ended beside a host at 0.
 */
export const alertScoreNow = (a: Pick<Alert, 'active' | 'score'>): number | null =>
  a.active ? shownScore(a.score) : null;

/**
 * Severity from a score as shown ({@link shownScore}): ≥ 90 critical, ≥ 75 high, ≥ 60 medium (the bands given, else
 * the defaults); else none.
 */
export function severityOf(score: number, bands: SeverityBands = SEVERITY_BANDS): Severity | null {
  const shown = shownScore(score);
  if (shown >= bands.critical) return 'critical';
  if (shown >= bands.high) return 'high';
  if (shown >= bands.medium) return 'medium';
  return null;
}

/**
 * Snoozed: until its time, or (with no time) until the score passes `snoozedAbove` ("1 h or until worse" ends at
 * 1 h); never once resolved. The server's `?snoozed=` filter and every screen use this one rule.
 */
export function isSnoozed(a: Pick<Alert, 'state' | 'snoozedUntil' | 'snoozedAbove'>, now: number): boolean {
  if (a.state === 'resolved') return false;
  return a.snoozedUntil !== null ? a.snoozedUntil > now : a.snoozedAbove !== null;
}
