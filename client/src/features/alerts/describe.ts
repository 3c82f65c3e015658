/**
 * @module Alert facts in words: disposition, snooze, the disposition a resolve's audit record carries, and the
 * audit trail's system notes with features in words.
 */
import type { Alert, Disposition } from '../../../../shared/schemas/alert.js';
import { isSnoozed, shownScore } from '../../../../shared/schemas/alert.js';
import {
  type AuditRecord,
  expireAuditDetailSchema,
  type RaiseAuditDetail,
  raiseAuditDetailSchema,
  unsnoozeAuditDetailSchema,
  type WebhookAuditDetail,
  webhookAuditDetailSchema,
} from '../../../../shared/schemas/audit.js';
import { t } from '../../i18n/index.js';
import { words } from '../../i18n/words.js';
import { webhookEventName } from '../../labels/audit.js';
import { featureLabel } from '../../lib/feature-label.js';
import { formatClock, formatFeatureValue, formatInteger } from '../../lib/format.js';

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
 * an expired claim, a webhook delivery, a hand-off) in the screens' language, from the record's structured `detail`;
 * a record written before its detail existed from its English note.
 */
export function auditNote(r: Pick<AuditRecord, 'actor' | 'action' | 'note' | 'detail'>): string | null {
  if (!r.note) return null;
  const d = detailOf(r);
  switch (r.action) {
    case 'alert.export':
      if (d.format === 'stix' || d.format === 'misp')
        return t('auditNote.exported', { format: t(`handoff.${d.format}`) });
      break;
    case 'alert.thehive':
      if (typeof d.theHiveId === 'string') return t('auditNote.theHive', { id: d.theHiveId });
      break;
    case 'alert.thehive.failed': {
      // the other side's words stay as they came
      const answered = /^TheHive answered (\d+): ([\s\S]*)$/.exec(r.note);
      if (answered) return t('auditNote.theHiveAnswered', { status: answered[1], text: answered[2] });
      const unreachable = /^TheHive unreachable: ([\s\S]*)$/.exec(r.note);
      if (unreachable) return t('auditNote.theHiveUnreachable', { text: unreachable[1] });
      break;
    }
    case 'alert.raise': {
      const raise = raiseAuditDetailSchema.safeParse(d);
      if (raise.success) return raiseText(raise.data);
      break;
    }
    case 'webhook.delivered':
    case 'webhook.failed': {
      const sent = webhookAuditDetailSchema.safeParse(d);
      if (sent.success) return webhookNote(sent.data, r.action === 'webhook.delivered');
      break;
    }
    case 'alert.expire': {
      const expired = expireAuditDetailSchema.safeParse(d);
      if (expired.success) return t('server.note.claim_expired', { owner: expired.data.owner });
      break;
    }
    case 'alert.unsnooze': {
      const woke = unsnoozeAuditDetailSchema.safeParse(d);
      if (woke.success) return t('server.note.snooze_passed_peak', { score: scoreText(woke.data.score) });
      break;
    }
  }
  return r.actor === 'system' ? auditNoteText(r.note) : r.note;
}

/** A score in a note: whole points (`shownScore`) in the screens' number format, as every other score. */
const scoreText = (score: number) => formatInteger(shownScore(score));

/** "distinct destination ports in 10 s 139 vs 2 expected (score 96)": the raise record's reason and score. */
function raiseText(d: RaiseAuditDetail): string {
  const { detector, feature, observed, expected } = d;
  if (detector === undefined || feature === undefined || observed === undefined || expected === undefined)
    return t('auditNote.raisedAt', { score: scoreText(d.score) });
  return t('reason.raised', {
    feature: featureLabel(detector, feature),
    observed: formatFeatureValue(detector, feature, observed),
    expected: formatFeatureValue(detector, feature, expected),
    score: scoreText(d.score),
  });
}

/** "new critical alert to https://hooks.example/… (attempt 1)", and how a failure ended: its HTTP status or error. */
function webhookNote(d: WebhookAuditDetail, delivered: boolean): string {
  const params = { event: webhookEventName(d.event), url: d.url, attempt: d.attempt };
  if (delivered) return t('auditNote.webhookSent', params);
  if (d.status > 0) return t('auditNote.webhookAnswered', { ...params, status: d.status });
  // the network's own words (a refused connection, a timeout) stay as they came
  return t('auditNote.webhookUnreachable', { ...params, text: d.error ?? '' });
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
 * A system note of the audit trail as a screen shows it, for records written before their `detail` carried its facts:
 * the raise summary the server writes ("scan distinct_ports_10s: 139 vs 2 expected (score 96.2)") with the feature in
 * words, its values in units and the score in whole points.
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
    score: scoreText(Number(score)),
  });
}

/**
 * The audit trail's other system notes (a claim that expired, a webhook sent, a snooze the score woke), in the screens'
 * language, for records written before their `detail`.
 */
function systemNoteText(note: string): string {
  const raisedAt = /^score (\d+(?:\.\d+)?)$/.exec(note);
  if (raisedAt) return t('auditNote.raisedAt', { score: scoreText(Number(raisedAt[1])) });
  const expired = /^claim by (.+) expired$/.exec(note);
  if (expired) return t('server.note.claim_expired', { owner: expired[1] });
  const sent = /^(alert\.\w+) to (\S+) \(attempt (\d+)\)(?:: ([\s\S]*))?$/.exec(note);
  if (sent) {
    const [, event, url, attempt, error] = sent as unknown as [
      string,
      string,
      string,
      string,
      string | undefined,
    ];
    const status = error ? Number(/^HTTP (\d+)$/.exec(error)?.[1] ?? 0) : 200;
    const d = webhookAuditDetailSchema.safeParse({ event, url, attempt: Number(attempt), status, error });
    if (d.success) return webhookNote(d.data, !error);
  }
  const woke = /^score (\d+(?:\.\d+)?) passed the peak it was snoozed at$/.exec(note);
  if (woke) return t('server.note.snooze_passed_peak', { score: scoreText(Number(woke[1])) });
  return note;
}
