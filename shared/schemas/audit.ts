/** @module The audit trail's record and its query (`GET /api/audit`, DESIGN.md "HTTP contract"). */
import { z } from 'zod';
import { ROLES } from '../roles.js';

/**
 * Every action the server writes to the audit trail (a writer's `action` is typed by this list). Screens name each
 * from its catalogue (`auditAction.<action>`, dots and hyphens as `_`); a test holds that every language has them all.
 */
export const AUDIT_ACTIONS = [
  'alert.raise',
  'alert.ack',
  'alert.takeover',
  'alert.release',
  'alert.escalate',
  'alert.resolve',
  'alert.snooze',
  'alert.unsnooze',
  'alert.note',
  'alert.expire',
  'alert.export',
  'alert.thehive',
  'alert.thehive.failed',
  'webhook.delivered',
  'webhook.failed',
  'login',
  'login.failed',
  'login.refused',
  'login.totp-failed',
  'totp.enrol',
  'totp.remove',
  'totp.reset',
  'totp.recovery-used',
  'user.create',
  'user.disable',
  'user.enable',
  'user.password',
  'display-token.create',
  'display-token.revoke',
  'api-token.create',
  'api-token.revoke',
  'session.end',
  'session.end-all',
  'account-policy.update',
  'settings.update',
  'rule.create',
  'rule.delete',
  'host.note',
  'intel.refresh',
  'watchlist.add',
  'watchlist.remove',
  'hunt.create',
  'hunt.delete',
  'handover.summary',
  'handover.item.add',
  'handover.item.wall',
  'handover.item.close',
  'handover.hand-over',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The roles a record can name: a person's, a wall's (display token) and the server's own (`system`). */
export const AUDIT_ROLES = [...ROLES, 'display', 'system'] as const;

/** What a webhook is sent for. */
export const WEBHOOK_EVENTS = ['alert.critical', 'alert.escalated'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * A `webhook.delivered` / `webhook.failed` record's `detail`: the event, the URL without its secrets, the attempt, the
 * HTTP status (0 when none came) and, on a failure with no answer, the error as it came. Screens word it from these.
 */
export const webhookAuditDetailSchema = z.object({
  event: z.enum(WEBHOOK_EVENTS),
  url: z.string(),
  attempt: z.number().int(),
  status: z.number().int(),
  error: z.string().optional(),
});
export type WebhookAuditDetail = z.infer<typeof webhookAuditDetailSchema>;

/** An `alert.raise` record's `detail`: the score it was raised at and its strongest reason's facts, when it had one. */
export const raiseAuditDetailSchema = z.object({
  score: z.number(),
  detector: z.string().optional(),
  feature: z.string().optional(),
  observed: z.number().optional(),
  expected: z.number().optional(),
});
export type RaiseAuditDetail = z.infer<typeof raiseAuditDetailSchema>;

/** An `alert.expire` record's `detail` (whose claim expired) and an `alert.unsnooze` record's (the score that woke it). */
export const expireAuditDetailSchema = z.object({ owner: z.string() });
export const unsnoozeAuditDetailSchema = z.object({ score: z.number() });

export const auditRecordSchema = z.object({
  /** Stream entry id (assigned by Redis). */
  id: z.string(),
  at: z.number(),
  actor: z.string(),
  /** One of {@link AUDIT_ROLES}. */
  role: z.string(),
  /** One of {@link AUDIT_ACTIONS} (read as any text: a record written by another version stays readable). */
  action: z.string(),
  alertId: z.string().optional(),
  ruleId: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  note: z.string().optional(),
  /** Extra facts as JSON text (disposition, takeover, expiry…). */
  detail: z.string().optional(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export const AUDIT_FORMATS = ['json', 'csv', 'jsonl'] as const;

/** `GET /api/audit` query; `format=csv|jsonl` answers a download instead of `{records}`. */
export const auditQuerySchema = z.object({
  alert: z.string().max(32).optional(),
  actor: z.string().max(64).optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
  format: z.enum(AUDIT_FORMATS).default('json'),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditAnswerSchema = z.object({ records: z.array(auditRecordSchema) });
