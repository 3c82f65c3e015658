/** @module Request authentication (session cookie), role checks and the same-origin rule for state changes. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { may, PERMISSIONS, type Permission } from '../../shared/permissions.js';
import { parseCookies, SESSION_COOKIE, type Session, type SessionStore } from '../auth/sessions.js';
import { AppError, forbidden, unauthenticated } from '../errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    session?: Session;
  }
}

/** Loads the session named by the cookie, if any; never refuses on its own. */
export function loadSession(sessions: SessionStore): RequestHandler {
  return async (req, _res, next) => {
    try {
      const session = await sessions.get(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
      if (session) req.session = session;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Refuses without a session (401) or without the permission (403), as the one authorization table says. */
export function requirePermission(permission: Permission): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.session) return next(unauthenticated());
    if (!may(req.session.role, permission)) return next(forbidden(`needs role ${PERMISSIONS[permission]}`));
    next();
  };
}

/** The origin this request was made to, as a browser would write it in `Origin`. */
export function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`;
}

/** Refuses state-changing requests whose `Origin` names another origin (CSRF). */
export function sameOriginForWrites(publicUrl: string): RequestHandler {
  const allowed = new URL(publicUrl).origin;
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const origin = req.headers.origin;
    if (origin && origin !== requestOrigin(req) && origin !== allowed) {
      return next(new AppError('forbidden', `cross-origin request from ${origin} refused`));
    }
    next();
  };
}
