/**
 * @module The written handover over HTTP: read it (anyone who reads the data), write the summary and the watch-for
 * items, hand the shift over (leads). Each change is told to the screens at once (the wall shows what was chosen).
 */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import type { HandoverStore } from '../handover-store.js';
import { callerOf } from './auth-middleware.js';
import { serve } from './route.js';

export interface HandoverRoutesDeps {
  store: HandoverStore;
  /** The handover changed (the wall's part may have). */
  onChange(): void;
}

export function handoverRoutes(d: HandoverRoutesDeps): Router {
  const r = Router();
  serve(r, API.handover, () => d.store.read());

  serve(r, API.saveHandoverSummary, async ({ body, req }) => {
    const draft = await d.store.saveSummary(body, callerOf(req));
    d.onChange();
    return { draft };
  });

  serve(r, API.addWatchItem, async ({ body, req }) => {
    const item = await d.store.addItem(body, callerOf(req));
    d.onChange();
    return { item };
  });

  serve(r, API.updateWatchItem, async ({ params, body, req }) => {
    const item = await d.store.setOnWall(String(params.id), body.onWall, callerOf(req));
    d.onChange();
    return { item };
  });

  serve(r, API.closeWatchItem, async ({ params, req }) => {
    await d.store.closeItem(String(params.id), callerOf(req));
    d.onChange();
    return { ok: true as const };
  });

  serve(r, API.handOver, async ({ body, req }) => {
    const answer = await d.store.handOver(body.version, callerOf(req));
    d.onChange();
    return answer;
  });
  return r;
}
