/** @module Dead-letter administration (admin only): `GET /api/dlq` and `POST /api/dlq/requeue`. */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { InputSource } from '../config.js';
import { DlqAdmin } from '../ingest/dlq-admin.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { requirePermission } from './auth-middleware.js';
import { serve } from './route.js';

export interface DlqRoutesDeps {
  redis: Redis;
  keys: Keys;
  /** Input streams (config.streams): where re-queued entries go and under which field. */
  sources: readonly InputSource[];
  /** Input lists (config.lists). @default none */
  lists?: readonly InputSource[];
}

export function dlqRoutes(d: DlqRoutesDeps): Router {
  const admin = new DlqAdmin(d);
  const r = Router();
  const guards = [requirePermission('admin')];
  /** `?reason=&cursor=&limit=` → `{items:[{id, source, entryId, reason, detail, raw, at}], nextCursor, total}`. */
  serve(r, API.dlq, guards, ({ query }) => admin.list(query));
  /** `{ids} | {reason} | {all: true}` → `{requeued, failed: [{id, message}]}`. */
  serve(r, API.requeue, guards, ({ body }) => admin.requeue(body));
  return r;
}
