/**
 * @module What a client sends to act on alerts (HTTP `POST /api/alerts/:id/:action`, bulk, and the socket's
 * `alert:*` events) and what it gets back; the server turns a valid body into a state-machine action.
 */
import { z } from 'zod';
import { TACTICS, techniqueIdSchema } from '../attack.js';
import { textParamsSchema } from '../locale.js';
import { ALERT_NOTE_MAX, ALERT_STATES, alertSchema, DISPOSITIONS } from './alert.js';
import { queryFlag } from './api.js';
import { auditRecordSchema } from './audit.js';
import { suggestedRuleSchema } from './rules.js';

const note = z.string().trim().min(1, 'a note is required').max(ALERT_NOTE_MAX);
const version = z.number().int().positive().optional();

/** The body of each action, by name. */
export const ALERT_ACTION_BODIES = {
  ack: z.object({
    note,
    version,
    expiresInMinutes: z.number().int().min(1).max(10_080).optional(),
    takeover: z.boolean().optional(),
  }),
  release: z.object({ note: z.string().trim().max(ALERT_NOTE_MAX).optional(), version }),
  escalate: z.object({ note, version }),
  resolve: z.object({ note, version, disposition: z.enum(DISPOSITIONS) }),
  snooze: z
    .object({
      note,
      version,
      minutes: z.number().int().min(1).max(43_200).optional(),
      until: z.number().int().positive().optional(),
      untilPeak: z.boolean().optional(),
    })
    .refine((s) => s.minutes !== undefined || s.until !== undefined || s.untilPeak, {
      message: 'snooze needs minutes, until or untilPeak',
      params: { text: 'snooze_needs' },
    }),
  note: z.object({ text: z.string().trim().min(1, 'text is required').max(ALERT_NOTE_MAX) }),
} as const;

export type AlertActionName = keyof typeof ALERT_ACTION_BODIES;
export const ALERT_ACTION_NAMES = Object.keys(ALERT_ACTION_BODIES) as AlertActionName[];
export type AlertActionBody<A extends AlertActionName> = z.input<(typeof ALERT_ACTION_BODIES)[A]>;
/** Any action's body (the union of them all), as the HTTP route takes it before it knows the action. */
export type AnyAlertActionBody = AlertActionBody<AlertActionName>;

/** `POST /api/alerts/:id/:action` answer; a false-positive resolve brings the rule it suggests. */
export const alertActionAnswerSchema = z.object({
  alert: alertSchema,
  suggestedRule: suggestedRuleSchema.optional(),
});

export const BULK_ACTIONS = ['ack', 'escalate', 'resolve', 'snooze', 'release', 'note'] as const;

/** Ids one bulk request takes (a screen acting on more sends several). */
export const BULK_MAX_IDS = 1000;

/** `POST /api/alerts/bulk`: the ids, or every unresolved alert of a segment and/or detector, and the action's body. */
export const bulkBodySchema = z
  .object({
    ids: z.array(z.string().max(32)).max(BULK_MAX_IDS).optional(),
    // a group names a segment, a detector or both: an empty one would be every unresolved alert of the network
    group: z
      .object({
        segment: z.string().min(1).max(64).optional(),
        detector: z.string().min(1).max(64).optional(),
      })
      .refine((g) => g.segment !== undefined || g.detector !== undefined, {
        message: 'a group names a segment or a detector',
        params: { text: 'group_needs' },
      })
      .optional(),
    action: z.enum(BULK_ACTIONS),
  })
  .passthrough()
  .refine((b) => b.ids || b.group, { message: 'bulk needs ids or a group', params: { text: 'bulk_needs' } });
export type BulkBody = z.input<typeof bulkBodySchema>;

export const bulkAnswerSchema = z.object({
  alerts: z.array(alertSchema),
  /** `error` in English; `key` and `params`: the same for screens (`server.<key>`), where the server has one. */
  failed: z.array(
    z.object({
      id: z.string(),
      error: z.string(),
      key: z.string().optional(),
      params: textParamsSchema.optional(),
    }),
  ),
});
export type BulkAnswer = z.infer<typeof bulkAnswerSchema>;

/** `GET /api/alerts` query. */
export const alertListQuerySchema = z.object({
  state: z.enum(ALERT_STATES).optional(),
  segment: z.string().max(64).optional(),
  detector: z.string().max(64).optional(),
  owner: z.string().max(64).optional(),
  escalated: queryFlag.optional(),
  snoozed: queryFlag.optional(),
  /** Alerts whose reasons name this ATT&CK technique (or a sub-technique of it). */
  technique: techniqueIdSchema.optional(),
  /** Alerts whose reasons name a technique of this tactic (`command-and-control`). */
  tactic: z.enum(TACTICS).optional(),
  /** Resolved alerts since (epoch ms); default the last 24 h. */
  since: z.coerce.number().int().nonnegative().optional(),
});
export type AlertListQuery = z.output<typeof alertListQuerySchema>;

export const alertListSchema = z.object({ alerts: z.array(alertSchema) });

/** `GET /api/alerts/:id`: the alert and its audit history, oldest first. */
export const alertDetailSchema = z.object({ alert: alertSchema, history: z.array(auditRecordSchema) });
