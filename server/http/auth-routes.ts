/** @module `POST /api/login`, `POST /api/logout`, `GET /api/me`. */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { AuditLog } from '../alerts/audit.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { SESSION_COOKIE, type SessionStore } from '../auth/sessions.js';
import type { UserStore } from '../auth/users.js';
import { AppError, unauthenticated } from '../errors.js';
import type { Logger } from '../logger.js';
import { serve } from './route.js';

export interface AuthRoutesDeps {
  users: UserStore;
  sessions: SessionStore;
  throttle: LoginThrottle;
  audit: AuditLog;
  secureCookies: boolean;
  sessionIdleMs: number;
  logger: Logger;
}

export function authRoutes(d: AuthRoutesDeps): Router {
  const r = Router();
  serve(r, API.login, async ({ body, req, res }) => {
    const { username, password } = body;
    const address = req.ip ?? 'unknown';
    const wait = await d.throttle.attempt(address, username);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new AppError('throttled', `too many failed logins; try again in ${wait} s`);
    }
    const user = await d.users.verify(username, password);
    if (!user) {
      d.logger.info({ username, address }, 'failed login');
      await d.audit.append({
        at: Date.now(),
        actor: username,
        role: 'unknown',
        action: 'login.failed',
        note: `from ${address}`,
      });
      throw unauthenticated('invalid username or password');
    }
    await d.throttle.succeed(address, username);
    const session = await d.sessions.create(user.username, user.role);
    res.cookie(SESSION_COOKIE, session.id, {
      httpOnly: true,
      sameSite: 'strict',
      secure: d.secureCookies,
      path: '/',
      maxAge: d.sessionIdleMs,
    });
    d.logger.info({ username, role: user.role }, 'login');
    await d.audit.append({
      at: Date.now(),
      actor: username,
      role: user.role,
      action: 'login',
      note: `from ${address}`,
    });
    return { username: user.username, role: user.role };
  });

  serve(r, API.logout, async ({ req, res }) => {
    if (req.session) await d.sessions.destroy(req.session.id);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  serve(r, API.me, ({ req }) => ({
    username: req.session!.username,
    role: req.session!.role,
  }));
  return r;
}
