/** @module Admin: users and display tokens, through the account service (audited; disabling ends connections). */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { AccountService } from '../auth/accounts.js';
import { callerOf as actorOf, requirePermission } from './auth-middleware.js';
import { serve } from './route.js';

export interface AdminRoutesDeps {
  accounts: AccountService;
}

export function adminRoutes({ accounts }: AdminRoutesDeps): Router {
  const r = Router();
  r.use(['/users', '/display-tokens'], requirePermission('admin'));

  const none = [] as const;
  serve(r, API.users, none, async () => ({ users: await accounts.listUsers() }));
  serve(r, API.addUser, none, async ({ body, req }) => ({
    user: await accounts.addUser(actorOf(req), body.username, body.role, body.password),
  }));
  serve(r, API.disableUser, none, async ({ params, req }) => ({
    ok: true as const,
    endedSessions: await accounts.disable(actorOf(req), String(params.name)),
  }));
  serve(r, API.enableUser, none, async ({ params, req }) => {
    await accounts.enable(actorOf(req), String(params.name));
    return { ok: true as const };
  });
  serve(r, API.setPassword, none, async ({ params, body, req }) => {
    await accounts.setPassword(actorOf(req), String(params.name), body.password);
    return { ok: true as const };
  });

  serve(r, API.tokens, none, async () => ({ tokens: await accounts.listTokens() }));
  serve(r, API.createToken, none, async ({ body, req }) => {
    const { secret, record, url } = await accounts.createToken(actorOf(req), body);
    return { token: record, secret, url };
  });
  serve(r, API.revokeToken, none, async ({ params, req }) => {
    await accounts.revokeToken(actorOf(req), String(params.id));
    return { ok: true as const };
  });
  return r;
}
