/** @module Dead-letter administration (admin only): `GET /api/dlq` and `POST /api/dlq/requeue`. */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { DlqAdmin } from '../ingest/dlq-admin.js';
import { requireRole } from './auth-middleware.js';
import { serve } from './route.js';

export function dlqRoutes(admin: DlqAdmin): Router {
  const r = Router();
  const guards = [requireRole('admin')];
  /** `?reason=&cursor=&limit=` → `{items:[{id, source, entryId, reason, detail, raw, at}], nextCursor, total}`. */
  serve(r, API.dlq, guards, ({ query }) => admin.list(query));
  /** `{ids} | {reason} | {all: true}` → `{requeued, failed: [{id, message}]}`. */
  serve(r, API.requeue, guards, ({ body }) => admin.requeue(body));
  return r;
}
