/**
 * @module Typed calls for the admin endpoints (users, display tokens, settings, webhook deliveries, DLQ). Shapes
 * the shared schemas do not describe yet are validated here with loose schemas.
 */
import { z } from 'zod';
import { roleSchema } from '../../../../shared/roles.js';
import { REJECT_REASONS } from '../../../../shared/schemas/telemetry.js';
import { request } from '../../lib/request.js';

export const userSchema = z.looseObject({
  username: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.number().optional(),
});
export type User = z.infer<typeof userSchema>;

export const displayTokenSchema = z.looseObject({
  id: z.string(),
  label: z.string(),
  segments: z.array(z.string()),
  createdAt: z.number(),
  createdBy: z.string().optional(),
});
export type DisplayToken = z.infer<typeof displayTokenSchema>;

export const createdTokenSchema = z.object({
  token: displayTokenSchema,
  secret: z.string(),
  url: z.string(),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;

export const settingsSchema = z.looseObject({
  raise: z.number(),
  raiseHoldMs: z.number(),
  clear: z.number(),
  clearHoldMs: z.number(),
  webhooks: z.array(z.string()),
});
export type Settings = z.infer<typeof settingsSchema>;

export const deliverySchema = z.looseObject({
  at: z.number(),
  url: z.string(),
  event: z.string(),
  alertId: z.string().optional().nullable(),
  attempt: z.number(),
  ok: z.boolean(),
  status: z.number().optional().nullable(),
  error: z.string().optional().nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export { REJECT_REASONS };
export type RejectReason = (typeof REJECT_REASONS)[number];

export const dlqItemSchema = z.looseObject({
  id: z.string(),
  source: z.string(),
  entryId: z.string(),
  reason: z.string(),
  detail: z.string(),
  raw: z.string(),
  at: z.number(),
});
export type DlqItem = z.infer<typeof dlqItemSchema>;

export const dlqPageSchema = z.object({
  items: z.array(dlqItemSchema),
  nextCursor: z.string().nullable(),
  total: z.number(),
});
export type DlqPage = z.infer<typeof dlqPageSchema>;

export const requeueResultSchema = z.object({
  requeued: z.number(),
  failed: z.array(z.looseObject({ id: z.string(), message: z.string() })),
});
export type RequeueResult = z.infer<typeof requeueResultSchema>;

const ok = z.unknown();
const name = (n: string) => encodeURIComponent(n);

export const adminApi = {
  users: (signal?: AbortSignal) =>
    request('/api/users', z.object({ users: z.array(userSchema) }), { signal }).then((a) => a.users),
  addUser: (body: { username: string; role: string; password: string }) =>
    request('/api/users', z.object({ user: userSchema }), { method: 'POST', body }).then((a) => a.user),
  setDisabled: (username: string, disabled: boolean) =>
    request(`/api/users/${name(username)}/${disabled ? 'disable' : 'enable'}`, ok, {
      method: 'POST',
      body: {},
    }),
  setPassword: (username: string, password: string) =>
    request(`/api/users/${name(username)}/password`, ok, { method: 'POST', body: { password } }),

  tokens: (signal?: AbortSignal) =>
    request('/api/display-tokens', z.object({ tokens: z.array(displayTokenSchema) }), { signal }).then(
      (a) => a.tokens,
    ),
  createToken: (label: string, segments: string[]) =>
    request('/api/display-tokens', createdTokenSchema, { method: 'POST', body: { label, segments } }),
  revokeToken: (id: string) => request(`/api/display-tokens/${name(id)}`, ok, { method: 'DELETE' }),

  settings: (signal?: AbortSignal) =>
    request('/api/settings', z.object({ settings: settingsSchema }), { signal }).then((a) => a.settings),
  saveSettings: (patch: Partial<Settings>) =>
    request('/api/settings', z.object({ settings: settingsSchema }), { method: 'PUT', body: patch }).then(
      (a) => a.settings,
    ),
  deliveries: (signal?: AbortSignal) =>
    request('/api/webhooks/deliveries', z.object({ deliveries: z.array(deliverySchema) }), { signal }).then(
      (a) => a.deliveries,
    ),

  dlq: (q: { reason?: string; cursor?: string; limit?: number }, signal?: AbortSignal) => {
    const p = new URLSearchParams();
    if (q.reason) p.set('reason', q.reason);
    if (q.cursor) p.set('cursor', q.cursor);
    if (q.limit) p.set('limit', String(q.limit));
    const s = p.toString();
    return request(`/api/dlq${s ? `?${s}` : ''}`, dlqPageSchema, { signal });
  },
  requeue: (selection: { ids: string[] } | { reason: string } | { all: true }) =>
    request('/api/dlq/requeue', requeueResultSchema, { method: 'POST', body: selection }),
};

/** The message to show for a failed call. */
export function errorText(e: unknown, fallback: string): string {
  return e instanceof Error && e.message ? e.message : fallback;
}
