/** @module Alert action payloads as they arrive over HTTP or the socket, validated into `AlertAction`s. */
import { z } from 'zod';
import type { AlertActionName } from '../../shared/permissions.js';
import { DISPOSITIONS } from '../../shared/schemas/alert.js';
import { badRequest } from '../errors.js';
import type { AlertAction } from './state-machine.js';

const note = z.string().trim().min(1, 'a note is required').max(4000);
const version = z.number().int().positive().optional();

const schemas = {
  ack: z.object({
    note,
    version,
    expiresInMinutes: z.number().int().min(1).max(10_080).optional(),
    takeover: z.boolean().optional(),
  }),
  release: z.object({ note: z.string().trim().max(4000).optional(), version }),
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
    .refine(
      (s) => s.minutes !== undefined || s.until !== undefined || s.untilPeak,
      'snooze needs minutes, until or untilPeak',
    ),
  note: z.object({ text: z.string().trim().min(1, 'text is required').max(4000) }),
} as const satisfies Record<AlertActionName, z.ZodType>;

export type ActionName = AlertActionName;

/** Own keys only: `constructor`, `__proto__`, `toString` and the like are not actions. */
export function isActionName(s: string): s is ActionName {
  return Object.hasOwn(schemas, s);
}

/** Validates a payload for `name`; throws a 400 AppError naming the first problem. */
export function parseAction(name: ActionName, body: unknown): AlertAction {
  const parsed = schemas[name].safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badRequest(`${issue.path.join('.') || name}: ${issue.message}`);
  }
  return { type: name, ...parsed.data } as AlertAction;
}
