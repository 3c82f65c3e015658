/** @module Alerts over HTTP: list with filters, detail with history, actions, bulk actions, suppression rules. */
import { Router } from 'express';
import { attackOfAlert, techniqueMatches } from '../../shared/attack.js';
import { API } from '../../shared/contract.js';
import { type Alert, isSnoozed } from '../../shared/schemas/alert.js';
import type { AlertListQuery } from '../../shared/schemas/alert-api.js';
import { isActionName, parseAction } from '../alerts/action-schemas.js';
import type { AlertService } from '../alerts/alert-service.js';
import type { AuditLog } from '../alerts/audit.js';
import { type RuleStore, suggestRule } from '../alerts/rules.js';
import { notFound } from '../errors.js';
import { callerOf as actorOf } from './auth-middleware.js';
import { serve } from './route.js';

export interface AlertRoutesDeps {
  alerts: AlertService;
  audit: AuditLog;
  rules: RuleStore;
}

export function filterAlerts(alerts: Alert[], q: AlertListQuery, now: number): Alert[] {
  return alerts.filter(
    (a) =>
      (!q.state || a.state === q.state) &&
      (!q.segment || a.segment === q.segment) &&
      (!q.detector || a.detector === q.detector) &&
      (!q.owner || a.owner === q.owner) &&
      (q.escalated === undefined || a.escalated === q.escalated) &&
      (q.snoozed === undefined || isSnoozed(a, now) === q.snoozed) &&
      (!(q.technique || q.tactic) || attackMatches(a, q)),
  );
}

function attackMatches(a: Alert, q: AlertListQuery): boolean {
  const { techniques, tactics } = attackOfAlert(a);
  return (
    (!q.technique || techniques.some((t) => techniqueMatches(q.technique!, t))) &&
    (!q.tactic || tactics.includes(q.tactic))
  );
}

export function alertRoutes(d: AlertRoutesDeps): Router {
  const r = Router();

  serve(r, API.alerts, async ({ query: q }) => {
    const now = Date.now();
    const pool =
      q.state === 'resolved'
        ? await d.alerts.store.resolved(q.since ?? now - 86_400_000)
        : q.state
          ? await d.alerts.store.unresolved()
          : [
              ...(await d.alerts.store.unresolved()),
              ...(await d.alerts.store.resolved(q.since ?? now - 86_400_000)),
            ];
    return { alerts: filterAlerts(pool, q, now) };
  });

  serve(r, API.alert, async ({ params }) => {
    const alert = await d.alerts.get(String(params.id));
    return { alert, history: await d.audit.ofAlert(alert.id) };
  });

  serve(r, API.bulk, async ({ body, req }) => {
    const action = parseAction(body.action, body);
    let ids = body.ids ?? [];
    if (body.group) {
      const g = body.group;
      ids = (await d.alerts.store.unresolved())
        .filter((a) => (!g.segment || a.segment === g.segment) && (!g.detector || a.detector === g.detector))
        .map((a) => a.id);
    }
    const result = await d.alerts.bulk(ids, action, actorOf(req));
    return { alerts: result.done, failed: result.failed };
  });

  serve(r, API.alertAction, async ({ params, body, req }) => {
    const name = String(params.action);
    if (!isActionName(name))
      throw notFound(`no alert action ${name}`, { key: 'alert.no_action', params: { action: name } });
    const alert = await d.alerts.act(String(params.id), parseAction(name, body), actorOf(req));
    // a false positive suggests tuning: the rule the lead would most likely write, for one click in the UI
    if (alert.disposition === 'false_positive' && name === 'resolve') {
      return { alert, suggestedRule: suggestRule(alert, Date.now()) };
    }
    return { alert };
  });

  serve(r, API.rules, async () => ({ rules: await d.rules.list() }));
  serve(r, API.addRule, async ({ body, req }) => ({ rule: await d.rules.create(body, actorOf(req)) }));
  serve(r, API.removeRule, async ({ params, req }) => {
    await d.rules.remove(String(params.id), actorOf(req));
    return { ok: true as const };
  });
  return r;
}
