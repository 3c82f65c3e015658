/** @module Dead-letter administration (admin only): `GET /api/dlq` and `POST /api/dlq/requeue`. */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { DlqAdmin } from '../ingest/dlq-admin.js';
import { serve } from './route.js';

export function dlqRoutes(admin: DlqAdmin): Router {
  const r = Router();
  /** `?reason=&cursor=&limit=` → `{items:[{id, source, entryId, reason, detail, raw, at}], nextCursor, total}`. */
  serve(r, API.dlq, ({ query }) => admin.list(query));
  /** `{ids} | {reason} | {all: true}` → `{requeued, failed: [{id, message}]}`. */
  serve(r, API.requeue, ({ body }) => admin.requeue(body));
  return r;
}
