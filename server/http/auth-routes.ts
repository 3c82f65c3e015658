/** @module `POST /api/login`, `POST /api/logout`, `GET /api/me`. */
import { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../alerts/audit.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { SESSION_COOKIE, type SessionStore } from '../auth/sessions.js';
import type { UserStore } from '../auth/users.js';
import { AppError, badRequest, unauthenticated } from '../errors.js';
import type { Logger } from '../logger.js';
import { requireRole } from './auth-middleware.js';

const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

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
  r.post('/login', async (req, res) => {
    const body = loginBody.safeParse(req.body);
    if (!body.success) throw badRequest('username and password are required');
    const { username, password } = body.data;
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
    res.json({ username: user.username, role: user.role });
  });

  r.post('/logout', async (req, res) => {
    if (req.session) await d.sessions.destroy(req.session.id);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.json({ ok: true });
  });

  r.get('/me', requireRole('operator'), (req, res) => {
    res.json({ username: req.session!.username, role: req.session!.role });
  });
  return r;
}
