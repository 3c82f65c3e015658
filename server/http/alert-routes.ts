/** @module Alerts over HTTP: list with filters, detail with history, actions, bulk actions, suppression rules. */
import { Router } from 'express';
import { z } from 'zod';
import { ALERT_STATES, type Alert } from '../../shared/schemas/alert.js';
import { isActionName, parseAction } from '../alerts/action-schemas.js';
import type { AlertService } from '../alerts/alert-service.js';
import type { AuditLog } from '../alerts/audit.js';
import type { RuleStore } from '../alerts/rules.js';
import type { Actor } from '../alerts/state-machine.js';
import { badRequest, notFound } from '../errors.js';
import { requireRole } from './auth-middleware.js';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const listQuery = z.object({
  state: z.enum(ALERT_STATES).optional(),
  segment: z.string().max(64).optional(),
  detector: z.string().max(64).optional(),
  owner: z.string().max(64).optional(),
  escalated: flag.optional(),
  snoozed: flag.optional(),
  /** Resolved alerts since (epoch ms); default the last 24 h. */
  since: z.coerce.number().int().nonnegative().optional(),
});

const bulkBody = z
  .object({
    ids: z.array(z.string().max(32)).max(1000).optional(),
    group: z
      .object({ segment: z.string().max(64).optional(), detector: z.string().max(64).optional() })
      .optional(),
    action: z.enum(['ack', 'escalate', 'resolve', 'snooze', 'release', 'note']),
  })
  .passthrough()
  .refine((b) => b.ids || b.group, 'bulk needs ids or a group');

export interface AlertRoutesDeps {
  alerts: AlertService;
  audit: AuditLog;
  rules: RuleStore;
}

const actorOf = (req: { session?: { username: string; role: Actor['role'] } }): Actor => ({
  name: req.session!.username,
  role: req.session!.role,
});

export function filterAlerts(alerts: Alert[], q: z.infer<typeof listQuery>, now: number): Alert[] {
  return alerts.filter(
    (a) =>
      (!q.state || a.state === q.state) &&
      (!q.segment || a.segment === q.segment) &&
      (!q.detector || a.detector === q.detector) &&
      (!q.owner || a.owner === q.owner) &&
      (q.escalated === undefined || a.escalated === q.escalated) &&
      (q.snoozed === undefined || isSnoozed(a, now) === q.snoozed),
  );
}

/** Snoozed until its time, or (with no time) until the score passes `snoozedAbove`: "1 h or until worse" ends at 1 h. */
export const isSnoozed = (a: Alert, now: number) =>
  a.snoozedUntil !== null ? a.snoozedUntil > now : a.snoozedAbove !== null;

export function alertRoutes(d: AlertRoutesDeps): Router {
  const r = Router();

  r.get('/alerts', requireRole('operator'), async (req, res) => {
    const q = listQuery.safeParse(req.query);
    if (!q.success) throw badRequest(`${q.error.issues[0]!.path.join('.')}: ${q.error.issues[0]!.message}`);
    const now = Date.now();
    const pool =
      q.data.state === 'resolved'
        ? await d.alerts.store.resolved(q.data.since ?? now - 86_400_000)
        : q.data.state
          ? await d.alerts.store.unresolved()
          : [
              ...(await d.alerts.store.unresolved()),
              ...(await d.alerts.store.resolved(q.data.since ?? now - 86_400_000)),
            ];
    res.json({ alerts: filterAlerts(pool, q.data, now) });
  });

  r.get('/alerts/:id', requireRole('operator'), async (req, res) => {
    const alert = await d.alerts.get(String(req.params.id));
    res.json({ alert, history: await d.audit.ofAlert(alert.id) });
  });

  r.post('/alerts/bulk', requireRole('lead'), async (req, res) => {
    const body = bulkBody.safeParse(req.body);
    if (!body.success) throw badRequest(body.error.issues[0]!.message);
    const action = parseAction(body.data.action, req.body);
    let ids = body.data.ids ?? [];
    if (body.data.group) {
      const g = body.data.group;
      ids = (await d.alerts.store.unresolved())
        .filter((a) => (!g.segment || a.segment === g.segment) && (!g.detector || a.detector === g.detector))
        .map((a) => a.id);
    }
    const result = await d.alerts.bulk(ids, action, actorOf(req));
    res.json({ alerts: result.done, failed: result.failed });
  });

  r.post('/alerts/:id/:action', requireRole('operator'), async (req, res) => {
    const name = String(req.params.action);
    if (!isActionName(name)) throw notFound(`no alert action ${name}`);
    const alert = await d.alerts.act(String(req.params.id), parseAction(name, req.body), actorOf(req));
    // a false positive suggests tuning: the rule the lead would most likely write, for one click in the UI
    if (alert.disposition === 'false_positive' && name === 'resolve') {
      res.json({ alert, suggestedRule: suggestRule(alert, Date.now()) });
      return;
    }
    res.json({ alert });
  });

  r.get('/rules', requireRole('operator'), async (_req, res) => {
    res.json({ rules: await d.rules.list() });
  });
  r.post('/rules', requireRole('lead'), async (req, res) => {
    res.status(201).json({ rule: await d.rules.create(req.body, actorOf(req)) });
  });
  r.delete('/rules/:id', requireRole('lead'), async (req, res) => {
    await d.rules.remove(String(req.params.id), actorOf(req));
    res.json({ ok: true });
  });
  return r;
}

/** The suppression rule a false positive suggests: this detector on this entity, for a week. */
export function suggestRule(alert: Alert, now: number) {
  return {
    entity: alert.entity.id,
    detector: alert.detector,
    segment: alert.segment,
    reason: `false positive: ${alert.detector} on ${alert.entity.id} (alert ${alert.id})`,
    expiresAt: now + 7 * 86_400_000,
  };
}
