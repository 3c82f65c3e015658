/** @module Threat-intelligence feeds (admin only): `GET /api/intel` (status) and `POST /api/intel/refresh`. */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { IntelFeeds } from '../intel/intel-feeds.js';
import { serve } from './route.js';

export function intelRoutes(feeds: IntelFeeds): Router {
  const r = Router();
  serve(r, API.intel, () => feeds.status());
  /** Reloads every feed now (ingest carries on meanwhile) and answers the status after it. */
  serve(r, API.intelRefresh, async () => {
    await feeds.refresh();
    return feeds.status();
  });
  return r;
}
