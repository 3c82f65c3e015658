/** @module Admin settings (thresholds, webhooks) and the webhook delivery log. */
import { Router } from 'express';
import type { AuditLog } from '../alerts/audit.js';
import type { Webhooks } from '../alerts/webhooks.js';
import type { SettingsStore } from '../settings.js';
import { requireRole } from './auth-middleware.js';

export interface SettingsRoutesDeps {
  settings: SettingsStore;
  webhooks: Webhooks;
  audit: AuditLog;
}

export function settingsRoutes(d: SettingsRoutesDeps): Router {
  const r = Router();
  r.get('/settings', requireRole('admin'), async (_req, res) => {
    res.json({ settings: await d.settings.refresh(true) });
  });
  r.put('/settings', requireRole('admin'), async (req, res) => {
    const before = await d.settings.refresh(true);
    const after = await d.settings.update(req.body);
    await d.audit.append({
      at: Date.now(),
      actor: req.session!.username,
      role: req.session!.role,
      action: 'settings.update',
      from: JSON.stringify(before),
      to: JSON.stringify(after),
    });
    res.json({ settings: after });
  });
  r.get('/webhooks/deliveries', requireRole('admin'), async (_req, res) => {
    res.json({ deliveries: await d.webhooks.deliveries() });
  });
  return r;
}
