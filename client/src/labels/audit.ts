/**
 * @module An audit record's action as the screens print it (`auditAction.<action>`; an unknown action as it is), and
 * what a webhook was sent for (`webhookEvent.<event>`).
 */
import { i18n, t } from '../i18n/index.js';

/** `alert.ack` → "acknowledged"; `user.create` → "created a user". */
export function auditActionName(action: string): string {
  const key = `auditAction.${action.replace(/[.-]/g, '_')}`;
  return i18n.exists(key) ? t(key) : action;
}

/** `alert.critical` → "new critical alert"; an unknown event as it is. */
export function webhookEventName(event: string): string {
  const key = `webhookEvent.${event.replace(/[.-]/g, '_')}`;
  return i18n.exists(key) ? t(key) : event;
}
