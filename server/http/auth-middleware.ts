/**
 * @module Request authentication (the session cookie, or an API token as `Authorization: Bearer wfa_…`), permission
 * checks through the one table (`shared/permissions.ts`), and the same-origin rule for state changes.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type Caller, callerMay, type Permission } from '../../shared/permissions.js';
import type { Role } from '../../shared/roles.js';
import { type ApiToken, type ApiTokenStore, tokenActor } from '../auth/api-tokens.js';
import { bearerOf, tokenKind } from '../auth/bearer.js';
import type { RateLimiter } from '../auth/rate-limit.js';
import { parseCookies, SESSION_COOKIE, type Session, type SessionStore } from '../auth/sessions.js';
import { AppError, forbidden, throttled, unauthenticated } from '../errors.js';

/** Who made a request: the audit trail's name for them (`token:NAME` for a token) and what they may do. */
export interface Principal extends Caller {
  name: string;
  session?: Session;
  token?: ApiToken;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The cookie's session, when the request carries a live one. */
    session?: Session;
    /** The caller: a session's user or an API token. */
    principal?: Principal;
  }
}

export interface AuthenticateDeps {
  sessions: SessionStore;
  apiTokens: ApiTokenStore;
  /** Each API token's own rate limit. */
  tokenRate: RateLimiter;
}

/**
 * Loads the caller. An API token (a Bearer of the `wfa_` kind) must be live, and is counted against its own rate
 * limit (429 past it) and noted as used; a Bearer of another kind is left to the route that expects it (the wall's
 * display token) and opens nothing else. Otherwise the session cookie, if any. Never refuses a request without one.
 */
export function authenticate(d: AuthenticateDeps): RequestHandler {
  return async (req, res, next) => {
    try {
      const bearer = bearerOf(req.headers);
      if (bearer !== null && tokenKind(bearer) === 'api') {
        const token = await d.apiTokens.verify(bearer);
        if (!token) throw unauthenticated('the API token is not valid (unknown, revoked or expired)');
        const wait = await d.tokenRate.hit(`api-token:${token.id}`);
        if (wait > 0) {
          res.setHeader('Retry-After', String(wait));
          throw throttled(`API token ${token.name} is over its rate limit; try again in ${wait} s`);
        }
        await d.apiTokens.touch(token.id, req.ip ?? 'unknown');
        req.principal = { kind: 'token', name: tokenActor(token.name), role: token.role, token };
        return next();
      }
      if (bearer !== null) return next();
      const session = await d.sessions.get(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
      if (session) {
        req.session = session;
        const kind = session.mustEnrol ? 'enrolment' : 'session';
        req.principal = { kind, name: session.username, role: session.role, session };
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Refuses a caller without `permission` in the one table: 401 when nobody is signed in, 403 otherwise. */
export function requirePermission(permission: Permission): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const p = req.principal;
    if (!p) return next(unauthenticated());
    if (!callerMay(p, permission)) {
      return next(
        p.kind === 'token' && callerMay({ kind: 'session', role: p.role }, permission)
          ? forbidden(`API tokens may not do this (${permission}); sign in`, {
              key: 'access.token_may_not',
              params: { permission },
            })
          : forbidden(`your role may not do this (${permission})`, {
              key: 'access.role_may_not',
              params: { role: p.role, permission },
            }),
      );
    }
    next();
  };
}

/** Refuses a request without a caller (401); any caller may go on (who am I). */
export const requireCaller: RequestHandler = (req, _res, next) =>
  next(req.principal ? undefined : unauthenticated());

/** The caller of a route behind `requirePermission`, as actions and the audit trail name them. */
export function callerOf(req: Request): { name: string; role: Role } {
  if (!req.principal) throw unauthenticated();
  return { name: req.principal.name, role: req.principal.role };
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
