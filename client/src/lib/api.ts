/**
 * @module Typed calls for the alert, audit, rule, sensor, search and wall endpoints (DESIGN.md "HTTP
 * contract"). Answers the shared schemas do not describe yet are validated by the loose schemas here.
 */
import { z } from 'zod';
import { alertSchema } from '../../../shared/schemas/alert.js';
import { hostDetailSchema } from '../../../shared/schemas/api.js';
import { seriesPointSchema } from '../../../shared/schemas/frame.js';
import { request } from './request.js';

const bulkAnswerSchema = z.object({
  alerts: z.array(alertSchema),
  failed: z.array(z.looseObject({ id: z.string(), error: z.string() })),
});

export const alertListSchema = z.object({ alerts: z.array(alertSchema) });

export const auditRecordSchema = z.looseObject({
  id: z.string(),
  at: z.number(),
  actor: z.string(),
  role: z.string().optional(),
  action: z.string(),
  alertId: z.string().optional().nullable(),
  ruleId: z.string().optional().nullable(),
  from: z.string().optional().nullable(),
  to: z.string().optional().nullable(),
  note: z.string().optional().nullable(),
  disposition: z.string().optional().nullable(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export const alertDetailSchema = z.object({ alert: alertSchema, history: z.array(auditRecordSchema) });

export const ruleSchema = z.looseObject({
  id: z.string(),
  entity: z.string().optional().nullable(),
  detector: z.string().optional().nullable(),
  segment: z.string().optional().nullable(),
  reason: z.string(),
  author: z.string().optional(),
  createdAt: z.number().optional(),
  expiresAt: z.number(),
});
export type Rule = z.infer<typeof ruleSchema>;

export const sensorSchema = z.looseObject({
  sensor: z.string(),
  segment: z.string().optional().nullable(),
  lastSeen: z.number(),
  eventsPerSec: z.number(),
  silent: z.boolean(),
});
export type Sensor = z.infer<typeof sensorSchema>;

export const searchResultSchema = z.looseObject({
  type: z.enum(['host', 'segment', 'sensor', 'asset']),
  id: z.string(),
  label: z.string(),
  segment: z.string().optional().nullable(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const wallInfoSchema = z.looseObject({ label: z.string(), segments: z.array(z.string()) });
export type WallInfo = z.infer<typeof wallInfoSchema>;

export const seriesAnswerSchema = z.object({
  from: z.number(),
  to: z.number(),
  step: z.number().optional(),
  points: z.array(seriesPointSchema),
});

export const hostNoteSchema = z.looseObject({ at: z.number(), author: z.string(), text: z.string() });
export type HostNote = z.infer<typeof hostNoteSchema>;

/** `GET /api/hosts/:ip` with the notes (newest first) and the host's alerts (unresolved, and resolved in 7 days). */
export const hostAnswerSchema = hostDetailSchema.extend({
  notes: z.array(hostNoteSchema).default([]),
  alerts: z.array(alertSchema).default([]),
});
export type HostAnswer = z.infer<typeof hostAnswerSchema>;

export type AlertAction = 'ack' | 'escalate' | 'resolve' | 'snooze' | 'note' | 'release';
export type { Disposition } from '../../../shared/schemas/alert.js';

export interface AlertFilters {
  state?: string;
  segment?: string;
  detector?: string;
  owner?: string;
  escalated?: string;
  snoozed?: string;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const eventsAnswerSchema = z.object({
  events: z.array(z.object({ ref: z.string(), event: z.record(z.string(), z.unknown()).nullable() })),
});

export const api = {
  /** The events reasons' examples name, read back from their input stream (null: no longer held there). */
  events: (refs: readonly string[], signal?: AbortSignal) => {
    const q = new URLSearchParams();
    for (const ref of refs) q.append('ref', ref);
    return request(`/api/events?${q}`, eventsAnswerSchema, { signal }).then((a) => a.events);
  },
  alerts: (f: AlertFilters, signal?: AbortSignal) =>
    request(`/api/alerts${query({ ...f })}`, alertListSchema, { signal }).then((a) => a.alerts),
  alert: (id: string, signal?: AbortSignal) =>
    request(`/api/alerts/${encodeURIComponent(id)}`, alertDetailSchema, { signal }),
  bulk: (
    target: { ids: string[] } | { group: { segment?: string; detector?: string } },
    action: 'ack' | 'resolve' | 'escalate',
    note: string,
    extra: Record<string, unknown> = {},
  ) =>
    request('/api/alerts/bulk', bulkAnswerSchema, {
      method: 'POST',
      body: { ...target, action, note, ...extra },
    }),
  audit: (f: { alert?: string; actor?: string; from?: number; to?: number }, signal?: AbortSignal) =>
    request(
      `/api/audit${query({ ...f, format: 'json' })}`,
      z.object({ records: z.array(auditRecordSchema) }),
      {
        signal,
      },
    ).then((a) => a.records),
  rules: (signal?: AbortSignal) =>
    request('/api/rules', z.object({ rules: z.array(ruleSchema) }), { signal }).then((a) => a.rules),
  addRule: (rule: {
    entity?: string;
    detector?: string;
    segment?: string;
    reason: string;
    expiresAt: number;
  }) => request('/api/rules', z.looseObject({}), { method: 'POST', body: rule }),
  removeRule: (id: string) =>
    request(`/api/rules/${encodeURIComponent(id)}`, z.unknown(), { method: 'DELETE' }),
  sensors: (signal?: AbortSignal) =>
    request('/api/sensors', z.object({ sensors: z.array(sensorSchema) }), { signal }).then((a) => a.sensors),
  search: (q: string, signal?: AbortSignal) =>
    request(`/api/search${query({ q })}`, z.object({ results: z.array(searchResultSchema) }), {
      signal,
    }).then((a) => a.results),
  /** `step` seconds per point: events become per-second averages, the score the maximum. */
  series: (from: number, to: number, step: number, signal?: AbortSignal) =>
    request(`/api/series${query({ from, to, step: step > 1 ? step : undefined })}`, seriesAnswerSchema, {
      signal,
    }),
  host: (ip: string, signal?: AbortSignal) =>
    request(`/api/hosts/${encodeURIComponent(ip)}`, hostAnswerSchema, { signal }),
  hostNote: (ip: string, text: string) =>
    request(`/api/hosts/${encodeURIComponent(ip)}/notes`, z.object({ note: hostNoteSchema }), {
      method: 'POST',
      body: { text },
    }).then((a) => a.note),
};
