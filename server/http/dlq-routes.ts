/** @module Dead-letter administration (admin only): `GET /api/dlq` and `POST /api/dlq/requeue`. */
import { Router } from 'express';
import type { z } from 'zod';
import type { InputSource } from '../config.js';
import { badRequest } from '../errors.js';
import { DlqAdmin, dlqListQuery, requeueBody } from '../ingest/dlq-admin.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { requireRole } from './auth-middleware.js';

export interface DlqRoutesDeps {
  redis: Redis;
  keys: Keys;
  /** Input streams (config.streams): where re-queued entries go and under which field. */
  sources: readonly InputSource[];
  /** Input lists (config.lists). @default none */
  lists?: readonly InputSource[];
}

const describe = (e: z.ZodError) =>
  e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

export function dlqRoutes(d: DlqRoutesDeps): Router {
  const admin = new DlqAdmin(d);
  const r = Router();
  r.use('/dlq', requireRole('admin'));

  /** `?reason=&cursor=&limit=` → `{items:[{id, source, entryId, reason, detail, raw, at}], nextCursor, total}`. */
  r.get('/dlq', async (req, res) => {
    const q = dlqListQuery.safeParse(req.query);
    if (!q.success) throw badRequest(describe(q.error));
    res.json(await admin.list(q.data));
  });

  /** `{ids} | {reason} | {all: true}` → `{requeued, failed: [{id, message}]}`. */
  r.post('/dlq/requeue', async (req, res) => {
    const body = requeueBody.safeParse(req.body ?? {});
    if (!body.success) throw badRequest(describe(body.error));
    res.json(await admin.requeue(body.data));
  });
  return r;
}
