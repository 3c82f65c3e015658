/** @module Read-only data for the screens: stats, series history, host detail, client configuration. */
import { Router } from 'express';
import { z } from 'zod';
import { canonicalIP } from '../../shared/ip.js';
import type { Stats } from '../../shared/schemas/stats.js';
import type { DisplayTokenStore } from '../auth/display-tokens.js';
import { badRequest, unauthenticated } from '../errors.js';
import type { LiveState } from '../live-state.js';
import type { HistoryStore } from '../scoring/history-store.js';
import { requireRole } from './auth-middleware.js';

const DAY = 86_400_000;

const seriesQuery = z.object({
  segment: z.string().min(1).max(64).optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
});

export interface DataRoutesDeps {
  live: LiveState;
  history: HistoryStore;
  stats: () => Promise<Stats>;
  classification: { text: string; colour: string };
  tickMs: number;
  tokens: DisplayTokenStore;
}

export function dataRoutes(d: DataRoutesDeps): Router {
  const r = Router();

  /** Banner and tick for the client; served without a session (the login page shows the banner too). */
  r.get('/config', (_req, res) => {
    res.json({ classification: d.classification, tickMs: d.tickMs });
  });

  /** The wall's own identity, by `Authorization: Bearer <display token>`; the only route a token opens. */
  r.get('/wall', async (req, res) => {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const token = m ? await d.tokens.verify(m[1]) : null;
    if (!token) throw unauthenticated('a valid display token is required');
    res.json({ label: token.label, segments: token.segments });
  });

  r.get('/stats', requireRole('operator'), async (_req, res) => {
    res.json(await d.stats());
  });

  r.get('/series', requireRole('operator'), async (req, res) => {
    const q = seriesQuery.safeParse(req.query);
    if (!q.success) throw badRequest(`${q.error.issues[0]!.path.join('.')}: ${q.error.issues[0]!.message}`);
    const to = q.data.to ?? Date.now();
    const from = q.data.from ?? to - 3_600_000;
    if (from >= to) throw badRequest('from must be before to');
    if (to - from > DAY) throw badRequest('at most 24 hours per request');
    const segments = q.data.segment ? [q.data.segment] : await d.history.segments();
    const points = (await Promise.all(segments.map((s) => d.history.read(s, from, to)))).flat();
    res.json({ from, to, points });
  });

  r.get('/hosts/:ip', requireRole('operator'), (req, res) => {
    const ip = canonicalIP(String(req.params.ip));
    if (!ip) throw badRequest('not an IP address');
    const host = d.live.engine.host(ip);
    res.json({ ip, host });
  });
  return r;
}
