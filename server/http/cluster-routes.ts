/** @module The cluster's processes and partitions, for admins (`GET /api/cluster`). */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { Cluster } from '../../shared/schemas/cluster.js';
import { serve } from './route.js';

export function clusterRoutes(cluster: () => Promise<Cluster>): Router {
  const r = Router();
  serve(r, API.cluster, () => cluster());
  return r;
}
