/**
 * @module Alert facts in words: disposition, snooze, the disposition a resolve's audit record carries, and the
 * audit trail's system notes with features in words.
 */
import type { Alert, Disposition } from '../../../../shared/schemas/alert.js';
import { isSnoozed } from '../../../../shared/schemas/alert.js';
import type { AuditRecord } from '../../../../shared/schemas/audit.js';
import { featureLabel } from '../../lib/feature-label.js';
import { formatClock, formatFeatureValue } from '../../lib/format.js';

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  true_positive: 'True positive',
  benign: 'Benign',
  false_positive: 'False positive',
};

/** "False positive"; an unknown value as it came; null for none. */
export function dispositionLabel(d: string | null | undefined): string | null {
  if (!d) return null;
  return DISPOSITION_LABELS[d as Disposition] ?? d;
}

/** The disposition on a resolve's audit record, from its `detail` JSON text (`{"disposition":…}`). */
export function auditDisposition(r: AuditRecord): string | null {
  const detail = r.detail;
  if (detail === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(detail);
    const d = (parsed as { disposition?: unknown } | null)?.disposition;
    return typeof d === 'string' ? d : null;
  } catch {
    return null;
  }
}

const utcClock = (t: number) => `${formatClock(t)} UTC`;

/** "until 14:05:00 UTC or until score > 82"; null when the alert is not snoozed. */
export function snoozeText(a: Alert, now: number, time: (t: number) => string = utcClock): string | null {
  if (!isSnoozed(a, now)) return null;
  const parts: string[] = [];
  if (a.snoozedUntil !== null && a.snoozedUntil > now) parts.push(`until ${time(a.snoozedUntil)}`);
  if (a.snoozedAbove !== null) parts.push(`until score > ${Math.round(a.snoozedAbove)}`);
  return parts.join(' or ');
}

/**
 * A system note of the audit trail as a screen shows it: the raise summary the server writes
 * ("scan distinct_ports_10s: 139 vs 2 expected (score 96)") with the feature in words and its values in units.
 */
export function auditNoteText(note: string): string {
  const m = /^(\S+) (.+?): (-?[\d.e+]+) vs (-?[\d.e+]+) expected \(score ([\d.]+)\)$/.exec(note);
  if (!m) return note;
  const [, detector, feature, observed, expected, score] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return `${featureLabel(detector, feature)} ${formatFeatureValue(detector, feature, Number(observed))} vs ${formatFeatureValue(detector, feature, Number(expected))} expected (score ${score})`;
}
