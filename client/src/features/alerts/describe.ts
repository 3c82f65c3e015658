/** @module Alert facts in words: disposition, snooze, and the disposition a resolve's audit record carries. */
import type { Alert, Disposition } from '../../../../shared/schemas/alert.js';
import { isSnoozed } from '../../../../shared/schemas/alert.js';
import type { AuditRecord } from '../../../../shared/schemas/audit.js';
import { formatClock } from '../../lib/format.js';

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
