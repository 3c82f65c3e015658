/** @module Read-only data for the screens: stats, series history, host detail, example events, client configuration. */
import { Router } from 'express';
import { z } from 'zod';
import { canonicalIP } from '../../shared/ip.js';
import type { SeriesPoint } from '../../shared/schemas/frame.js';
import type { Stats } from '../../shared/schemas/stats.js';
import type { AlertStore } from '../alerts/alert-store.js';
import { bearerOf } from '../auth/bearer.js';
import type { DisplayTokenStore } from '../auth/display-tokens.js';
import { fieldOf, type InputSource } from '../config.js';
import { badRequest, unauthenticated } from '../errors.js';
import type { HostNotes } from '../host-notes.js';
import { decoderFor } from '../ingest/decoders/index.js';
import type { LiveState } from '../live-state.js';
import type { Redis } from '../redis/connections.js';
import type { HistoryStore } from '../scoring/history-store.js';
import { emptyPoint } from '../scoring/series.js';
import { requireRole } from './auth-middleware.js';

const DAY = 86_400_000;

const seriesQuery = z.object({
  segment: z.string().min(1).max(64).optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  /** Seconds per point (1–3600): events and bytes become per-second averages, score the maximum. @default 1 */
  step: z.coerce.number().int().min(1).max(3600).default(1),
});

export interface DataRoutesDeps {
  live: LiveState;
  history: HistoryStore;
  stats: () => Promise<Stats>;
  classification: { text: string; colour: string };
  tickMs: number;
  tokens: DisplayTokenStore;
  notes: HostNotes;
  alerts: AlertStore;
  /** For example events: read back from the input streams they came in on (while the stream still holds them). */
  redis: Redis;
  streams: readonly InputSource[];
  maxFutureMs: number;
  segmentOf: (ip: string) => string;
}

const refsQuery = z.array(z.string().min(1).max(300)).min(1).max(20);

export function dataRoutes(d: DataRoutesDeps): Router {
  const r = Router();

  /** Banner and tick for the client; served without a session (the login page shows the banner too). */
  r.get('/config', (_req, res) => {
    res.json({ classification: d.classification, tickMs: d.tickMs });
  });

  /** The wall's own identity, by `Authorization: Bearer <display token>`; the only route a token opens. */
  r.get('/wall', async (req, res) => {
    const presented = bearerOf(req.headers);
    const token = presented ? await d.tokens.verify(presented) : null;
    if (!token) throw unauthenticated('a valid display token is required');
    res.json({ label: token.label, segments: token.segments });
  });

  r.get('/stats', requireRole('operator'), async (_req, res) => {
    res.json(await d.stats());
  });

  r.get('/series', requireRole('operator'), async (req, res) => {
    const q = seriesQuery.safeParse(req.query);
    if (!q.success) throw badRequest(`${q.error.issues[0]!.path.join('.')}: ${q.error.issues[0]!.message}`);
    const to = q.data.to ?? Date.now();
    const from = q.data.from ?? to - 3_600_000;
    if (from >= to) throw badRequest('from must be before to');
    if (to - from > DAY) throw badRequest('at most 24 hours per request');
    const segments = q.data.segment ? [q.data.segment] : await d.history.segments();
    const points = (await Promise.all(segments.map((s) => d.history.read(s, from, to)))).flat();
    res.json({
      from,
      to,
      step: q.data.step,
      points: q.data.step > 1 ? downsample(points, q.data.step * 1000) : points,
    });
  });

  /**
   * The events a reason's `examples` name, decoded again from their input stream (`<stream>/<entry id>`); null for a
   * ref the stream no longer holds or that is a producer's event_id (not an address).
   */
  r.get('/events', requireRole('operator'), async (req, res) => {
    const raw = req.query.ref;
    const q = refsQuery.safeParse(Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]);
    if (!q.success) throw badRequest('ref: 1 to 20 event refs');
    const events = await Promise.all(
      q.data.map(async (ref) => {
        const cut = ref.lastIndexOf('/');
        const source = d.streams.find((s) => s.key === ref.slice(0, cut));
        const id = ref.slice(cut + 1);
        if (cut < 0 || !source || !/^\d+-\d+$/.test(id)) return { ref, event: null };
        const [entry] = await d.redis.xrange(source.key, id, id);
        if (!entry) return { ref, event: null };
        const ctx = {
          source: source.key,
          field: fieldOf(source),
          now: Date.now(),
          maxFutureMs: d.maxFutureMs,
          segmentOf: d.segmentOf,
        };
        const decoded = decoderFor(source.format)(entry[1], ctx);
        return { ref, event: decoded.ok === true ? decoded.event : null };
      }),
    );
    res.json({ events });
  });

  r.get('/hosts/:ip', requireRole('operator'), async (req, res) => {
    const ip = canonicalIP(String(req.params.ip));
    if (!ip) throw badRequest('not an IP address');
    const host = d.live.engine.host(ip);
    const [notes, unresolved, resolved] = await Promise.all([
      d.notes.list(ip),
      d.alerts.unresolved(),
      d.alerts.resolved(Date.now() - 7 * DAY),
    ]);
    const alerts = [...unresolved, ...resolved].filter((a) => a.entity.type === 'host' && a.entity.id === ip);
    res.json({ ip, host, notes, alerts });
  });

  r.post('/hosts/:ip/notes', requireRole('operator'), async (req, res) => {
    const ip = canonicalIP(String(req.params.ip));
    if (!ip) throw badRequest('not an IP address');
    res
      .status(201)
      .json({ note: await d.notes.add(ip, req.session!.username, (req.body as { text?: unknown })?.text) });
  });

  r.get('/sensors', requireRole('operator'), (_req, res) => {
    res.json({ sensors: d.live.sensors.list(Date.now()) });
  });

  /** IP (prefix), segment, sensor or asset name; at most 20 results, exact matches first. */
  r.get('/search', requireRole('operator'), (req, res) => {
    const q = z.string().trim().min(1).max(100).safeParse(req.query.q);
    if (!q.success) throw badRequest('q is required');
    res.json({ results: search(d.live, q.data.toLowerCase()) });
  });
  return r;
}

interface SearchResult {
  type: 'host' | 'segment' | 'sensor' | 'asset';
  id: string;
  label: string;
  segment?: string;
}

function search(live: LiveState, q: string): SearchResult[] {
  const out: SearchResult[] = [];
  const engine = live.engine;
  for (const s of engine.series.segments)
    if (s.toLowerCase().includes(q)) out.push({ type: 'segment', id: s, label: s });
  for (const s of live.sensors.list(Date.now())) {
    if (s.sensor.toLowerCase().includes(q))
      out.push({ type: 'sensor', id: s.sensor, label: s.sensor, segment: s.segment });
  }
  for (const h of engine.searchHosts(q, 20)) {
    out.push({
      type: h.name ? 'asset' : 'host',
      id: h.ip,
      label: h.name ? `${h.name} (${h.ip})` : h.ip,
      segment: h.segment,
    });
  }
  const exact = (r: SearchResult) => (r.id.toLowerCase() === q ? 0 : 1);
  return out.sort((a, b) => exact(a) - exact(b)).slice(0, 20);
}

/** Averages per-second points into `stepMs` buckets per segment (rates stay per second; score is the peak). */
export function downsample(points: readonly SeriesPoint[], stepMs: number): SeriesPoint[] {
  const out = new Map<string, SeriesPoint>();
  const n = stepMs / 1000;
  for (const p of points) {
    const t = p.t - (p.t % stepMs);
    const key = `${p.segment}\u0000${t}`;
    let o = out.get(key);
    if (!o) {
      o = emptyPoint(p.segment, t, false);
      out.set(key, o);
    }
    o.events += p.events / n;
    o.bytesOut += p.bytesOut / n;
    for (const k of Object.keys(o.byKind) as (keyof SeriesPoint['byKind'])[]) o.byKind[k] += p.byKind[k] / n;
    o.score = Math.max(o.score, p.score);
  }
  return [...out.values()].sort((a, b) => a.t - b.t);
}
