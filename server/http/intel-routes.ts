/**
 * @module Threat-intelligence feeds and geo databases (admin only): `GET /api/intel` (status) and `POST
 * /api/intel/refresh` (every feed reloaded, every geo database read again if its file changed).
 */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { IntelStatus } from '../../shared/schemas/intel.js';
import type { AuditLog } from '../alerts/audit.js';
import type { GeoDatabases } from '../geo/geo-databases.js';
import type { IntelFeeds } from '../intel/intel-feeds.js';
import { callerOf } from './auth-middleware.js';
import { serve } from './route.js';

export function intelRoutes(feeds: IntelFeeds, audit: AuditLog, geo: GeoDatabases | null = null): Router {
  const r = Router();
  const status = (): IntelStatus => ({ ...feeds.status(), ...(geo ? { geo: geo.status() } : {}) });
  serve(r, API.intel, status);
  /** Reloads every feed and changed geo database now (ingest carries on meanwhile); answers the status after it. */
  serve(r, API.intelRefresh, async ({ req }) => {
    const { name, role } = callerOf(req);
    await audit.append({ at: Date.now(), actor: name, role, action: 'intel.refresh' });
    geo?.check();
    await feeds.refresh();
    return status();
  });
  return r;
}
