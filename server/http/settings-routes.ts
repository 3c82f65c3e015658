/**
 * @module Admin settings (thresholds, webhooks), the alert rule the screens draw, and the webhook delivery log. The
 * admin's own views keep webhook URLs whole; the audit record of a change shows them without their secrets.
 */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { AuditLog } from '../alerts/audit.js';
import type { Webhooks } from '../alerts/webhooks.js';
import { type SettingsStore, settingsForAudit } from '../settings.js';
import { callerOf } from './auth-middleware.js';
import { serve } from './route.js';

export interface SettingsRoutesDeps {
  settings: SettingsStore;
  webhooks: Webhooks;
  audit: AuditLog;
}

export function settingsRoutes(d: SettingsRoutesDeps): Router {
  const r = Router();
  serve(r, API.settings, async () => ({ settings: await d.settings.refresh(true) }));
  serve(r, API.saveSettings, async ({ body, req }) => {
    const before = await d.settings.refresh(true);
    const after = await d.settings.update(body);
    await d.audit.append({
      at: Date.now(),
      actor: callerOf(req).name,
      role: callerOf(req).role,
      action: 'settings.update',
      from: JSON.stringify(settingsForAudit(before)),
      to: JSON.stringify(settingsForAudit(after)),
    });
    return { settings: after };
  });
  /** The thresholds and severity bands in force, for every signed-in screen (the wall gets them from /api/wall). */
  serve(r, API.alerting, async () => d.settings.alerting());
  serve(r, API.deliveries, async () => ({ deliveries: await d.webhooks.deliveries() }));
  return r;
}
