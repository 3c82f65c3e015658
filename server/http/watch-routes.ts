/** @module The watchlist and saved hunts over HTTP: read by everyone, changed by leads (audited). */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import { HuntCounts, type HuntSources, type HuntStore, runHunt } from '../watch/hunts.js';
import type { WatchlistStore } from '../watch/watchlist.js';
import { callerOf } from './auth-middleware.js';
import { serve } from './route.js';

export interface WatchRoutesDeps {
  watchlist: WatchlistStore;
  hunts: HuntStore;
  sources: HuntSources;
}

export function watchRoutes(d: WatchRoutesDeps): Router {
  const r = Router();
  const counts = new HuntCounts(d.sources);
  serve(r, API.watchlist, async () => ({ entries: await d.watchlist.list() }));
  serve(r, API.addWatch, async ({ body, req }) => ({ entry: await d.watchlist.add(body, callerOf(req)) }));
  serve(r, API.removeWatch, async ({ params, req }) => {
    await d.watchlist.remove(String(params.id), callerOf(req));
    return { ok: true as const };
  });

  serve(r, API.hunts, async () => ({ hunts: await counts.list(await d.hunts.list(), Date.now()) }));
  serve(r, API.hunt, async ({ params }) => {
    const hunt = await d.hunts.get(String(params.id));
    return { hunt, ...(await runHunt(hunt, d.sources, Date.now())) };
  });
  serve(r, API.addHunt, async ({ body, req }) => ({ hunt: await d.hunts.create(body, callerOf(req)) }));
  serve(r, API.removeHunt, async ({ params, req }) => {
    await d.hunts.remove(String(params.id), callerOf(req));
    return { ok: true as const };
  });
  return r;
}
