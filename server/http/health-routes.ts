/** @module Liveness and readiness (open to all), and Prometheus metrics (the scrape token or an admin). */
import { Router } from 'express';
import { may } from '../../shared/permissions.js';
import { bearerOf, sameToken, tokenKind } from '../auth/bearer.js';
import { parseCookies, SESSION_COOKIE, type SessionStore } from '../auth/sessions.js';
import { forbidden, unauthenticated } from '../errors.js';
import type { Metrics } from '../metrics.js';

export interface HealthDeps {
  /** True when Redis answers PING. */
  redisAnswers: () => Promise<boolean>;
  metrics: Metrics;
  /** Wall clock of the consumer's last completed read (0 before the first). */
  lastReadAt: () => number;
  /** A consuming instance is ready only while its reads complete. */
  consuming: boolean;
  blockMs: number;
  /** `WF_METRICS_TOKEN`: a scraper sending it as `Authorization: Bearer` may read /metrics; null: admins only. */
  metricsToken: string | null;
  sessions: SessionStore;
}

export function healthRoutes(d: HealthDeps): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  r.get('/readyz', async (_req, res) => {
    const redisOk = await Promise.race([
      d.redisAnswers(),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000)),
    ]).catch(() => false);
    if (!d.consuming) {
      // a process that reads no input (score, web) is ready when Redis answers: no read to age
      res.status(redisOk ? 200 : 503).json({ ok: redisOk, redis: redisOk });
      return;
    }
    const age = Date.now() - d.lastReadAt();
    const consumingOk = age < d.blockMs * 3 + 2000;
    const ok = redisOk && consumingOk;
    res.status(ok ? 200 : 503).json({ ok, redis: redisOk, consuming: consumingOk, lastReadAgeMs: age });
  });
  // Metrics name ingest totals, entity and client counts and memory: the scrape token or an admin session only.
  r.get('/metrics', async (req, res) => {
    const presented = bearerOf(req.headers);
    if (presented !== null) {
      if (tokenKind(presented) !== 'metrics' || !d.metricsToken || !sameToken(presented, d.metricsToken)) {
        throw unauthenticated('the metrics scrape token is required');
      }
    } else {
      const session = await d.sessions.get(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
      if (!session) throw unauthenticated('send the metrics scrape token, or log in as an admin');
      if (!may(session.role, 'admin')) throw forbidden('metrics are for admins and the scraper');
    }
    res.type(d.metrics.registry.contentType).send(await d.metrics.registry.metrics());
  });
  return r;
}
