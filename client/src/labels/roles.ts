/** @module A role as the screens print it (`role.<role>`; an unknown role as it is). */
import { i18n, t } from '../i18n/index.js';

export function roleName(role: string): string {
  return i18n.exists(`role.${role}`) ? t(`role.${role}`) : role;
}

/**
 * Who an audit record or a note names: the server's own (`system`, its role) in the screens' language, with no role
 * beside it ("sistema", not "system (sistema)"); a person by name, the role beside it.
 */
export function actorLabel(actor: string, role: string | undefined): { name: string; role: string | null } {
  if (role === 'system') return { name: roleName('system'), role: null };
  return { name: actor, role: role ? roleName(role) : null };
}
