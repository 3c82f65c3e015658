/**
 * @module Hand-off over HTTP: an alert's export (STIX 2.1 or MISP, as a download), its push to TheHive, and the pivot
 * link templates. Mounted before the alert router, whose `/alerts/:id/:action` would otherwise take `thehive`.
 */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { Pivot } from '../../shared/pivots.js';
import type { Handoff } from '../handoff/handoff-service.js';
import { callerOf } from './auth-middleware.js';
import { SENT, serve } from './route.js';

export interface HandoffRoutesDeps {
  handoff: Handoff;
  pivots: readonly Pivot[];
}

export function handoffRoutes(d: HandoffRoutesDeps): Router {
  const r = Router();

  serve(r, API.exportAlert, async ({ params, query, req, res }): Promise<typeof SENT> => {
    const { filename, body } = await d.handoff.export(String(params.id), query.format, callerOf(req));
    res
      .type('application/json')
      .attachment(filename)
      .send(JSON.stringify(body, null, 2));
    return SENT;
  });

  serve(r, API.theHive, async ({ params, req }) => d.handoff.pushToTheHive(String(params.id), callerOf(req)));

  serve(r, API.pivots, () => ({ pivots: [...d.pivots] }));
  return r;
}
