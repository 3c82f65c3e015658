/** @module The logged-in user and what their role may do (the server checks again on every request). */
import { type Role, roleAtLeast } from '../../../shared/roles.js';
import { useAuth } from '../app/AuthProvider.js';

export interface MeView {
  username: string;
  role: Role | null;
  /** Alert actions, bulk, suppression rules. */
  canAct: boolean;
  isAdmin: boolean;
}

export function useMe(): MeView {
  const { auth } = useAuth();
  if (auth.status !== 'in') return { username: '', role: null, canAct: false, isAdmin: false };
  return {
    username: auth.me.username,
    role: auth.me.role,
    canAct: roleAtLeast(auth.me.role, 'lead'),
    isAdmin: roleAtLeast(auth.me.role, 'admin'),
  };
}
