/**
 * @module The second factor over HTTP: each user's own (status, enrolment with a QR code shown once, confirmation
 * with the recovery codes shown once, removal with a current code) and an admin's reset. Every change is audited.
 */

import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { AuditAction } from '../../shared/schemas/audit.js';
import type { AuditLog } from '../alerts/audit.js';
import type { AccountPolicyStore } from '../auth/account-policy.js';
import type { AccountService } from '../auth/accounts.js';
import type { SessionStore } from '../auth/sessions.js';
import type { TotpStore } from '../auth/totp.js';
import type { UserStore } from '../auth/users.js';
import { badRequest, notFound } from '../errors.js';
import { callerOf } from './auth-middleware.js';
import { serve } from './route.js';

export interface TotpRoutesDeps {
  totp: TotpStore;
  policy: AccountPolicyStore;
  sessions: SessionStore;
  users: UserStore;
  accounts: AccountService;
  audit: AuditLog;
}

export function totpRoutes(d: TotpRoutesDeps): Router {
  const r = Router();
  const record = (actor: { name: string; role: string }, action: AuditAction, note: string) =>
    d.audit.append({ at: Date.now(), actor: actor.name, role: actor.role, action, note });

  serve(r, API.myTotp, async ({ req }) => {
    const { username, role } = req.session!;
    const [enrolled, policy, recoveryCodesLeft] = await Promise.all([
      d.totp.enrolled(username),
      d.policy.get(),
      d.totp.recoveryCodesLeft(username),
    ]);
    return { enrolled, required: policy.totpRequired.includes(role), recoveryCodesLeft };
  });

  serve(r, API.enrolTotp, async ({ req }) => {
    if (req.session!.via !== 'password') {
      throw badRequest('single sign-on accounts use the identity provider’s second factor', {
        key: 'totp.sso',
      });
    }
    return d.totp.begin(req.session!.username);
  });

  serve(r, API.confirmTotp, async ({ body, req }) => {
    const session = req.session!;
    const recoveryCodes = await d.totp.confirm(session.username, body.totp);
    await d.sessions.completeEnrolment(session.id);
    await record(callerOf(req), 'totp.enrol', `${recoveryCodes.length} recovery codes`);
    return { recoveryCodes };
  });

  serve(r, API.removeTotp, async ({ body, req }) => {
    const { username, role } = req.session!;
    if ((await d.policy.get()).totpRequired.includes(role)) {
      throw badRequest(`the sign-in policy requires a second factor for ${role}s; an admin can reset it`, {
        key: 'totp.required',
        params: { role },
      });
    }
    if ((await d.totp.verify(username, body.totp)) === null)
      throw badRequest('the code is not valid', { key: 'totp.invalid' });
    await d.totp.remove(username);
    await record(callerOf(req), 'totp.remove', username);
    return { ok: true as const };
  });

  serve(r, API.resetTotp, async ({ params, req }) => {
    const username = String(params.name);
    if (!(await d.users.get(username)))
      throw notFound(`no user ${username}`, { key: 'user.missing', params: { name: username } });
    await d.totp.remove(username);
    const endedSessions = await d.accounts.endSessionsOf(callerOf(req), username);
    await record(callerOf(req), 'totp.reset', username);
    return { ok: true as const, endedSessions };
  });
  return r;
}
