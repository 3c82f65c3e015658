/** @module Who is logged in: `GET /api/me` on load decides; login and logout go through here. */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Me } from '../../../shared/roles.js';
import { API, call } from '../lib/api.js';
import { ApiError, onUnauthenticated } from '../lib/request.js';

export type AuthState = { status: 'checking' } | { status: 'out' } | { status: 'in'; me: Me };

/** Signed in for the screens' data: not an enrolment-only session (a second factor required, not yet set up). */
export const hasData = (auth: AuthState): boolean => auth.status === 'in' && auth.me.mustEnrolTotp !== true;

export interface AuthContextValue {
  auth: AuthState;
  /** `totp`: the second factor, when the server answered `totp_required`. */
  login(username: string, password: string, totp?: string): Promise<Me>;
  logout(): Promise<void>;
  /** Asks the server again (after the socket was refused, for instance); true when still logged in. */
  recheck(): Promise<boolean>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [auth, setAuth] = useState<AuthState>({ status: 'checking' });
  const queryClient = useQueryClient();

  const recheck = useCallback(async () => {
    try {
      const me = await call(API.me, {}, { quiet401: true });
      setAuth((prev) => (prev.status === 'in' && sameUser(prev.me, me) ? prev : { status: 'in', me }));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setAuth({ status: 'out' });
        return false;
      }
      // Server unreachable: keep what we had; on first load, show the login page with the error there.
      setAuth((prev) => (prev.status === 'checking' ? { status: 'out' } : prev));
      return true;
    }
  }, []);

  useEffect(() => {
    // The wall runs on a display token, never on a session: do not ask (and do not log a 401).
    if (window.location.pathname.startsWith('/wall')) setAuth({ status: 'out' });
    else void recheck();
    return onUnauthenticated(() => setAuth({ status: 'out' }));
  }, [recheck]);

  const login = useCallback(async (username: string, password: string, totp?: string) => {
    const body = totp ? { username, password, totp } : { username, password };
    const me = await call(API.login, { body }, { quiet401: true });
    setAuth({ status: 'in', me });
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      const { redirect } = await call(API.logout, {}, { quiet401: true });
      // a single sign-on session ends at the provider too: it sends the browser back to the login page
      if (redirect) window.location.assign(redirect);
    } finally {
      setAuth({ status: 'out' });
      // nothing one user fetched is shown to the next
      queryClient.clear();
    }
  }, [queryClient]);

  const value = useMemo(() => ({ auth, login, logout, recheck }), [auth, login, logout, recheck]);
  return <AuthContext value={value}>{children}</AuthContext>;
}

function sameUser(a: Me, b: Me): boolean {
  return (
    a.username === b.username &&
    a.role === b.role &&
    a.mustEnrolTotp === b.mustEnrolTotp &&
    a.locale === b.locale
  );
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside <AuthProvider>');
  return value;
}
