/** @module Roles, ordered by what they may do. */
import { z } from 'zod';
import { localeSchema } from './locale.js';

export const ROLES = ['operator', 'lead', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** True when `role` has at least the rights of `needed` (operator < lead < admin). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The role with the most rights among `roles` (operator < lead < admin), or null for none. */
export function highestRole(roles: readonly Role[]): Role | null {
  let best: Role | null = null;
  for (const r of roles) if (best === null || ROLES.indexOf(r) > ROLES.indexOf(best)) best = r;
  return best;
}

export const meSchema = z.object({
  username: z.string(),
  role: roleSchema,
  /** Signed in with the password alone where a second factor is required: enrol one before anything else. */
  mustEnrolTotp: z.boolean().optional(),
  /** The language the user chose for the screens; absent: the browser's. */
  locale: localeSchema.optional(),
});
export type Me = z.infer<typeof meSchema>;
