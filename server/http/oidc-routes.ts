/**
 * @module Single sign-on's two browser navigations (redirects, not JSON, so outside the HTTP contract):
 * `GET /api/auth/oidc/login?next=` sends the browser to the provider with this sign-in's `state` bound to it in a
 * cookie; `GET /api/auth/oidc/callback` completes it, opens a session (role from the provider, a local disable
 * holds, never beyond the ID token's expiry plus the idle time) and goes on to `/login?next=…` (where the client's
 * one rule for `next` applies), or to `/login?sso=<reason>` when refused.
 */
import { type Request, type Response, Router } from 'express';
import type { AuditLog } from '../alerts/audit.js';
import type { AccountPolicyStore } from '../auth/account-policy.js';
import type { AccountService } from '../auth/accounts.js';
import { type OidcSignIn, SsoRefused } from '../auth/oidc.js';
import { parseCookies, SESSION_COOKIE, type SessionStore } from '../auth/sessions.js';
import type { UserStore } from '../auth/users.js';
import type { Logger } from '../logger.js';

export interface OidcRoutesDeps {
  oidc: OidcSignIn;
  users: UserStore;
  sessions: SessionStore;
  accounts: AccountService;
  policy: AccountPolicyStore;
  audit: AuditLog;
  secureCookies: boolean;
  sessionIdleMs: number;
  logger: Logger;
}

/** The cookie binding a sign-in in progress to the browser that started it (Lax: the provider sends it back). */
const FLOW_COOKIE = 'wf_oidc';
const FLOW_PATH = '/api/auth/oidc';

export function oidcRoutes(d: OidcRoutesDeps): Router {
  const r = Router();

  r.get('/auth/oidc/login', async (req: Request, res: Response) => {
    const next = typeof req.query.next === 'string' ? req.query.next.slice(0, 512) : '/';
    const { url, state } = await d.oidc.begin(next);
    res.cookie(FLOW_COOKIE, state, {
      httpOnly: true,
      sameSite: 'lax',
      secure: d.secureCookies,
      path: FLOW_PATH,
      maxAge: 600_000,
    });
    res.redirect(302, url);
  });

  r.get('/auth/oidc/callback', async (req: Request, res: Response) => {
    const address = req.ip ?? 'unknown';
    const bound = parseCookies(req.headers.cookie)[FLOW_COOKIE];
    res.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
    const callbackUrl = new URL(req.originalUrl, d.oidc.redirectUri);
    try {
      const identity = await d.oidc.complete(callbackUrl, bound);
      const before = await d.users.get(identity.username);
      const user = await d.users.signInExternal(identity.username, identity.role);
      if (typeof user === 'string') throw new SsoRefused(user, identity.username);
      const { secret, session } = await d.sessions.create(user.username, user.role, {
        via: 'oidc',
        address,
        userAgent: req.get('user-agent') ?? '',
        amr: identity.amr,
        idToken: identity.idToken,
        endsAt: identity.expiresAt + d.sessionIdleMs,
      });
      // the provider changed the user's role: sessions opened with the old one end (a demotion holds at once)
      const roleChanged = before !== null && before.role !== user.role;
      if (roleChanged || (await d.policy.get()).newLoginEndsOthers) {
        await d.accounts.endSessionsOf({ name: user.username, role: user.role }, user.username, session.id);
      }
      await d.audit.append({
        at: Date.now(),
        actor: user.username,
        role: user.role,
        action: 'login',
        note: `single sign-on from ${address}${identity.amr.length ? ` (${identity.amr.join(', ')})` : ''}`,
      });
      res.cookie(SESSION_COOKIE, secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: d.secureCookies,
        path: '/',
        maxAge: d.sessionIdleMs,
      });
      // A page, not a redirect: the strict session cookie is sent only on a navigation that starts on this site,
      // and the redirect chain started at the provider.
      const target = `/login?next=${encodeURIComponent(identity.next)}`;
      res
        .status(200)
        .type('html')
        .send(
          `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}">` +
            `<title>Signed in · Watchfloor</title><a href="${target}">Continue to Watchfloor</a>`,
        );
    } catch (err) {
      if (!(err instanceof SsoRefused)) throw err;
      d.logger.info({ reason: err.reason, username: err.username, address }, 'single sign-on refused');
      await d.audit.append({
        at: Date.now(),
        actor: err.username ?? 'unknown',
        role: 'unknown',
        action: 'login.refused',
        note: `single sign-on from ${address}: ${err.reason}`,
      });
      res.redirect(302, `/login?sso=${err.reason}`);
    }
  });
  return r;
}
