/** @module The audit trail's record and its query (`GET /api/audit`, DESIGN.md "HTTP contract"). */
import { z } from 'zod';

export const auditRecordSchema = z.object({
  /** Stream entry id (assigned by Redis). */
  id: z.string(),
  at: z.number(),
  actor: z.string(),
  /** operator | lead | admin | display | system */
  role: z.string(),
  /** e.g. alert.ack, alert.resolve, rule.create, login, login.failed, webhook.failed */
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
