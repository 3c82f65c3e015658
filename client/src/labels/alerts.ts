/** @module How the screens name the alert counts and an alert's standing (one place, ready for the catalogues). */
import type { AlertStanding } from '../features/alerts/counts.js';
import type { MarkKind } from '../features/alerts/marks.js';

export const COUNT_LABEL = {
  unresolved: 'Unresolved alerts',
  waiting: 'waiting',
  snoozed: 'snoozed',
  acknowledged: 'acknowledged',
  escalated: 'escalated',
  critical: 'Critical unresolved',
  high: 'High unresolved',
} as const;

export const STANDING_LABEL: Readonly<Record<AlertStanding, string>> = {
  waiting: 'WAITING',
  snoozed: 'SNOOZED',
  acknowledged: 'ACKNOWLEDGED',
  resolved: 'RESOLVED',
};

/** Chart marks of alert moments: the letter on the chart and the word in its key. */
export const MARK_LOOK: Readonly<Record<MarkKind, { letter: string; word: string }>> = {
  raised: { letter: 'R', word: 'alert raised' },
  acknowledged: { letter: 'A', word: 'acknowledged' },
  resolved: { letter: 'X', word: 'resolved' },
};
