/**
 * @module What the alert counts mean, once, for every screen that shows them: unresolved = waiting + snoozed +
 * acknowledged (each unresolved alert in exactly one of the three), and by severity among the unresolved.
 * Escalated is a flag on an unresolved alert, counted apart (it is not a fourth state).
 */
import type { Alert, Severity } from '../../../../shared/schemas/alert.js';
import { claimHolder, isSnoozed } from '../../../../shared/schemas/alert.js';

export interface AlertCounts {
  /** Not resolved: waiting + snoozed + acknowledged. */
  unresolved: number;
  /** Open, nobody has claimed it, not snoozed: someone should pick it up. */
  waiting: number;
  /** Open and snoozed (hidden until a time or until the score gets worse). */
  snoozed: number;
  /** Claimed by a lead (acknowledged). */
  acknowledged: number;
  /** Unresolved alerts with the escalated flag (also counted in one of the three above). */
  escalated: number;
  /** Unresolved alerts by severity (they add up to `unresolved`). */
  bySeverity: Record<Severity, number>;
}

/** Counts of `alerts` at `now`; `where` narrows them (a segment, a display's segments). */
export function alertCounts(
  alerts: Iterable<Alert>,
  now: number,
  where: (a: Alert) => boolean = () => true,
): AlertCounts {
  const c: AlertCounts = {
    unresolved: 0,
    waiting: 0,
    snoozed: 0,
    acknowledged: 0,
    escalated: 0,
    bySeverity: { critical: 0, high: 0, medium: 0 },
  };
  for (const a of alerts) {
    if (a.state === 'resolved' || !where(a)) continue;
    c.unresolved++;
    if (a.state === 'acknowledged') c.acknowledged++;
    else if (isSnoozed(a, now)) c.snoozed++;
    else c.waiting++;
    if (a.escalated) c.escalated++;
    c.bySeverity[a.severity]++;
  }
  return c;
}

/** One alert's place in those counts, as a word. */
export type AlertStanding = 'waiting' | 'snoozed' | 'acknowledged' | 'resolved';
export function alertStanding(a: Alert, now: number): AlertStanding {
  if (a.state === 'resolved') return 'resolved';
  if (a.state === 'acknowledged') return 'acknowledged';
  return isSnoozed(a, now) ? 'snoozed' : 'waiting';
}

/**
 * The person an alert's standing names: who resolved it, or who holds its claim; null for a waiting or snoozed alert
 * (its `owner` outlives a claim: a resolved alert showed the lead who had claimed it, not the one who resolved it).
 */
export function standingPerson(a: Alert): string | null {
  return a.state === 'resolved' ? a.resolvedBy : claimHolder(a);
}
