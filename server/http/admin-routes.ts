/** @module Admin: users and display tokens, through the account service (audited; disabling ends connections). */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { AccountActor, AccountService } from '../auth/accounts.js';
import { serve } from './route.js';

export interface AdminRoutesDeps {
  accounts: AccountService;
}

const actorOf = (req: { session?: { username: string; role: AccountActor['role'] } }): AccountActor => ({
  name: req.session!.username,
  role: req.session!.role,
});

export function adminRoutes({ accounts }: AdminRoutesDeps): Router {
  const r = Router();
  serve(r, API.users, async () => ({ users: await accounts.listUsers() }));
  serve(r, API.addUser, async ({ body, req }) => ({
    user: await accounts.addUser(actorOf(req), body.username, body.role, body.password),
  }));
  serve(r, API.disableUser, async ({ params, req }) => ({
    ok: true as const,
    endedSessions: await accounts.disable(actorOf(req), String(params.name)),
  }));
  serve(r, API.enableUser, async ({ params, req }) => {
    await accounts.enable(actorOf(req), String(params.name));
    return { ok: true as const };
  });
  serve(r, API.setPassword, async ({ params, body, req }) => {
    await accounts.setPassword(actorOf(req), String(params.name), body.password);
    return { ok: true as const };
  });

  serve(r, API.tokens, async () => ({ tokens: await accounts.listTokens() }));
  serve(r, API.createToken, async ({ body, req }) => {
    const { secret, record, url } = await accounts.createToken(actorOf(req), body);
    return { token: record, secret, url };
  });
  serve(r, API.revokeToken, async ({ params, req }) => {
    await accounts.revokeToken(actorOf(req), String(params.id));
    return { ok: true as const };
  });
  return r;
}
