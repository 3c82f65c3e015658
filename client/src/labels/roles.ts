/** @module A role as the screens print it (`role.<role>`; anything else, such as `system`, as it is). */
import { i18n, t } from '../i18n/index.js';

export function roleName(role: string): string {
  return i18n.exists(`role.${role}`) ? t(`role.${role}`) : role;
}
