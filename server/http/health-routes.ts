/** @module Liveness, readiness and Prometheus metrics. */
import { Router } from 'express';
import type { Metrics } from '../metrics.js';
import type { Redis } from '../redis/connections.js';

export interface HealthDeps {
  redis: Redis;
  metrics: Metrics;
  /** Wall clock of the consumer's last completed read (0 before the first). */
  lastReadAt: () => number;
  /** A consuming instance is ready only while its reads complete. */
  consuming: boolean;
  blockMs: number;
}

export function healthRoutes(d: HealthDeps): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  r.get('/readyz', async (_req, res) => {
    const redisOk = await Promise.race([
      d.redis.ping().then((p) => p === 'PONG'),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000)),
    ]).catch(() => false);
    const age = Date.now() - d.lastReadAt();
    const consumingOk = !d.consuming || age < d.blockMs * 3 + 2000;
    const ok = redisOk && consumingOk;
    res.status(ok ? 200 : 503).json({ ok, redis: redisOk, consuming: consumingOk, lastReadAgeMs: age });
  });
  r.get('/metrics', async (_req, res) => {
    res.type(d.metrics.registry.contentType).send(await d.metrics.registry.metrics());
  });
  return r;
}
