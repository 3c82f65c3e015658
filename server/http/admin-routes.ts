/** @module Admin: users and display tokens. Disabling a user or revoking a token ends its connections at once. */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { AuditLog } from '../alerts/audit.js';
import type { DisplayTokenStore } from '../auth/display-tokens.js';
import type { Kick } from '../auth/kick.js';
import type { SessionStore } from '../auth/sessions.js';
import type { UserStore } from '../auth/users.js';
import { requireRole } from './auth-middleware.js';
import { serve } from './route.js';

export interface AdminRoutesDeps {
  users: UserStore;
  sessions: SessionStore;
  tokens: DisplayTokenStore;
  audit: AuditLog;
  kick: (k: Kick) => Promise<void>;
  publicUrl: string;
}

export function adminRoutes(d: AdminRoutesDeps): Router {
  const r = Router();
  r.use(['/users', '/display-tokens'], requireRole('admin'));
  const record = (req: { session?: { username: string; role: string } }, action: string, note?: string) =>
    d.audit.append({
      at: Date.now(),
      actor: req.session!.username,
      role: req.session!.role,
      action,
      ...(note ? { note } : {}),
    });

  const none = [] as const;
  serve(r, API.users, none, async () => ({ users: await d.users.list() }));
  serve(r, API.addUser, none, async ({ body, req }) => {
    const user = await d.users.add(body.username, body.role, body.password);
    await record(req, 'user.create', `${user.username} as ${user.role}`);
    return { user };
  });
  serve(r, API.disableUser, none, async ({ params, req }) => {
    const name = String(params.name);
    await d.users.setDisabled(name, true);
    const ended = await d.sessions.destroyAll(name);
    await d.kick({ username: name });
    await record(req, 'user.disable', name);
    return { ok: true as const, endedSessions: ended };
  });
  serve(r, API.enableUser, none, async ({ params, req }) => {
    const name = String(params.name);
    await d.users.setDisabled(name, false);
    await record(req, 'user.enable', name);
    return { ok: true as const };
  });
  serve(r, API.setPassword, none, async ({ params, body, req }) => {
    const name = String(params.name);
    await d.users.setPassword(name, body.password);
    await d.sessions.destroyAll(name);
    await d.kick({ username: name });
    await record(req, 'user.password', name);
    return { ok: true as const };
  });

  serve(r, API.tokens, none, async () => ({ tokens: await d.tokens.list() }));
  serve(r, API.createToken, none, async ({ body, req }) => {
    const { token, record: rec } = await d.tokens.create(body, req.session!.username);
    await record(req, 'display-token.create', `${rec.id} ${rec.label}`);
    return { token: rec, secret: token, url: `${d.publicUrl}/wall?token=${token}` };
  });
  serve(r, API.revokeToken, none, async ({ params, req }) => {
    const rec = await d.tokens.revoke(String(params.id));
    await d.kick({ tokenId: rec.id });
    await record(req, 'display-token.revoke', `${rec.id} ${rec.label}`);
    return { ok: true as const };
  });
  return r;
}
