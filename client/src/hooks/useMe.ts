/**
 * @module The logged-in user and what their role may do, read from the server's own authorization table
 * (`shared/permissions.ts`); the server checks again on every request.
 */
import { may } from '../../../shared/permissions.js';
import type { Role } from '../../../shared/roles.js';
import { useAuth } from '../app/AuthProvider.js';

export interface MeView {
  username: string;
  role: Role | null;
  /** Alert actions, bulk, suppression rules. */
  canAct: boolean;
  /** Hand-off to TheHive. */
  canHandOff: boolean;
  /** The watchlist and saved hunts. */
  canWatch: boolean;
  isAdmin: boolean;
}

export function useMe(): MeView {
  const { auth } = useAuth();
  if (auth.status !== 'in')
    return { username: '', role: null, canAct: false, canHandOff: false, canWatch: false, isAdmin: false };
  return {
    username: auth.me.username,
    role: auth.me.role,
    canAct: may(auth.me.role, 'alerts.act'),
    canHandOff: may(auth.me.role, 'alerts.handoff'),
    canWatch: may(auth.me.role, 'watch.write'),
    isAdmin: may(auth.me.role, 'admin'),
  };
}
