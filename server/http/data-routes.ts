/** @module Read-only data for the screens: stats, series history, host detail, example events, client configuration. */

import { Router } from 'express';
import { API } from '../../shared/contract.js';
import { canonicalIP } from '../../shared/ip.js';
import type { Alerting, HostDetail, PeersAnswer, SearchAnswer, Sensor } from '../../shared/schemas/api.js';
import type { Stats } from '../../shared/schemas/stats.js';
import type { AlertStore } from '../alerts/alert-store.js';
import type { AuditLog } from '../alerts/audit.js';
import { bearerOf } from '../auth/bearer.js';
import type { DisplayTokenStore } from '../auth/display-tokens.js';
import { badRequest, unauthenticated } from '../errors.js';
import type { HostNotes } from '../host-notes.js';
import type { EventLookup } from '../ingest/event-lookup.js';
import type { LiveState } from '../live-state.js';
import type { HistoryStore } from '../scoring/history-store.js';
import { peersAnswer } from '../scoring/peers.js';
import { searchLive } from '../search.js';
import type { SensorHistory } from '../sensor-history.js';
import { callerOf } from './auth-middleware.js';
import { serve } from './route.js';

const DAY = 86_400_000;

/** What is scored, wherever it is scored: this process's engine, or (`WF_ROLES` without `score`) the scorers'. */
export interface ScoredView {
  host(ip: string): Promise<HostDetail['host']>;
  sensors(now: number): Promise<Sensor[]>;
  search(q: string, now: number): Promise<SearchAnswer>;
  /** Hosts whose detectors' state names an address or a name (see server/scoring/peers.ts). */
  peers(q: string): Promise<PeersAnswer>;
}

/** This process's own live state as a {@link ScoredView}. */
export const localScored = (live: LiveState): ScoredView => ({
  host: async (ip) => live.engine.host(ip),
  sensors: async (now) => live.sensors.list(now),
  search: async (q, now) => searchLive(live, q, now),
  peers: async (q) => peersAnswer(q, await live.engine.hostsNaming(q)),
});

export interface DataRoutesDeps {
  scored: ScoredView;
  history: HistoryStore;
  sensorHistory: SensorHistory;
  stats: () => Promise<Stats>;
  classification: { text: string; colour: string };
  tickMs: number;
  tokens: DisplayTokenStore;
  notes: HostNotes;
  alerts: AlertStore;
  /** The thresholds and severity bands in force (the wall draws them). */
  alerting: () => Promise<Alerting>;
  /** Example events read back from the input streams they came in on (while the stream still holds them). */
  events: EventLookup;
  /** A host note is an action like an alert's: audited. */
  audit: AuditLog;
}

/** The canonical form of the `:ip` path parameter, or a 400. */
function ipParam(raw: string): string {
  const ip = canonicalIP(raw);
  if (!ip)
    throw badRequest('not an IP address', { key: 'request.not_ip', params: { value: raw.slice(0, 64) } });
  return ip;
}

export function dataRoutes(d: DataRoutesDeps): Router {
  const r = Router();

  /** Banner and tick for the client; served without a session (the login page shows the banner too). */
  serve(r, API.config, () => ({ classification: d.classification, tickMs: d.tickMs }));

  /** The wall's own identity, by `Authorization: Bearer <display token>`; the only route a token opens. */
  serve(r, API.wall, async ({ req }) => {
    const presented = bearerOf(req.headers);
    const token = presented ? await d.tokens.verify(presented) : null;
    if (!token) throw unauthenticated('a valid display token is required');
    return {
      label: token.label,
      ...(token.labelKey ? { labelKey: token.labelKey } : {}),
      segments: token.segments,
      alerting: await d.alerting(),
      ...(token.locale ? { locale: token.locale } : {}),
    };
  });

  serve(r, API.stats, () => d.stats());

  serve(r, API.series, async ({ query: q }) => {
    const to = q.to ?? Date.now();
    const from = q.from ?? to - 3_600_000;
    if (from >= to) throw badRequest('from must be before to');
    if (to - from > DAY) throw badRequest('at most 24 hours per request');
    const points = await d.history.range(q.segment, from, to, q.step);
    if (q.kinds) return { from, to, step: q.step, points };
    return {
      from,
      to,
      step: q.step,
      kinds: false as const,
      points: points.map(({ byKind: _, ...rates }) => rates),
    };
  });

  /** The events a reason's `examples` name, decoded again from their input stream; null where no longer held. */
  serve(r, API.events, async ({ query }) => ({ events: await d.events.read(query.ref) }));

  serve(r, API.host, async ({ params }) => {
    const ip = ipParam(params.ip);
    const [host, notes, unresolved, resolved] = await Promise.all([
      d.scored.host(ip),
      d.notes.list(ip),
      d.alerts.unresolved(),
      d.alerts.resolved(Date.now() - 7 * DAY),
    ]);
    const alerts = [...unresolved, ...resolved].filter((a) => a.entity.type === 'host' && a.entity.id === ip);
    return { ip, host, notes, alerts };
  });

  serve(r, API.addHostNote, async ({ params, body, req }) => {
    const ip = ipParam(params.ip);
    const { name, role } = callerOf(req);
    const note = await d.notes.add(ip, name, body.text);
    await d.audit.append({
      at: Date.now(),
      actor: name,
      role,
      action: 'host.note',
      note: `${ip}: ${body.text}`,
    });
    return { note };
  });

  serve(r, API.sensors, async () => ({ sensors: await d.scored.sensors(Date.now()) }));

  serve(r, API.sensorHistory, async ({ query: q }) => {
    const now = Date.now();
    const to = q.to ?? now;
    const from = q.from ?? to - 3_600_000;
    if (from >= to) throw badRequest('from must be before to');
    if (to - from > DAY) throw badRequest('at most 24 hours per request');
    return d.sensorHistory.read({ from, to, step: q.step, sensors: q.sensor, top: q.top, now });
  });

  /** IP (prefix), segment, sensor or asset name: the best SEARCH_LIMIT matches and the total. */
  serve(r, API.search, ({ query }) => d.scored.search(query.q.toLowerCase(), Date.now()));

  /** An outside address or a name: the hosts whose evidence names it (a C2 from a report, a domain). */
  serve(r, API.peers, ({ query }) => d.scored.peers(query.q));
  return r;
}
