/** @module Admin: users and display tokens, through the account service (audited; disabling ends connections). */
import { Router } from 'express';
import { z } from 'zod';
import { roleSchema } from '../../shared/roles.js';
import type { AccountActor, AccountService } from '../auth/accounts.js';
import { badRequest } from '../errors.js';
import { requireRole } from './auth-middleware.js';

const newUser = z.object({ username: z.string(), role: roleSchema, password: z.string() });
const passwordBody = z.object({ password: z.string() });

export interface AdminRoutesDeps {
  accounts: AccountService;
}

const actorOf = (req: { session?: { username: string; role: AccountActor['role'] } }): AccountActor => ({
  name: req.session!.username,
  role: req.session!.role,
});

export function adminRoutes({ accounts }: AdminRoutesDeps): Router {
  const r = Router();
  r.use(['/users', '/display-tokens'], requireRole('admin'));

  r.get('/users', async (_req, res) => {
    res.json({ users: await accounts.listUsers() });
  });
  r.post('/users', async (req, res) => {
    const body = newUser.safeParse(req.body);
    if (!body.success) throw badRequest('username, role (operator|lead|admin) and password are required');
    const user = await accounts.addUser(actorOf(req), body.data.username, body.data.role, body.data.password);
    res.status(201).json({ user });
  });
  r.post('/users/:name/disable', async (req, res) => {
    res.json({ ok: true, endedSessions: await accounts.disable(actorOf(req), String(req.params.name)) });
  });
  r.post('/users/:name/enable', async (req, res) => {
    await accounts.enable(actorOf(req), String(req.params.name));
    res.json({ ok: true });
  });
  r.post('/users/:name/password', async (req, res) => {
    const body = passwordBody.safeParse(req.body);
    if (!body.success) throw badRequest('password is required');
    await accounts.setPassword(actorOf(req), String(req.params.name), body.data.password);
    res.json({ ok: true });
  });

  r.get('/display-tokens', async (_req, res) => {
    res.json({ tokens: await accounts.listTokens() });
  });
  r.post('/display-tokens', async (req, res) => {
    const { secret, record, url } = await accounts.createToken(actorOf(req), req.body);
    res.status(201).json({ token: record, secret, url });
  });
  r.delete('/display-tokens/:id', async (req, res) => {
    await accounts.revokeToken(actorOf(req), String(req.params.id));
    res.json({ ok: true });
  });
  return r;
}
