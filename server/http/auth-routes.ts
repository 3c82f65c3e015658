/**
 * @module `POST /api/login` (password, then the second factor where the account has one: 401 `totp_required` until the
 * body carries `totp`), `POST /api/logout`, `GET /api/me`.
 */
import { type Request, Router } from 'express';
import { API } from '../../shared/contract.js';
import { may } from '../../shared/permissions.js';
import type { AuditLog } from '../alerts/audit.js';
import type { AccountPolicyStore } from '../auth/account-policy.js';
import type { AccountService } from '../auth/accounts.js';
import type { Kick } from '../auth/kick.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { OidcSignIn } from '../auth/oidc.js';
import type { SecondFactorGate } from '../auth/second-factor.js';
import { SESSION_COOKIE, type SessionStore } from '../auth/sessions.js';
import type { UserStore } from '../auth/users.js';
import { AppError, forbidden, unauthenticated } from '../errors.js';
import type { Logger } from '../logger.js';
import { callerOf } from './auth-middleware.js';
import { serve } from './route.js';

export interface AuthRoutesDeps {
  users: UserStore;
  sessions: SessionStore;
  throttle: LoginThrottle;
  secondFactor: SecondFactorGate;
  audit: AuditLog;
  accounts: AccountService;
  /** Closes an ended session's sockets on every instance. */
  kick: (k: Kick) => Promise<void>;
  policy: AccountPolicyStore;
  secureCookies: boolean;
  /** Single sign-on, when configured. */
  oidc: OidcSignIn | null;
  /** `WF_LOCAL_LOGIN`: local passwords for all, for admins only (break glass), or off. */
  localLogin: 'all' | 'admin' | 'off';
  sessionIdleMs: number;
  logger: Logger;
}

export function authRoutes(d: AuthRoutesDeps): Router {
  const r = Router();
  serve(r, API.login, async ({ body, req, res }) => {
    const { username, password, totp } = body;
    const address = req.ip ?? 'unknown';
    if (d.localLogin === 'off')
      throw forbidden('local passwords are off here; sign in with single sign-on', {
        key: 'login.local_off',
      });
    const wait = await d.throttle.attempt(address, username);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new AppError('throttled', `too many failed logins; try again in ${wait} s`, {
        key: 'login.throttled',
        params: { seconds: wait },
      });
    }
    const verified = await d.users.verify(username, password);
    // Where local passwords are for break-glass admins only, anyone else's right password is answered as a wrong one
    // (and counted by the throttle as one): a different answer would confirm the passwords it will not let in.
    const user = verified && (d.localLogin !== 'admin' || may(verified.role, 'admin')) ? verified : null;
    if (!user) {
      d.logger.info({ username, address }, 'failed login');
      await d.audit.append({
        at: Date.now(),
        actor: username,
        role: 'unknown',
        action: 'login.failed',
        note: `from ${address}${verified ? ', not a break-glass admin' : ''}`,
      });
      throw unauthenticated('invalid username or password', { key: 'login.invalid' });
    }
    await d.throttle.succeed(address, username);
    const step = await d.secondFactor.check(user, totp, address);
    const { secret, session } = await d.sessions.create(user.username, user.role, {
      via: 'password',
      address,
      userAgent: req.get('user-agent') ?? '',
      ...step,
    });
    if ((await d.policy.get()).newLoginEndsOthers) {
      await d.accounts.endSessionsOf({ name: user.username, role: user.role }, user.username, session.id);
    }
    res.cookie(SESSION_COOKIE, secret, {
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
      note: `from ${address}${step.amr.length ? ` with ${step.amr.join(', ')}` : ''}`,
    });
    return {
      username: user.username,
      role: user.role,
      ...(step.mustEnrol ? { mustEnrolTotp: true } : {}),
      ...(user.locale ? { locale: user.locale } : {}),
    };
  });

  serve(r, API.logout, async ({ req, res }) => {
    const session = req.session;
    if (session) {
      await d.sessions.destroy(session.id);
      // its screens in other tabs and windows stop at once, not at their next request
      await d.kick({ sessionId: session.id });
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    // a single sign-on session also ends at the provider (RP-initiated logout)
    const redirect = session?.idToken && d.oidc ? await d.oidc.logoutUrl(session.idToken) : null;
    return redirect ? { ok: true as const, redirect } : { ok: true as const };
  });

  serve(r, API.signIn, () => ({ sso: d.oidc !== null, local: d.localLogin }));

  serve(r, API.me, async ({ req }) => me(req));

  /** A person's own language (a session's user; an API token has none to set). */
  serve(r, API.setMyLocale, async ({ body, req }) => {
    await d.users.setLocale(req.session!.username, body.locale);
    return me(req);
  });

  /** Who the caller is, with the language their user chose (an API token's name is no user: none). */
  async function me(req: Request) {
    const { name, role } = callerOf(req);
    const locale = req.session ? (await d.users.get(req.session.username))?.locale : undefined;
    return {
      username: name,
      role,
      ...(req.principal?.kind === 'enrolment' ? { mustEnrolTotp: true } : {}),
      ...(locale ? { locale } : {}),
    };
  }
  return r;
}
