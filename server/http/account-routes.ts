/**
 * @module Accounts beyond users: API tokens (admin), sessions (an admin's list of all, and each user's own), the
 * sign-in policy (admin). Every change goes through the account service (audited; ended sessions lose their sockets).
 */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import { callerMay } from '../../shared/permissions.js';
import type { AuditLog } from '../alerts/audit.js';
import type { AccountPolicyStore } from '../auth/account-policy.js';
import type { AccountService } from '../auth/accounts.js';
import { sessionInfo } from '../auth/sessions.js';
import { notFound } from '../errors.js';
import { callerOf } from './auth-middleware.js';
import { serve } from './route.js';

export interface AccountRoutesDeps {
  accounts: AccountService;
  policy: AccountPolicyStore;
  audit: AuditLog;
}

export function accountRoutes({ accounts, policy, audit }: AccountRoutesDeps): Router {
  const r = Router();

  serve(r, API.apiTokens, async () => ({ tokens: await accounts.listApiTokens() }));
  serve(r, API.createApiToken, async ({ body, req }) => {
    const { secret, record } = await accounts.createApiToken(callerOf(req), body);
    return { token: record, secret };
  });
  serve(r, API.revokeApiToken, async ({ params, req }) => {
    await accounts.revokeApiToken(callerOf(req), String(params.id));
    return { ok: true as const };
  });

  serve(r, API.sessions, async ({ req }) => ({
    sessions: (await accounts.listSessions()).map((s) => sessionInfo(s, req.session?.id)),
  }));
  serve(r, API.mySessions, async ({ req }) => ({
    sessions: (await accounts.listSessions(req.session!.username)).map((s) =>
      sessionInfo(s, req.session?.id),
    ),
  }));
  /** An admin ends any session; anyone else only their own (another's is "not found", as if it did not exist). */
  serve(r, API.endSession, async ({ params, req }) => {
    const handle = String(params.id);
    const mine = (await accounts.listSessions(req.session!.username)).some((s) => s.id === handle);
    if (!mine && !callerMay(req.principal!, 'admin')) throw notFound(`no session ${handle}`);
    if (!(await accounts.endSession(callerOf(req), handle))) throw notFound(`no session ${handle}`);
    return { ok: true as const };
  });
  serve(r, API.endMySessions, async ({ body, req }) => {
    const keep = body.keepCurrent ? req.session!.id : undefined;
    const endedSessions = await accounts.endSessionsOf(callerOf(req), req.session!.username, keep);
    return { ok: true as const, endedSessions };
  });

  serve(r, API.accountPolicy, () => policy.get());
  serve(r, API.saveAccountPolicy, async ({ body, req }) => {
    const before = await policy.get();
    const after = await policy.update(body);
    const { name, role } = callerOf(req);
    await audit.append({
      at: Date.now(),
      actor: name,
      role,
      action: 'account-policy.update',
      from: JSON.stringify(before),
      to: JSON.stringify(after),
    });
    return after;
  });
  return r;
}
