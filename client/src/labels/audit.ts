/** @module An audit record's action as the screens print it (`auditAction.<action>`; an unknown action as it is). */
import { i18n, t } from '../i18n/index.js';

/** `alert.ack` → "acknowledged"; `user.create` → "created a user". */
export function auditActionName(action: string): string {
  const key = `auditAction.${action.replace(/[.-]/g, '_')}`;
  return i18n.exists(key) ? t(key) : action;
}
