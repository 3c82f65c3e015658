/**
 * @module Alert facts in words: disposition, snooze, the disposition a resolve's audit record carries, and the
 * audit trail's system notes with features in words.
 */
import type { Alert, Disposition } from '../../../../shared/schemas/alert.js';
import { isSnoozed } from '../../../../shared/schemas/alert.js';
import type { AuditRecord } from '../../../../shared/schemas/audit.js';
import { t } from '../../i18n/index.js';
import { words } from '../../i18n/words.js';
import { featureLabel } from '../../lib/feature-label.js';
import { formatClock, formatFeatureValue } from '../../lib/format.js';

export const DISPOSITION_LABELS: Readonly<Record<Disposition, string>> = words({
  true_positive: 'disposition.true_positive',
  benign: 'disposition.benign',
  false_positive: 'disposition.false_positive',
});

/** "False positive"; an unknown value as it came; null for none. */
export function dispositionLabel(d: string | null | undefined): string | null {
  if (!d) return null;
  return Object.hasOwn(DISPOSITION_LABELS, d) ? DISPOSITION_LABELS[d as Disposition] : d;
}

/** An audit record's `detail` JSON text as an object ({} when absent or not JSON). */
function detailOf(r: Pick<AuditRecord, 'detail'>): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(r.detail ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * An audit record's note as the history shows it: a person's note as written; the server's own notes (a raise summary,
 * an expired claim, a hand-off) in the screens' language, from the record's structured `detail` where it has one.
 */
export function auditNote(r: Pick<AuditRecord, 'actor' | 'action' | 'note' | 'detail'>): string | null {
  if (!r.note) return null;
  const d = detailOf(r);
  if (r.action === 'alert.export' && (d.format === 'stix' || d.format === 'misp')) {
    return t('auditNote.exported', { format: t(`handoff.${d.format}`) });
  }
  if (r.action === 'alert.thehive' && typeof d.theHiveId === 'string') {
    return t('auditNote.theHive', { id: d.theHiveId });
  }
  if (r.action === 'alert.thehive.failed') {
    // the other side's words stay as they came
    const answered = /^TheHive answered (\d+): ([\s\S]*)$/.exec(r.note);
    if (answered) return t('auditNote.theHiveAnswered', { status: answered[1], text: answered[2] });
    const unreachable = /^TheHive unreachable: ([\s\S]*)$/.exec(r.note);
    if (unreachable) return t('auditNote.theHiveUnreachable', { text: unreachable[1] });
  }
  return r.actor === 'system' ? auditNoteText(r.note) : r.note;
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

const utcClock = (at: number) => `${formatClock(at)} UTC`;

/** "until 14:05:00 UTC or until score > 82"; null when the alert is not snoozed. */
export function snoozeText(a: Alert, now: number, time: (t: number) => string = utcClock): string | null {
  if (!isSnoozed(a, now)) return null;
  const parts: string[] = [];
  if (a.snoozedUntil !== null && a.snoozedUntil > now)
    parts.push(t('snooze.until', { time: time(a.snoozedUntil) }));
  if (a.snoozedAbove !== null) parts.push(t('snooze.untilScore', { score: Math.round(a.snoozedAbove) }));
  return parts.join(t('snooze.or'));
}

/**
 * A system note of the audit trail as a screen shows it: the raise summary the server writes
 * ("scan distinct_ports_10s: 139 vs 2 expected (score 96)") with the feature in words and its values in units.
 */
export function auditNoteText(note: string): string {
  const m = /^(\S+) (.+?): (-?[\d.e+]+) vs (-?[\d.e+]+) expected \(score ([\d.]+)\)$/.exec(note);
  if (!m) return systemNoteText(note);
  const [, detector, feature, observed, expected, score] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return t('reason.raised', {
    feature: featureLabel(detector, feature),
    observed: formatFeatureValue(detector, feature, Number(observed)),
    expected: formatFeatureValue(detector, feature, Number(expected)),
    score,
  });
}

/** The audit trail's other system notes (a claim that expired, a snooze the score woke), in the screens' language. */
function systemNoteText(note: string): string {
  const expired = /^claim by (.+) expired$/.exec(note);
  if (expired) return t('server.note.claim_expired', { owner: expired[1] });
  const woke = /^score (\d+(?:\.\d+)?) passed the peak it was snoozed at$/.exec(note);
  if (woke) return t('server.note.snooze_passed_peak', { score: woke[1] });
  return note;
}
