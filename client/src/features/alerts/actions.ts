/** @module Alert actions as the server takes them (server/alerts/action-schemas.ts): which need a note, the request body, the call. */
import { z } from 'zod';
import { alertSchema } from '../../../../shared/schemas/alert.js';
import type { AlertAction, Disposition } from '../../lib/api.js';
import { request } from '../../lib/request.js';

export type DialogAction = AlertAction | 'bulk-ack' | 'bulk-resolve';

/** Every action but `release` is refused without a note (`note` calls it `text`). */
export const NOTE_REQUIRED: ReadonlySet<DialogAction> = new Set<DialogAction>([
  'ack',
  'escalate',
  'resolve',
  'snooze',
  'note',
  'bulk-ack',
  'bulk-resolve',
]);

export interface ActionValues {
  note: string;
  disposition?: Disposition;
  minutes?: number;
  /** Snooze: also wake when the score rises above its peak. */
  untilPeak?: boolean;
  expiresInMinutes?: number;
  takeover?: boolean;
}

/** The POST body for one alert's action at `version`. */
export function actionBody(action: AlertAction, v: ActionValues, version: number): Record<string, unknown> {
  if (action === 'note') return { text: v.note };
  const body: Record<string, unknown> = { note: v.note, version };
  if (v.disposition) body.disposition = v.disposition;
  if (v.minutes) body.minutes = v.minutes;
  if (v.untilPeak) body.untilPeak = true;
  if (v.expiresInMinutes) body.expiresInMinutes = v.expiresInMinutes;
  if (v.takeover) body.takeover = true;
  return body;
}

/** The rule a false-positive resolve suggests (server `suggestRule`). */
export const suggestedRuleSchema = z.object({
  entity: z.string(),
  detector: z.string(),
  segment: z.string(),
  reason: z.string(),
  expiresAt: z.number(),
});
export type SuggestedRule = z.infer<typeof suggestedRuleSchema>;

const actAnswerSchema = z.object({ alert: alertSchema, suggestedRule: suggestedRuleSchema.optional() });

/** `POST /api/alerts/:id/:action`, keeping the suggested rule a false positive brings. */
export function act(id: string, action: AlertAction, body: Record<string, unknown>) {
  return request(`/api/alerts/${encodeURIComponent(id)}/${action}`, actAnswerSchema, {
    method: 'POST',
    body,
  });
}
