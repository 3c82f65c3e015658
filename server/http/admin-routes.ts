/** @module Admin: users and display tokens. Disabling a user or revoking a token ends its connections at once. */
import { Router } from 'express';
import { z } from 'zod';
import { roleSchema } from '../../shared/roles.js';
import type { AuditLog } from '../alerts/audit.js';
import type { DisplayTokenStore } from '../auth/display-tokens.js';
import type { Kick } from '../auth/kick.js';
import type { SessionStore } from '../auth/sessions.js';
import type { UserStore } from '../auth/users.js';
import { badRequest } from '../errors.js';
import { requireRole } from './auth-middleware.js';

const newUser = z.object({ username: z.string(), role: roleSchema, password: z.string() });
const passwordBody = z.object({ password: z.string() });

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

  r.get('/users', async (_req, res) => {
    res.json({ users: await d.users.list() });
  });
  r.post('/users', async (req, res) => {
    const body = newUser.safeParse(req.body);
    if (!body.success) throw badRequest('username, role (operator|lead|admin) and password are required');
    const user = await d.users.add(body.data.username, body.data.role, body.data.password);
    await record(req, 'user.create', `${user.username} as ${user.role}`);
    res.status(201).json({ user });
  });
  r.post('/users/:name/disable', async (req, res) => {
    const name = String(req.params.name);
    await d.users.setDisabled(name, true);
    const ended = await d.sessions.destroyAll(name);
    await d.kick({ username: name });
    await record(req, 'user.disable', name);
    res.json({ ok: true, endedSessions: ended });
  });
  r.post('/users/:name/enable', async (req, res) => {
    const name = String(req.params.name);
    await d.users.setDisabled(name, false);
    await record(req, 'user.enable', name);
    res.json({ ok: true });
  });
  r.post('/users/:name/password', async (req, res) => {
    const name = String(req.params.name);
    const body = passwordBody.safeParse(req.body);
    if (!body.success) throw badRequest('password is required');
    await d.users.setPassword(name, body.data.password);
    await d.sessions.destroyAll(name);
    await d.kick({ username: name });
    await record(req, 'user.password', name);
    res.json({ ok: true });
  });

  r.get('/display-tokens', async (_req, res) => {
    res.json({ tokens: await d.tokens.list() });
  });
  r.post('/display-tokens', async (req, res) => {
    const { token, record: rec } = await d.tokens.create(req.body, req.session!.username);
    await record(req, 'display-token.create', `${rec.id} ${rec.label}`);
    res.status(201).json({ token: rec, secret: token, url: `${d.publicUrl}/wall?token=${token}` });
  });
  r.delete('/display-tokens/:id', async (req, res) => {
    const rec = await d.tokens.revoke(String(req.params.id));
    await d.kick({ tokenId: rec.id });
    await record(req, 'display-token.revoke', `${rec.id} ${rec.label}`);
    res.json({ ok: true });
  });
  return r;
}
